"""Accept-Language field values (RFC 9110 §12.5.4): :class:`LanguageRange` and parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from medloc.errors import LocaleError
from medloc.tags import canonical_tag

__all__ = [
    "MAX_HEADER_LENGTH",
    "MAX_ITEMS",
    "WILDCARD",
    "LanguageRange",
    "by_preference",
    "parse_accept_language",
]

MAX_HEADER_LENGTH = 4096
"""Characters of an Accept-Language header that are looked at; the rest is ignored."""

MAX_ITEMS = 64
"""Non-empty list items of an Accept-Language header that are looked at."""

WILDCARD = "*"

_OWS = " \t"
_ITEM_RE = re.compile(r"(?P<range>[^;, \t]+)(?:[ \t]*;[ \t]*[qQ]=(?P<q>[^; \t]*))?")
_QVALUE_RE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


@dataclass(frozen=True)
class LanguageRange:
    """One Accept-Language item: a canonical tag (or ``*``) and its weight."""

    tag: str
    q: float

    def __post_init__(self) -> None:
        if self.tag != WILDCARD and canonical_tag(self.tag) != self.tag:
            raise LocaleError(f"language range {self.tag!r} is not a canonical BCP 47 tag")
        if not 0.0 <= self.q <= 1.0:
            raise LocaleError(f"weight {self.q!r} of {self.tag!r} is not between 0 and 1")


def _bounded_items(header: str) -> Iterator[str]:
    """The first :data:`MAX_ITEMS` non-empty items of the first MAX_HEADER_LENGTH chars."""
    head = header[: MAX_HEADER_LENGTH + 1]
    if len(head) > MAX_HEADER_LENGTH:
        head = head[: max(head.rfind(","), 0)]  # never keep a cut-off item
    count = 0
    for piece in head.split(","):
        item = piece.strip(_OWS)
        if not item:
            continue
        yield item
        count += 1
        if count == MAX_ITEMS:
            return


def _parse_item(item: str) -> LanguageRange | None:
    """One ``language-range [weight]`` item, or None if it is malformed."""
    found = _ITEM_RE.fullmatch(item)
    if found is None:
        return None
    q_text = found.group("q")
    if q_text is not None and _QVALUE_RE.fullmatch(q_text) is None:
        return None
    tag = found.group("range")
    canonical = WILDCARD if tag == WILDCARD else canonical_tag(tag)
    if canonical is None:
        return None
    return LanguageRange(canonical, 1.0 if q_text is None else float(q_text))


def parse_accept_language(header: str) -> list[LanguageRange]:
    """Parse an Accept-Language field value (RFC 9110 §12.5.4).

    Malformed items (bad tag, bad or extra parameters, ``q`` outside 0..1 or with
    more than three decimals) are dropped alone. Only the first
    :data:`MAX_HEADER_LENGTH` characters and :data:`MAX_ITEMS` items are read.
    The result is sorted by ``q`` descending, header order on ties; ``q=0`` items
    are kept (they mean "not acceptable").
    """
    ranges = [r for r in map(_parse_item, _bounded_items(header)) if r is not None]
    return by_preference(ranges)


def by_preference(ranges: Iterable[LanguageRange]) -> list[LanguageRange]:
    """``ranges`` by descending ``q``, original order on ties (the sort is stable)."""
    return sorted(ranges, key=lambda r: -r.q)
