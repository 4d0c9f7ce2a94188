"""Omissions in safety text: the learned ratio table matches the catalogs; cut text is caught."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
from click.testing import CliRunner
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.comments import role_of
from medloc.qa import Entry, check_entry
from medloc.qa._ratios import RATIOS
from medloc.qa.omission import compare, learn_ratios, threshold
from medloc.roles import is_safety

ROOT = Path(__file__).resolve().parents[2]

SOURCE = (
    "Rare risks include infection, bleeding and numbness. Call your provider at once if you"
    " have a fever. Tell them about every medicine you take."
)
FULL_ES = (
    "Los riesgos poco frecuentes incluyen infección, sangrado y entumecimiento. Llame a su"
    " profesional de inmediato si tiene fiebre. Infórmele de todos los medicamentos que toma."
)


def test_ratio_table_is_what_the_shipped_catalogs_give() -> None:
    pairs = []
    for folder in sorted((ROOT / "locales").iterdir()):
        if folder.is_dir():
            po = polib.pofile(str(folder / "LC_MESSAGES" / "articles.po"))
            pairs += [
                (folder.name, e.msgid, e.msgstr)
                for e in po
                if e.msgstr and not e.obsolete and "fuzzy" not in e.flags and not e.msgid_plural
            ]
    assert learn_ratios(pairs) == RATIOS


def test_threshold_has_a_floor_and_a_ceiling() -> None:
    assert 0.15 <= threshold("zh_Hans") < threshold("es") <= 0.75


def test_full_translation_passes_cut_one_fails() -> None:
    assert compare(SOURCE, FULL_ES, "es") is None
    cut = "Los riesgos poco frecuentes incluyen infección."
    message = compare(SOURCE, cut, "es")
    assert message is not None and "sentences" in message


def test_omission_is_an_error_in_safety_text_only() -> None:
    cut = "Los riesgos poco frecuentes incluyen infección."
    base = dict(msgid=SOURCE, msgstr=cut, locale="es", path="p", line=3)
    risks = {f.code: f.severity for f in check_entry(Entry(**base, role="risks"))}  # type: ignore[arg-type]
    faq = {f.code for f in check_entry(Entry(**base, role="faq"))}  # type: ignore[arg-type]
    assert risks.get("safety-omission") == "error"
    assert "safety-omission" not in faq and "length" in faq


def _first_sentence(text: str) -> str:
    """The translation cut after its first sentence, in the locale's punctuation."""
    found = re.match(r"[\s\S]+?(?:[\u3002\uff01\uff1f]|[.!?\u061f](?=\s))", text)
    assert found is not None, text
    return found.group()


def test_seeded_omission_fails_in_every_locale(project_copy: Path) -> None:
    """The longest translated risks message of each shipped locale, cut after its first
    sentence in a copy of the catalogs: `medloc check` fails at that entry's file and line."""
    seeded: dict[str, tuple[str, str]] = {}
    for folder in sorted((project_copy / "locales").iterdir()):
        path = folder / "LC_MESSAGES" / "articles.po"
        if not path.is_file():
            continue
        po = polib.pofile(str(path))
        safety = [
            e
            for e in po
            if is_safety(role_of(e.comment)) and e.msgstr and not e.fuzzy and not e.obsolete
        ]
        entry = max(safety, key=lambda e: len(e.msgid))
        cut = _first_sentence(entry.msgstr)
        assert len(cut) < len(entry.msgstr) / 2, (folder.name, entry.msgstr)
        entry.msgstr = cut
        path.write_text(catalogs.po_text(po), encoding="utf-8")
        seeded[folder.name] = (str(path.relative_to(project_copy)), entry.msgid)
    assert {"es", "fr", "de", "ar", "zh_Hans", "pt_BR"} <= set(seeded)
    result = CliRunner().invoke(main, ["check", "--root", str(project_copy), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)["findings"]
    for locale, (rel, msgid) in seeded.items():
        where = (rel, _entry_line(project_copy / rel, msgid))
        hits = [(f["path"], f["line"]) for f in found if f["code"] == "safety-omission"]
        assert where in hits, (locale, where, found)


def _entry_line(path: Path, msgid: str) -> int:
    """The first line of the entry with this msgid (its first comment)."""
    (entry,) = [e for e in polib.pofile(str(path)) if e.msgid == msgid and not e.obsolete]
    lines = path.read_text(encoding="utf-8").splitlines()
    first = entry.linenum - 1
    while first > 0 and lines[first - 1].startswith(("#", "msgctxt")):
        first -= 1
    return first + 1
