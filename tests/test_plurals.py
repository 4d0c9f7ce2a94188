"""The plural table (service/checks/plurals.py) and the plural-forms check built on it.

The table's rules are proven over every n from 0 to 1,000,000: the gettext rules against what
GNU msginit writes, the CLDR rules against the CLDR data of the installed Babel (CI runs the
``cldr`` tests at the lowest and the highest Babel that pyproject.toml allows).
"""

from __future__ import annotations

import functools
import gettext
import re
import subprocess
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.plural import to_gettext
from click.testing import CliRunner
from medloc.cli import main
from medloc.plurals import (
    PLURALS,
    LocalePlurals,
    PluralRule,
    accepted_rule,
    parse_plural_forms,
    plurals_for,
)
from medloc.qa import catalog as file_checks

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1_000_000
SHIPPED = ("es", "fr", "de", "ar", "zh_Hans", "pt_BR")
OLD_ARABIC = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 :"
    " n%100>=0 && n%100<=2 ? 4 : 5);"
)
ES_CLDR = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
# the locales whose rule GNU msginit knows (it writes no Plural-Forms for ar, ca, zh)
MSGINIT_KNOWS = ("de", "en", "es", "fr", "it", "ja", "pt", "pt_BR", "pt_PT")


@functools.cache
def forms_upto_limit(expression: str) -> bytes:
    """The form ``expression`` gives for each n in 0..LIMIT, one byte each (compiled once)."""
    return bytes(map(gettext.c2py(expression), range(LIMIT + 1)))


def assert_same_rule(ours: PluralRule, theirs: PluralRule) -> None:
    assert ours.nplurals == theirs.nplurals, (ours, theirs)
    mine, other = forms_upto_limit(ours.expression), forms_upto_limit(theirs.expression)
    if mine != other:
        n = next(n for n, (a, b) in enumerate(zip(mine, other, strict=True)) if a != b)
        pytest.fail(f"{ours.header} gives form {mine[n]} for n={n}, {theirs.header} {other[n]}")


def msginit_rule(locale: str, tmp_path: Path) -> PluralRule:
    pot = tmp_path / "x.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    out = subprocess.run(
        ["msginit", "--no-translator", "-l", locale, "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = re.search(r'"Plural-Forms: (.*)\\n"', out)
    assert m is not None, f"msginit wrote no Plural-Forms for {locale}:\n{out}"
    rule = parse_plural_forms(m.group(1))
    assert rule is not None
    return rule


def cldr_rule(locale: str) -> PluralRule:
    """CLDR's rule for whole numbers, from the CLDR data of the installed Babel (``e``, the
    exponent of a number written like 1.2e6, is 0 for a whole number written plainly)."""
    written = to_gettext(Locale.parse(locale).plural_form)
    m = re.fullmatch(r"nplurals=(\d+); plural=(.*);", written)
    assert m is not None, written
    return PluralRule(int(m.group(1)), re.sub(r"\be\b", "0", m.group(2)))


@pytest.mark.parametrize("locale", MSGINIT_KNOWS)
def test_gettext_rule_is_what_msginit_writes(locale: str, tmp_path: Path) -> None:
    assert_same_rule(PLURALS[locale].gettext, msginit_rule(locale, tmp_path))


@pytest.mark.cldr
@pytest.mark.parametrize("locale", sorted(PLURALS))
def test_cldr_rule_is_cldrs(locale: str) -> None:
    rules = PLURALS[locale]
    assert_same_rule(rules.cldr or rules.gettext, cldr_rule(locale))


@pytest.mark.parametrize("locale", sorted(PLURALS))
def test_a_cldr_rule_is_listed_only_where_it_differs(locale: str) -> None:
    rules = PLURALS[locale]
    if rules.cldr is not None:
        assert rules.cldr.nplurals != rules.gettext.nplurals or forms_upto_limit(
            rules.cldr.expression
        ) != forms_upto_limit(rules.gettext.expression)


def test_every_shipped_locale_is_in_the_table() -> None:
    for locale in SHIPPED:
        assert plurals_for(locale) is PLURALS.get(locale, PLURALS.get(locale.split("_")[0]))
    assert plurals_for("zh_Hans") is PLURALS["zh"]
    assert plurals_for("pt-BR") is PLURALS["pt_BR"]
    assert plurals_for("es_MX") is PLURALS["es"]


@pytest.mark.parametrize("path", sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po")), ids=str)
def test_shipped_catalog_passes(path: Path) -> None:
    locale = path.parent.parent.name
    text = path.read_text(encoding="utf-8")
    metadata = polib.pofile(text).metadata
    assert file_checks.check_header(metadata, text, str(path), locale) == []


def header_findings(locale: str, plural_forms: str) -> list[str]:
    metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": plural_forms}
    text = f'"Plural-Forms: {plural_forms}\\n"\n'
    found = file_checks.check_header(metadata, text, "x.po", locale)
    assert all(f.code == "plural-forms" for f in found)
    return [f.message for f in found]


def test_old_arabic_formula_is_rejected() -> None:
    old = parse_plural_forms(OLD_ARABIC)
    assert old is not None
    fixed = PLURALS["ar"].gettext
    # the old formula swaps forms 4 and 5: 11-99 apples and 100-102 apples
    assert gettext.c2py(old.expression)(11) == 5 and gettext.c2py(fixed.expression)(11) == 4
    assert gettext.c2py(old.expression)(101) == 4 and gettext.c2py(fixed.expression)(101) == 5
    [message] = header_findings("ar", OLD_ARABIC)
    assert repr(OLD_ARABIC) in message
    assert f"write 'Plural-Forms: {fixed.header}'" in message


@pytest.mark.parametrize(
    ("locale", "plural_forms"),
    [
        ("es", "nplurals=2; plural=(n != 1);"),  # gettext, Babel < 2.19
        ("es", "nplurals=2; plural=n!=1;"),  # same meaning, other spelling
        ("es", ES_CLDR),  # CLDR, Babel >= 2.19
        ("es", "nplurals=3; plural=n==1 ? 0 : (n%1000000==0 && n>0) ? 1 : 2;"),
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("fr", "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"),
        ("pt_BR", "nplurals=2; plural=(n > 1);"),
        ("pt", "nplurals=2; plural=(n != 1);"),
        ("de", "nplurals=2; plural=(n != 1);"),
        ("ar", PLURALS["ar"].gettext.header),
        ("zh_Hans", "nplurals=1; plural=0;"),
    ],
)
def test_accepted(locale: str, plural_forms: str) -> None:
    assert header_findings(locale, plural_forms) == []


@pytest.mark.parametrize(
    ("locale", "plural_forms"),
    [
        ("fr", "nplurals=2; plural=(n != 1);"),  # French: 0 is singular
        ("pt_BR", "nplurals=2; plural=(n != 1);"),
        ("es", "nplurals=3; plural=(n != 1);"),  # right choice, wrong count
        ("es", "nplurals=2; plural=(n == 1 ? 0 : n % 1000000 == 0 ? 1 : 2);"),  # form 2 of 2
        ("es", "nplurals=3; plural=(n == 1 ? 0 : n % 1000000 == 0 ? 1 : 2);"),  # 0 is "many"
        ("ar", "nplurals=2; plural=(n != 1);"),
        ("de", "nplurals=2; plural=(n != 1"),  # cannot be compiled
        ("zh_Hans", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_wrong_rule_is_rejected_with_what_to_write(locale: str, plural_forms: str) -> None:
    [message] = header_findings(locale, plural_forms)
    assert repr(plural_forms) in message
    assert f"write 'Plural-Forms: {plurals_for(locale).gettext.header}'" in message


def test_message_names_cldr_rule_as_the_alternative() -> None:
    [message] = header_findings("fr", "nplurals=2; plural=(n != 1);")
    assert "or CLDR's 'Plural-Forms: nplurals=3; plural=(n == 0 || n == 1 ? 0" in message


def test_accepted_rule_names_the_rule_matched() -> None:
    es = PLURALS["es"]
    cldr = parse_plural_forms(ES_CLDR)
    assert cldr is not None and accepted_rule(cldr, "es") == es.cldr
    assert accepted_rule(PluralRule(2, "n!=1"), "es_AR") == es.gettext


def test_unreadable_and_missing_headers() -> None:
    [message] = header_findings("es", "plural=(n != 1)")
    assert "cannot be read" in message
    found = file_checks.check_header({"Content-Type": "text/plain; charset=UTF-8"}, "", "x", "es")
    assert [f.code for f in found] == ["plural-forms"]
    assert "no Plural-Forms" in found[0].message


@pytest.mark.cldr
@pytest.mark.parametrize("locale", ["ru", "pl", "cs"])
def test_locale_outside_table_accepts_babels_cldr_rule(locale: str) -> None:
    assert locale not in PLURALS
    rules = plurals_for(locale)
    assert rules == LocalePlurals(rules.gettext)
    assert header_findings(locale, rules.gettext.header) == []
    assert len(header_findings(locale, "nplurals=2; plural=(n != 1);")) == 1


@pytest.mark.cldr
@pytest.mark.parametrize(("locale", "language"), [("ca", "ca"), ("it", "it"), ("pt", "pt")])
def test_init_writes_the_gettext_rule(project_copy: Path, locale: str, language: str) -> None:
    result = CliRunner().invoke(main, ["init", locale, "--root", str(project_copy)])
    assert result.exit_code == 0, result.output
    for domain in ("articles", "messages"):
        po = polib.pofile(str(project_copy / f"locales/{locale}/LC_MESSAGES/{domain}.po"))
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert po.metadata["Language"] == language
    result = CliRunner().invoke(main, ["check", "--root", str(project_copy)])
    assert "plural-forms" not in result.output
