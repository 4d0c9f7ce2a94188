"""The content digest a template records (:mod:`medloc.catalog`'s ``content_digest``,
``seal``, ``sealed``) and what feeds it (:meth:`medloc.project.Project.content_digest`)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po as babel_read_po
from babel.messages.pofile import write_po as babel_write_po
from gatedemo import article
from medloc import catalog as catalogs
from medloc import project as project_module
from medloc.project import Project

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden" / "digest.expect.pot"
DATE = "2026-01-01 00:00+0000"

ARTICLE = article("""\
## What is it? {#what-is-it}

Relief lasts 6 to 12 months.

## Risks {#risks role=risks}

- Do not drive for 24 hours.
""")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setattr(project_module, "_now", lambda: DATE)
    root = tmp_path / "demo"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "articles" / "demo.md").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    (root / "service").mkdir()
    return Project(root)


def _written(project: Project) -> bytes:
    project.save_template("articles", project.extract("articles"))
    return project.pot_path("articles").read_bytes()


def test_golden_template_with_its_digest(project: Project) -> None:
    """The template as written: the header ends with the digest field, sealed."""
    data = _written(project)
    if os.environ.get("MEDLOC_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()
    assert b'\n"X-Medloc-Content-Digest: ' in data.split(b"\n\n")[0]
    assert catalogs.sealed(data, project.content_digest("articles"))


def test_the_field_holds_the_content_digest_in_memory_and_the_seal_on_disk(
    project: Project,
) -> None:
    pot = project.extract("articles")
    digest = project.content_digest("articles")
    assert pot.metadata[catalogs.DIGEST_FIELD] == digest
    text = catalogs.po_text(pot)
    sealed = catalogs.seal(text)
    assert sealed != text and len(sealed) == len(text)
    assert catalogs.sealed(sealed.encode(), digest)
    assert not catalogs.sealed(text.encode(), digest)  # the unsealed text proves nothing
    assert not catalogs.sealed(sealed.encode(), "0" * 64)
    edited = sealed.replace("Relief lasts", "Relief often lasts")
    assert not catalogs.sealed(edited.encode(), digest)
    assert catalogs.seal('msgid ""\nmsgstr ""\n') == 'msgid ""\nmsgstr ""\n'


def test_the_digest_follows_what_extraction_reads(project: Project) -> None:
    root = project.root
    first = project.content_digest("articles")
    assert project.content_digest("articles") == first  # deterministic
    changes = [
        (root / "content" / "articles" / "demo.md", ARTICLE.replace("12 months", "1 year")),
        (root / "content" / "articles" / "new.md", ARTICLE.replace("demo", "new")),
        (root / "babel.cfg", (ROOT / "babel.cfg").read_text() + "\n# a comment\n"),
        (root / "medloc.toml", '[roles]\nextra = ["aftercare"]\n'),
    ]
    seen = {first}
    for path, text in changes:
        path.write_text(text, encoding="utf-8")
        digest = project.content_digest("articles")
        assert digest not in seen, path.name
        seen.add(digest)


def test_files_extraction_does_not_read_do_not_count(project: Project) -> None:
    root = project.root
    first = project.content_digest("articles")
    (root / "content" / "notes.txt").write_text("not mapped by babel.cfg", encoding="utf-8")
    (root / "content" / ".drafts").mkdir()
    (root / "content" / ".drafts" / "draft.md").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "_private").mkdir()
    (root / "content" / "_private" / "x.md").write_text(ARTICLE, encoding="utf-8")
    (root / "medloc.toml").write_text("[review]\nrequired = false\n", encoding="utf-8")
    assert project.content_digest("articles") == first


def test_the_rules_version_counts(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = project.content_digest("articles")
    monkeypatch.setattr("medloc.source.extract.RULES_VERSION", 10**6)
    assert project.content_digest("articles") != first


def test_polib_keeps_the_field_and_babel_drops_it(project: Project) -> None:
    """polib (and so Poedit's and medloc's own reader) keeps the field through a round trip;
    Babel's reader drops unknown header fields: a template rewritten by ``pybabel`` has no
    digest, and ``medloc check`` then extracts (tests/qa/test_gate_digest.py)."""
    data = _written(project)
    text = data.decode()
    po = polib.pofile(text)
    value = po.metadata[catalogs.DIGEST_FIELD]
    assert polib.pofile(str(po)).metadata[catalogs.DIGEST_FIELD] == value
    assert (
        catalogs.read_po(io.StringIO(text), path="x.pot").metadata[catalogs.DIGEST_FIELD] == value
    )
    rewritten = io.BytesIO()
    babel_write_po(rewritten, babel_read_po(io.BytesIO(data)))
    assert b"X-Medloc-Content-Digest" not in rewritten.getvalue()


def test_the_digest_stays_in_the_template(project: Project) -> None:
    """A locale's catalog gets its own header from init and update: never the digest."""
    _written(project)
    project.save_template("messages", project.extract("messages"))
    project.init("es")
    (project.root / "content" / "articles" / "demo.md").write_text(
        ARTICLE.replace("12 months", "1 year"), encoding="utf-8"
    )
    project.save_template("articles", project.extract("articles"))
    assert [changed for _path, changed in project.update(["es"], jobs=1)]
    for domain in ("articles", "messages"):
        text = project.po_path("es", domain).read_text(encoding="utf-8")
        assert catalogs.DIGEST_FIELD not in text
