"""Lazy ``.mo`` reader (:class:`MoCatalog`).

Reads a buffer (``bytes``, ``memoryview`` or ``mmap.mmap``), or an open file with
``os.pread`` (:meth:`MoCatalog.from_file`), without decoding it up front: a lookup
probes the hash table when there is one, and otherwise binary-searches the table of
originals, decoding only what it returns. Read from a file, a catalog costs the process
no memory beyond the strings it returns: nothing is mapped, and the file's pages stay
in the kernel's page cache, shared and reclaimable.
"""

from __future__ import annotations

import mmap
import os
import re
import struct
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from gettext import c2py
from typing import IO, Final, Protocol, TypeAlias

from ._moformat import (
    CHARSET_RE,
    CTX_SEP,
    HEADER_SIZE,
    MAGIC,
    MAGIC_SWAPPED,
    NUL,
    MoMessage,
    codec_name,
    describe_key,
    hashpjw,
    header_field,
    parse_header,
)

__all__ = ["Buffer", "MoCatalog"]

Buffer: TypeAlias = "bytes | bytearray | memoryview | mmap.mmap"

_PLURAL_RE: Final = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]+)")
_FENCE: Final = 64
"""Every 64th key, in key order, is kept in memory after the first binary search (about
1 % of a catalog's originals): a look-up bisects them, then reads at most 6 keys."""
_BLOCK_SPAN: Final = 1 << 18
"""At most this many bytes of strings are read at once to search one block."""
_WINDOW: Final = 1 << 22
"""Bytes read at once when walking every original in file order."""


class _Reader(Protocol):
    def __call__(self, offset: int, length: int, /) -> bytes: ...


def _buffer_reader(buf: bytes | bytearray | memoryview | mmap.mmap) -> _Reader:
    def read(offset: int, length: int) -> bytes:
        return bytes(buf[offset : offset + length])

    return read


def _file_reader(fd: int, size: int) -> _Reader:
    def read(offset: int, length: int) -> bytes:
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise ValueError(
                f"the .mo file changed while in use: {length} bytes at offset {offset} "
                f"of a {size}-byte file could not be read"
            )
        return data

    return read


class MoCatalog:
    """Read-only view of a compiled .mo catalog held in a buffer.

    Construction checks the fixed header, the table bounds, the charset (UTF-8
    or ASCII) and the plural formula: O(1) work apart from the header entry.
    Strings are bounds-checked and decoded when a lookup touches them. A
    corrupt file raises ``ValueError``; ``validate()`` checks every entry.

    Lookups use the hash table when the file has one (msgfmt's default),
    otherwise binary search over the originals. Without a hash table the first
    lookup checks once that the originals are in key order (O(n) byte
    comparisons, no decoding: about 0.2 s for 200,000 messages, keeping every
    64th key in memory to start each search from); Babel's files
    are not when msgctxt is used (Babel sorts by msgid, then msgctxt), and are
    then searched through a sorted index (one 32-bit int per message).

    The catalog keeps a reference to the buffer (or file); keep an mmap or a
    file open while the catalog is in use.
    """

    __slots__ = (
        "_count",
        "_entry_fmt",
        "_fences",
        "_hash_off",
        "_hash_size",
        "_header",
        "_header_index",
        "_orig_off",
        "_plural",
        "_read",
        "_size",
        "_sorted_index",
        "_source",
        "_trans_off",
        "_word_fmt",
    )

    def __init__(self, buffer: Buffer) -> None:
        buf: bytes | bytearray | memoryview | mmap.mmap = buffer
        if isinstance(buf, memoryview):
            if not buf.c_contiguous:
                raise ValueError("the memoryview must be C-contiguous")
            buf = buf.cast("B")
        self._setup(buf, _buffer_reader(buf), len(buf))

    @classmethod
    def from_file(cls, handle: IO[bytes]) -> MoCatalog:
        """A catalog read from an open binary file with ``os.pread`` (which leaves the
        file's position alone, so forked processes can share it). Keep the file open while
        the catalog is in use; the file must not change meanwhile."""
        fd = handle.fileno()
        size = os.fstat(fd).st_size
        catalog = cls.__new__(cls)
        catalog._setup(handle, _file_reader(fd, size), size)
        return catalog

    def _setup(self, source: object, read: _Reader, size: int) -> None:
        self._source = source
        self._read = read
        self._size = size
        if size < HEADER_SIZE:
            raise ValueError(
                f"not a .mo file: {size} bytes, shorter than the {HEADER_SIZE}-byte header"
            )
        (magic,) = struct.unpack("<I", read(0, 4))
        if magic == MAGIC:
            order = "<"
        elif magic == MAGIC_SWAPPED:
            order = ">"
        else:
            raise ValueError(f"not a .mo file: bad magic number 0x{magic:08x}")
        self._entry_fmt = order + "II"
        self._word_fmt = order + "I"
        words: tuple[int, ...] = struct.unpack(order + "6I", read(4, 24))
        revision, count, orig_off, trans_off, hash_size, hash_off = words
        if revision >> 16 > 1:
            raise ValueError(
                f"unsupported .mo revision {revision >> 16}.{revision & 0xFFFF} "
                "(major revision 0 or 1 expected)"
            )
        self._count = count
        self._orig_off = orig_off
        self._trans_off = trans_off
        self._check_range("table of originals", orig_off, 8 * count)
        self._check_range("table of translations", trans_off, 8 * count)
        # GNU ignores hash tables of size <= 2; so do we.
        self._hash_size = hash_size if hash_size > 2 else 0
        self._hash_off = hash_off
        if self._hash_size:
            self._check_range("hash table", hash_off, 4 * hash_size)
        self._sorted_index: array[int] | None = None
        self._fences: list[bytes] | None = None
        self._header_index = self._find_header()

        text = "" if self._header_index is None else self._translation(self._header_index)
        self._header = parse_header(text)
        content_type = header_field(self._header, "Content-Type") or ""
        match = CHARSET_RE.search(content_type)
        if match is not None and codec_name(match.group(1)) not in ("utf-8", "ascii"):
            raise ValueError(
                f"unsupported charset {match.group(1)!r} in the .mo header "
                "(only UTF-8 and ASCII are read)"
            )
        self._plural = self._compile_plural(header_field(self._header, "Plural-Forms"))

    # -- construction helpers

    def _check_range(self, what: str, offset: int, length: int) -> None:
        if offset + length > self._size:
            raise ValueError(
                f"corrupt .mo file: the {what} (offset {offset}, {length} bytes) "
                f"runs past the end of the {self._size}-byte file"
            )

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
            raise ValueError(f"no plural= expression in Plural-Forms {plural_forms!r}")
        try:
            return c2py(match.group(1).strip())
        except (ValueError, RecursionError) as exc:
            raise ValueError(f"bad plural expression in Plural-Forms {plural_forms!r}") from exc

    # -- raw access

    def _raw(self, table_off: int, index: int, what: str) -> bytes:
        entry: tuple[int, int] = struct.unpack(
            self._entry_fmt, self._read(table_off + 8 * index, 8)
        )
        length, offset = entry
        self._check_string(what, index, offset, length)
        return self._read(offset, length)

    def _check_string(self, what: str, index: int, offset: int, length: int) -> None:
        if offset + length >= self._size:  # room for the terminating NUL
            raise ValueError(
                f"corrupt .mo file: {what} #{index} (offset {offset}, length {length}) "
                f"runs past the end of the {self._size}-byte file"
            )

    def _original(self, index: int) -> bytes:
        return self._raw(self._orig_off, index, "original")

    def _key(self, index: int) -> bytes:
        """The lookup key of an original: everything before the first NUL."""
        return self._original(index).partition(NUL)[0]

    def _translation(self, index: int) -> str:
        return self._decode(self._raw(self._trans_off, index, "translation"), "translation", index)

    @staticmethod
    def _decode(raw: bytes, what: str, index: int) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"corrupt .mo file: {what} #{index} is not valid UTF-8") from exc

    # -- search

    def _find(self, key: bytes) -> int | None:
        if self._hash_size:
            return self._find_hashed(key)
        return self._find_sorted(key)

    def _find_hashed(self, key: bytes) -> int | None:
        size = self._hash_size
        hval = hashpjw(key)
        idx = hval % size
        incr = 1 + hval % (size - 2)
        for _ in range(size):  # a full, corrupt table must not loop forever
            number: int = struct.unpack(self._word_fmt, self._read(self._hash_off + 4 * idx, 4))[0]
            if number == 0:
                return None
            # numbers past the static strings are system-dependent strings
            if number <= self._count and self._key(number - 1) == key:
                return number - 1
            if idx >= size - incr:
                idx -= size - incr
            else:
                idx += incr
        return None

    def _find_sorted(self, key: bytes) -> int | None:
        index, fences = self._search_index()
        block = bisect_right(fences, key) - 1  # in memory: no read
        if block < 0:
            return None
        lo = block * _FENCE
        hi = min(lo + _FENCE, self._count)
        if index is None:
            return self._find_in_block(key, lo, hi)
        return self._bisect(key, lo, hi, index)

    def _bisect(self, key: bytes, lo: int, hi: int, index: array[int] | None) -> int | None:
        while lo < hi:
            mid = (lo + hi) // 2
            position = mid if index is None else index[mid]
            probe = self._key(position)
            if probe < key:
                lo = mid + 1
            elif probe > key:
                hi = mid
            else:
                return position
        return None

    def _find_in_block(self, key: bytes, lo: int, hi: int) -> int | None:
        """Binary search of originals ``lo:hi`` (in key order) with two reads: their table
        entries, then the span of their strings (contiguous in msgfmt's and our files)."""
        table = self._read(self._orig_off + 8 * lo, 8 * (hi - lo))
        entries: list[tuple[int, int]] = list(struct.iter_unpack(self._entry_fmt, table))
        start = min(offset for _length, offset in entries)
        stop = max(offset + length for length, offset in entries)
        if stop >= self._size or stop - start > _BLOCK_SPAN:
            return self._bisect(key, lo, hi, None)  # corrupt (reported there) or scattered
        blob = self._read(start, stop - start)
        low, high = 0, len(entries)
        while low < high:
            mid = (low + high) // 2
            length, offset = entries[mid]
            probe = blob[offset - start : offset - start + length].partition(NUL)[0]
            if probe < key:
                low = mid + 1
            elif probe > key:
                high = mid
            else:
                return lo + mid
        return None

    def _search_index(self) -> tuple[array[int] | None, list[bytes]]:
        """(None when the originals are in key order, else a sorted index; every
        ``_FENCE``-th key in key order), computed on the first binary search."""
        if self._fences is None:
            fences: list[bytes] = []
            previous = b""
            for position, current in enumerate(self._keys()):
                if current < previous:
                    keys = list(self._keys())
                    self._sorted_index = array(
                        "I", sorted(range(self._count), key=keys.__getitem__)
                    )
                    fences = [keys[i] for i in self._sorted_index[::_FENCE]]
                    break
                if not position % _FENCE:
                    fences.append(current)
                previous = current
            self._fences = fences
        return self._sorted_index, self._fences

    def _keys(self) -> Iterator[bytes]:
        """Every original's key, in table order, read a window at a time (the strings of
        sorted files lie in table order, so each window is read once)."""
        table = self._read(self._orig_off, 8 * self._count)
        size = self._size
        start = stop = 0
        window = b""
        for index, (length, offset) in enumerate(struct.iter_unpack(self._entry_fmt, table)):
            end = offset + length
            if end >= size:
                self._check_string("original", index, offset, length)
            if offset < start or end > stop:
                start = offset
                window = self._read(offset, min(max(_WINDOW, length), size - offset))
                stop = start + len(window)
            yield window[offset - start : end - start].partition(NUL)[0]

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

        O(n); meant for build time (after compiling) rather than service start.
        Raises ValueError describing the first problem.
        """
        for index in range(self._count):
            message = self._message(index) if index != self._header_index else None
            key = self._key(index)
            found = self._find(key)
            if found is None or self._key(found) != key:
                what = "the header" if message is None else describe_key(key)
                raise ValueError(f"corrupt .mo file: {what} (#{index}) cannot be looked up")
