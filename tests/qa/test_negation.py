"""Negations counted per locale: correct native forms pass, a dropped one is caught; in safety
text it is an error nobody can ignore. Seeded into a copy of the shipped catalogs, each change
the issue lists fails `medloc check` with the entry's file and line."""

# ruff: noqa: RUF001  (Arabic and Chinese text)

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.qa.negation import compare, count

SOURCE = "Do not drive for 24 hours."
TWO = "Rhizotomy is not right for everyone, and you may not be able to have it."

CORRECT = [
    (SOURCE, "es", "No conduzca durante 24 horas."),
    (SOURCE, "es", "Evite conducir durante 24 horas."),
    (SOURCE, "fr", "Ne conduisez pas pendant 24 heures."),
    (SOURCE, "fr", "Évitez de conduire pendant 24 heures."),
    (SOURCE, "fr", "Conduire est interdit : sans exception, jamais avant 24 heures."),
    (SOURCE, "de", "Fahren Sie 24 Stunden lang nicht Auto."),
    (SOURCE, "de", "Fahren Sie 24 Stunden lang kein Auto."),
    (SOURCE, "de", "Vermeiden Sie es, 24 Stunden lang Auto zu fahren."),
    (SOURCE, "pt_BR", "Não dirija por 24 horas."),
    (SOURCE, "pt_BR", "Evite dirigir por 24 horas."),
    (SOURCE, "ar", "لا تقد السيارة لمدة ٢٤ ساعة."),
    (SOURCE, "ar", "تجنب القيادة لمدة ٢٤ ساعة."),
    (SOURCE, "zh_Hans", "24小时内不要开车。"),
    (SOURCE, "zh_Hans", "24小时内请勿驾驶。"),
    (SOURCE, "zh_Hans", "24小时内避免驾驶。"),
    ("Stop taking blood thinners.", "de", "Setzen Sie Blutverdünner ab."),
    ("Stop taking blood thinners.", "de", "Beenden Sie die Einnahme von Blutverdünnern."),
    ("It is not painful.", "de", "Es ist schmerzfrei."),
    ("Page not found", "fr", "Page introuvable"),
    ("This stops the nerve from sending signals.", "es", "Esto impide que envíe señales."),
    ("This stops the nerve from sending signals.", "zh_Hans", "这会阻止神经发送信号。"),
    ("This stops the nerve from sending signals.", "ar", "ويمنع ذلك العصب من إرسال الإشارات."),
    (TWO, "es", "No es adecuada para todos, y es posible que no pueda hacérsela."),
    (TWO, "de", "Sie ist nicht für alle geeignet, und Sie können sie vielleicht nicht erhalten."),
    (TWO, "fr", "Elle ne convient pas à tous, et vous ne pourrez peut-être pas l’avoir."),
]

WRONG = [
    (SOURCE, "es", "Conduzca durante 24 horas."),
    (SOURCE, "de", "Fahren Sie 24 Stunden lang Auto."),
    (SOURCE, "fr", "Conduisez pendant 24 heures."),
    (SOURCE, "pt_BR", "Dirija por 24 horas."),
    (SOURCE, "ar", "قد السيارة لمدة ٢٤ ساعة."),
    (SOURCE, "zh_Hans", "24小时内开车。"),
    (TWO, "es", "No es adecuada para todos, y es posible que pueda hacérsela."),
    (TWO, "de", "Sie ist nicht für alle geeignet, und Sie können sie vielleicht erhalten."),
    ("Do not stop the treatment.", "ar", "أوقف العلاج."),
]


@pytest.mark.parametrize(("source", "locale", "translation"), CORRECT)
def test_correct_native_negations_pass(source: str, locale: str, translation: str) -> None:
    assert compare(source, translation, locale) is None


@pytest.mark.parametrize(("source", "locale", "translation"), WRONG)
def test_a_dropped_negation_is_caught(source: str, locale: str, translation: str) -> None:
    message = compare(source, translation, locale)
    assert message is not None
    assert locale in message


def test_negations_are_counted() -> None:
    assert count(TWO, "en") == 2
    assert count("Ne conduisez pas, ne buvez jamais.", "fr") == 2
    assert count("علاج", "ar") == 0  # the letters of لا inside a word are no negation


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Deje de tomar los anticoagulantes.", "es"),
        ("Dejen  de tomar los anticoagulantes.", "es"),
        ("Pare de tomar os anticoagulantes.", "pt_BR"),
        ("Deixe de tomar os anticoagulantes.", "pt_BR"),
    ],
)
def test_a_marker_with_an_ending_inside_counts(text: str, locale: str) -> None:
    """``dej* de``: the ``*`` stands for an ending in the middle of a two-word marker too
    (it once matched only a literal ``*``, so "deje de" counted no negation)."""
    assert count(text, locale) == 1
    assert count(text.replace(" de tomar", " tomar"), locale) == 0


# --- seeded into a copy of the shipped catalogs ------------------------------------------

ES = "locales/es/LC_MESSAGES/articles.po"
DE = "locales/de/LC_MESSAGES/articles.po"
FR = "locales/fr/LC_MESSAGES/articles.po"
AR = "locales/ar/LC_MESSAGES/articles.po"
PT = "locales/pt_BR/LC_MESSAGES/articles.po"
ZH = "locales/zh_Hans/LC_MESSAGES/articles.po"

# (file, text of one line of the translation, its replacement, the code, a word of the msgid)
SEEDED = [
    (ES, "entre 5 y 8 horas**", "entre 5 y 8 días**", "numbers", "Fast for about 5 to 8"),
    (FR, "environ 5 à 8 heures**", "environ 5 à 8 jours**", "numbers", "Fast for about 5 to 8"),
    (ES, 'msgstr "De 6 meses a 2 años"', 'msgstr "De 6 semanas a 2 años"', "numbers", "6 months"),
    (FR, 'msgstr "De 6 mois à 2 ans"', 'msgstr "De 6 semaines à 2 ans"', "numbers", "6 months"),
    (ES, " 45 a 60 minutos.", " 60 a 45 minutos.", "numbers", "45 to 60 minutes"),
    (DE, "von 45 bis 60 Minuten", "von 60 bis 45 Minuten", "numbers", "45 to 60 minutes"),
    (PT, "de 45 a 60 minutos", "de 60 a 45 minutos", "numbers", "45 to 60 minutes"),
    (AR, "من ٤٥ إلى ٦٠ دقيقة", "من ٦٠ إلى ٤٥ دقيقة", "numbers", "45 to 60 minutes"),
    (DE, "ist aber nicht für alle", "ist aber für alle", "safety-negation", "not suitable for"),
    (ES, "pero no es adecuada", "pero es adecuada", "safety-negation", "not suitable for"),
]


def _line(root: Path, rel: str, msgid_part: str, msgstr_part: str) -> int:
    """The first line of the entry (its first comment) with these msgid and msgstr parts."""
    po = polib.pofile(str(root / rel))
    (entry,) = [e for e in po if msgid_part in e.msgid and msgstr_part in e.msgstr]
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    n = entry.linenum - 1  # polib: the msgid line (1-based) ... walk back over comments
    while n > 0 and lines[n - 1].startswith(("#", "msgctxt")):
        n -= 1
    return n + 1


def _check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    return result.exit_code, result.output


@pytest.mark.parametrize(("rel", "old", "new", "code", "msgid"), SEEDED)
def test_seeded_change_fails_with_file_and_line(
    project_copy: Path, rel: str, old: str, new: str, code: str, msgid: str
) -> None:
    path = project_copy / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    exit_code, out = _check(project_copy)
    assert exit_code == 1
    seeded = new.removeprefix('msgstr "').strip('"')
    where = f"{rel}:{_line(project_copy, rel, msgid, seeded)}: {code} "
    assert any(line.startswith(where) for line in out.splitlines()), out


def test_safety_negation_cannot_be_ignored(project_copy: Path) -> None:
    path = project_copy / DE
    text = path.read_text(encoding="utf-8")
    text = text.replace("ist aber nicht für alle", "ist aber für alle")
    text = text.replace(
        "#. article: rhizotomy-complete-guide\n#. section: Risks, side effects and",
        "# medloc-ignore: safety-negation we mean it\n#. article: rhizotomy-complete-guide\n"
        "#. section: Risks, side effects and",
        1,
    )
    path.write_text(text, encoding="utf-8")
    exit_code, out = _check(project_copy)
    assert exit_code == 1
    assert "safety-negation is not allowed" in out or ": safety-negation " in out
