"""What the gate learns from a catalog's bytes read a block at a time (:class:`Scan`):
whether its text must be read whole, whether it has previous-text lines, where the header
fields are, and the digest of its bytes; never holding the bytes."""

from __future__ import annotations

import codecs
import functools
from pathlib import Path

from medloc import catalog as catalogs

from .catalog import CONFLICT_MARKER

__all__ = ["BLOCK", "Scan"]

_WHOLE_TEXT = (CONFLICT_MARKER.encode(),)
_PREVIOUS = (b"#|", b"#~|")
_HEADER_FIELDS = (b"Content-Type:", b"Plural-Forms:")
BLOCK = 1 << 20
"""Bytes read at a time."""


class Scan:
    """What the gate learns from a catalog's bytes, given a block at a time (:meth:`feed`):
    whether its text must be read whole (``whole``: a conflict marker, or not UTF-8),
    whether it has previous-text lines (``previous``: the gate then reads them for broken
    ones) and how many bytes hold the first occurrence of each header field the header
    check looks for (``head``)."""

    _KEEP = max(map(len, (*_WHOLE_TEXT, *_PREVIOUS, *_HEADER_FIELDS))) - 1

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.ends: dict[bytes, int] = {}
        self.whole = False
        self.previous = False
        self.tail = b""  # the end of the previous block: a marker may span two
        self.offset = 0  # where ``tail`` starts in the file

    def feed(self, block: bytes) -> bytes:
        try:
            self.decoder.decode(block, final=not block)
        except UnicodeDecodeError:
            self.whole = True
        window = self.tail + block
        self.whole = self.whole or any(marker in window for marker in _WHOLE_TEXT)
        self.previous = self.previous or any(marker in window for marker in _PREVIOUS)
        for field in _HEADER_FIELDS:
            if field not in self.ends and (at := window.find(field)) != -1:
                self.ends[field] = self.offset + at + len(field)
        kept = min(self._KEEP, len(window))
        self.offset += len(window) - kept
        self.tail = window[len(window) - kept :]
        return block

    @property
    def head(self) -> int:
        return max(self.ends.values(), default=0)

    @classmethod
    def of(cls, path: Path) -> tuple[Scan, str]:
        """The scan of the file at ``path`` and the digest of its bytes
        (:func:`medloc.catalog.source_digest`)."""
        scan = cls()
        with path.open("rb") as handle:
            blocks = iter(functools.partial(handle.read, BLOCK), b"")
            source = catalogs.source_digest(scan.feed(block) for block in blocks)
        scan.feed(b"")  # the end: a UTF-8 sequence left open is an error
        return scan, source
