"""Negations counted: a translation must say "not" as often as its source.

A negation is a marker of the locale's grammar: a word (``nicht``, ``kein-``, ``sin``, ``لا``), a
pair read as one (French ``ne … pas``: ``ne``/``n'`` and its second part are one negation), a
character sequence (Chinese ``不``, ``禁止``), a verb of avoiding or stopping (``avoid`` in the
source; ``evite``, ``vermeiden``, ``éviter``, ``避免``, ``تجنب`` in translations, and the verbs
of preventing that translate "stop ... from": ``impedir``, ``verhindern``, ``منع``, ``阻止``)
or a German adjective in ``-los``/``-frei`` (``schmerzfrei``, painless). `count(text, locale)`
counts them; `compare` says when the translation has fewer than the source, so one of two
negations dropped is caught; saying it more often (Spanish ``no … nunca``) is fine.
"""

from __future__ import annotations

import re
from functools import cache

from medloc.tags import locale_tag

from ._memo import SourceMemo

__all__ = ["MARKERS", "compare", "count", "source_count"]

MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("not", "n't", "no", "never", "none", "nothing", "nobody", "neither", "without",
           "cannot", "avoid", "avoids", "avoided", "avoiding", "stop", "stops", "stopped",
           "stopping"),
    "es": ("no", "nunca", "jamás", "sin", "ni", "ningún", "ninguno", "ninguna", "nada", "nadie",
           "tampoco", "evit*", "evít*", "suspend*", "dej* de", "interrump*", "impid*",
           "imped*", "deten*"),
    "fr": ("pas", "jamais", "plus", "sans", "aucun", "aucune", "ni", "rien", "personne", "non",
           "évit*", "arrêt*", "cess*", "interromp*", "empêch*"),
    "de": ("nicht", "nichts", "kein*", "nie", "niemals", "niemand", "ohne", "weder", "nein",
           "vermeid*", "verzicht*", "unterlass*", "absetz*", "ab", "auf", "aufhör*", "beend*",
           "abbrech*", "verhinder*", "*los",
           "*frei", "*freie", "*freien", "*freier", "*freies"),
    "pt": ("não", "nunca", "jamais", "sem", "nem", "nenhum", "nenhuma", "nada", "ninguém",
           "evit*", "suspend*", "interromp*", "par* de", "deix* de", "imped*"),
    "ar": ("لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "دون", "بدون", "بلا", "ما", "ألا",
           "تجنب*", "تجنّب*", "يتجنب*", "امتنع*", "الامتناع", "توقف*", "التوقف", "أوقف*",
           "إيقاف", "تمتنع*", "يمتنع*", "منع*", "يمنع*", "تمنع*", "لمنع"),
    "zh": ("不", "没", "沒", "无", "無", "未", "别", "別", "勿", "非", "莫", "禁止", "避免", "停止",
           "停用", "切忌", "阻止", "防止"),
}  # fmt: skip
"""Negation markers per language; ``*`` is any ending (``kein*``: keine, keinen...) or any
beginning (``*los``). Chinese markers are counted as substrings. In French ``pas``, ``jamais``,
``plus``, ``rien``... count once with their ``ne``. German ``ab``/``auf`` are the separated
particles of ``absetzen``/``aufhören``, counted only with ``setzen``/``hören`` before them."""

_CJK = frozenset({"zh", "ja"})
_ROMANCE_PREFIX = r"(?:in|im|ir|il|des)[^\W\d_]{3,}(?:ables?|ibles?|ável|ível|áveis|íveis)"
_PREFIXED: dict[str, str] = {"fr": _ROMANCE_PREFIX, "es": _ROMANCE_PREFIX, "pt": _ROMANCE_PREFIX}
"""A negation by prefix: French ``introuvable`` (not found), Spanish ``imposible``."""


def _word(marker: str) -> str:
    """The pattern of one marker: ``*`` is any run of letters wherever it stands (``kein*``,
    ``dej* de``), a leading one at least three (``*los``); a space is any whitespace."""
    leading = marker.startswith("*")
    parts = (re.escape(part).replace(r"\ ", r"\s+") for part in marker.lstrip("*").split("*"))
    body = r"[^\W\d_]*".join(parts)
    return rf"[^\W\d_]{{3,}}{body}" if leading else body


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    markers = MARKERS.get(language)
    if markers is None:
        return None
    alternation = "|".join(_word(m) for m in sorted(markers, key=len, reverse=True))
    if language in _PREFIXED:
        alternation = f"{_PREFIXED[language]}|{alternation}"
    if language in _CJK:
        return re.compile(alternation)
    prefix = "(?:و|ف|ب|ل)?" if language == "ar" else ""
    return re.compile(rf"(?<![\w']){prefix}(?:{alternation})(?![\w'])", re.IGNORECASE)


_EN_NT = re.compile(r"n['\u2019]t\b", re.IGNORECASE)
_DE_SEPARABLE = re.compile(r"\b(?:setz|hör)\w*\b[^.!?;]*?\b(ab|auf)\b", re.IGNORECASE)
_RUN = re.compile(r"[\w']+")


@cache
def _plain_markers(language: str) -> frozenset[str] | None:
    """The markers of ``language``, lower-cased, when each is a plain ASCII word (letters and
    apostrophes: no ``*``, no space) matched on its own (no prefix, not by substring). In an
    ASCII text the pattern then finds exactly the runs of word characters and apostrophes
    that are a marker, whatever their case: a run is counted without the regex."""
    markers = MARKERS.get(language)
    if markers is None or language in _CJK or language in _PREFIXED or language == "ar":
        return None
    if not all(m.isascii() and _RUN.fullmatch(m) for m in markers):
        return None
    return frozenset(m.lower() for m in markers)


@cache
def _needles(language: str) -> re.Pattern[str] | None:
    """For a language whose markers are plain words (`_plain_markers`) and whose count adds
    nothing but English ``n't``: lower-case strings one of which every negation of an ASCII
    text holds (the markers, and ``n't``, that hold no other one). A text with none has no
    negation, and is not scanned. As a pattern: any of them, anywhere."""
    words = _plain_markers(language)
    if words is None or language in ("de", "fr"):  # `_adjusted` counts more there
        return None
    found = words | {"n't"} if language == "en" else words
    needles = sorted(w for w in found if not any(o != w and o in w for o in found))
    return re.compile("|".join(re.escape(needle) for needle in needles))


def _matches(text: str, language: str, pattern: re.Pattern[str]) -> int:
    """How many times ``pattern`` (the language's) matches ``text``."""
    words = _plain_markers(language)
    if words is not None and text.isascii():
        return sum(1 for run in _RUN.findall(text.lower()) if run in words)
    return sum(1 for _ in pattern.finditer(text))


def _none(text: str, language: str) -> bool:
    """Whether ``text`` surely has no negation in ``language``: an ASCII text without any of
    the language's `_needles` (a Unicode text may match a marker case-insensitively through
    a letter such as the long s, U+017F, so it is always scanned)."""
    needles = _needles(language)
    if needles is None or not text.isascii():
        return False
    return needles.search(text.lower()) is None


def _adjusted(text: str, language: str, n: int) -> int:
    """The number of negations of ``text`` from ``n``, the matches of its language's pattern:
    English ``-n't`` added, German separated particles counted with their verb, French
    ``ne`` alone counted when no second part was found."""
    if language == "en":
        n += len(_EN_NT.findall(text))
    elif language == "de":
        pattern = _pattern(language)
        assert pattern is not None
        particles = {m.start(1) for m in _DE_SEPARABLE.finditer(text)}
        n -= sum(1 for m in pattern.finditer(text) if m.group().lower() in ("ab", "auf"))
        n += len(particles)
    elif language == "fr" and n == 0:
        n = len(re.findall(r"(?<!\w)(?:ne|n['\u2019])(?=\s|\w)", text, re.IGNORECASE))
    return n


def count(text: str, locale: str) -> int | None:
    """How many negations a text has in the locale's grammar (None: no markers known)."""
    language = locale_tag(locale).language
    pattern = _pattern(language)
    if pattern is None:
        return None
    if _none(text, language):
        return 0
    return _adjusted(text, language, _matches(text, language, pattern))


source_count = SourceMemo(lambda source: count(source, "en") or 0)
"""The number of English negations of a source (`compare` looks no further without)."""


def compare(source: str, translation: str, locale: str) -> str | None:
    """None unless the translation has fewer negations than the source; then a message."""
    want = source_count(source)
    if not want or not translation.strip():
        return None
    got = count(translation, locale)
    if got is None or got >= want:
        return None
    examples = ", ".join(m.strip("*") for m in MARKERS[locale_tag(locale).language][:4])
    return (
        f"the source says 'not' (or no/never/without/avoid/stop) {want} time(s), the"
        f" translation has {got} negation(s) of {locale} ({examples}...); a dropped negation"
        " reverses the advice: translate every one"
    )
