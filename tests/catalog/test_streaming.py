"""update, compile and check work catalog by catalog and entry by entry: the merged catalog
and its whole text are never built, and the bytes written are those of the whole-catalog
functions (``po_text(update_catalog(...))``), byte for byte."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from medloc import catalog as catalogs
from medloc.catalog import _merge, _read, _write
from medloc.project import Project
from medloc.qa import _scan
from medloc.qa.gate import run_gate

EDITS = [
    ("Thermal rhizotomy", "Radiofrequency rhizotomy"),  # many messages change: fuzzy
    ("## ", "## Part: "),  # every heading changes
]


def _edit(root: Path, old: str, new: str) -> None:
    for article in sorted((root / "content" / "articles").glob("*.md")):
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace(old, new), encoding="utf-8")


def _expected(project: Project) -> dict[Path, bytes]:
    """What updating gives, by the whole-catalog functions."""
    templates = project.templates()
    out = {}
    for locale in project.locales():
        for domain, template in templates.items():
            path = project.po_path(locale, domain)
            merged = catalogs.update_catalog(project.read_catalog(path), template)
            out[path] = catalogs.po_text(merged).encode("utf-8")
    return out


def _no_whole_catalogs(monkeypatch: pytest.MonkeyPatch, *, text: bool = True) -> None:
    """Building a merged catalog (or, with ``text``, the whole text of any catalog) fails."""

    def whole(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a whole merged catalog was built")

    monkeypatch.setattr(_merge.Merger, "merge", whole)
    if text:
        monkeypatch.setattr(catalogs, "po_text", whole)


@pytest.mark.parametrize("edit", EDITS, ids=["text", "headings"])
def test_text_updater_writes_what_po_text_of_the_merge_writes(
    project_copy: Path, edit: tuple[str, str]
) -> None:
    project = Project(project_copy)
    _edit(project_copy, *edit)
    for domain in ("articles", "messages"):
        project.save_template(domain, project.extract(domain))
    templates = project.templates()
    for domain, template in templates.items():
        text_of = catalogs.text_updater(template)
        entries_of = catalogs.entry_updater(template)
        cache = catalogs.RenderCache()
        for locale in project.locales():
            po = project.read_catalog(project.po_path(locale, domain))
            merged = catalogs.update_catalog(po, template)
            assert "".join(text_of(po, cache)) == catalogs.po_text(merged)
            assert "".join(text_of(po, None)) == catalogs.po_text(merged)
            streamed = list(entries_of(po))
            assert [str(e) for e in streamed] == [str(e) for e in merged]


def test_update_streams_and_writes_the_same_bytes(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project(project_copy)
    _edit(project_copy, *EDITS[0])
    project.save_template("articles", project.extract("articles"))
    expected = _expected(project)
    _no_whole_catalogs(monkeypatch)
    for jobs in (1, 2):
        results = dict(project.update(jobs=jobs))
        assert {path.read_bytes() for path in expected} == set(expected.values())
        assert all(path.read_bytes() == data for path, data in expected.items())
        # the first run changed the articles' catalogs, the second nothing
        assert any(results.values()) is (jobs == 1)


def test_an_unchanged_catalog_is_not_rewritten(project_copy: Path) -> None:
    project = Project(project_copy)
    list(project.update(jobs=1))
    before = {p: os.stat(p) for p in expected_paths(project)}
    assert not any(changed for _path, changed in project.update(jobs=1))
    for path, stat in before.items():
        now = os.stat(path)
        assert (now.st_ino, now.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
    leftovers = list((project_copy / "locales").rglob(".*.tmp"))
    assert leftovers == []


def expected_paths(project: Project) -> list[Path]:
    return [project.po_path(loc, d) for loc in project.locales() for d in ("articles", "messages")]


def test_compile_streams_the_mo_and_check_compares_it_as_read(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project(project_copy)
    for domain in ("articles", "messages"):
        project.save_template(domain, project.extract(domain))
    list(project.update(jobs=1))
    assert all(c.error is None for c in project.compile(jobs=1))
    mo = project.mo_path("es", "articles")
    written = mo.read_bytes()
    po = project.read_catalog(project.po_path("es", "articles"))
    po.metadata[catalogs.SOURCE_FIELD] = catalogs.source_digest(
        project.po_path("es", "articles").read_bytes()
    )
    buffer = io.BytesIO()
    catalogs.compile_mo(po, buffer)
    assert buffer.getvalue() == written
    _no_whole_catalogs(monkeypatch, text=False)  # a template may be extracted and written
    report = run_gate(project_copy, jobs=1)
    assert not [f for f in report.findings if f.code in ("stale-mo", "out-of-date")]
    mo.write_bytes(written[:-8] + b"\0" * 8)  # one translation changed in the .mo
    report = run_gate(project_copy, locales=["es"], jobs=1)
    assert [f.path for f in report.findings if f.code == "stale-mo"] == [
        "locales/es/LC_MESSAGES/articles.po"
    ]


def test_extract_writes_the_sealed_template_without_its_whole_text(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """save_template writes seal(po_text(template)) byte for byte, piece by piece: neither
    the whole text nor the sealed one is built (po_text and seal monkeypatched to fail)."""
    project = Project(project_copy)
    _edit(project_copy, *EDITS[1])
    pot = project.extract("articles")
    expected = catalogs.seal(catalogs.po_text(pot)).encode("utf-8")
    _no_whole_catalogs(monkeypatch)
    monkeypatch.setattr(catalogs, "seal", catalogs.po_text)  # fails too
    assert project.save_template("articles", pot)
    assert project.pot_path("articles").read_bytes() == expected
    assert catalogs.sealed(expected, project.content_digest("articles"))
    assert not project.save_template("articles", project.extract("articles"))  # unchanged


@pytest.mark.parametrize("seed", range(5))
def test_texts_are_compared_piece_by_piece(seed: int) -> None:
    """same_messages compares the two catalogs' texts as they are written: whatever the
    pieces, equal texts are equal and a text that differs anywhere differs."""
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 12)))
        other = text if rng.random() < 0.5 else "".join(rng.choice("ab\n") for _ in range(9))

        def pieces(value: str) -> list[str]:
            cuts = sorted(rng.sample(range(len(value) + 1), min(3, len(value) + 1)))
            return [value[a:b] for a, b in zip([0, *cuts], [*cuts, len(value)], strict=True)]

        assert _write._same_text(iter(pieces(text)), iter(pieces(other))) is (text == other)


DAMAGE = [
    ("", ""),  # as committed: read in slices
    ('"Plural-Forms: ', '"Plural-Forms: nplurals=9; '),  # a wrong header field, at its line
    ("msgstr ", "#-#-#-#-#  x  #-#-#-#-#\nmsgstr "),  # a conflict marker: read whole
    ("msgstr ", '#| msgid "cut\nmsgstr '),  # a broken previous-text line: read whole
    ("\nmsgctxt ", '\n#| msgid "Old text."\nmsgctxt '),  # a sound one: read in slices
    ("Content-Type: text/plain; charset=UTF-8", "Content-Type: text/plain"),
]


@pytest.mark.parametrize("damage", DAMAGE, ids=["clean", "plural", "marker", "cut", "prev", "utf8"])
def test_check_reads_catalogs_in_blocks_with_the_same_findings(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, damage: tuple[str, str]
) -> None:
    """The gate scans a catalog's bytes a few at a time (markers, UTF-8, the header fields'
    lines) and reads it in slices: the findings are those of reading its text whole (every
    file made to look as if it held a conflict marker), a non-UTF-8 file included."""
    po = project_copy / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(*damage, 1) if damage[0] else text, encoding="utf-8")
    for bad_byte in (False, True):
        if bad_byte:
            po.write_bytes(po.read_bytes().replace("é".encode(), b"\xe9", 1))
        with monkeypatch.context() as whole:
            whole.setattr(_scan, "_WHOLE_TEXT", (b"",))  # in every file: read whole
            expected = run_gate(project_copy, locales=["es"], jobs=1)
        assert any(f.code == "charset" for f in expected.findings) is (
            bad_byte or damage[0].startswith("Content-Type")
        )
        for block, size in ((5, 64), (1 << 20, 1 << 20)):
            monkeypatch.setattr(_scan, "BLOCK", block)
            monkeypatch.setattr(_read, "SLICE", size)
            assert run_gate(project_copy, locales=["es"], jobs=1) == expected
