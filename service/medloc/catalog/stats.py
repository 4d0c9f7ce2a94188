"""Translation progress: messages and words translated, fuzzy and untranslated.

Pure: takes catalogs, returns rows; the CLI formats them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from medloc.comments import read_notes

from ._model import Catalog, CatalogEntry

__all__ = ["Counts", "StatRow", "catalog_rows", "summarize"]

_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class Counts:
    """Messages and source words in each state."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def add(self, state: str, words: int) -> None:
        setattr(self, state, getattr(self, state) + 1)
        setattr(self, f"{state}_words", getattr(self, f"{state}_words") + words)

    def as_dict(self) -> dict[str, int | float]:
        return {
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "translated_words": self.translated_words,
            "fuzzy_words": self.fuzzy_words,
            "untranslated_words": self.untranslated_words,
            "percent": round(self.percent, 1),
        }


@dataclass(frozen=True)
class StatRow:
    locale: str
    domain: str
    article: str
    """The article's slug, ``disclaimer``, or ``-`` for UI strings."""
    role: str
    """``risks``, ``disclaimer``, ``faq``, ``body`` or ``ui``."""
    counts: Counts = field(default_factory=Counts)


def _state(entry: CatalogEntry) -> str:
    if entry.fuzzy:
        return "fuzzy"
    translated = entry.msgstr or (entry.msgstr_plural and all(entry.msgstr_plural.values()))
    return "translated" if translated else "untranslated"


def catalog_rows(locale: str, domain: str, po: Catalog) -> list[StatRow]:
    """One row per (article, role) of one catalog, in first-seen order."""
    rows: dict[tuple[str, str], StatRow] = {}
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        notes = read_notes((entry.comment or "").splitlines())
        article = notes.article or "-"
        role = notes.role or ("ui" if domain == "messages" else "body")
        row = rows.setdefault((article, role), StatRow(locale, domain, article, role))
        row.counts.add(_state(entry), len(_WORD_RE.findall(entry.msgid)))
    return list(rows.values())


def summarize(rows: Iterable[StatRow], *, by: tuple[str, ...]) -> dict[tuple[str, ...], Counts]:
    """Add rows up by the named fields (``locale``, ``domain``, ``article``, ``role``)."""
    totals: dict[tuple[str, ...], Counts] = {}
    for row in rows:
        key = tuple(getattr(row, name) for name in by)
        total = totals.setdefault(key, Counts())
        for name in (
            "translated",
            "fuzzy",
            "untranslated",
            "translated_words",
            "fuzzy_words",
            "untranslated_words",
        ):
            setattr(total, name, getattr(total, name) + getattr(row.counts, name))
    return totals
