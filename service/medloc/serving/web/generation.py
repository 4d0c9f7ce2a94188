"""Generations: the service picks up changed content and catalogs while it serves.

A *generation* is one :class:`~.library.Library`: a consistent snapshot of ``content/`` and
``locales/`` with its own caches, replay recordings (:mod:`.replay`) and so its own ETags
(they are hashes of the bytes served, so two workers on the same generation agree).

:class:`Generations` holds the current one. Every request is *pinned* to the generation
current when it arrives (:meth:`Generations.pin`, called by the replay middleware before
anything else): everything it renders comes from that one snapshot, so no page mixes two
generations, and a swap never fails a request in flight.

Polling: at most every ``reload_interval`` seconds a request first compares the stamps
(inode, size, mtime) of every input file with those of the current generation. A change is
taken once the files have stayed the same for one more interval (a file still being written
is not read half-way), by building a new Library from the current one: unchanged catalogs are
reused, and a changed file that does not validate keeps its last good version (reported by
``/healthz``). :meth:`Generations.reload` takes a new generation at once (``medloc serve``
calls it in the gunicorn master on ``SIGHUP``, before the workers are forked again).

Nothing else keeps a generation: once no request uses the old one, it is freed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from medloc.config import CONFIG_FILE

from .config import Settings
from .library import Library
from .loading import Stamp, stamp

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

__all__ = ["PINNED", "Generations", "fingerprint"]

log = logging.getLogger("medloc.web")

PINNED = "medloc.library"
"""The WSGI environ key holding the generation a request is served from."""

_DOMAINS = ("articles.po", "articles.mo", "messages.po", "messages.mo")

Fingerprint = tuple[tuple[str, Stamp | None], ...]


def fingerprint(settings: Settings) -> Fingerprint:
    """The stamp of every file the service reads (a few stat calls per file)."""
    content = settings.content_path
    articles = content / "articles"
    files = [settings.root / CONFIG_FILE, content / "disclaimer.md"]  # [review] policy too
    if articles.is_dir():
        files.extend(sorted(articles.glob("*.md")))
    locales = settings.locales_path
    if locales.is_dir():
        for folder in sorted(p for p in locales.iterdir() if p.is_dir()):
            files.extend(folder / "LC_MESSAGES" / name for name in _DOMAINS)
    return tuple((str(path), stamp(path)) for path in files)


class Generations:
    """The current generation of one process, and how it moves on."""

    def __init__(
        self,
        settings: Settings,
        first: Library,
        on_swap: Callable[[Library], None] = lambda library: None,
    ) -> None:
        self.settings = settings
        self.current = first
        self._on_swap = on_swap
        self._taken = fingerprint(settings)
        """The files as they were when the current generation was built."""
        self._seen = self._taken
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def pin(self, environ: WSGIEnvironment) -> Library:
        """The generation ``environ``'s request is served from (polling first, if due)."""
        self.poll()
        library = self.current
        environ[PINNED] = library
        return library

    def poll(self) -> None:
        """Take a new generation if the files changed and then stayed the same for one
        interval; at most once per ``reload_interval`` (0: never)."""
        interval = self.settings.reload_interval
        if interval <= 0 or time.monotonic() - self._checked < interval:
            return
        if not self._lock.acquire(blocking=False):
            return  # another thread is checking: serve the current generation
        try:
            self._checked = time.monotonic()
            now = fingerprint(self.settings)
            settled = now == self._seen
            self._seen = now
            if now != self._taken and settled:
                self._swap(now)
        finally:
            self._lock.release()

    def reload(self) -> Library:
        """Take a new generation now if any file changed (the files as they are)."""
        with self._lock:
            now = fingerprint(self.settings)
            self._seen = now
            if now != self._taken:
                self._swap(now)
            return self.current

    def _swap(self, files: Fingerprint) -> None:
        try:
            library = Library(self.settings, previous=self.current)
        except Exception:  # never lose the generation being served
            log.exception(
                "a new generation could not be built; generation %d is kept", self.current.number
            )
            return
        self._taken = files
        self.current = library
        self._on_swap(library)
        log.info(
            "generation %d taken (%d problems)%s",
            library.number,
            len(library.problems),
            "".join(f"\n  {problem}" for problem in library.problems),
        )


def pinned(environ: WSGIEnvironment) -> Any:
    """The generation pinned to ``environ``, if any."""
    return environ.get(PINNED)
