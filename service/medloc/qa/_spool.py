"""Where a task of the gate puts its findings: a list, or a file its parent reads back.

A forked worker of ``medloc check`` (:func:`medloc._parallel.run`) used to send a catalog's
findings back in one piece when the catalog was done: the list (154,000 findings for a
CJK locale of the generated 5,000 x 20 corpus) and its pickle (44 MB, built whole, with the
pickler's memo) at once, on top of what checking the catalog had left in the worker: its
peak. A :class:`Findings` made with a spool file instead pickles each batch of findings to
the file as the checks give it, and the worker drops the batch; the task's result names the
file (:class:`Spooled`), and the parent reads the batches back in the order they were written
(:meth:`Spooled.read`), so the report is the same, finding for finding.

The files live in one private temporary folder per run (:func:`spool_folder`), made by the
parent before the workers fork and removed with everything in it when the run ends.
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .entry import Finding

__all__ = ["Findings", "Spooled", "resolve", "spool_folder"]


@dataclass(frozen=True)
class Spooled:
    """The findings a worker wrote to the file at ``path`` (what its task returns instead
    of them)."""

    path: Path

    def read(self) -> Iterator[Finding]:
        """The findings, in the order they were written; the file is removed once read."""
        with self.path.open("rb") as handle:
            while True:
                try:
                    batch: list[Finding] = pickle.load(handle)
                except EOFError:
                    break
                yield from batch
        self.path.unlink()


class Findings:
    """A task's findings, in order: kept in a list, or (``spool``: a file's path) written
    to that file a batch at a time (:meth:`add`), never held together. Used as a context
    manager, which closes the file."""

    def __init__(self, spool: Path | None = None) -> None:
        self._kept: list[Finding] = []
        self._spool = spool
        self._file: BinaryIO | None = None if spool is None else spool.open("wb")

    def __enter__(self) -> Findings:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._file is not None:
            self._file.close()  # on an error too: the run's end removes the file

    def add(self, found: Iterable[Finding]) -> None:
        """Findings after the ones added so far."""
        if self._file is None:
            self._kept += found
            return
        batch = found if isinstance(found, list) else list(found)
        if batch:
            pickle.dump(batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def result(self) -> list[Finding] | Spooled:
        """What the task gives back: the list, or the spool file (closed)."""
        if self._file is None or self._spool is None:
            return self._kept
        self._file.close()
        return Spooled(self._spool)


def resolve(found: list[Finding] | Spooled) -> list[Finding]:
    """The findings of a task's result, read back from its spool file if it has one."""
    return list(found.read()) if isinstance(found, Spooled) else found


@contextlib.contextmanager
def spool_folder(spooling: bool) -> Iterator[Path | None]:
    """A private temporary folder for the spool files of one run (removed, with whatever is
    left in it, when the block ends), or None when ``spooling`` is false."""
    if not spooling:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="medloc-check-") as folder:
        yield Path(folder)
