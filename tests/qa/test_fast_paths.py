"""The checks' fast paths give exactly what their plain definitions give.

A check may count or scan faster than its first, plain form (a string method instead of a
regex, a scan skipped when it cannot find anything); each such path is held here to the plain
form, kept as the reference, on every message of the shipped catalogs and templates, on
hand-picked edge cases and on generated texts.
"""

# ruff: noqa: RUF001  (look-alike characters are the point of some cases)

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from medloc import catalog as catalogs
from medloc.qa import (
    CHECKS,
    Entry,
    SourceFacts,
    entry_from_po,
    language,
    markup,
    negation,
    numbers,
)
from medloc.qa.preconditions import Needs, features, source_facts
from medloc.qa.runner import _Active

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("en", "es", "fr", "de", "pt_BR", "ar", "zh_Hans", "ja", "it")


def _shipped_texts() -> list[str]:
    """Every msgid and translation of the shipped catalogs and templates."""
    texts: set[str] = set()
    for path in sorted((ROOT / "locales").rglob("*.po*")):
        for entry in catalogs.parse_po(path.read_text(encoding="utf-8"), path=str(path)):
            texts.add(entry.msgid)
            texts.update(t for t in (entry.msgstr, *entry.msgstr_plural.values()) if t)
    return sorted(texts)


SHIPPED = _shipped_texts()

EDGES = [
    "",
    "   ",
    "e.g. this",
    "Take it, e.g. with water. Then rest.",
    "xe.g. not one. Two.",
    "_e.g. one. Two.",
    "Dr. Smith said so. Dr. Jones did not.",
    "İİİ e.g. the İstanbul clinic. Another one.",
    "p. ej. esto. Y esto.",
    "z. B. am 3. Tag. Danach nicht.",
    "See [e.g. this](a.b. c). Done.",
    "approx. 5 mg. vs. 10 mg!",
    "Hello.World. Hi?! Yes…",
    "Es ist so.\u201d Und dann.",
    "他说。然后！好吗？",
    "etc.etc. etc.",
    "DON'T do it. You can’t. NOT now, NO, never; Nobody without it.",
    "don't; n't; 'not'; not's; notx; xnot; cannot.",
    "Stop. STOPS, stopped; stopping—avoid, avoids, avoided, avoiding.",
    "ſtop it. K is Kelvin. noт (Cyrillic)",
    "no_no no1 1no no-no no'",
    "I KNOW it now; normal snow, nowhere notable. Stopwatch avoidance, Neverland.",
    "Plain words only: rest, ice, heat and the usual care.",
    "CAN'T, WON'T; isn't it? N'T",
]

_PIECES = [
    *"aeEgiI .!?,;:'\u2019\u201d)*_\n\t[]()1İſ",
    "e.g.",
    "E.G.",
    "dr.",
    "etc.",
    "p. ej.",
    "z. b.",
    "3.",
    "](x.y)",
    "not",
    "NOT",
    "n't",
    "no",
    "never",
    "avoid",
    "stops",
    "cannot",
    "without",
    "can\u2019t",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)


# --- the plain forms, as they were before their fast paths ---------------------------------


@cache
def _abbreviation_re(lang: str) -> re.Pattern[str] | None:
    abbreviations = language._ABBREVIATIONS.get(lang)
    if not abbreviations:
        return None
    alternation = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})$")


def plain_count_sentences(text: str, locale: str) -> int:
    lang = language._language(locale)
    text = language._LINK_TARGET.sub("]", text).strip()
    lowered = text.lower()
    abbreviation = _abbreviation_re(lang)
    count = 0
    for m in language._sentence_re(lang).finditer(text):
        end = m.start() + 1
        if abbreviation is not None and abbreviation.search(lowered, max(0, end - 12), end):
            continue
        if lang == "de" and m.group() == "." and m.start() and text[m.start() - 1].isdigit():
            continue
        count += 1
    return count or (1 if text else 0)


def plain_negations(text: str, locale: str) -> int | None:
    """`negation.count` scanning with the locale's pattern alone."""
    pattern = negation._pattern(language._language(locale))
    if pattern is None:
        return None
    return negation._adjusted(text, language._language(locale), len(pattern.findall(text)))


@cache
def plain_number_pattern(locale: str) -> re.Pattern[str]:
    """The locale's number pattern as it was built before, each word alternative asking for
    no word character before it by itself."""
    lang = language._language(locale)
    alternatives = [f"(?P<d>{numbers._DIGITS})"]
    if lang in numbers._WORDS:
        small, tens, joiners = numbers._WORDS[lang]
        pre = numbers._AR_PREFIX if lang == "ar" else ""
        if tens and joiners and small:
            join = "|".join(re.escape(j) for j in joiners)
            units = numbers._alternation({w: v for w, v in small.items() if 0 < v < 10})
            tens_re = numbers._alternation(tens)
            alternatives.append(rf"(?<!\w){pre}(?P<t>{tens_re})(?:(?:{join})(?P<u>{units}))?(?!\w)")
            alternatives.append(rf"(?<!\w){pre}(?P<w>{numbers._alternation(small)})(?!\w)")
        else:
            alternatives.append(rf"(?<!\w){pre}(?P<w>{numbers._alternation(small | tens)})(?!\w)")
    if lang == "zh":
        alternatives.append(f"(?P<z>(?:(?!百分之)[{numbers._ZH_NUMERALS}])+)")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _number_matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.lastgroup, sorted(m.groupdict().items())) for m in pattern.finditer(text)]


NUMBER_LOCALES = (*LOCALES, "ko", "ru")

_NUMBER_PIECES = [
    *" -,.1٣二十万百分之و",
    *(word for table in numbers._WORDS.values() for word in [*table[0], *table[1]][:12]),
    "و" + "ثلاثة",
    "بال" + "عشرين",
    "twenty-one",
    "veinte y uno",
    "vingt-et-un",
    "einundzwanzig",
    "TWENTY ONE",
    "ſix",
]
_NUMBER_TEXT = st.lists(st.sampled_from(_NUMBER_PIECES), max_size=16).map("".join)


# --- the fast paths held to them -------------------------------------------------------------


_MARKUP_TEXT = st.lists(
    st.sampled_from([*"[]*_`<>\\ \n\tab1!()", "  \n", "\\\n", " \n", "é", "\u3000"]), max_size=12
).map("".join)


def test_maybe_markup_is_the_regex_on_the_shipped_texts() -> None:
    for text in [*SHIPPED, *EDGES, "a  \nb", "a \nb", "a\\b", "`", "<"]:
        assert markup.maybe_markup(text) == (markup.MAYBE_MARKUP.search(text) is not None), text


@settings(max_examples=400, deadline=None)
@given(text=_MARKUP_TEXT)
def test_maybe_markup_is_the_regex_on_generated_texts(text: str) -> None:
    assert markup.maybe_markup(text) == (markup.MAYBE_MARKUP.search(text) is not None)


@pytest.mark.parametrize("locale", NUMBER_LOCALES)
def test_numbers_found_as_before_on_the_shipped_texts(locale: str) -> None:
    fast, plain = numbers._locale_data(locale)[0], plain_number_pattern(locale)
    for text in [*SHIPPED, *EDGES, " ".join(_NUMBER_PIECES)]:
        assert _number_matches(fast, text) == _number_matches(plain, text), text


@settings(max_examples=400, deadline=None)
@given(text=_NUMBER_TEXT, locale=st.sampled_from(NUMBER_LOCALES))
def test_numbers_found_as_before_on_generated_texts(text: str, locale: str) -> None:
    fast, plain = numbers._locale_data(locale)[0], plain_number_pattern(locale)
    assert _number_matches(fast, text) == _number_matches(plain, text)


@pytest.mark.parametrize("locale", LOCALES)
def test_sentences_counted_as_before_on_the_shipped_texts(locale: str) -> None:
    for text in [*SHIPPED, *EDGES]:
        assert language._count_sentences(text, locale) == plain_count_sentences(text, locale), text


@pytest.mark.parametrize("locale", LOCALES)
def test_negations_counted_as_before_on_the_shipped_texts(locale: str) -> None:
    for text in [*SHIPPED, *EDGES]:
        assert negation.count(text, locale) == plain_negations(text, locale), text


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, locale=st.sampled_from(LOCALES))
def test_fast_paths_agree_on_generated_texts(text: str, locale: str) -> None:
    assert language._count_sentences(text, locale) == plain_count_sentences(text, locale)
    assert negation.count(text, locale) == plain_negations(text, locale)


_DIGIT = re.compile(r"\d")

PLAIN_PRECONDITIONS: dict[str, Callable[[Entry, SourceFacts, str], bool]] = {
    "numbers": lambda e, s, t: s.digits or _DIGIT.search(t) is not None,
    "markdown": lambda e, s, t: (
        e.domain == "articles" and (s.markup or markup.MAYBE_MARKUP.search(t) is not None)
    ),
    "link-target": lambda e, s, t: (
        e.domain == "articles" and (s.markup or markup.MAYBE_MARKUP.search(t) is not None)
    ),
    "unsafe": lambda e, s, t: (
        "<" in t or ":" in t or "&" in t or not (t.isascii() and t.isprintable())
    ),
    "placeholders": lambda e, s, t: e.domain != "articles",
    "same-as-source": lambda e, s, t: t.strip() == s.stripped and not e.safety,
    "length": lambda e, s, t: s.long_enough,
    "sentences": lambda e, s, t: True,
    "negation": lambda e, s, t: negation.source_count(s.stripped) > 0,
    "safety-negation": lambda e, s, t: e.safety and negation.source_count(s.stripped) > 0,
    "safety-omission": lambda e, s, t: e.safety,
}
"""Each check's precondition as a function, as it was before preconditions became features."""


def _pairs_of_shipped_entries() -> Iterator[tuple[Entry, str, str]]:
    for path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        locale, domain = path.parent.parent.name, path.stem
        for po_entry in catalogs.parse_po(path.read_text(encoding="utf-8"), path=str(path)):
            if po_entry.obsolete or not po_entry.msgid:
                continue
            entry = entry_from_po(po_entry, locale=locale, domain=domain, path="x.po")
            for role in (None, "risks"):
                for source, text in entry.pairs:
                    for variant in (text, source, f" {source} ", text + " 5 [a](b) <x>", "a & b"):
                        yield dataclasses.replace(entry, role=role, roles=None), source, variant


def test_features_answer_each_precondition_as_before() -> None:
    assert sorted(PLAIN_PRECONDITIONS) == sorted(c.code for c in CHECKS)
    for entry, source, text in _pairs_of_shipped_entries():
        facts = source_facts(source)
        found = features(entry, facts, text)
        for check in CHECKS:
            assert isinstance(check.needs, Needs)
            expected = PLAIN_PRECONDITIONS[check.code](entry, facts, text)
            assert bool(found & check.needs.features) == expected, (check.code, text)


def test_checks_picked_by_features_are_those_whose_precondition_holds() -> None:
    """The runner's choice, remembered per set of features, is the checks whose
    precondition, asked one by one, holds."""
    chosen = _Active(CHECKS)
    assert chosen.flags is not None  # every check of the list has a Needs
    for entry, _source, _text in _pairs_of_shipped_entries():
        assert chosen.needed(entry) == chosen._asked(entry)
