"""What other gettext tools leave in a catalog and ``medloc update`` would not write, found
with the file, the line and the fix.

* ``pybabel update --previous`` wraps a long previous msgid (``#| msgid ...``) like a
  comment, cutting its strings in the middle: no gettext tool reads such lines back
  (:func:`broken_previous`, a ``catalog-syntax`` error);
* a merge by another tool (plain ``pybabel update``, a git merge) can leave an obsolete
  ``#~`` twin of an active message, which msgfmt rejects as a duplicate definition
  (:func:`obsolete_twins`), or add format flags the template does not have, after which
  ``msgfmt -c`` checks article text as printf formats (:func:`stray_format_flags`).

Pure functions: text or parsed catalogs in, `Finding` objects out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import Finding
from .codes import CODES

__all__ = ["broken_previous", "obsolete_twins", "stray_format_flags"]

_PREVIOUS_LINE = re.compile(
    r'[ \t]*#~?[ \t]*\|[ \t]*(?:(?:msgctxt|msgid|msgid_plural)[ \t]+)?"(?:[^"\\\n]|\\.)*"[ \t]*'
)
_PREVIOUS_STARTS = ("\n#|", "\n#~|")
_FORMAT_FLAG = re.compile(r"(?:no-)?[\w+-]+-format")


def _finding(code: str, message: str, path: str, line: int, locale: str | None) -> Finding:
    return Finding(code, CODES[code].severity, message, path, line, locale=locale)


def _previous_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of every ``#|`` and ``#~|`` line, in no particular order."""
    padded = "\n" + text
    for start in _PREVIOUS_STARTS:
        position = padded.find(start)
        while position != -1:
            end = padded.find("\n", position + 1)
            line = padded[position + 1 : end if end != -1 else len(padded)]
            yield position, line
            position = padded.find(start, position + 1)


def broken_previous(text: str, path: str, locale: str | None) -> Finding | None:
    """The first ``#|`` line that is not a keyword and one whole C string, if any."""
    if "#|" not in text and "#~|" not in text:
        return None
    bad = [(at, line) for at, line in _previous_lines(text) if not _PREVIOUS_LINE.fullmatch(line)]
    if not bad:
        return None
    offset, line = min(bad)
    shown = line if len(line) <= 60 else line[:57] + "..."
    message = (
        f"broken previous-text line {shown!r}: its string is cut off (that is how 'pybabel"
        " update --previous' writes a long previous msgid) and neither msgfmt nor medloc can"
        " read it; restore the file from version control and run 'medloc update' instead of"
        " pybabel, or delete this entry's '#|' lines (only the hint of the old text is lost)"
    )
    return _finding("catalog-syntax", message, path, text.count("\n", 0, offset) + 1, locale)


def _what(entry: Any) -> str:
    what = f"msgid {entry.msgid[:60]!r}"
    return what if entry.msgctxt is None else f"msgctxt {entry.msgctxt!r} {what}"


def obsolete_twins(po: Iterable[Any], path: str, locale: str | None) -> list[Finding]:
    """Obsolete (``#~``) entries with the msgctxt and msgid of an active entry."""
    entries = list(po)
    active = {(e.msgctxt, e.msgid): e.linenum or 1 for e in entries if not e.obsolete}
    found: list[Finding] = []
    for entry in entries:
        line = active.get((entry.msgctxt, entry.msgid)) if entry.obsolete else None
        if line is None:
            continue
        message = (
            f"an obsolete entry (#~) repeats the active {_what(entry)} of line {line}, as a"
            " merge by another tool (plain 'pybabel update', a git merge) leaves it; msgfmt"
            " rejects it as a duplicate; run 'medloc update': it merges the two without"
            " losing a translation"
        )
        found.append(_finding("foreign-merge", message, path, entry.linenum or 1, locale))
    return found


def stray_format_flags(
    po: Iterable[Any], template: Iterable[Any], path: str, locale: str | None
) -> list[Finding]:
    """Format flags (``python-format``...) of active entries that their template entry lacks."""
    flags_of: dict[tuple[str | None, str], frozenset[str]] | None = None
    found: list[Finding] = []
    for entry in po:
        if entry.obsolete or not any(_FORMAT_FLAG.fullmatch(flag) for flag in entry.flags):
            continue
        if flags_of is None:
            flags_of = {(e.msgctxt, e.msgid): frozenset(e.flags) for e in template}
        expected = flags_of.get((entry.msgctxt, entry.msgid))
        if expected is None:
            continue  # not in the template: out-of-date says so
        stray = [f for f in entry.flags if _FORMAT_FLAG.fullmatch(f) and f not in expected]
        if stray:
            message = (
                f"flag {', '.join(stray)!r} of {_what(entry)} is not in the template, as"
                " another tool's merge (plain 'pybabel update') adds it; 'msgfmt -c' then"
                " checks the text as a format string; run 'medloc update': it removes it"
            )
            found.append(_finding("foreign-merge", message, path, entry.linenum or 1, locale))
    return found
