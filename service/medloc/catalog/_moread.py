"""Lazy ``.mo`` reader (:class:`MoCatalog`).

Reads a buffer (``bytes``, ``memoryview`` or ``mmap.mmap``), or an open file with
``os.pread`` (:meth:`MoCatalog.from_file`), without decoding it up front: a lookup
binary-searches the table of originals (a hash table, when there is one, is not used),
decoding only what it returns. Read from a file, a catalog costs the process
no memory beyond the strings it returns: nothing is mapped, and the file's pages stay
in the kernel's page cache, shared and reclaimable.
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Callable, Iterator
from gettext import c2py
from typing import IO, Final, TypeAlias

from medloc.errors import MoFileError

from ._moformat import (
    CHARSET_RE,
    CTX_SEP,
    NUL,
    MoMessage,
    codec_name,
    describe_key,
    header_field,
    parse_header,
)
from ._motable import MoTable, Reader, buffer_reader, file_reader

__all__ = ["Buffer", "MoCatalog"]

Buffer: TypeAlias = "bytes | bytearray | memoryview | mmap.mmap"

_PLURAL_RE: Final = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]+)")


class MoCatalog(MoTable):
    """Read-only view of a compiled .mo catalog held in a buffer.

    Construction checks the fixed header, the table bounds, the charset (UTF-8
    or ASCII) and the plural formula: O(1) work apart from the header entry.
    Strings are bounds-checked and decoded when a lookup touches them. A
    corrupt file raises :class:`medloc.errors.MoFileError` (a ``ValueError``);
    ``validate()`` checks every entry.

    Lookups binary-search the originals, whether or not the file has a hash table
    (msgfmt's default; finding every key through it would mean GNU's hash, in Python,
    over every key in ``validate()``). The first lookup (or ``validate()``) checks
    once that the originals are in key order (O(n) byte comparisons, no decoding:
    about 0.2 s for 200,000 messages, keeping every 64th key in memory to start
    each search from); Babel's files
    are not when msgctxt is used (Babel sorts by msgid, then msgctxt), and are
    then searched through a sorted index (one 32-bit int per message).

    The catalog keeps a reference to the buffer (or file); keep an mmap or a
    file open while the catalog is in use.
    """

    __slots__ = ("_header", "_header_index", "_plural", "_source")

    def __init__(self, buffer: Buffer) -> None:
        buf: bytes | bytearray | memoryview | mmap.mmap = buffer
        if isinstance(buf, memoryview):
            if not buf.c_contiguous:
                raise MoFileError(
                    "the memoryview must be C-contiguous; pass bytes(view) or the buffer it views"
                )
            buf = buf.cast("B")
        self._setup(buf, buffer_reader(buf), len(buf))

    @classmethod
    def from_file(cls, handle: IO[bytes]) -> MoCatalog:
        """A catalog read from an open binary file with ``os.pread`` (which leaves the
        file's position alone, so forked processes can share it). Keep the file open while
        the catalog is in use; the file must not change meanwhile."""
        fd = handle.fileno()
        size = os.fstat(fd).st_size
        catalog = cls.__new__(cls)
        catalog._setup(handle, file_reader(fd, size), size)
        return catalog

    def _setup(self, source: object, read: Reader, size: int) -> None:
        self._source = source
        self._open_tables(read, size)
        self._header_index = self._find_header()

        text = "" if self._header_index is None else self._translation(self._header_index)
        self._header = parse_header(text)
        content_type = header_field(self._header, "Content-Type") or ""
        match = CHARSET_RE.search(content_type)
        if match is not None and codec_name(match.group(1)) not in ("utf-8", "ascii"):
            raise MoFileError(
                f"unsupported charset {match.group(1)!r} in the .mo header "
                "(only UTF-8 and ASCII are read)"
            )
        self._plural = self._compile_plural(header_field(self._header, "Plural-Forms"))

    # -- construction helpers

    def _find_header(self) -> int | None:
        if self._count == 0:
            return None
        if self._key(0) == b"":
            return 0  # where every sorted file, and Babel's, keeps it
        return self._find(b"")

    @staticmethod
    def _compile_plural(plural_forms: str | None) -> Callable[[int], int]:
        if plural_forms is None:
            return c2py("n != 1")  # GNU's default, the Germanic rule
        match = _PLURAL_RE.search(plural_forms)
        if match is None:
            raise MoFileError(f"no plural= expression in Plural-Forms {plural_forms!r}")
        try:
            return c2py(match.group(1).strip())
        except (ValueError, RecursionError) as exc:
            raise MoFileError(f"bad plural expression in Plural-Forms {plural_forms!r}") from exc

    @staticmethod
    def _make_key(msgid: str, context: str | None) -> bytes:
        key = msgid.encode("utf-8")
        if context is not None:
            key = context.encode("utf-8") + CTX_SEP + key
        return key

    # -- public API

    @property
    def header(self) -> dict[str, str]:
        """The header fields (``Name: value`` lines of the msgid "" entry)."""
        return dict(self._header)

    def get(self, msgid: str, context: str | None = None) -> str | None:
        """The translation of ``msgid`` (in ``context``), or None if absent.

        For a plural message this is its first form, as with GNU gettext().
        """
        key = self._make_key(msgid, context)
        if NUL in key:
            return None
        index = self._find(key)
        if index is None:
            return None
        return self._translation(index).partition("\x00")[0]

    def get_plural(self, msgid: str, n: int, context: str | None = None) -> str | None:
        """The plural form of ``msgid`` for the count ``n``, or None if absent.

        ``msgid`` is the singular msgid. The form is chosen by the header's
        Plural-Forms (default ``n != 1``); an out-of-range form index falls
        back to the first form, as GNU gettext does.
        """
        key = self._make_key(msgid, context)
        if NUL in key:
            return None
        index = self._find(key)
        if index is None:
            return None
        forms = self._translation(index).split("\x00")
        form = self._plural(n)
        return forms[form] if 0 <= form < len(forms) else forms[0]

    def __len__(self) -> int:
        """Number of messages, not counting the header entry."""
        return self._count - (self._header_index is not None)

    def __iter__(self) -> Iterator[MoMessage]:
        """Messages in file order (key order for msgfmt's and our files)."""
        for index in range(self._count):
            if index != self._header_index:
                yield self._message(index)

    def _message(self, index: int) -> MoMessage:
        original = self._decode(self._original(index), "original", index)
        translation = self._translation(index)
        key, plural_sep, msgid_plural = original.partition("\x00")
        context, ctx_sep, msgid = key.partition("\x04")
        if not ctx_sep:
            context, msgid = "", key
        if plural_sep:
            forms = tuple(translation.split("\x00"))
            return MoMessage(msgid, forms[0], context if ctx_sep else None, msgid_plural, forms)
        return MoMessage(msgid, translation, context if ctx_sep else None)

    def validate(self) -> None:
        """Check every entry: bounds, UTF-8, and that each key is found.

        O(n), reading the tables and the strings a run at a time (not a few ``pread`` calls
        per entry): every original and translation is proven UTF-8 (a run of contiguous
        strings decoded whole, see :meth:`_contiguous`; else each string), and every key
        proven findable (:meth:`_first_lost`).
        Raises :class:`medloc.errors.MoFileError` describing a problem.
        """
        keys = self._contiguous(self._orig_off, keys=True)
        if keys is None:  # another layout, or a fault: string by string, to name it
            keys = []
            for index, raw in enumerate(self._strings(self._orig_off, "original")):
                if index != self._header_index:
                    self._decode(raw, "original", index)
                keys.append(raw.partition(NUL)[0])
        if self._contiguous(self._trans_off, keys=False) is None:
            for index, raw in enumerate(self._strings(self._trans_off, "translation")):
                self._decode(raw, "translation", index)
        lost = self._first_lost(keys)
        if lost is not None:
            what = "the header" if lost == self._header_index else describe_key(keys[lost])
            raise MoFileError(f"corrupt .mo file: {what} (#{lost}) cannot be looked up")
