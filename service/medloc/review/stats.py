"""Review progress: reviewed / translated / fuzzy per locale, article and role.

Pure: takes the entries' review states (:func:`medloc.review.state.review_state`), returns
rows; the CLI formats them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .state import EntryReview, ReviewState

__all__ = ["ReviewCounts", "ReviewRow", "review_rows", "summarize_review"]


@dataclass(frozen=True)
class ReviewRow:
    """Messages of one (locale, domain, article, role) in each state."""

    locale: str
    domain: str
    article: str
    """The article's slug, ``disclaimer``, or ``-`` for UI strings."""
    role: str
    """``risks``, ``disclaimer``, ``faq``, ``body`` or ``ui`` (as ``medloc stats``)."""
    total: int
    translated: int
    """Translated and not fuzzy."""
    fuzzy: int
    reviewed: int
    """Translated, with a trusted sign-off of the text as it stands."""
    lapsed: int
    """Translated, signed, but not as it stands."""
    untrusted: int
    """Translated, signed as it stands, but the sign-off fails the trust model."""

    @property
    def unreviewed(self) -> int:
        """Translated messages without a sign-off that counts."""
        return self.translated - self.reviewed

    def as_dict(self) -> dict[str, int | str]:
        return {
            "locale": self.locale,
            "domain": self.domain,
            "article": self.article,
            "role": self.role,
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "reviewed": self.reviewed,
            "lapsed": self.lapsed,
            "untrusted": self.untrusted,
        }


def _key(r: EntryReview) -> tuple[str, str, str, str]:
    role = r.role or ("ui" if r.domain == "messages" else "body")
    return (r.locale, r.domain, r.article or "-", role)


def review_rows(reviews: Iterable[EntryReview]) -> list[ReviewRow]:
    """One row per (locale, domain, article, role), in first-seen order."""
    counts: dict[tuple[str, str, str, str], Counter[str]] = {}
    for r in reviews:
        count = counts.setdefault(_key(r), Counter())
        count["total"] += 1
        if r.fuzzy:
            count["fuzzy"] += 1
        if not r.translated:
            continue
        count["translated"] += 1
        if r.state is not ReviewState.MISSING:
            count[r.state.value] += 1
    return [
        ReviewRow(
            *key,
            total=c["total"],
            translated=c["translated"],
            fuzzy=c["fuzzy"],
            reviewed=c[ReviewState.REVIEWED.value],
            lapsed=c[ReviewState.LAPSED.value],
            untrusted=c[ReviewState.UNTRUSTED.value],
        )
        for key, c in counts.items()
    ]


@dataclass(frozen=True)
class ReviewCounts:
    """Review progress of a group of rows (a locale, a role, an article)."""

    translated: int = 0
    fuzzy: int = 0
    reviewed: int = 0
    lapsed: int = 0
    untrusted: int = 0

    def __add__(self, row: ReviewRow | ReviewCounts) -> ReviewCounts:
        return ReviewCounts(
            self.translated + row.translated,
            self.fuzzy + row.fuzzy,
            self.reviewed + row.reviewed,
            self.lapsed + row.lapsed,
            self.untrusted + row.untrusted,
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "reviewed": self.reviewed,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "lapsed": self.lapsed,
            "untrusted": self.untrusted,
        }


def summarize_review(
    rows: Iterable[ReviewRow], by: tuple[str, ...]
) -> dict[tuple[str, ...], ReviewCounts]:
    """The rows summed per value of the fields ``by`` (``("locale", "role")``), in
    first-seen order."""
    sums: dict[tuple[str, ...], ReviewCounts] = {}
    for row in rows:
        key = tuple(str(getattr(row, name)) for name in by)
        sums[key] = sums.get(key, ReviewCounts()) + row
    return sums
