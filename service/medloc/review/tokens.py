"""What a reviewer must not miss in a text: numbers with their units, negations, links.

One set of patterns for the two users: the classification of source changes
(:mod:`medloc.review.changes`) and the highlighting of review sheets
(:mod:`medloc.review.sheet`). Pure, no I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Mark",
    "Segment",
    "link_targets",
    "negations",
    "numbers",
    "segments",
    "sentence_count",
    "without_marks",
]

_UNITS = (
    r"%|°\s?[CF]|mcg|µg|μg|mg|kg|g|ml|mL|l|L|mmHg|mm|cm|km|m|IU|units?|tablets?|doses?|"
    r"drops?|puffs?|times?|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|"
    r"months?|years?|yrs?"
)
_NUMBER = re.compile(
    rf"(?<![\w.,])\d+(?:[.,]\d+)*(?:\s?(?:{_UNITS})(?!\w))?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"hundred|thousand|once|twice|half|double|dozen)\b",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?[^)]*\)"  # [text](target)
    r"|<(https?://[^>\s]+|mailto:[^>\s]+)>"  # <https://...>
    r"|(https?://[^\s)<>\]]+)"  # a bare URL
)

# Negation words by primary language subtag; the source language is English.
_NEGATIONS: dict[str, str] = {
    "en": r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot|without|\w+n['\u2019]t)\b",
    "es": r"\b(?:no|nunca|jamás|ni|ningún|ninguna|ninguno|nada|nadie|sin|tampoco)\b",
    "fr": r"\b(?:ne|n['\u2019]|pas|jamais|aucun|aucune|rien|personne|ni|sans|non)\b",
    "de": r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|ohne|weder)\b",
    "pt": r"\b(?:não|nunca|jamais|nem|nenhum|nenhuma|nada|ninguém|sem)\b",
    "ar": r"(?:(?<!\w)(?:لا|لم|لن|ليس|ليست|غير|بدون|دون|ما)(?!\w))",
    "zh": r"(?:不|没有|没|无|勿|别|未|非|禁止)",
}
_NEGATION_RES = {lang: re.compile(p, re.IGNORECASE) for lang, p in _NEGATIONS.items()}
_SENTENCE_END = re.compile("[.!?\u3002\uff01\uff1f](?=\\s+\\S|$)")
_WORD = re.compile(r"\w+")


class Mark(enum.Enum):
    """What a highlighted segment of a text is."""

    NUMBER = "number"
    NEGATION = "negation"
    LINK = "link"


@dataclass(frozen=True)
class Segment:
    """A piece of a text: highlighted (``mark``) or plain (``mark`` None)."""

    text: str
    mark: Mark | None = None


def numbers(text: str) -> list[str]:
    """The numbers of ``text`` with their units, spaces folded, in order (``5 mg``, ``twice``)."""
    return [" ".join(m.group(0).lower().split()) for m in _NUMBER.finditer(text)]


def negations(text: str, language: str = "en") -> list[str]:
    """The negation words of ``text`` in ``language`` (a primary subtag), lower case, in order;
    none for a language without a list."""
    pattern = _NEGATION_RES.get(language)
    return [] if pattern is None else [m.group(0).lower() for m in pattern.finditer(text)]


def link_targets(text: str) -> list[str]:
    """The targets of the links of ``text``: Markdown links, autolinks, bare URLs."""
    return [next(g for g in m.groups() if g) for m in _LINK.finditer(text)]


def sentence_count(text: str) -> int:
    """How many sentences ``text`` has (a text without a full stop is one)."""
    stripped = text.strip()
    if not stripped:
        return 0
    ends = len(_SENTENCE_END.findall(stripped))
    return ends + (0 if _SENTENCE_END.search(stripped[-1:]) else 1)


def without_marks(text: str, language: str = "en") -> list[str]:
    """The words of ``text`` left when numbers, negations and link targets are taken out."""
    rest = _LINK.sub(" ", text)
    rest = _NUMBER.sub(" ", rest)
    pattern = _NEGATION_RES.get(language)
    if pattern is not None:
        rest = pattern.sub(" ", rest)
    return _WORD.findall(rest)


def segments(text: str, language: str = "en") -> Iterator[Segment]:
    """``text`` cut into plain and highlighted segments, in order; joined they are ``text``."""
    found: list[tuple[int, int, Mark]] = [
        (m.start(), m.end(), Mark.LINK) for m in _LINK.finditer(text)
    ]
    found += [(m.start(), m.end(), Mark.NUMBER) for m in _NUMBER.finditer(text)]
    pattern = _NEGATION_RES.get(language)
    if pattern is not None:
        found += [(m.start(), m.end(), Mark.NEGATION) for m in pattern.finditer(text)]
    position = 0
    for start, end, mark in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < position or start == end:
            continue  # inside a link already highlighted
        if start > position:
            yield Segment(text[position:start])
        yield Segment(text[start:end], mark)
        position = end
    if position < len(text):
        yield Segment(text[position:])
