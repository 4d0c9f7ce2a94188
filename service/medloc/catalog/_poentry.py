"""One ``.po`` entry as polib writes it, read with one regular expression match.

polib (msgfmt, Babel...) writes an entry in one shape: comments in their usual order, one
space after each keyword, no whitespace at either end of a line, trailing blank lines.
:data:`ENTRY` matches exactly that shape and :func:`canonical` builds from a match the
``polib.POEntry`` that polib's parser would build, attribute for attribute, line number
included (a :class:`medloc.catalog._compact.CompactEntry`, its repeated strings interned).
Anything else is left to the line-by-line parser (:mod:`medloc.catalog._po`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from sys import intern

from ._compact import EMPTY_FORMS, EMPTY_LIST, CompactEntry
from ._posyntax import unescape

__all__ = ["ENTRY", "add_occurrences", "canonical", "new_entry", "read_only_entries"]

# One entry as polib writes it (and msgfmt, Babel...): comments in their usual order, one
# space after each keyword, no whitespace at either end of a line, trailing blank lines.
_STR = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_STRS = rf"{_STR}\n(?:{_STR}\n)*"


def _previous(keyword: str) -> str:
    return rf"\#\| {keyword} {_STR}\n(?:\#\| {_STR}\n)*"


ENTRY = re.compile(
    r"(?P<tc>(?:\#(?: [^\n]*(?<!\s))?\n)*)"
    r"(?P<gc>(?:\#\. [^\n]*(?<!\s)\n)*)"
    r"(?P<oc>(?:\#: [^\n]*(?<!\s)\n)*)"
    r"(?P<fl>(?:\#, [^\n]*(?<!\s)\n)*)"
    rf"(?P<pc>{_previous('msgctxt')})?"
    rf"(?P<pm>{_previous('msgid')})?"
    rf"(?P<pp>{_previous('msgid_plural')})?"
    rf"(?:msgctxt (?P<ct>{_STRS}))?"
    rf"msgid (?P<mi>{_STRS})"
    rf"(?:msgid_plural (?P<mp>{_STRS}))?"
    rf"(?:msgstr (?P<ms>{_STRS})|(?P<mx>(?:msgstr\[[0-9]\] {_STRS})+))"
    r"\n*"
)
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_PLURAL_FORM = re.compile(rf"msgstr\[([0-9])\] ({_STRS})")


_read_only = 0
"""How many :func:`read_only_entries` blocks are open."""


@contextlib.contextmanager
def read_only_entries() -> Iterator[None]:
    """Inside (nesting is fine), :func:`canonical` gives every entry without flags,
    references or plural translations the same read-only empty list or dict
    (:class:`medloc.catalog._compact.ReadOnlyEmptyList`, ``...Dict``: equal to ``[]`` and
    ``{}``, a ``TypeError`` on any change) instead of new ones: about 150 bytes less per
    entry, for a command that reads catalogs and changes none of their entries
    (``medloc check``). Forked workers inherit the setting."""
    global _read_only
    _read_only += 1
    try:
        yield
    finally:
        _read_only -= 1


def new_entry(linenum: int) -> CompactEntry:
    """``polib.POEntry(linenum=linenum)``, compact."""
    return CompactEntry.blank(linenum)


def _strings(region: str) -> str:
    """The value of one or more C-string lines (each unescaped alone, as polib does)."""
    pieces = region[1:-2].split('"\n"')  # never inside a string: it holds no raw newline
    if "\\" in region:
        pieces = [unescape(piece) for piece in pieces]
    return pieces[0] if len(pieces) == 1 else "".join(pieces)


def canonical(found: re.Match[str], linenum: int) -> tuple[CompactEntry, int]:
    """The entry polib builds from a match of :data:`ENTRY`, and its last plural index.

    What repeats from one catalog of a template to the next (msgctxt, msgid, extracted
    comments, references, flags) is interned: a catalog read while its template is held
    shares those strings with it. Inside :func:`read_only_entries`, its empty flags,
    references and plural translations are shared (a canonical entry is whole: the parser
    never adds to them)."""
    tc, gc, oc, fl = found.group("tc", "gc", "oc", "fl")
    tcomment = ""
    if tc:
        for line in tc[:-1].split("\n"):
            tcomment = f"{tcomment}\n{line[2:]}" if tcomment else line[2:]
    shared = _read_only > 0
    occurrences: list[tuple[str, str]] = EMPTY_LIST if shared and not oc else []
    if oc:
        for line in oc[:-1].split("\n"):
            add_occurrences(occurrences, line[3:])
    flags: list[str] = EMPTY_LIST if shared and not fl else []
    if fl:
        for line in fl[:-1].split("\n"):
            flags += [intern(flag.strip()) for flag in line[3:].split(",")]
    pc, pm, pp, ct, mi, mp, ms, mx = found.group("pc", "pm", "pp", "ct", "mi", "mp", "ms", "mx")
    index = 0
    forms: dict[int, str] = EMPTY_FORMS if shared and mx is None else {}
    if mx is not None:
        for digit, region in _PLURAL_FORM.findall(mx):
            index = int(digit)
            forms[index] = _strings(region)
    entry = CompactEntry(
        intern(_strings(mi)),
        "" if ms is None else _strings(ms),
        "" if mp is None else intern(_strings(mp)),
        forms,
        None if ct is None else intern(_strings(ct)),
        0,
        intern(gc[3:-1].replace("\n#. ", "\n")) if gc else "",
        tcomment,
        occurrences,
        flags,
        None if pc is None else _previous_value(pc),
        None if pm is None else _previous_value(pm),
        None if pp is None else _previous_value(pp),
        linenum,
    )
    return entry, index


def _previous_value(region: str) -> str:
    return "".join(unescape(piece) for piece in _STRING.findall(region))


def add_occurrences(occurrences: list[tuple[str, str]], text: str) -> None:
    """The ``path:line`` references of a ``#:`` line's ``text``, as polib reads them."""
    for occurrence in text.split():
        name, sep, line_no = occurrence.rpartition(":")
        if sep and line_no.isdigit():
            occurrences.append((intern(name), intern(line_no)))
        else:
            occurrences.append((occurrence, ""))
