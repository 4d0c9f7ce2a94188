"""Numbers read in the target locale's conventions: correct localized forms pass, changes fail."""

# ruff: noqa: RUF001  (the tests are about look-alike digits, dashes and letters)

from __future__ import annotations

import pytest
from medloc.qa import Entry, check_entry
from medloc.qa.numbers import compare, extract

pytestmark = pytest.mark.cldr  # decimal and group symbols come from CLDR (Babel)

# (source, locale, translation): every one is a correct translation of the source's numbers.
CORRECT = [
    ("Heated to 80 °C.", "ar", "تسخين إلى ٨٠ °م."),
    ("Heated to 80 °C.", "ar", "تسخين إلى ٨٠ درجة مئوية."),
    ("Heated to 80 °C.", "es", "Calentado a 80 grados."),
    ("Heated to 80 °C.", "es", "Calentado a 80 °C."),
    ("Heated to 80 °C.", "de", "Auf 80 Grad Celsius erhitzt."),
    ("Heated to 80 °C.", "fr", "Chauffé à 80 degrés Celsius."),
    ("Heated to 80 °C.", "zh_Hans", "加热到80摄氏度。"),
    ("Heated to 80 °C.", "zh_Hans", "加热到摄氏80度。"),
    ("Heated to 80 °C.", "zh_Hans", "加热到80℃。"),
    ("Heated to 80 °C.", "en", "Heated to 80 degrees Celsius."),
    ("Relief lasts 6 to 12 months.", "es", "El alivio dura de 6 a 12 meses."),
    ("Relief lasts 6 to 12 months.", "fr", "Le soulagement dure de 6 à 12 mois."),
    ("Relief lasts 6 to 12 months.", "de", "Die Linderung hält 6 bis 12 Monate an."),
    ("Relief lasts 6 to 12 months.", "pt_BR", "O alívio dura de 6 a 12 meses."),
    ("Relief lasts 6 to 12 months.", "ar", "يستمر التخفيف من ٦ إلى ١٢ شهرًا."),
    ("Relief lasts 6 to 12 months.", "zh_Hans", "缓解可持续6至12个月。"),
    ("Relief lasts 6 to 12 months.", "zh_Hans", "缓解可持续6到12个月。"),
    ("60% to 80% of patients", "fr", "60–80 % des patients"),
    ("60% to 80% of patients", "fr", "de 60 % à 80 % des patients"),
    ("60% to 80% of patients", "es", "60 % a 80 % de los pacientes"),
    ("60% to 80% of patients", "de", "60–80 % der Patienten"),
    ("60% to 80% of patients", "de", "60 bis 80 Prozent der Patienten"),
    ("60% to 80% of patients", "pt_BR", "60% a 80% dos pacientes"),
    ("60% to 80% of patients", "ar", "٦٠٪ إلى ٨٠٪ من المرضى"),
    ("60% to 80% of patients", "ar", "من ٦٠ إلى ٨٠٪ من المرضى"),
    ("60% to 80% of patients", "zh_Hans", "60%至80%的患者"),
    ("60% to 80% of patients", "zh_Hans", "百分之六十至百分之八十的患者"),
    ("at least 50%", "es", "al menos el 50 %"),
    ("at least 50%", "ar", "ما لا يقل عن ٥٠٪"),
    ("under 60", "de", "unter 60"),
    ("for 24 to 48 hours", "pt_BR", "por 24 a 48 horas"),
    ("for 24 to 48 hours", "ar", "لمدة ٢٤ إلى ٤٨ ساعة"),
    ("A dose of 0.5 mg", "de", "Eine Dosis von 0,5 mg"),
    ("A dose of 0.5 mg", "es", "Una dosis de 0,5 mg"),
    ("A dose of 0.5 mg", "ar", "جرعة ٠٫٥ ملغ"),
    ("A dose of 1.5 mg", "fr", "Une dose de 1,5 mg"),
    ("1,000 patients", "de", "1.000 Patienten"),
    ("1,000 patients", "fr", "1\u202f000 patients"),
    ("1,000 patients", "es", "1.000 pacientes"),
    ("for 2 years", "de", "für zwei Jahre"),
    ("for 2 years", "es", "durante dos años"),
    ("for 2 years", "zh_Hans", "两年"),
    ("for 2 years", "ar", "لمدة سنتين"),
    ("one or two weeks", "es", "1 o 2 semanas"),
    ("within twenty-four hours", "es", "en 24 horas"),
    ("3 sessions", "fr", "trois séances"),
    ("Full-width 80%", "zh_Hans", "全角８０％"),
    ("No numbers at all.", "de", "Ein Satz ohne Zahlen, mit einem Artikel."),
]

# (source, locale, translation, a value the message must name)
WRONG = [
    ("Relief lasts 6 to 12 months.", "es", "El alivio dura 6 meses.", "'12 months'"),
    ("Heated to 80 °C.", "es", "Calentado a 60 °C.", "'60°'"),
    ("Heated to 80 °C.", "ar", "تسخين إلى ٦٠ درجة مئوية.", "'60°'"),
    ("60% to 80% of patients", "fr", "60–90 % des patients", "'90%'"),
    ("60% to 80% of patients", "es", "80 % de los pacientes", "'60%'"),
    ("80% of patients", "es", "80 pacientes", "'80%'"),
    ("A dose of 0.5 mg", "de", "Eine Dosis von 5 mg", "'0.5 mg'"),
    ("1,000 patients", "de", "1,000 Patienten", "'1000'"),
    ("for 24 to 48 hours", "zh_Hans", "24小时", "'48 hours'"),
    ("Takes 30 minutes.", "ar", "يستغرق ٣ دقائق.", "'30 minutes'"),
    ("one or two weeks", "es", "3 semanas", "'3 weeks'"),
    ("for 2 years", "de", "für drei Jahre", "'2 years'"),
]


@pytest.mark.parametrize(("source", "locale", "translation"), CORRECT)
def test_correct_forms_are_not_flagged(source: str, locale: str, translation: str) -> None:
    assert compare(source, translation, locale) is None


@pytest.mark.parametrize(("source", "locale", "translation", "named"), WRONG)
def test_changed_numbers_are_flagged(
    source: str, locale: str, translation: str, named: str
) -> None:
    message = compare(source, translation, locale)
    assert message is not None
    assert named in message


@pytest.mark.parametrize(
    ("text", "locale", "digits"),
    [
        ("٨٠ °م", "ar", {("80", "°")}),
        ("60–80 %", "fr", {("60", "%"), ("80", "%")}),
        ("0,5", "de", {("0.5", "")}),
        ("0.5", "en", {("0.5", "")}),
        ("1.000", "de", {("1000", "")}),
        ("1.000", "en", {("1", "")}),
        ("٢٬٥٠٠ و٣٫٥", "ar", {("2500", ""), ("3.5", "")}),
        ("80 °F", "en", {("80", "°F")}),
        ("L4–L5", "en", {("4", ""), ("5", "")}),
    ],
)
def test_extract_reads_locale_conventions(
    text: str, locale: str, digits: set[tuple[str, str]]
) -> None:
    found, _ = extract(text, locale)
    assert set(found) == digits


def test_spelled_numbers_are_optional() -> None:
    # "un"/"ein"/"一" are articles as often as numbers: never required, never extra
    assert compare("A needle is used.", "Se usa una aguja.", "es") is None
    assert compare("A needle is used.", "Eine Nadel wird verwendet.", "de") is None
    assert compare("A needle is used.", "使用一根针。", "zh_Hans") is None


def test_numbers_check_runs_through_check_entry() -> None:
    entry = Entry(
        msgid="Relief lasts 6 to 12 months.",
        msgstr="El alivio dura 6 meses.",
        locale="es",
        path="locales/es/LC_MESSAGES/articles.po",
        line=42,
    )
    findings = check_entry(entry)
    assert [(f.code, f.severity, f.path, f.line) for f in findings] == [
        ("numbers", "error", "locales/es/LC_MESSAGES/articles.po", 42)
    ]
