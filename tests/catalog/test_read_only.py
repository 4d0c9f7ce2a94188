"""Catalogs read inside medloc.catalog.read_only_entries (what `medloc check` does): the same
entries, field for field, with their empty flags, references and plural translations one
shared object that refuses every change."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from medloc import catalog as catalogs
from medloc.catalog import _read
from medloc.catalog._compact import FIELDS
from medloc.qa.gate import run_gate

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locales" / "es" / "LC_MESSAGES" / "articles.po"
TWO = 'msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\n'
"""A header and an entry (the reader reads the first entry of a text line by line, with
fields of its own, and the others whole)."""


def _fields(po: catalogs.Catalog) -> list[tuple[object, ...]]:
    return [tuple(getattr(entry, name) for name in FIELDS) for entry in po]


def _read_both(text: str) -> list[catalogs.Catalog]:
    return [catalogs.parse_po(text, path="x.po"), catalogs.read_po(io.StringIO(text), path="x.po")]


def test_read_only_entries_are_the_same_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_read, "SLICE", 4096)  # read_po: many slices
    text = CATALOG.read_text(encoding="utf-8")
    text += '\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] "muchos"\n'
    text += '\n#, fuzzy\nmsgid "bare"\nmsgstr ""\n'  # no reference, a flag
    fresh = _read_both(text)
    with catalogs.read_only_entries():
        shared = _read_both(text)
    for before, after in zip(fresh, shared, strict=True):
        assert _fields(after) == _fields(before)
        assert catalogs.po_text(after) == catalogs.po_text(before)
        assert after.metadata == before.metadata
    for po in shared:  # one object for every entry read whole (obsolete ones go by lines)
        live = [entry for entry in po if not entry.obsolete]
        assert len({id(entry.flags) for entry in live if not entry.flags}) == 1
        assert len({id(entry.msgstr_plural) for entry in live if not entry.msgid_plural}) == 1
    assert len({id(entry.flags) for entry in fresh[0] if not entry.flags}) > 1
    plural = next(entry for entry in shared[0] if entry.msgid_plural)
    plural.msgstr_plural[1] = "varios"  # what an entry holds is its own
    plural.flags = ["fuzzy"]  # and a field can be given a new value


def test_a_shared_empty_field_refuses_every_change() -> None:
    with catalogs.read_only_entries():
        entry = catalogs.parse_po(TWO, path="x.po")[0]
    changes = [
        lambda: entry.flags.append("fuzzy"),
        lambda: entry.flags.extend(["fuzzy"]),
        lambda: entry.flags.insert(0, "fuzzy"),
        lambda: entry.occurrences.append(("a.md", "1")),
        lambda: entry.msgstr_plural.update({0: "x"}),
        lambda: entry.msgstr_plural.setdefault(0, "x"),
    ]
    for change in changes:
        with pytest.raises(TypeError, match="read_only_entries"):
            change()
    flags = entry.flags
    with pytest.raises(TypeError):
        flags += ["fuzzy"]
    with pytest.raises(TypeError):
        entry.msgstr_plural[0] = "x"
    assert entry.flags == [] and entry.occurrences == [] and entry.msgstr_plural == {}


def test_the_setting_ends_with_its_block_and_with_the_gate(project_copy: Path) -> None:
    text = TWO
    with catalogs.read_only_entries():
        with catalogs.read_only_entries():
            pass
        inner = catalogs.parse_po(text, path="x.po")[0]  # the outer block still holds
    assert type(inner.flags) is not list
    run_gate(project_copy, jobs=1, extract=False)
    after = catalogs.parse_po(text, path="x.po")[0]
    assert type(after.flags) is list and type(after.msgstr_plural) is dict
    after.flags.append("fuzzy")  # a catalog read outside is the caller's to change
