"""Omissions in safety text: a translation far shorter than its source, or with fewer sentences
or list items.

"Far shorter" is measured against what the project's own reviewed translations are: `RATIOS`
(in `medloc.qa._ratios`, data written by `learn_ratios` from the shipped catalogs and checked
against them by a test) holds, per locale, the median length of a translated, non-fuzzy article
message over its source's. A translation below `SHORT_FACTOR` times that ratio has lost part
of the message; the threshold is kept between `FLOOR` and `CEILING`, so that a locale with
few reviewed messages cannot make it absurd. A locale without a learned ratio uses the
expected expansion of its language (`medloc.qa.language.EXPANSION`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from medloc.tags import locale_tag

from . import language
from ._memo import SourceMemo
from ._ratios import RATIOS

__all__ = [
    "CEILING",
    "FLOOR",
    "SHORT_FACTOR",
    "Loss",
    "compare",
    "learn_ratios",
    "loss",
    "threshold",
]

SHORT_FACTOR = 0.5
FLOOR = 0.15
CEILING = 0.75
MIN_SOURCE = language.LENGTH_MIN_SOURCE

_LIST_ITEM = re.compile(r"(?m)^[ \t]*(?:[-*+\u2022]|\d+[.)])[ \t]+")


@dataclass(frozen=True)
class Loss:
    """What a translation lost: its length ratio when too short, and the counts when fewer."""

    ratio: float | None
    expected: float
    sentences: tuple[int, int] | None
    items: tuple[int, int] | None


def _ratio_of(locale: str) -> float:
    tag = locale_tag(locale)
    if tag.babel in RATIOS:
        return RATIOS[tag.babel]
    return language.EXPANSION.get(tag.language, 1.0)


def threshold(locale: str) -> float:
    """The length ratio below which a safety translation of the locale has lost text."""
    return min(CEILING, max(FLOOR, SHORT_FACTOR * _ratio_of(locale)))


def _items(text: str) -> int:
    return len(_LIST_ITEM.findall(text))


_source_items = SourceMemo(_items)


def loss(source: str, translation: str, locale: str) -> Loss | None:
    """What the translation lost against its source, or None."""
    if not translation.strip():
        return None
    ratio: float | None = None
    n_source = language.source_length(source)
    if n_source >= MIN_SOURCE:
        got = language.text_length(translation) / n_source
        ratio = got if got < threshold(locale) else None
    want_s, got_s = language.source_sentences(source), language.sentence_count(translation, locale)
    want_i, got_i = _source_items(source), _items(translation)
    sentences = (want_s, got_s) if got_s < want_s else None
    items = (want_i, got_i) if got_i < want_i else None
    if ratio is None and sentences is None and items is None:
        return None
    return Loss(ratio, _ratio_of(locale), sentences, items)


def compare(source: str, translation: str, locale: str) -> str | None:
    """None unless the translation lost text (see `loss`); then a message saying what."""
    lost = loss(source, translation, locale)
    if lost is None:
        return None
    parts = []
    if lost.ratio is not None:
        parts.append(
            f"it is {lost.ratio:.2f} times the source's length where reviewed {locale}"
            f" translations are about {lost.expected:.2f}"
        )
    if lost.sentences is not None:
        parts.append(f"the source has {lost.sentences[0]} sentences, it {lost.sentences[1]}")
    if lost.items is not None:
        parts.append(f"the source has {lost.items[0]} list items, it {lost.items[1]}")
    return (
        "part of this safety-critical message seems lost: " + "; ".join(parts) + ". Translate"
        " every sentence and list item; merging two sentences into one is not allowed here"
    )


def learn_ratios(pairs: Iterable[tuple[str, str, str]]) -> dict[str, float]:
    """(locale, source, reviewed translation) -> {locale: median length ratio}, rounded to
    two decimals: how `RATIOS` is made (sources shorter than `MIN_SOURCE` are left out)."""
    ratios: dict[str, list[float]] = {}
    for locale, source, text in pairs:
        n_source = language.source_length(source)
        if n_source >= MIN_SOURCE and text.strip():
            ratios.setdefault(locale, []).append(language.text_length(text) / n_source)
    return {locale: round(statistics.median(found), 2) for locale, found in sorted(ratios.items())}
