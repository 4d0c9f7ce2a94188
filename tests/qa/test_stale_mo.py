"""The stale-mo check's fast path: a ``.mo`` that ``medloc compile`` wrote from the very bytes
of its ``.po`` (its header records their digest) is recognised by its bytes, without reading
its messages back; anything else is still compared message by message, with the same
verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from medloc import catalog as catalogs
from medloc.project import Project
from medloc.qa import catalog as file_checks
from medloc.qa.gate import run_gate


def _no_reading_back(*args: object, **kwargs: object) -> list[tuple[str, int]]:
    raise AssertionError("the .mo's messages were read back")


def _compiled(root: Path) -> tuple[bytes, bytes]:
    """(the es articles catalog's bytes, its .mo as medloc compile writes it)."""
    project = Project(root)
    assert all(c.error is None for c in project.compile(["es"], jobs=1))
    return (
        project.po_path("es", "articles").read_bytes(),
        project.mo_path("es", "articles").read_bytes(),
    )


def _stale(po: catalogs.Catalog, mo: bytes, source: str | None) -> list[str]:
    found = file_checks.stale_mo(po, mo, "es.po", "es.mo", "es", source=source)
    return [f.message for f in found]


def test_a_mo_compiled_from_these_bytes_is_current_without_reading_it_back(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, mo = _compiled(project_copy)
    po = catalogs.parse_po(data.decode("utf-8"), path="es.po")
    metadata = dict(po.metadata)
    assert _stale(po, mo, None) == []  # read back: current
    monkeypatch.setattr(file_checks, "mo_mismatches", _no_reading_back)
    assert _stale(po, mo, catalogs.source_digest(data)) == []
    assert po.metadata == metadata  # the catalog is left as it was
    assert list(po.metadata) == list(metadata)


def test_the_fast_path_changes_no_verdict(project_copy: Path) -> None:
    data, mo = _compiled(project_copy)
    po = catalogs.parse_po(data.decode("utf-8"), path="es.po")
    edited_text = data.decode("utf-8").replace('msgstr "Riesgos', 'msgstr "Peligros', 1)
    assert edited_text != data.decode("utf-8")
    edited = catalogs.parse_po(edited_text, path="es.po")
    cases = [
        (po, mo, data, False),
        (po, mo[:-8] + b"\0" * 8, data, True),  # a translation changed in the .mo
        (edited, mo, edited_text.encode("utf-8"), True),  # the .po changed since
        (po, b"", data, True),  # unreadable
    ]
    for catalog, compiled, source_bytes, stale in cases:
        fast = _stale(catalog, compiled, catalogs.source_digest(source_bytes))
        slow = _stale(catalog, compiled, None)
        assert fast == slow
        assert bool(fast) is stale


def test_the_gate_gives_the_digest(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(c.error is None for c in Project(project_copy).compile(jobs=1))
    monkeypatch.setattr(file_checks, "mo_mismatches", _no_reading_back)
    report = run_gate(project_copy, jobs=1, extract=False)
    assert not [f for f in report.findings if f.code == "stale-mo"]
