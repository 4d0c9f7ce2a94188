"""The normal form a sign-off is taken over, and the digest of an entry in it.

Two texts with the same normal form cannot differ in meaning: they differ only in runs of
whitespace (a rewrap, a double space, a non-breaking space) or in the spelling of quotes
(typographic or ASCII). A sign-off approves the digest of the normal form of the entry's
msgctxt, msgid and msgstr, so it survives every tool that rewraps a catalog and lapses by
itself when a word, a number or a sign of the source or the translation changes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

__all__ = ["DIGEST_HEX", "entry_digest", "normal_form"]

DIGEST_HEX = 16
"""Hex digits of a sign-off's digest: 64 bits of SHA-256."""

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, apostrophe
        "\u201a": "'",  # single low-9
        "\u201b": "'",  # single high-reversed-9
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9
        "\u201f": '"',  # double high-reversed-9
        "\u2033": '"',  # double prime
    }
)


def normal_form(text: str) -> str:
    """``text`` with typographic quotes as ASCII quotes and every run of whitespace (any
    Unicode space, including no-break spaces and newlines) as one space, stripped."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def entry_digest(
    msgctxt: str | None,
    msgid: str,
    msgstr: str,
    *,
    msgid_plural: str = "",
    msgstr_plural: Mapping[int, str] | None = None,
) -> str:
    """The digest a sign-off of this entry carries: hex, :data:`DIGEST_HEX` digits.

    The fields are taken in their normal form and kept apart by separators no field can
    contain, so moving text from one field to another changes the digest."""
    parts = [
        "" if msgctxt is None else normal_form(msgctxt),
        "\x01" if msgctxt is None else "",
        normal_form(msgid),
        normal_form(msgid_plural),
        normal_form(msgstr),
    ]
    for index in sorted(msgstr_plural or {}):
        parts.append(f"{index}={normal_form((msgstr_plural or {})[index])}")
    data = "\x00".join(parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:DIGEST_HEX]
