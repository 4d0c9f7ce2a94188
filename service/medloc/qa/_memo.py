"""Memory for what the checks work out about a source text (a msgid).

Every locale's catalog repeats the same msgids, so the gate analyses each source once per run
and reuses the analysis in every locale. A bounded LRU cannot do that on a large project: the
gate meets the msgids in the same order in each locale, so with more msgids than the LRU
holds every lookup misses. A `SourceMemo` therefore keeps a bounded LRU (enough for the
service, which checks a few translations at a time) and, inside `remember_sources()`, a plain
dict of every source met, dropped when the block ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Generic, TypeVar

__all__ = ["SourceMemo", "remember_sources"]

T = TypeVar("T")

_MEMOS: list[SourceMemo[object]] = []
_MISSING: object = object()
_depth = 0


class SourceMemo(Generic[T]):
    """A function of one source text, memoized (see the module's doc)."""

    def __init__(self, function: Callable[[str], T], maxsize: int = 65536) -> None:
        self.function = function
        self._lru = lru_cache(maxsize=maxsize)(function)
        self._all: dict[str, T] | None = None
        _MEMOS.append(self)  # type: ignore[arg-type]

    def __call__(self, text: str) -> T:
        table = self._all
        if table is None:
            return self._lru(text)
        # not try/except KeyError: every source is met once first, and raising costs more
        # than the look-up (in a one-locale project every source is met once only)
        value = table.get(text, _MISSING)
        if value is _MISSING:
            value = table[text] = self.function(text)
        return value  # type: ignore[return-value]


@contextmanager
def remember_sources() -> Iterator[None]:
    """Inside: every `SourceMemo` remembers every source it is asked about (nesting is fine)."""
    global _depth
    if _depth == 0:
        for memo in _MEMOS:
            memo._all = {}
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            for memo in _MEMOS:
                memo._all = None
