"""A bounded render gate, shared by every worker process of the server.

A PDF takes a CPU core for about a second; a page takes a millisecond. ``medloc serve`` runs
gunicorn's sync workers, one request at a time each: a worker rendering a PDF, or waiting to
render one, serves no page. So the bound is one count for the whole server, kept in shared
memory (a :mod:`multiprocessing` semaphore and counter made before the workers fork): at most
``renders`` PDFs are rendered at once and ``queue`` requests wait for a slot; a request past
them, or one that waited ``wait`` seconds, gets :class:`Busy` at once (the route answers 503
with Retry-After). Keep ``renders + queue`` below the number of workers and the pages always
have a worker (docs/handouts.md).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Busy", "Gate"]

_SHARED = multiprocessing.get_context("fork")


class Busy(Exception):
    """Too many handouts are being rendered or waited for; try again later."""


class Gate:
    """``with gate.admit(): ... with gate.slot(): render()``."""

    def __init__(self, renders: int, queue: int, wait: float) -> None:
        self.renders = renders
        self.queue = queue
        self.wait = wait
        self._slots = _SHARED.BoundedSemaphore(renders)
        self._admitted = _SHARED.Value("i", 0)

    @property
    def admitted(self) -> int:
        """Requests rendering or waiting now, in every worker."""
        return int(self._admitted.value)

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Count one request in (rendering or waiting); :class:`Busy` when full."""
        with self._admitted.get_lock():
            if self._admitted.value >= self.renders + self.queue:
                raise Busy(f"{self._admitted.value} handouts are being rendered or waited for")
            self._admitted.value += 1
        try:
            yield
        finally:
            with self._admitted.get_lock():
                self._admitted.value -= 1

    @contextmanager
    def slot(self) -> Iterator[None]:
        """One of the ``renders`` slots; :class:`Busy` after ``wait`` seconds without one."""
        if not self._slots.acquire(timeout=self.wait):
            raise Busy(f"no render slot within {self.wait} seconds")
        try:
            yield
        finally:
            self._slots.release()
