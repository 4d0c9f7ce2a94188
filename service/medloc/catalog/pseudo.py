"""Pseudo-translation: accented, lengthened text that keeps every bit of Markdown.

Used to test that rendering keeps a document's structure whatever a translator
writes, and by developers to spot strings that escape localization. Letters are
accented and vowels doubled only outside Markdown syntax: code spans, autolinks
and raw HTML, entity and numeric character references, backslash escapes, link
labels and destinations, and ``%(name)s``/``{name}`` placeholders are left exactly
as written.
"""

from __future__ import annotations

import re

__all__ = ["pseudo_translate"]

_ACCENTS = str.maketrans(
    "aeiouyAEIOUYcnszCNSZ",
    "àéîõüýÀÉÎÕÜÝçñšžÇÑŠŽ",
)
_PROTECTED = re.compile(
    r"""
      \\.                                   # backslash escape
    | (?P<ticks>`+)[\s\S]*?(?P=ticks)       # code span
    | <[A-Za-z/!?](?:"[^"]*"|'[^']*'|[^'"<>])*>  # autolink or raw HTML, maybe over lines
    | &(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});  # reference
    | !?\[[^\]]*\]\(<[^>\n]*>[^)]*\)          # destination in angle brackets
    | !?\[[^\]]*\](?:\([^)]*\)?|\[[^\]]*\])?  # link text, label, destination and title
    | \]\([^)]*\)?                          # destination after nested brackets
    | (?:https?|ftp|mailto):\S+             # bare URL
    | %\(\w+\)[-\#0\ +]*\d*(?:\.\d+)?[a-zA-Z] | %%   # python-format placeholder
    | \{\w*\}                               # brace placeholder
    """,
    re.VERBOSE,
)
_VOWELS = re.compile(r"([aeiouAEIOU])")


def _accent(text: str) -> str:
    return _VOWELS.sub(r"\1\1", text).translate(_ACCENTS)


def pseudo_translate(text: str) -> str:
    """Accent and lengthen the prose of ``text``, leaving its Markdown syntax intact."""
    parts: list[str] = []
    position = 0
    for found in _PROTECTED.finditer(text):
        parts.append(_accent(text[position : found.start()]))
        parts.append(found.group(0))
        position = found.end()
    parts.append(_accent(text[position:]))
    return "".join(parts)
