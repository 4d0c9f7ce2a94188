"""What the ``.mo`` reader and writer share: layout constants, :class:`MoMessage`,
gettext's hash function, header-field parsing and message descriptions for errors.

Format reference: the GNU gettext manual, "The Format of GNU MO Files".
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "CHARSET_RE",
    "CTX_SEP",
    "HEADER_SIZE",
    "MAGIC",
    "MAGIC_SWAPPED",
    "NUL",
    "MoMessage",
    "codec_name",
    "describe",
    "describe_key",
    "hashpjw",
    "header_field",
    "parse_header",
]

MAGIC: Final = 0x950412DE
MAGIC_SWAPPED: Final = 0xDE120495
HEADER_SIZE: Final = 28  # seven 32-bit words, revision 0 layout
CTX_SEP: Final = b"\x04"  # between msgctxt and msgid in a key
NUL: Final = b"\x00"  # between msgid and msgid_plural, and between plural forms

CHARSET_RE: Final = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


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


# gettext's hash-string.h


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


def describe(context: str | None, msgid: str) -> str:
    if context is None:
        return f"msgid {msgid!r}"
    return f"msgctxt {context!r}, msgid {msgid!r}"


def describe_key(key: bytes) -> str:
    context, sep, msgid = key.partition(CTX_SEP)
    if not sep:
        return describe(None, key.decode("utf-8", "replace"))
    return describe(context.decode("utf-8", "replace"), msgid.decode("utf-8", "replace"))


def codec_name(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def parse_header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def header_field(fields: dict[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in fields.items():
        if key.lower() == wanted:
            return value
    return None
