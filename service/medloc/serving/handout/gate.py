"""A bounded render gate: at most ``renders`` PDFs at once, at most ``queue`` waiting.

A PDF takes a CPU core for about a second; pages take a millisecond. Without a bound, a
burst of PDF requests would hold every worker thread and starve the pages. A request past
the queue, or one that waited ``wait`` seconds, gets :class:`Busy` at once (the route
answers 503 with Retry-After).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Busy", "Gate"]


class Busy(Exception):
    """Too many handouts are being rendered or waited for; try again later."""


class Gate:
    """``with gate.admit(): ... with gate.slot(): render()``."""

    def __init__(self, renders: int, queue: int, wait: float) -> None:
        self.renders = renders
        self.queue = queue
        self.wait = wait
        self._slots = threading.BoundedSemaphore(renders)
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Requests rendering or waiting now."""
        return self._admitted

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Count one request in (rendering or waiting); :class:`Busy` when full."""
        with self._lock:
            if self._admitted >= self.renders + self.queue:
                raise Busy(f"{self._admitted} handouts are being rendered or waited for")
            self._admitted += 1
        try:
            yield
        finally:
            with self._lock:
                self._admitted -= 1

    @contextmanager
    def slot(self) -> Iterator[None]:
        """One of the ``renders`` slots; :class:`Busy` after ``wait`` seconds without one."""
        if not self._slots.acquire(timeout=self.wait):
            raise Busy(f"no render slot within {self.wait} seconds")
        try:
            yield
        finally:
            self._slots.release()
