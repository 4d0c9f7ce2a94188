"""Unsafe content in a translation: raw HTML, script/data links (also with an entity-encoded
colon, ``javascript&#x3A;``), control characters (NUL...), invisible formatting characters.

Nobody may ignore these findings (`medloc.qa.codes`): what they catch would reach readers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

__all__ = ["BIDI_CONTROLS", "ZERO_WIDTH", "problems"]

# Bidi embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls. The marks
# U+200E, U+200F and U+061C are allowed: Arabic text legitimately needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")
_ALWAYS_BAD = BIDI_CONTROLS | {"\ufffd"}
_SUSPECT = re.compile("[" + "".join(sorted(_ALWAYS_BAD | ZERO_WIDTH)) + "]")

# CommonMark raw HTML: open/closing tags, comments, processing instructions, declarations, CDATA.
_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--|\?|![A-Za-z]|!\[CDATA\[)")
# Link destinations: inline links/images, autolinks, reference definitions.
_DESTINATIONS = re.compile(
    r"\]\(\s*(?:<(?P<a>[^>\n]*)>|(?P<b>[^\s)]*))"
    r"|<(?P<c>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>"
    r"|^\s*\[[^\]]+\]:\s*(?P<d>\S+)",
    re.MULTILINE,
)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_SCRIPT = re.compile(r"(?:java|vb)\s*script\s*:", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
# C0 controls, DEL and C1 controls; a tab or a newline only where the source has one.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LAYOUT = "\t\n"


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def problems(source: str, translation: str) -> Iterator[str]:
    """Messages for each unsafe construct of the translation (the source is the reference for
    zero-width characters only)."""
    if "<" in translation:
        m = _HTML.search(translation)
        if m:
            yield (
                f"raw HTML {translation[m.start() : m.start() + 40].split(chr(10))[0]!r} is not"
                " allowed; use Markdown (**bold**, [link](target)) or plain text"
            )
    if ":" in translation or "&" in translation:  # "&": an entity colon, "javascript&#58;"
        yield from _bad_links(translation)
    if not translation.isprintable():
        yield from _controls(source, translation)
    if not translation.isascii():
        seen: set[str] = set()
        for m in _SUSPECT.finditer(translation):
            char = m.group()
            if char in seen:
                continue
            seen.add(char)
            col = m.start() + 1
            if char in BIDI_CONTROLS:
                yield (
                    f"bidi control {_name(char)} at character {col}; delete it (direction is set"
                    " by the page; use U+200F RIGHT-TO-LEFT MARK if a hint is needed)"
                )
            elif char == "\ufffd":
                yield (
                    f"U+FFFD REPLACEMENT CHARACTER at character {col}: text was damaged by a"
                    " wrong encoding; retype the character that belongs there"
                )
            elif char not in source:
                yield (
                    f"invisible {_name(char)} at character {col}, which the source does not"
                    " have; delete it"
                )


def _controls(source: str, translation: str) -> Iterator[str]:
    """Control characters: never, but for a tab or newline where the source has one."""
    seen: set[str] = set()
    for m in _CONTROLS.finditer(translation):
        char = m.group()
        if char in seen or (char in _LAYOUT and char in source):
            continue
        seen.add(char)
        where = f"control character U+{ord(char):04X} ({char!r}) at character {m.start() + 1}"
        if char in _LAYOUT:
            yield f"{where}, which the source does not have; delete it or write a space"
        else:
            yield (
                f"{where}; delete it (a control character cuts the compiled catalog's text"
                " or shows as garbage)"
            )


def _bad_links(text: str) -> Iterator[str]:
    found = False
    for m in _DESTINATIONS.finditer(text):
        raw = m.group("a") or m.group("b") or m.group("c") or m.group("d") or ""
        target = _CONTROL_OR_SPACE.sub("", html.unescape(raw).replace("\\", "")).lower()
        if target.startswith(_BAD_SCHEMES):
            found = True
            yield (
                f"link target {raw!r} uses a forbidden scheme; link only to the targets the"
                " source links to"
            )
    if not found and _SCRIPT.search(html.unescape(text)):
        yield "the text contains 'javascript:'; remove it"
