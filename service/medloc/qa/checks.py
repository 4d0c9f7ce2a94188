"""The checks of one translated message: each a small pure function with a cheap precondition.

A `Check` says what it finds (its code), how (``run``: the messages for one `Entry`) and when
it can find anything at all (``needs``: a precondition on one (source, translation) pair, true
whenever ``run`` might say something about it). Preconditions are data
(`medloc.qa.preconditions`: a `Needs` of the pair's features, worked out once per pair);
they only save time: the runner (`medloc.qa.runner`) gives the same findings without them.

`CHECKS` is the one list: the gate and the service both run it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import language, markup, negation, numbers, omission, unsafe
from .codes import CODES, Severity
from .entry import Entry
from .preconditions import Feature, Needs, SourceFacts, always, source_facts

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
for no pair is skipped. A `Needs` (features of the pair) is what the runner picks fastest;
any such function will do."""


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


CHECKS: list[Check] = [
    Check("numbers", _per_pair(numbers.compare), Needs(Feature.DIGITS)),
    Check("markdown", _markdown, Needs(Feature.MARKDOWN)),
    Check("link-target", _link_targets, Needs(Feature.MARKDOWN)),
    Check("unsafe", _unsafe, Needs(Feature.UNSAFE_CHARACTERS)),
    Check("placeholders", _placeholders, Needs(Feature.UI)),
    Check("same-as-source", _same_as_source, Needs(Feature.EQUAL_OUTSIDE_SAFETY)),
    Check("length", _outside_safety(language.length), Needs(Feature.LONG_SOURCE)),
    Check("sentences", _outside_safety(language.sentences)),
    Check("negation", _negation, Needs(Feature.NEGATED)),
    Check("safety-negation", _safety_negation, Needs(Feature.SAFETY_NEGATED)),
    Check("safety-omission", _safety_omission, Needs(Feature.SAFETY)),
]
"""Checks run on translated (non-blank, non-fuzzy) entries, in this order. Safety
completeness runs first, on every entry, and is not in this list: it cannot be switched off or
ignored."""
