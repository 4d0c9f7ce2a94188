"""What a ``.po`` line may be, and the unescaping of its strings.

* :func:`first_bad_line` finds the first line that is not a comment, a blank, or a
  keyword with a C string, with one regular expression over the whole text;
* :func:`valid_line` is the same test for one stripped line (the parser asks it as it goes);
* :func:`unescape` is :func:`polib.unescape`, quicker.
"""

from __future__ import annotations

import re

__all__ = ["first_bad_line", "unescape", "valid_line"]

# Whitespace other than space, tab and newline (where strip() and [ \t] could disagree).
_OTHER_SPACE = re.compile(r"[^\S \t\n]")
_KEYWORD_LINE = (
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+)?"(?:[^"\\\n]|\\.)*"[ \t]*$'
)
_BAD_LINE = re.compile(
    r"^[ \t]*+(?!$|\#(?!~)|\#~[ \t]*(?:\|[ \t]*)?(?:$|\#|"
    + _KEYWORD_LINE
    + r")|"
    + _KEYWORD_LINE
    + r").*$",
    re.M,
)
_LINE_RE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*'
)
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\"}
_UNESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')


def _unescape_match(match: re.Match[str]) -> str:
    char = match.group(1)
    return _UNESCAPE.get(char, char)


def unescape(text: str) -> str:
    """:func:`polib.unescape`, without the regular expression when there is no backslash."""
    if "\\" not in text:
        return text
    return _UNESCAPE_RE.sub(_unescape_match, text)


def valid_line(line: str) -> bool:
    """A stripped line passes :func:`first_bad_line`'s test."""
    if line.startswith("#~"):
        line = line[2:].strip()
        if line.startswith("|"):
            line = line[1:].strip()
    return not line or line.startswith("#") or _LINE_RE.fullmatch(line) is not None


def first_bad_line(text: str) -> tuple[int, str] | None:
    """(line number, raw line) of the first line that is not blank, a comment or a keyword
    with one C string (``#~`` and ``#~|`` lines included), or None if every line is."""
    if _OTHER_SPACE.search(text):
        for number, raw in enumerate(text.splitlines(), start=1):
            if not valid_line(raw.strip()):
                return number, raw
        return None
    found = _BAD_LINE.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, found.group(0)
