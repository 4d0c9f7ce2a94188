"""Writing the built tree: each file whole or not at all, with its compressed variants.

A :class:`Batch` writes every file of one unit of work (one locale's pages, say) to a
temporary file beside its final name, then makes them durable with one ``sync`` and renames
each into place (``os.replace``): a server reading the tree sees the old file or the new
one, never a part. One sync per batch instead of one ``fsync`` per file: with a hundred
thousand pages and two variants each, a per-file ``fsync`` (:func:`medloc.project.write_atomic`,
about 4.6 ms here against 0.9 ms) would cost more than rendering them.

Variants: ``NAME.gz`` (gzip at :data:`GZIP_LEVEL`, the timestamp in the stream fixed at 0
so that two builds of the same input are identical) and ``NAME.br`` (brotli at
:data:`BROTLI_QUALITY`), which nginx's ``gzip_static`` and ``brotli_static`` send to
clients that accept them.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import brotli  # type: ignore[import-untyped]

__all__ = ["BROTLI_QUALITY", "GZIP_LEVEL", "Batch", "Written", "digest", "variants"]

BROTLI_QUALITY = 5
"""Measured on a 20 KB page: 0.44 ms at 5, 0.51 ms at 6, 0.64 ms at 7, 1 % smaller at 6
and 7 than at 5; quality 11 (the maximum) takes about 40 ms."""
GZIP_LEVEL = 5
"""On 1,500 pages and API documents of a 500 x 20 build (14.7 KB on average): 0.21 ms a
file at level 5 against 0.30 ms at 6 (zlib's default), for 2.5 % more bytes (24.4 % of the
body instead of 23.8 %; level 9 takes twice level 6's time for 0.5 % fewer). A build
compresses every file of the site, and clients that take brotli get the ``.br``."""

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def variants(body: bytes) -> dict[str, bytes]:
    """The bytes to write for a body: the body itself and its ``.gz`` and ``.br`` forms."""
    return {
        "": body,
        ".gz": gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0),
        ".br": brotli.compress(body, quality=BROTLI_QUALITY),
    }


@dataclass(frozen=True, slots=True)
class Written:
    """One output as it is on disk now."""

    name: str
    """Its path in the tree (``es/articles/thermal-rhizotomy``)."""
    digest: str
    size: int
    mtime_ns: int


@dataclass
class Batch:
    """Files written together: :meth:`add` each, then :meth:`commit` (or :meth:`discard`)."""

    root: Path
    _pending: list[tuple[str, str]] = field(default_factory=list)
    _folders: set[str] = field(default_factory=set)
    """The folders known to exist (made once per batch, not once per file)."""

    def add(self, name: str, body: bytes) -> None:
        """Write ``body`` and its variants beside their final names (not yet in place)."""
        final = os.path.join(self.root, name)  # strings: a Path per file costs as much
        folder, base = os.path.split(final)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        token = secrets.token_hex(6)  # one for the three files
        for suffix, data in variants(body).items():
            target = f"{final}{suffix}"
            self._pending.append((_temporary(folder, f"{base}{suffix}", token, data), target))

    def commit(self) -> None:
        """Make every file durable, then put each in place."""
        if not self._pending:
            return
        os.sync()
        for temporary, target in self._pending:
            os.replace(temporary, target)
        self._pending.clear()

    def discard(self) -> None:
        for temporary, _target in self._pending:
            Path(temporary).unlink(missing_ok=True)
        self._pending.clear()


def _temporary(folder: str, name: str, token: str, data: bytes) -> str:
    """``data`` in a new file beside ``folder/name`` (mode 0o666 less the umask, as any new
    file), written with one ``write`` call where the system takes it whole."""
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{token}.tmp")
        try:
            fd = os.open(temporary, _FLAGS, 0o666)
        except FileExistsError:
            token = secrets.token_hex(6)
            continue
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        except BaseException:
            os.unlink(temporary)
            raise
        return temporary
    raise FileExistsError(f"cannot create a temporary file beside {os.path.join(folder, name)}")


def stat_of(path: str | Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of ``path``, None when it is missing."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns
