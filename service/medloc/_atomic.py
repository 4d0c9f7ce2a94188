"""Writing files whole or not at all: every file medloc writes goes through here.

A temporary file in the same folder, synced, then renamed over the target; written in one
piece (:func:`write_atomic`) or piece by piece as it is made (:func:`replacing`), so that a
large catalog is never held whole in memory to be written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["Replacement", "replacing", "write_atomic", "write_pieces"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (:func:`replacing`)."""
    with replacing(path) as out:
        out.write(data)


@dataclass
class Replacement:
    """The new content of a file, being written (:func:`replacing`)."""

    handle: BinaryIO
    keep: bool = True

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def discard(self) -> None:
        """Leave the file as it was: what was written is thrown away."""
        self.keep = False


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Replacement]:
    """Write ``path`` whole or not at all, piece by piece: a temporary file in the same
    folder, synced, then renamed over ``path`` when the block ends (unless discarded); an
    exception removes it and leaves ``path`` as it was. The file gets the mode a plain write
    of a new file gets (0o666 less the umask, e.g. 0o644), never mkstemp's 0600: a service
    running as another user must be able to read it. Every file medloc writes goes
    through here."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            replacement = Replacement(handle)
            yield replacement
            if replacement.keep:
                handle.flush()
                os.fsync(handle.fileno())
        if replacement.keep:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty, open file beside ``path``, created with mode 0o666 so that the kernel
    applies the umask (and a default ACL) as for any new file."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _TEMPORARY_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file beside {path}")


def write_pieces(out: Replacement, pieces: Iterable[str]) -> bytes:
    """Write ``pieces`` of text to ``out`` (UTF-8, a few hundred at a time); the SHA-256 of
    what was written."""
    digest = hashlib.sha256()
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= 512:
            data = "".join(batch).encode("utf-8")
            digest.update(data)
            out.write(data)
            batch.clear()
    data = "".join(batch).encode("utf-8")
    digest.update(data)
    out.write(data)
    return digest.digest()
