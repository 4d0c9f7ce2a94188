"""Quantities, not digits: value, range order and unit (CLDR's names) in each locale."""

# ruff: noqa: RUF001  (Arabic-Indic digits, dashes and fullwidth forms are the point)

from __future__ import annotations

import pytest
from medloc.qa.numbers import compare, tokens
from medloc.qa.units import unit_table

pytestmark = pytest.mark.cldr  # unit names come from CLDR (Babel)

HOURS = "Fast for about 5 to 8 hours before."
MONTHS = "Relief lasts 6 months to 2 years."
MINUTES = "The fibers are destroyed over 45 to 60 minutes."

# Correct native forms: abbreviated, written out, in another order, native digits, duals.
CORRECT = [
    (HOURS, "es", "Ayune entre 5 y 8 horas antes."),
    (HOURS, "es", "Ayune de 5 a 8 h antes."),
    (HOURS, "fr", "Restez à jeun 5 à 8 heures avant."),
    (HOURS, "fr", "Restez à jeun 5 à 8\u202fh avant."),
    (HOURS, "de", "Bleiben Sie 5 bis 8 Stunden vorher nüchtern."),
    (HOURS, "de", "Vorher 5–8 Std. nüchtern bleiben."),
    (HOURS, "de", "Vorher 5–8 h nüchtern bleiben."),
    (HOURS, "pt_BR", "Faça jejum de 5 a 8 horas antes."),
    (HOURS, "ar", "صم من ٥ إلى ٨ ساعات قبل ذلك."),
    (HOURS, "ar", "صم ٥–٨ س قبل ذلك."),
    (HOURS, "zh_Hans", "术前禁食约5至8小时。"),
    (HOURS, "zh_Hans", "术前禁食约5到8个小时。"),
    (MONTHS, "es", "El alivio dura de 6 meses a 2 años."),
    (MONTHS, "fr", "Le soulagement dure de 6 mois à 2 ans."),
    (MONTHS, "de", "Die Linderung hält 6 Monate bis 2 Jahre an."),
    (MONTHS, "de", "Die Linderung hält nach 6 Monaten bis zu 2 Jahren an."),
    (MONTHS, "de", "Die Linderung hält 6 Monate bis zwei Jahre an."),
    (MONTHS, "pt_BR", "O alívio dura de 6 meses a 2 anos."),
    (MONTHS, "ar", "تستمر الراحة من ٦ أشهر إلى سنتين."),
    (MONTHS, "ar", "تستمر الراحة من 6 أشهر إلى 2 سنة."),
    (MONTHS, "zh_Hans", "缓解可持续6个月至2年。"),
    (MONTHS, "zh_Hans", "缓解可持续6个月至两年。"),
    (MINUTES, "es", "Las fibras se destruyen en el transcurso de 45 a 60 minutos."),
    (MINUTES, "fr", "Les fibres sont détruites en 45 à 60 min."),
    (MINUTES, "de", "Die Fasern werden im Verlauf von 45 bis 60 Minuten zerstört."),
    (MINUTES, "ar", "تُتلف الألياف على مدى فترة تتراوح من ٤٥ إلى ٦٠ دقيقة."),
    (MINUTES, "zh_Hans", "会在45至60分钟内破坏纤维。"),
    ("Takes 30 minutes.", "en", "Takes 30 min."),
    ("about 40% in people over 65", "es", "alrededor del 40 % en mayores de 65 años"),
    ("A dose of 0.5 mg", "ar", "جرعة ٠٫٥ ملغ"),
    ("A dose of 0.5 mg", "zh_Hans", "剂量为0.5毫克"),
    ("a 2-hour wait", "es", "una espera de 2 horas"),
]

# (source, locale, translation, what the message must quote)
WRONG = [
    (HOURS, "es", "Ayune de 5 a 8 días antes.", "'5 days'"),
    (HOURS, "fr", "Restez à jeun 5 à 8 jours avant.", "'8 days'"),
    (HOURS, "de", "Bleiben Sie 5 bis 8 Tage vorher nüchtern.", "'5 hours'"),
    (HOURS, "pt_BR", "Faça jejum de 5 a 8 dias antes.", "'5 days'"),
    (HOURS, "ar", "صم من ٥ إلى ٨ أيام قبل ذلك.", "'8 days'"),
    (HOURS, "zh_Hans", "术前禁食约5至8天。", "'5 days'"),
    (HOURS, "es", "Ayune de 5 a 8 antes.", "'5 hours'"),
    (MONTHS, "es", "El alivio dura de 6 semanas a 2 años.", "'6 weeks'"),
    (MONTHS, "de", "Die Linderung hält 6 Wochen bis 2 Jahre an.", "'6 months'"),
    (MONTHS, "ar", "تستمر الراحة من ٦ أسابيع إلى سنتين.", "'6 weeks'"),
    (MONTHS, "zh_Hans", "缓解可持续6周至2年。", "'6 weeks'"),
    (MINUTES, "es", "Las fibras se destruyen en 60 a 45 minutos.", "45\u201360"),
    (MINUTES, "fr", "Les fibres sont détruites en 60 à 45 minutes.", "60 to 45"),
    (MINUTES, "de", "Die Fasern werden in 60 bis 45 Minuten zerstört.", "60 to 45"),
    (MINUTES, "ar", "تُتلف الألياف من ٦٠ إلى ٤٥ دقيقة.", "60 to 45"),
    (MINUTES, "zh_Hans", "会在60至45分钟内破坏纤维。", "60 to 45"),
    ("Wait 5 days.", "es", "Espere 5 horas.", "'5 hours'"),
    ("Wait 5.", "es", "Espere 5 horas.", "'5 hours'"),
]


@pytest.mark.parametrize(("source", "locale", "translation"), CORRECT)
def test_correct_native_forms_pass(source: str, locale: str, translation: str) -> None:
    assert compare(source, translation, locale) is None


@pytest.mark.parametrize(("source", "locale", "translation", "quoted"), WRONG)
def test_changed_units_and_turned_ranges_fail(
    source: str, locale: str, translation: str, quoted: str
) -> None:
    message = compare(source, translation, locale)
    assert message is not None
    assert quoted in message


@pytest.mark.parametrize("locale", ["en", "es", "fr", "de", "ar", "zh_Hans", "pt_BR"])
def test_unit_names_come_from_cldr(locale: str) -> None:
    table = unit_table(locale)
    keys = set(table.names.values())
    assert {"second", "minute", "hour", "day", "week", "month", "year", "%", "mg"} <= keys
    # the words that join a range are never read as units (Spanish short "a" for years)
    assert not {"a", "y", "à", "e", "o"} & set(table.names)


def test_arabic_duals_are_quantities() -> None:
    (token,) = tokens("سنتين", "ar")
    assert (token.values, token.unit, token.spelled) == (("2",), "year", True)


def test_unit_of_one_end_applies_to_the_other() -> None:
    assert [t.unit for t in tokens("5 a 8 h", "es")] == ["hour", "hour"]
    assert [t.unit for t in tokens("entre 5 y 8 horas", "es")] == ["hour", "hour"]
