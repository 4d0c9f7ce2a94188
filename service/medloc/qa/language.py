"""Warnings about the wording of a translation: left in English, odd length, sentences.

Each function takes (source, translation, locale) and returns a message or None. Per-locale data
(expansion factors, sentence terminators) is keyed by language
(``pt_BR`` -> ``pt``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from medloc.tags import locale_tag

from . import negation as _negation
from ._memo import SourceMemo

__all__ = [
    "EXPANSION",
    "SAME_AS_SOURCE_ALLOWED",
    "length",
    "negation",
    "same_as_source",
    "sentence_count",
    "sentences",
    "source_sentences",
    "text_length",
]

# Words that may stay the same in every language: drug, procedure and device names, acronyms.
_ALLOWED_WORDS = (
    "rfa sdr mri ct ekg ecg x-ray tens botox phenol glycerol alcohol lidocaine bupivacaine"
    " ibuprofen naproxen paracetamol acetaminophen gabapentin pregabalin carbamazepine"
    " oxcarbazepine baclofen tramadol opioids steroids cortisone medloc faq ok email e-mail"
    " online web url pdf id"
)
SAME_AS_SOURCE_ALLOWED = frozenset(_ALLOWED_WORDS.split())

# Typical length of a translation relative to the English source (characters).
EXPANSION: dict[str, float] = {
    "es": 1.2, "fr": 1.2, "de": 1.25, "pt": 1.2, "it": 1.2, "ar": 1.0, "zh": 0.35, "ja": 0.45,
    "ko": 0.55,
}  # fmt: skip
_LENGTH_SPREAD = 2.2  # flag below factor/spread or above factor*spread
LENGTH_MIN_SOURCE = 20

_CJK_TERMINATORS = "\u3002\uff01\uff1f!?"  # ideographic full stop, fullwidth ! and ?
_TERMINATORS: dict[str, str] = {"zh": _CJK_TERMINATORS, "ja": _CJK_TERMINATORS, "ar": ".!?\u061f"}
_DEFAULT_TERMINATORS = ".!?"
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("e.g.", "i.e.", "etc.", "dr.", "vs.", "approx.", "mr.", "mrs.", "ms."),
    "es": ("p. ej.", "ej.", "etc.", "dr.", "dra.", "sr.", "sra.", "aprox.", "núm."),
    "fr": ("p. ex.", "ex.", "etc.", "dr.", "env.", "cf.", "m.", "mme."),
    "de": ("z. b.", "z.b.", "bzw.", "ca.", "usw.", "d. h.", "d.h.", "dr.", "evtl.", "ggf."),
    "pt": ("p. ex.", "ex.", "etc.", "dr.", "dra.", "sr.", "sra.", "aprox."),
}


@cache  # asked for every message
def _language(locale: str) -> str:
    return locale_tag(locale).language


_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def same_as_source(source: str, translation: str, locale: str) -> str | None:
    if _language(locale) == "en" or translation.strip() != source.strip():
        return None
    words = {w.lower() for w in _WORD.findall(_LINK_TARGET.sub("", source))}
    if not words or words <= SAME_AS_SOURCE_ALLOWED or all(len(w) == 1 for w in words):
        return None
    return (
        "the translation is the English source; translate it, or, if it must stay as is,"
        " add '# medloc-ignore: same-as-source <reason>'"
    )


def _length_of(text: str) -> int:
    if "](" not in text:  # no link target to leave out
        return len(text.strip())
    return len(_LINK_TARGET.sub("", text).strip())


text_length = _length_of
"""The length of a text as `length` counts it (link targets left out)."""

source_length = SourceMemo(_length_of)
"""The length of a source as `length` counts it (link targets left out)."""


def length(source: str, translation: str, locale: str) -> str | None:
    n_source = source_length(source)
    if n_source < LENGTH_MIN_SOURCE or not translation.strip():
        return None
    factor = EXPANSION.get(_language(locale), 1.0)
    ratio = _length_of(translation) / n_source
    if factor / _LENGTH_SPREAD <= ratio <= factor * _LENGTH_SPREAD:
        return None
    direction = "longer" if ratio > factor else "shorter"
    return (
        f"the translation is {ratio:.2f} times the source's length (about {factor:g} expected"
        f" for {locale}), far {direction}; check for a missing or repeated part"
    )


@cache
def _sentence_re(lang: str) -> re.Pattern[str]:
    terminators = re.escape(_TERMINATORS.get(lang, _DEFAULT_TERMINATORS))
    # Fullwidth terminators end a sentence anywhere; ASCII ones before a space or the end.
    wide = "".join(c for c in _TERMINATORS.get(lang, "") if ord(c) > 0x7F)
    wide_part = f"|[{re.escape(wide)}]+" if wide else ""
    return re.compile(rf"[{terminators}]+(?=[\s\"'\u201d\u2019\u00bb)*_]*(?:\s|$)){wide_part}")


def _abbreviation_before(lowered: str, end: int, abbreviations: tuple[str, ...]) -> bool:
    r"""Whether one of ``abbreviations`` ends at ``end`` of ``lowered``, starts at most 12
    characters before it and is not preceded by a word character (``str.isalnum`` or ``_``,
    as a regex's ``\w``)."""
    if not lowered.endswith(abbreviations, max(0, end - 12), end):
        return False
    for abbreviation in abbreviations:
        start = end - len(abbreviation)
        if start >= max(0, end - 12) and lowered.startswith(abbreviation, start, end):
            before = lowered[start - 1] if start else ""
            if not (before.isalnum() or before == "_"):
                return True
    return False


def _count_sentences(text: str, locale: str) -> int:
    lang = _language(locale)
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    text = text.strip()
    abbreviations = _ABBREVIATIONS.get(lang, ())
    lowered = text.lower() if abbreviations else text
    count = 0
    for m in _sentence_re(lang).finditer(text):
        end = m.start() + 1
        if (
            abbreviations
            and lowered.endswith(abbreviations, max(0, end - 12), end)  # the usual no: quick
            and _abbreviation_before(lowered, end, abbreviations)
        ):
            continue
        if lang == "de" and m.group() == "." and m.start() and text[m.start() - 1].isdigit():
            continue  # German ordinal: "am 3. Tag"
        count += 1
    return count or (1 if text else 0)


sentence_count = lru_cache(maxsize=65536)(_count_sentences)
"""The number of sentences of a text in the locale's conventions (at least 1 unless blank)."""

source_sentences = SourceMemo(lambda source: _count_sentences(source, "en"))
"""The number of sentences of an English source, once per run."""
_source_sentences = source_sentences


def sentences(source: str, translation: str, locale: str) -> str | None:
    if not translation.strip():
        return None
    want, got = _source_sentences(source), _count_sentences(translation, locale)
    if want == got:
        return None
    return (
        f"the source has {want} sentence(s), the translation {got}; check that no sentence was"
        " lost or added"
    )


def negation(source: str, translation: str, locale: str) -> str | None:
    """Fewer negations than the source (`medloc.qa.negation.compare`)."""
    return _negation.compare(source, translation, locale)
