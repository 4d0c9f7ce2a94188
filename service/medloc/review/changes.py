"""What kind of change a source message went through, from its previous msgid to the new one.

Pure: the kind is always recomputed from the previous msgid (``#|``) and the msgid, so it
survives tools that drop extracted comments. A meaning-neutral change (whitespace, the
spelling of quotes) cannot alter what a patient reads: the translation stays active and its
review valid (the sign-off digest is taken over the same normal form). Every other kind makes
the translation fuzzy and lapses its review.
"""

from __future__ import annotations

import enum
import functools
from collections import Counter

from . import tokens
from .normal import normal_form

__all__ = ["ChangeKind", "classify_change", "describe_change", "is_meaning_neutral"]


class ChangeKind(enum.Enum):
    """A kind of source change, in the order a note lists them (most dangerous first)."""

    NUMBERS = "numbers or units"
    NEGATION = "a negation"
    LINKS = "links"
    SENTENCES = "a sentence added or removed"
    WORDING = "wording"
    NEUTRAL = "whitespace or quotes only"


_PAIRS = 4096
"""How many (previous, new) pairs :func:`classify_change` remembers: every locale's catalog
of a domain meets the same changed sources, so an update or a check of 20 locales classifies
each pair once, not 20 times (a pure function of two strings, returning a frozenset)."""


def is_meaning_neutral(previous: str, new: str) -> bool:
    """Whether ``previous`` and ``new`` differ only in whitespace runs and quote spelling."""
    return normal_form(previous) == normal_form(new)


@functools.lru_cache(maxsize=_PAIRS)
def classify_change(previous: str, new: str) -> frozenset[ChangeKind]:
    """The kinds of change from the English ``previous`` to ``new``.

    ``{NEUTRAL}`` when nothing but whitespace or quotes changed; otherwise every kind that
    applies: NUMBERS (a number or its unit), NEGATION (a negation word added or removed),
    LINKS (a link target), SENTENCES (the number of sentences), and WORDING when the other
    words changed (and the number of sentences did not) or when nothing else explains the
    change (emphasis, punctuation)."""
    if is_meaning_neutral(previous, new):
        return frozenset({ChangeKind.NEUTRAL})
    before, after = normal_form(previous), normal_form(new)
    kinds: set[ChangeKind] = set()
    if Counter(tokens.numbers(before)) != Counter(tokens.numbers(after)):
        kinds.add(ChangeKind.NUMBERS)
    if Counter(tokens.negations(before)) != Counter(tokens.negations(after)):
        kinds.add(ChangeKind.NEGATION)
    if tokens.link_targets(before) != tokens.link_targets(after):
        kinds.add(ChangeKind.LINKS)
    if tokens.sentence_count(before) != tokens.sentence_count(after):
        kinds.add(ChangeKind.SENTENCES)
    elif tokens.without_marks(before) != tokens.without_marks(after):
        kinds.add(ChangeKind.WORDING)
    return frozenset(kinds or {ChangeKind.WORDING})


def describe_change(kinds: frozenset[ChangeKind]) -> str:
    """The words a fuzzy entry's note gives the change: ``source changed: numbers or units,
    a negation``."""
    ordered = [kind.value for kind in ChangeKind if kind in kinds]
    return "source changed: " + ", ".join(ordered)
