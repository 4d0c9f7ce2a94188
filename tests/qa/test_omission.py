"""Omissions in safety text: the learned ratio table matches the catalogs; cut text is caught."""

from __future__ import annotations

from pathlib import Path

import polib
from medloc.qa import Entry, check_entry
from medloc.qa._ratios import RATIOS
from medloc.qa.omission import compare, learn_ratios, threshold

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
