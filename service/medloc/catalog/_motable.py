"""The tables of a ``.mo`` file (:class:`MoTable`): bounds-checked raw access and the search
for a key, by binary search in key order (a hash table, msgfmt's default, is bounds-checked
and otherwise not used: see :meth:`MoTable._find`). The last few blocks of keys searched are
kept unpacked (:class:`_Block`): the look-ups of one page's messages, whose contexts begin
with its article's slug, lie in a few blocks, and read each from the file once.

:class:`medloc.catalog._moread.MoCatalog` is built on it (the header, the plural formula,
the look-ups of a message). A table reads through a :data:`Reader` (a buffer's slice, or
``os.pread`` of an open file), never more than a search needs.
"""

from __future__ import annotations

import mmap
import operator
import os
import struct
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Protocol

from medloc.errors import MoFileError

from ._moformat import HEADER_SIZE, MAGIC, MAGIC_SWAPPED, NUL

__all__ = ["MoTable", "Reader", "buffer_reader", "file_reader"]

_FENCE: Final = 64
"""Every 64th key, in key order, is kept in memory after the first binary search (about
1 % of a catalog's originals): a look-up bisects them, then reads at most 6 keys."""
_BLOCK_SPAN: Final = 1 << 18
"""At most this many bytes of strings are read at once to search one block."""
_WINDOW: Final = 1 << 22
"""Bytes read at once when walking every original in file order."""
_RUN: Final = 1 << 14
"""Strings checked at once by :meth:`MoTable._contiguous` (one read, one UTF-8 check)."""
_CACHED: Final = 8
"""Blocks kept unpacked per catalog (:class:`_Block`); the ninth empties the cache."""


class Reader(Protocol):
    def __call__(self, offset: int, length: int, /) -> bytes: ...


def buffer_reader(buf: bytes | bytearray | memoryview | mmap.mmap) -> Reader:
    def read(offset: int, length: int) -> bytes:
        return bytes(buf[offset : offset + length])

    return read


def file_reader(fd: int, size: int) -> Reader:
    def read(offset: int, length: int) -> bytes:
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise MoFileError(
                f"the .mo file changed while in use: {length} bytes at offset {offset} "
                f"of a {size}-byte file could not be read"
            )
        return data

    return read


@dataclass(frozen=True, slots=True)
class _Block:
    """One block of :data:`_FENCE` originals of a file in key order, from the ``first``,
    unpacked once: their keys, their translations' table entries and, when they lie in
    bounds within :data:`_BLOCK_SPAN` bytes, their translations' strings from ``start``
    (else ``strings`` is empty and each is read when asked)."""

    first: int
    keys: list[bytes]
    lengths: array[int]
    offsets: array[int]
    start: int
    strings: bytes

    def find(self, key: bytes) -> int | None:
        """The index of ``key``'s original: the binary search of :meth:`MoTable._bisect`,
        over keys in memory."""
        keys = self.keys
        low, high = 0, len(keys)
        while low < high:
            mid = (low + high) // 2
            probe = keys[mid]
            if probe < key:
                low = mid + 1
            elif probe > key:
                high = mid
            else:
                return self.first + mid
        return None


class MoTable:
    """The tables of a ``.mo`` file read through ``_read``: the originals, the translations
    and the hash table; strings are bounds-checked when read."""

    __slots__ = (
        "_blocks",
        "_count",
        "_entry_fmt",
        "_fences",
        "_hash_off",
        "_hash_size",
        "_orig_off",
        "_read",
        "_size",
        "_sorted_index",
        "_trans_off",
        "_word_fmt",
    )

    def _open_tables(self, read: Reader, size: int) -> None:
        """Read the fixed header: the byte order, the revision and the tables' bounds."""
        self._read = read
        self._size = size
        if size < HEADER_SIZE:
            raise MoFileError(
                f"not a .mo file: {size} bytes, shorter than the {HEADER_SIZE}-byte header"
            )
        (magic,) = struct.unpack("<I", read(0, 4))
        if magic == MAGIC:
            order = "<"
        elif magic == MAGIC_SWAPPED:
            order = ">"
        else:
            raise MoFileError(f"not a .mo file: bad magic number 0x{magic:08x}")
        self._entry_fmt = order + "II"
        self._word_fmt = order + "I"
        words: tuple[int, ...] = struct.unpack(order + "6I", read(4, 24))
        revision, count, orig_off, trans_off, hash_size, hash_off = words
        if revision >> 16 > 1:
            raise MoFileError(
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
        self._blocks: dict[int, _Block] = {}

    def _check_range(self, what: str, offset: int, length: int) -> None:
        if offset + length > self._size:
            raise MoFileError(
                f"corrupt .mo file: the {what} (offset {offset}, {length} bytes) "
                f"runs past the end of the {self._size}-byte file"
            )

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
            raise MoFileError(
                f"corrupt .mo file: {what} #{index} (offset {offset}, length {length}) "
                f"runs past the end of the {self._size}-byte file"
            )

    def _original(self, index: int) -> bytes:
        return self._raw(self._orig_off, index, "original")

    def _key(self, index: int) -> bytes:
        """The lookup key of an original: everything before the first NUL."""
        return self._original(index).partition(NUL)[0]

    def _translation(self, index: int) -> str:
        block = self._blocks.get(index // _FENCE)
        if block is None:
            raw = self._raw(self._trans_off, index, "translation")
        else:  # the checks of _raw, on the block's table entry and strings
            at = index - block.first
            length, offset = block.lengths[at], block.offsets[at]
            self._check_string("translation", index, offset, length)
            begin = offset - block.start
            if begin >= 0 and begin + length <= len(block.strings):
                raw = block.strings[begin : begin + length]
            else:
                raw = self._read(offset, length)
        return self._decode(raw, "translation", index)

    @staticmethod
    def _decode(raw: bytes, what: str, index: int) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MoFileError(f"corrupt .mo file: {what} #{index} is not valid UTF-8") from exc

    # -- search

    def _find(self, key: bytes) -> int | None:
        """The index of ``key``'s original, by binary search in key order (every 64th key in
        memory, then one block read), whether or not the file has a hash table: a look-up
        that needs no hash is one that :meth:`_first_lost` can vouch for without hashing
        every key (GNU's hash, in Python, was 3 s of a 204,002-message catalog's check)."""
        return self._find_sorted(key)

    def _find_sorted(self, key: bytes) -> int | None:
        index, fences = self._search_index()
        block = bisect_right(fences, key) - 1  # in memory: no read
        if block < 0:
            return None
        lo = block * _FENCE
        hi = min(lo + _FENCE, self._count)
        if index is None:
            found = self._blocks.get(block) or self._unpack(block, lo, hi)
            if found is not None:
                return found.find(key)
        return self._bisect(key, lo, hi, index)  # unsorted, scattered or corrupt

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

    def _unpack(self, block: int, lo: int, hi: int) -> _Block | None:
        """Originals ``lo:hi`` (the ``block``-th :data:`_FENCE`, in key order) unpacked and
        kept (:attr:`_blocks`), with four reads: their table entries and strings, and their
        translations'. None (nothing kept) when their strings are not within
        :data:`_BLOCK_SPAN` bytes in bounds: then they are searched key by key (a corrupt
        one is reported there)."""
        lengths, offsets = self._table(self._orig_off, lo, hi)
        start = min(offsets)
        stop = max(map(operator.add, offsets, lengths))
        if stop >= self._size or stop - start > _BLOCK_SPAN:
            return None
        blob = self._read(start, stop - start)
        keys = [
            blob[at - start : at - start + length].partition(NUL)[0]
            for length, at in zip(lengths, offsets, strict=True)
        ]
        lengths, offsets = self._table(self._trans_off, lo, hi)
        start = min(offsets)
        stop = max(map(operator.add, offsets, lengths))
        inside = stop < self._size and stop - start <= _BLOCK_SPAN
        strings = self._read(start, stop - start) if inside else b""
        found = _Block(lo, keys, lengths, offsets, start, strings)
        blocks = self._blocks
        if len(blocks) >= _CACHED:
            blocks = self._blocks = {}  # a new dict: a look-up in another thread keeps its own
        blocks[block] = found
        return found

    def _table(self, table_off: int, lo: int, hi: int) -> tuple[array[int], array[int]]:
        """The lengths and the offsets of entries ``lo:hi`` of a table, read at once."""
        table = array("I", self._read(table_off + 8 * lo, 8 * (hi - lo)))
        if (self._entry_fmt[0] == "<") != (sys.byteorder == "little"):
            table.byteswap()
        return table[0::2], table[1::2]

    def _search_index(
        self, known: list[bytes] | None = None
    ) -> tuple[array[int] | None, list[bytes]]:
        """(None when the originals are in key order, else a sorted index; every
        ``_FENCE``-th key in key order), computed on the first binary search (from ``known``,
        every original's key in table order, when the caller has read them)."""
        if self._fences is None:
            fences: list[bytes] = []
            previous = b""
            for position, current in enumerate(self._keys() if known is None else known):
                if current < previous:
                    keys = list(self._keys()) if known is None else known
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

    @property
    def in_key_order(self) -> bool | None:
        """Whether the originals lie in key order (msgfmt's and medloc's files); None until
        ``validate()`` or a look-up has looked."""
        return None if self._fences is None else self._sorted_index is None

    def assume_key_order(self) -> None:
        """Take the originals as in key order without comparing them, as an earlier check of
        the same bytes found (:attr:`in_key_order`): the first look-up then reads every
        ``_FENCE``-th key only, instead of every key (0.2 s for 204,002 messages)."""
        if self._fences is not None:
            return
        lengths, offsets = self._table(self._orig_off, 0, self._count)
        fences: list[bytes] = []
        start = stop = 0
        window = b""
        sparse = zip(lengths[::_FENCE], offsets[::_FENCE], strict=True)
        for number, (length, offset) in enumerate(sparse):
            self._check_string("original", number * _FENCE, offset, length)
            if offset < start or offset + length > stop:  # read in order, a window at a time
                start = offset
                window = self._read(offset, min(max(_WINDOW, length), self._size - offset))
                stop = start + len(window)
            fences.append(window[offset - start : offset - start + length].partition(NUL)[0])
        self._fences = fences

    def _keys(self) -> Iterator[bytes]:
        """Every original's key, in table order (see :meth:`_strings`)."""
        for raw in self._strings(self._orig_off, "original"):
            yield raw.partition(NUL)[0]

    def _strings(self, table_off: int, what: str) -> Iterator[bytes]:
        """Every string of a table (``_orig_off`` or ``_trans_off``) in table order, each
        bounds-checked, read a window at a time (the strings of sorted files lie in table
        order, so each window is read once)."""
        table = self._read(table_off, 8 * self._count)
        size = self._size
        start = stop = 0
        window = b""
        for index, (length, offset) in enumerate(struct.iter_unpack(self._entry_fmt, table)):
            end = offset + length
            if end >= size:
                self._check_string(what, index, offset, length)
            if offset < start or end > stop:
                start = offset
                window = self._read(offset, min(max(_WINDOW, length), size - offset))
                stop = start + len(window)
            yield window[offset - start : end - start]

    def _contiguous(self, table_off: int, *, keys: bool) -> list[bytes] | None:
        """Every string of a table proven in bounds and UTF-8 a run of :data:`_RUN` strings at
        a time, when they lie one after the other in table order, one byte apart (msgfmt's
        and medloc's files): a run is read at once and decoded whole, and a string of it is
        UTF-8 when the run is and the bytes between the strings are ASCII (each one whole
        character, so every string starts and ends on a character boundary). Returns every
        original's key (``keys``) or ``[]``; None when the layout is another or a run is not
        UTF-8: then nothing is proven, and :meth:`_strings` tells which string is at fault.
        """
        count = self._count
        table_lengths, table_offsets = self._table(table_off, 0, count)
        starts, lengths = table_offsets.tolist(), table_lengths.tolist()
        ends = list(map(operator.add, starts, lengths))
        if not count or ends[-1] >= self._size or starts[1:] != [end + 1 for end in ends[:-1]]:
            return [] if not count else None
        found: list[bytes] = []
        for lo in range(0, count, _RUN):
            hi = min(lo + _RUN, count)
            base = starts[lo]
            run = self._read(base, ends[hi - 1] - base)
            gaps = bytes(map(run.__getitem__, [end - base for end in ends[lo : hi - 1]]))
            if not gaps.isascii() or not _utf8(run):
                return None
            if keys:
                found += _keys_of(run, gaps, [s - base for s in starts[lo:hi]], lengths[lo:hi])
        return found

    def _first_lost(self, keys: list[bytes]) -> int | None:
        """The first index whose key (``keys``: every original's, in table order, each
        bounds-checked) :meth:`_find` would not find, or None: binary search over the keys in
        key order (the file's order when it is sorted, else a sorted index) finds every one of
        them, so what is left to do is to put them in order (:meth:`_search_index`)."""
        self._search_index(keys)
        return None


def _utf8(data: bytes) -> bool:
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _keys_of(run: bytes, gaps: bytes, starts: list[int], lengths: list[int]) -> list[bytes]:
    """The look-up keys (what precedes a NUL) of the strings of ``run`` (at ``starts``, of
    ``lengths``, separated by ``gaps``)."""
    if gaps.count(NUL) == len(gaps) == run.count(NUL):  # no NUL inside a string
        return run.split(NUL)
    return [
        run[at : at + length].partition(NUL)[0] for at, length in zip(starts, lengths, strict=True)
    ]
