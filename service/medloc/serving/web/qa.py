"""The one hook between serving and translation QA: may this translation be shown?

A translation with a blocking finding of :mod:`medloc.qa` (wrong numbers, raw HTML,
a script link, a safety message left in English...) is treated as missing: an ordinary
paragraph falls back alone, a safety section falls back whole.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping

from medloc.formats import PYTHON_FORMAT, is_python_format
from medloc.qa import Entry, blocking_errors
from medloc.tags import locale_tag

from ..render import Accept

__all__ = ["Ignores", "make_accept"]

log = logging.getLogger("medloc.web")

Ignores = Mapping[str, Mapping[tuple[str | None, str], Mapping[str, str]]]
"""locale -> (msgctxt, msgid) -> {finding code: reason} from ``# medloc-ignore`` comments."""


_PYTHON_FORMAT = frozenset({PYTHON_FORMAT})

MEMO_SIZE = 16_384
"""Decisions remembered per process: a page asks about each message more than once (safety
sections are tried whole, then rendered), and a re-rendered page asks again. Bounded: with
thousands of articles in dozens of locales, remembering every message would hold every
translation in memory."""


def make_accept(
    ignores: Ignores, *, domain: str = "articles", memo_size: int = MEMO_SIZE
) -> Accept:
    """An :data:`medloc.serving.render.Accept` running the blocking checks, memoized per message
    in a bounded LRU."""

    @functools.lru_cache(maxsize=memo_size)
    def accept(locale: str, context: str, msgid: str, msgstr: str, role: str | None) -> bool:
        entry = Entry(
            msgid=msgid,
            msgstr=msgstr,
            locale=locale_tag(locale).babel,
            domain=domain,
            context=context or None,
            role=role,
            flags=_PYTHON_FORMAT if is_python_format(msgid) else frozenset(),
            ignores=ignores.get(locale, {}).get((context or None, msgid), {}),
        )
        try:
            return not blocking_errors(entry)
        except Exception:  # a crashing check withholds the translation, never the page
            log.exception("QA check failed on %s %r; translation withheld", locale, context)
            return False

    return accept
