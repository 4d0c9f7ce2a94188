"""Linear-time GNU ``.mo`` writer and a lazy, mmap-friendly ``.mo`` reader.

Babel's ``write_mo`` concatenates with ``bytes +=`` and is quadratic; this writer
encodes every string once, sorts once and joins once. It writes the same layout
as GNU msgfmt (revision 0, little-endian, UTF-8, originals sorted by their
encoded key, header entry first). Optionally it adds msgfmt's hash table, and
then its output is byte-identical to ``msgfmt`` for the same messages and
header; without it (the default, and the faster) it is byte-identical to Babel
for catalogs that Babel sorts correctly, i.e. without msgctxt.

``MoCatalog`` reads a buffer (``bytes``, ``memoryview`` or ``mmap.mmap``) without
decoding it up front: a lookup probes the hash table when there is one, and
otherwise binary-searches the table of originals, decoding only what it returns.

Format reference: the GNU gettext manual, "The Format of GNU MO Files".
"""

from __future__ import annotations

import codecs
import mmap
import re
import struct
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from gettext import c2py
from itertools import pairwise
from operator import itemgetter
from typing import BinaryIO, Final, TypeAlias

__all__ = ["Buffer", "MoCatalog", "MoMessage", "hashpjw", "write_mo"]

Buffer: TypeAlias = "bytes | bytearray | memoryview | mmap.mmap"

MAGIC: Final = 0x950412DE
MAGIC_SWAPPED: Final = 0xDE120495
_HEADER_SIZE: Final = 28  # seven 32-bit words, revision 0 layout
_U32_MAX: Final = 0xFFFFFFFF
_CTX_SEP: Final = b"\x04"  # between msgctxt and msgid in a key
_NUL: Final = b"\x00"  # between msgid and msgid_plural, and between plural forms
_BIG_ENDIAN_HOST: Final = sys.byteorder == "big"

_CHARSET_RE: Final = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)
_PLURAL_RE: Final = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]+)")


@dataclass(frozen=True)
class MoMessage:
    """One compiled message.

    A plural message has ``msgid_plural`` set and its translations in
    ``msgstr_plural``; its ``msgstr`` is ignored by the writer, and the reader
    sets it to the first form. In the file the original is
    ``msgid NUL msgid_plural`` and the translation the forms joined by NUL.
    """

    msgid: str
    msgstr: str
    context: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()


# --------------------------------------------------------------------------
# hashing (gettext's hash-string.h, and the table sizing of msgfmt's write-mo.c)


def hashpjw(data: bytes, hval: int = 0) -> int:
    """gettext's ``__hash_string`` (P. J. Weinberger's hash) over ``data``.

    ``hval`` continues from a previous state, so ``hashpjw(b + c) ==
    hashpjw(c, hashpjw(b))``. The result is the 32-bit value GNU uses.
    """
    # Branch-free form of the C loop (hval <<= 4; hval += c; g = top nibble;
    # hval ^= g >> 24; hval ^= g): the state stays below 2**28, bits from 32
    # up are what C's 32-bit arithmetic drops.
    for byte in data:
        x = (hval << 4) + byte
        hval = (x & 0x0FFFFFFF) ^ ((x >> 24) & 0xF0)
    return hval


def _is_prime(candidate: int) -> bool:
    # gnulib's is_prime, quirks included (it is never meant to see 3, and
    # calls it composite): the table size must match msgfmt's exactly.
    divn = 3
    sq = divn * divn
    while sq < candidate and candidate % divn != 0:
        divn += 1
        sq += 4 * divn
        divn += 1
    return candidate % divn != 0


def _hash_table_size(nstrings: int) -> int:
    seed = (nstrings * 4 // 3) | 1
    while not _is_prime(seed):
        seed += 2
    return max(seed, 3)


def _build_hash_table(keys: list[bytes], size: int) -> array[int]:
    table = [0] * size
    prefix_states: dict[bytes, int] = {}  # contexts repeat: hash each once
    for number, key in enumerate(keys, start=1):
        cut = key.find(_CTX_SEP) + 1
        if cut:
            prefix = key[:cut]
            state = prefix_states.get(prefix)
            if state is None:
                state = prefix_states[prefix] = hashpjw(prefix)
            hval = hashpjw(key[cut:], state) if cut < len(key) else state
        else:
            hval = hashpjw(key)
        idx = hval % size
        if table[idx]:
            incr = 1 + hval % (size - 2)
            while True:
                if idx >= size - incr:
                    idx -= size - incr
                else:
                    idx += incr
                if not table[idx]:
                    break
        table[idx] = number
    return _u32_array(table)


def _u32_array(values: list[int]) -> array[int]:
    arr = array("I", values)
    if arr.itemsize != 4:  # pragma: no cover - no mainstream platform
        arr = array("L", values)
    if _BIG_ENDIAN_HOST:  # pragma: no cover - the file is little-endian
        arr.byteswap()
    return arr


# --------------------------------------------------------------------------
# writer


def _describe(context: str | None, msgid: str) -> str:
    if context is None:
        return f"msgid {msgid!r}"
    return f"msgctxt {context!r}, msgid {msgid!r}"


def _describe_key(key: bytes) -> str:
    context, sep, msgid = key.partition(_CTX_SEP)
    if not sep:
        return _describe(None, key.decode("utf-8", "replace"))
    return _describe(context.decode("utf-8", "replace"), msgid.decode("utf-8", "replace"))


def _check_charset(header: str) -> None:
    match = _CHARSET_RE.search(_field(_parse_header(header), "Content-Type") or "")
    if match is not None and _codec_name(match.group(1)) != "utf-8":
        raise ValueError(
            f"header declares charset {match.group(1)!r}, but .mo files are "
            "written in UTF-8; declare charset=UTF-8"
        )


def _codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _invalid(msg: MoMessage, problem: str) -> ValueError:
    return ValueError(f"{_describe(msg.context, msg.msgid)}: {problem}")


def _encode_message(msg: MoMessage) -> tuple[bytes, bytes, bytes] | None:
    """(key, original, translation), or None for an untranslated message."""
    msgid = msg.msgid
    if "\x00" in msgid or "\x04" in msgid:
        raise _invalid(msg, "msgid contains a NUL or EOT (\\x04) character")
    key = msgid.encode("utf-8")
    if msg.context is not None:
        if "\x00" in msg.context or "\x04" in msg.context:
            raise _invalid(msg, "msgctxt contains a NUL or EOT (\\x04) character")
        key = msg.context.encode("utf-8") + _CTX_SEP + key
    elif not msgid:
        raise _invalid(msg, "the empty msgid is reserved for the header")
    if msg.msgid_plural is None:
        if msg.msgstr_plural:
            raise _invalid(msg, "msgstr_plural given without msgid_plural")
        if not msg.msgstr:
            return None
        if "\x00" in msg.msgstr:
            raise _invalid(msg, "msgstr contains a NUL character")
        return key, key, msg.msgstr.encode("utf-8")
    if "\x00" in msg.msgid_plural:
        raise _invalid(msg, "msgid_plural contains a NUL character")
    forms = msg.msgstr_plural
    if not any(forms):
        return None
    if not all(forms):
        translated = sum(1 for form in forms if form)
        raise _invalid(
            msg,
            f"plural forms are partly translated ({translated} of {len(forms)}); "
            "translate all or none",
        )
    if any("\x00" in form for form in forms):
        raise _invalid(msg, "a plural form contains a NUL character")
    original = key + _NUL + msg.msgid_plural.encode("utf-8")
    return key, original, _NUL.join(form.encode("utf-8") for form in forms)


def write_mo(
    fileobj: BinaryIO,
    messages: Iterable[MoMessage],
    header: str,
    *,
    hash_table: bool = False,
) -> None:
    """Write a GNU .mo file (revision 0, little-endian, UTF-8) to ``fileobj``.

    ``header`` is the msgstr of the header entry (msgid ""), written verbatim;
    if it declares a charset, that must be UTF-8. Untranslated messages (empty
    msgstr, or all plural forms empty) are left out, like msgfmt and Babel do;
    a plural message with only some forms translated is a ``ValueError``, as are
    duplicate keys, the empty msgid without context, and NUL/EOT characters
    where the format cannot hold them.

    By default no hash table is written (size 0, valid: GNU libintl and this
    module's reader then binary-search): the output equals Babel's
    ``write_mo`` whenever Babel's order is right (no contexts). With
    ``hash_table=True`` the output equals GNU msgfmt's byte for byte, at about
    five times the cost (the hash is a per-byte loop in Python). Linear apart
    from the sort.
    """
    _check_charset(header)
    if "\x00" in header:
        raise ValueError("the header contains a NUL character")
    entries: list[tuple[bytes, bytes, bytes]] = [(b"", b"", header.encode("utf-8"))]
    for msg in messages:
        entry = _encode_message(msg)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=itemgetter(0))
    for before, after in pairwise(entries):
        if before[0] == after[0]:
            raise ValueError(f"duplicate message: {_describe_key(after[0])}")

    count = len(entries)
    keys = [entry[0] for entry in entries]
    originals = [entry[1] for entry in entries]
    translations = [entry[2] for entry in entries]
    hash_size = _hash_table_size(count) if hash_table else 0
    tables_end = _HEADER_SIZE + 16 * count
    position = tables_end + 4 * hash_size

    orig_table: list[int] = []
    for original in originals:
        orig_table += (len(original), position)
        position += len(original) + 1
    trans_table: list[int] = []
    for translation in translations:
        trans_table += (len(translation), position)
        position += len(translation) + 1
    if position > _U32_MAX:
        raise ValueError(f"catalog too large for the .mo format ({position} bytes)")

    parts = [
        struct.pack(
            "<7I",
            MAGIC,
            0,  # revision
            count,
            _HEADER_SIZE,  # table of originals
            _HEADER_SIZE + 8 * count,  # table of translations
            hash_size,
            tables_end if hash_size else 0,  # Babel writes 0 when there is none
        ),
        _u32_array(orig_table).tobytes(),
        _u32_array(trans_table).tobytes(),
    ]
    if hash_size:
        parts.append(_build_hash_table(keys, hash_size).tobytes())
    parts += (_NUL.join(originals), _NUL, _NUL.join(translations), _NUL)
    fileobj.write(b"".join(parts))


# --------------------------------------------------------------------------
# reader


def _parse_header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _field(fields: dict[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in fields.items():
        if key.lower() == wanted:
            return value
    return None


class MoCatalog:
    """Read-only view of a compiled .mo catalog held in a buffer.

    Construction checks the fixed header, the table bounds, the charset (UTF-8
    or ASCII) and the plural formula: O(1) work apart from the header entry.
    Strings are bounds-checked and decoded when a lookup touches them. A
    corrupt file raises ``ValueError``; ``validate()`` checks every entry.

    Lookups use the hash table when the file has one (msgfmt's default),
    otherwise binary search over the originals. Without a hash table the first
    lookup checks once that the originals are in key order (O(n) byte
    comparisons, no decoding: about 0.1 s for 300,000 messages); Babel's files
    are not when msgctxt is used (Babel sorts by msgid, then msgctxt), and are
    then searched through a sorted index (one 32-bit int per message).

    The catalog keeps a reference to the buffer; keep an mmap open while the
    catalog is in use.
    """

    __slots__ = (
        "_buf",
        "_count",
        "_entry_fmt",
        "_hash_off",
        "_hash_size",
        "_header",
        "_header_index",
        "_order_checked",
        "_orig_off",
        "_plural",
        "_size",
        "_sorted_index",
        "_trans_off",
        "_word_fmt",
    )

    def __init__(self, buffer: Buffer) -> None:
        buf: bytes | bytearray | memoryview | mmap.mmap = buffer
        if isinstance(buf, memoryview):
            if not buf.c_contiguous:
                raise ValueError("the memoryview must be C-contiguous")
            buf = buf.cast("B")
        self._buf = buf
        size = self._size = len(buf)
        if size < _HEADER_SIZE:
            raise ValueError(
                f"not a .mo file: {size} bytes, shorter than the {_HEADER_SIZE}-byte header"
            )
        (magic,) = struct.unpack_from("<I", buf, 0)
        if magic == MAGIC:
            order = "<"
        elif magic == MAGIC_SWAPPED:
            order = ">"
        else:
            raise ValueError(f"not a .mo file: bad magic number 0x{magic:08x}")
        self._entry_fmt = order + "II"
        self._word_fmt = order + "I"
        words: tuple[int, ...] = struct.unpack_from(order + "6I", buf, 4)
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
        self._order_checked = False
        self._header_index = self._find_header()

        text = "" if self._header_index is None else self._translation(self._header_index)
        self._header = _parse_header(text)
        content_type = _field(self._header, "Content-Type") or ""
        match = _CHARSET_RE.search(content_type)
        if match is not None and _codec_name(match.group(1)) not in ("utf-8", "ascii"):
            raise ValueError(
                f"unsupported charset {match.group(1)!r} in the .mo header "
                "(only UTF-8 and ASCII are read)"
            )
        self._plural = self._compile_plural(_field(self._header, "Plural-Forms"))

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
        entry: tuple[int, int] = struct.unpack_from(
            self._entry_fmt, self._buf, table_off + 8 * index
        )
        length, offset = entry
        if offset + length >= self._size:  # room for the terminating NUL
            raise ValueError(
                f"corrupt .mo file: {what} #{index} (offset {offset}, length {length}) "
                f"runs past the end of the {self._size}-byte file"
            )
        return bytes(self._buf[offset : offset + length])

    def _original(self, index: int) -> bytes:
        return self._raw(self._orig_off, index, "original")

    def _key(self, index: int) -> bytes:
        """The lookup key of an original: everything before the first NUL."""
        return self._original(index).partition(_NUL)[0]

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
            number: int = struct.unpack_from(self._word_fmt, self._buf, self._hash_off + 4 * idx)[0]
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
        index = self._ensure_sorted_index()
        lo, hi = 0, self._count
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

    def _ensure_sorted_index(self) -> array[int] | None:
        """None when the originals are in key order, else a sorted index."""
        if not self._order_checked:
            previous = b""
            for position in range(self._count):
                current = self._key(position)
                if current < previous:
                    self._sorted_index = array("I", sorted(range(self._count), key=self._key))
                    break
                previous = current
            self._order_checked = True
        return self._sorted_index

    @staticmethod
    def _make_key(msgid: str, context: str | None) -> bytes:
        key = msgid.encode("utf-8")
        if context is not None:
            key = context.encode("utf-8") + _CTX_SEP + key
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
        if _NUL in key:
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
        if _NUL in key:
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
                what = "the header" if message is None else _describe_key(key)
                raise ValueError(f"corrupt .mo file: {what} (#{index}) cannot be looked up")
