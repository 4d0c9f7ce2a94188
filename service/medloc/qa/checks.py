"""The checks of one translated message: each a small pure function with a cheap precondition.

A `Check` says what it finds (its code), how (``run``: the messages for one `Entry`) and when
it can find anything at all (``needs``: a precondition on one (source, translation) pair, true
whenever ``run`` might say something about it). Preconditions look at the translation and at
`SourceFacts`, what a source text (a msgid, the same in every locale) is worked out to be once
per run. They only save time:
the runner (`medloc.qa.runner`) gives the same findings without them.

`CHECKS` is the one list: the gate and the service both run it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import language, markup, negation, numbers, omission, unsafe
from ._memo import SourceMemo
from .codes import CODES, Severity
from .entry import Entry

__all__ = [
    "CHECKS",
    "Check",
    "SourceFacts",
    "always",
    "safety_incomplete",
    "safety_messages",
    "source_facts",
]

CheckFn = Callable[[Entry], Iterable[str]]
Precondition = Callable[[Entry, "SourceFacts", str], bool]
"""Whether a check may find something in one (source, translation) pair of an entry, given
what the source is (`SourceFacts`) and the translation; a check whose precondition holds
for no pair is skipped."""


def always(entry: Entry, source: SourceFacts, text: str) -> bool:
    """The precondition of a check that must always run."""
    return True


@dataclass(frozen=True)
class Check:
    """A check: the code of what it finds, a function yielding messages, and a precondition
    that is false only when the function would yield nothing."""

    code: str
    run: CheckFn
    needs: Precondition = always

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity


# --- what a source is, once per run -----------------------------------------------------

_DIGIT = re.compile(r"\d")
_MAYBE_MARKUP = markup.MAYBE_MARKUP


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


def _facts(source: str) -> SourceFacts:
    return SourceFacts(
        source.strip(),
        _DIGIT.search(source) is not None,
        _MAYBE_MARKUP.search(source) is not None,
        language.source_length(source) >= language.LENGTH_MIN_SOURCE,
        negation.source_count(source) > 0,
    )


source_facts = SourceMemo(_facts)


# --- preconditions ---------------------------------------------------------------------


def _digits(entry: Entry, source: SourceFacts, text: str) -> bool:
    """A digit on either side (without, the numbers agree)."""
    return source.digits or _DIGIT.search(text) is not None


def _markdown_punctuation(entry: Entry, source: SourceFacts, text: str) -> bool:
    """Articles only, and Markdown punctuation on either side."""
    return entry.domain == "articles" and (source.markup or _MAYBE_MARKUP.search(text) is not None)


def _markup_or_non_ascii(entry: Entry, source: SourceFacts, text: str) -> bool:
    """A ``<``, a ``:`` or ``&`` (a link scheme, its colon maybe an entity), a control or a
    non-ASCII character in the translation."""
    return "<" in text or ":" in text or "&" in text or not (text.isascii() and text.isprintable())


def _ui_only(entry: Entry, source: SourceFacts, text: str) -> bool:
    return entry.domain != "articles"


def _equal_outside_safety(entry: Entry, source: SourceFacts, text: str) -> bool:
    """Outside safety sections, a translation equal to its source."""
    return text.strip() == source.stripped and not entry.safety


def _long_source(entry: Entry, source: SourceFacts, text: str) -> bool:
    return source.long_enough


def _safety_only(entry: Entry, source: SourceFacts, text: str) -> bool:
    return entry.safety


# --- the checks -----------------------------------------------------------------------


def safety_incomplete(entry: Entry) -> Iterator[str]:
    if not entry.safety:
        return
    yield from safety_messages(
        entry.pairs, fuzzy=entry.fuzzy, plural=entry.msgid_plural is not None
    )


def safety_messages(
    pairs: Iterable[tuple[str, str]], *, fuzzy: bool, plural: bool
) -> Iterator[str]:
    """What `safety_incomplete` says about a safety-critical entry's (source, translation)
    pairs."""
    if fuzzy:
        yield "safety-critical message is marked fuzzy; review it and remove the fuzzy flag"
        return
    for i, (source, text) in enumerate(pairs):
        form = f" (form {i})" if plural else ""
        if not text.strip():
            yield f"safety-critical message is not translated{form}; translate it"
        elif text.strip() == source.strip():
            yield f"safety-critical message{form} is left equal to the English source; translate it"


def _per_pair(compare: Callable[[str, str, str], str | None]) -> CheckFn:
    """A check of each (source, translation) pair with ``compare(source, text, locale)``."""

    def run(entry: Entry) -> list[str]:
        found = []
        for source, text in entry.pairs:
            problem = compare(source, text, entry.locale)
            if problem:
                found.append(problem)
        return found

    return run


def _markdown(entry: Entry) -> list[str]:
    if entry.domain != "articles":
        return []
    return [m for source, text in entry.pairs for m in markup.compare(source, text)]


def _link_targets(entry: Entry) -> list[str]:
    if entry.domain != "articles":
        return []
    return [m for source, text in entry.pairs for m in markup.compare_targets(source, text)]


def _unsafe(entry: Entry) -> list[str]:
    return [m for source, text in entry.pairs for m in unsafe.problems(source, text)]


def _placeholders(entry: Entry) -> Iterator[str]:
    if entry.domain == "articles":
        return
    yield from markup.compare_placeholders(
        [s for s, _ in entry.pairs], [t for _, t in entry.pairs], entry.flags
    )


_same_pairs = _per_pair(language.same_as_source)
_negation_pairs = _per_pair(negation.compare)
_omission_pairs = _per_pair(omission.compare)


def _same_as_source(entry: Entry) -> Iterable[str]:
    if entry.safety:
        return ()  # safety-incomplete already says it, as an error
    return _same_pairs(entry)


def _negation(entry: Entry) -> Iterable[str]:
    return () if entry.safety else _negation_pairs(entry)


def _safety_negation(entry: Entry) -> Iterable[str]:
    return _negation_pairs(entry) if entry.safety else ()


def _safety_omission(entry: Entry) -> Iterable[str]:
    return _omission_pairs(entry) if entry.safety else ()


def _outside_safety(compare: Callable[[str, str, str], str | None]) -> CheckFn:
    """A warning outside safety text; in it, `safety-omission` says what is lost, as an
    error, and the warning is left for what is added (longer, more sentences)."""
    pairs = _per_pair(compare)

    def run(entry: Entry) -> Iterable[str]:
        if not entry.safety:
            return pairs(entry)
        found = []
        for source, text in entry.pairs:
            problem = compare(source, text, entry.locale)
            if problem and omission.loss(source, text, entry.locale) is None:
                found.append(problem)
        return found

    return run


def _negated(entry: Entry, source: SourceFacts, text: str) -> bool:
    """The source has an English negation."""
    return source.negated


def _safety_negated(entry: Entry, source: SourceFacts, text: str) -> bool:
    return entry.safety and _negated(entry, source, text)


CHECKS: list[Check] = [
    Check("numbers", _per_pair(numbers.compare), _digits),
    Check("markdown", _markdown, _markdown_punctuation),
    Check("link-target", _link_targets, _markdown_punctuation),
    Check("unsafe", _unsafe, _markup_or_non_ascii),
    Check("placeholders", _placeholders, _ui_only),
    Check("same-as-source", _same_as_source, _equal_outside_safety),
    Check("length", _outside_safety(language.length), _long_source),
    Check("sentences", _outside_safety(language.sentences)),
    Check("negation", _negation, _negated),
    Check("safety-negation", _safety_negation, _safety_negated),
    Check("safety-omission", _safety_omission, _safety_only),
]
"""Checks run on translated (non-blank, non-fuzzy) entries, in this order. Safety
completeness runs first, on every entry, and is not in this list: it cannot be switched off or
ignored."""
