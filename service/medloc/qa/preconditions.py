"""When a check can find anything at all: the checks' preconditions, as data.

`SourceFacts` is what a source text (a msgid, the same in every locale) is worked out to be,
once per run. `features` looks at one (source, translation) pair of an entry once and says,
as flags (`Feature`), everything a precondition asks: a digit on either side, Markdown
punctuation, a character that may be unsafe, whether the source is negated, whether the
entry is safety-critical... A plain sentence costs that one look. A `Needs` is a
precondition made of such flags: it holds for a pair that has one of them. The runner
(`medloc.qa.runner`) works out a pair's features once and picks every check whose `Needs`
they meet, remembering the choice per set of features.

Preconditions only save time: a check's precondition is false only when the check would say
nothing about the pair (the runner gives the same findings without them, tested).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from . import language, markup, negation
from ._memo import SourceMemo
from .entry import Entry

__all__ = ["Feature", "Needs", "SourceFacts", "always", "features", "source_facts"]


@dataclass(frozen=True)
class SourceFacts:
    """What the preconditions ask of a source text."""

    stripped: str
    digits: bool
    """Whether it has a digit."""
    markup: bool
    """Whether it may hold Markdown (it has Markdown punctuation)."""
    long_enough: bool
    """Whether it is long enough for the length check."""
    negated: bool
    """Whether it has an English negation."""


_DIGIT = re.compile(r"\d")
_maybe_markup = markup.maybe_markup


def _facts(source: str) -> SourceFacts:
    return SourceFacts(
        source.strip(),
        _DIGIT.search(source) is not None,
        _maybe_markup(source),
        language.source_length(source) >= language.LENGTH_MIN_SOURCE,
        negation.source_count(source) > 0,
    )


source_facts = SourceMemo(_facts)


class Feature(enum.IntFlag):
    """What one (source, translation) pair of an entry has, as far as a precondition asks."""

    ALWAYS = enum.auto()
    """Every pair."""
    DIGITS = enum.auto()
    """A digit on either side (without, the numbers agree)."""
    MARKDOWN = enum.auto()
    """Articles only, and Markdown punctuation on either side."""
    UNSAFE_CHARACTERS = enum.auto()
    """A ``<``, a ``:`` or ``&`` (a link scheme, its colon maybe an entity), a control or a
    non-ASCII character in the translation."""
    UI = enum.auto()
    """A UI string (not articles)."""
    EQUAL_OUTSIDE_SAFETY = enum.auto()
    """Outside safety sections, a translation equal to its source (stripped)."""
    LONG_SOURCE = enum.auto()
    """A source long enough for the length check."""
    NEGATED = enum.auto()
    """A source with an English negation."""
    SAFETY = enum.auto()
    """A safety-critical entry."""
    SAFETY_NEGATED = enum.auto()
    """A safety-critical entry whose source has an English negation."""


_ALWAYS = int(Feature.ALWAYS)
_DIGITS = int(Feature.DIGITS)
_MARKDOWN = int(Feature.MARKDOWN)
_UNSAFE = int(Feature.UNSAFE_CHARACTERS)
_UI = int(Feature.UI)
_EQUAL = int(Feature.EQUAL_OUTSIDE_SAFETY)
_LONG = int(Feature.LONG_SOURCE)
_NEGATED = int(Feature.NEGATED)
_SAFETY = int(Feature.SAFETY)
_SAFETY_NEGATED = int(Feature.SAFETY_NEGATED)


def features(entry: Entry, source: SourceFacts, text: str) -> int:
    """The `Feature` flags of one pair (``source``: the facts of its source, ``text``: its
    translation), as an int: every precondition's question answered in one look."""
    found = _ALWAYS
    if source.digits or _DIGIT.search(text) is not None:
        found |= _DIGITS
    if entry.domain != "articles":
        found |= _UI
    elif source.markup or _maybe_markup(text):
        found |= _MARKDOWN
    if "<" in text or ":" in text or "&" in text or not (text.isascii() and text.isprintable()):
        found |= _UNSAFE
    if source.long_enough:
        found |= _LONG
    if source.negated:
        found |= _NEGATED
    if entry.safety:
        found |= _SAFETY | (_SAFETY_NEGATED if source.negated else 0)
    elif text.strip() == source.stripped:
        found |= _EQUAL
    return found


@dataclass(frozen=True)
class Needs:
    """A precondition made of `Feature` flags: true for a pair that has one of them."""

    features: Feature

    def __call__(self, entry: Entry, source: SourceFacts, text: str) -> bool:
        return bool(features(entry, source, text) & self.features)


always = Needs(Feature.ALWAYS)
"""The precondition of a check that must always run."""
