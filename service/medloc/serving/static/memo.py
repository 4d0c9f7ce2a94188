"""A build worker's memory of the coverage of each article in each locale.

Every article page and API document asks for its article's coverage in every locale offered
(``hreflang`` alternates, coverage marks: :func:`medloc.serving.web.presenting.coverages`,
``translated_locales``), each from the article's fallback plan in that locale. The service's
plan cache is bounded for memory (a plan is about 70 KB), so a build that renders locale after
locale would plan every article in every locale again for each locale: N x M^2 plans. While a
worker renders, the coverage (a float) is kept per (article, locale) of the generation being
built, computed by the service's own function the first time: N x M plans per worker.

The service's function is wrapped, not rewritten; if it is renamed, nothing is memoized and
the build is only slower.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from ..web import presenting

__all__ = ["coverage_memo"]

_NAME = "_plans_coverage"
_MEMO: dict[tuple[str, str], float] = {}
_OWNER: list[Any] = [None]
"""The generation the memo is about (held, so that its ``id`` is never reused)."""


@contextlib.contextmanager
def coverage_memo() -> Iterator[None]:
    """Coverages computed once per (article, locale) of a generation while the block runs."""
    original: Callable[..., float] | None = getattr(presenting, _NAME, None)
    if original is None:
        yield
        return

    def cached(library: Any, slug: str, tag: str) -> float:
        if _OWNER[0] is not library:
            _MEMO.clear()
            _OWNER[0] = library
        key = (slug, tag)
        found = _MEMO.get(key)
        if found is None:
            found = _MEMO[key] = original(library, slug, tag)
        return found

    setattr(presenting, _NAME, cached)
    try:
        yield
    finally:
        setattr(presenting, _NAME, original)
