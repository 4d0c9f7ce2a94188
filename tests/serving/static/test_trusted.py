"""A rebuild trusts what the last build proved of the catalogs (#15): a ``.mo`` whose stamp is
the one recorded is not validated again, a ``.po``'s digest and markers are not computed again;
a file whose stamp changed is checked as the service checks it, and the tree is a full build's.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from medloc import catalog
from medloc.catalog import MoCatalog
from medloc.project import Project
from medloc.serving.static import BuildOptions, build
from medloc.serving.static.manifest import read_manifest
from medloc.serving.web import create_app
from medloc.serving.web.config import project_settings
from medloc.serving.web.loading import load_catalog
from medloc.tags import LocaleTag
from webproject import build as write_project

ES = Path("locales/es/LC_MESSAGES")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "project")
    list(Project(root).compile())
    return root


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the calls of :meth:`MoCatalog.validate` (the real one runs)."""
    calls: list[int] = []
    real = MoCatalog.validate

    def counting(self: MoCatalog) -> None:
        calls.append(1)
        real(self)

    monkeypatch.setattr(MoCatalog, "validate", counting)
    yield calls


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def mo_files(project: Path) -> list[Path]:
    return sorted((project / "locales").glob("*/LC_MESSAGES/*.mo"))


def last_translation(mo: Path) -> int:
    """The offset of the last message's translation (not the header: read at construction)."""
    data = mo.read_bytes()
    count, _originals, translations = struct.unpack_from("<3I", data, 8)
    _length, offset = struct.unpack_from("<2I", data, translations + 8 * (count - 1))
    return int(offset)


def corrupt(mo: Path, *, keep_stamp: bool) -> None:
    """A byte that is not UTF-8 in a translation, written in place (same inode and size);
    with ``keep_stamp``, the modification time put back as it was."""
    before = mo.stat()
    with mo.open("r+b") as handle:
        handle.seek(last_translation(mo))
        handle.write(b"\xff")
    mtime = before.st_mtime_ns if keep_stamp else before.st_mtime_ns + 2_000_000_000
    os.utime(mo, ns=(before.st_atime_ns, mtime))


def test_a_load_records_its_proofs_and_trusts_them_for_the_same_stamp(project: Path) -> None:
    locales, es = project / "locales", LocaleTag("es")
    mo, po = project / ES / "articles.mo", project / ES / "articles.po"
    first = load_catalog(locales, es, "articles")
    proofs = dict(first.proofs)
    assert proofs[str(mo)].valid and proofs[str(mo)].ordered
    assert proofs[str(po)].digest == catalog.source_digest(po.read_bytes())
    assert proofs[str(po)].marks == frozenset()
    corrupt(mo, keep_stamp=True)
    checked = load_catalog(locales, es, "articles")
    assert checked.state.source == "po" and "not valid UTF-8" in str(checked.state.warning)
    trusted = load_catalog(locales, es, "articles", known=proofs)
    assert (trusted.state.source, trusted.state.warning) == ("mo", None)
    assert dict(trusted.proofs) == proofs


def test_a_changed_stamp_is_checked_again(project: Path) -> None:
    locales, es = project / "locales", LocaleTag("es")
    mo = project / ES / "articles.mo"
    proofs = dict(load_catalog(locales, es, "articles").proofs)
    corrupt(mo, keep_stamp=False)
    loaded = load_catalog(locales, es, "articles", known=proofs)
    assert loaded.state.source == "po" and "not valid UTF-8" in str(loaded.state.warning)
    assert str(mo) not in dict(loaded.proofs)


def test_the_service_validates_every_mo(project: Path, validated: list[int]) -> None:
    create_app(project_settings(project, reload_interval=0, warm=False))
    assert len(validated) == len(mo_files(project))


def test_a_rebuild_validates_only_the_changed_mo(
    project: Path, tmp_path: Path, validated: list[int]
) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    assert len(validated) == len(mo_files(project))
    assert {p for p in read_manifest(out).proofs} >= {str(p) for p in mo_files(project)}
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    validated.clear()
    build(BuildOptions(project, out))
    assert validated == []
    po = project / ES / "articles.po"
    po.write_text(po.read_text().replace('msgstr "Riesgos"', 'msgstr "Los riesgos"'))
    before = {p: p.stat().st_ino for p in mo_files(project)}
    list(Project(project).compile())  # every .mo a new file; the same bytes but one
    assert all(p.stat().st_ino != ino for p, ino in before.items())
    build(BuildOptions(project, out))
    assert len(validated) == 1
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_a_rebuild_catches_a_corrupt_mo(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert not build(BuildOptions(project, out)).problems
    corrupt(project / ES / "articles.mo", keep_stamp=False)
    report = build(BuildOptions(project, out))
    assert any("articles.mo" in p and "not valid UTF-8" in p for p in report.problems)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def full_tree(project: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build(BuildOptions(project, out))
    return tree(out / "site")
