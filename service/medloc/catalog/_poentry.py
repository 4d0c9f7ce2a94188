"""One ``.po`` entry as polib writes it, read with one regular expression match.

polib (msgfmt, Babel...) writes an entry in one shape: comments in their usual order, one
space after each keyword, no whitespace at either end of a line, trailing blank lines.
:data:`ENTRY` matches exactly that shape and :func:`canonical` builds from a match the
``polib.POEntry`` that polib's parser would build, attribute for attribute, line number
included. Anything else is left to the line-by-line parser (:mod:`medloc.catalog._po`).
"""

from __future__ import annotations

import re

import polib

from ._posyntax import unescape

__all__ = ["ENTRY", "add_occurrences", "canonical", "new_entry"]

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
_BLANK = {
    "msgid": "",
    "msgstr": "",
    "msgid_plural": "",
    "msgctxt": None,
    "obsolete": False,
    "encoding": polib.default_encoding,
    "comment": "",
    "tcomment": "",
    "previous_msgctxt": None,
    "previous_msgid": None,
    "previous_msgid_plural": None,
}


def new_entry(linenum: int) -> polib.POEntry:
    """``polib.POEntry(linenum=linenum)``, without its keyword-argument lookups."""
    entry: polib.POEntry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__ = {
        **_BLANK,
        "msgstr_plural": {},
        "occurrences": [],
        "flags": [],
        "linenum": linenum,
    }
    return entry


def _strings(region: str) -> str:
    """The value of one or more C-string lines (each unescaped alone, as polib does)."""
    pieces = region[1:-2].split('"\n"')  # never inside a string: it holds no raw newline
    if "\\" in region:
        pieces = [unescape(piece) for piece in pieces]
    return pieces[0] if len(pieces) == 1 else "".join(pieces)


def canonical(found: re.Match[str], linenum: int) -> tuple[polib.POEntry, int]:
    """The entry polib builds from a match of :data:`ENTRY`, and its last plural index."""
    entry = new_entry(linenum)
    fields = entry.__dict__
    tc, gc, oc, fl = found.group("tc", "gc", "oc", "fl")
    if tc:
        tcomment = ""
        for line in tc[:-1].split("\n"):
            tcomment = f"{tcomment}\n{line[2:]}" if tcomment else line[2:]
        fields["tcomment"] = tcomment
    if gc:
        fields["comment"] = gc[3:-1].replace("\n#. ", "\n")
    if oc:
        occurrences = fields["occurrences"]
        for line in oc[:-1].split("\n"):
            add_occurrences(occurrences, line[3:])
    if fl:
        flags = fields["flags"]
        for line in fl[:-1].split("\n"):
            flags += [flag.strip() for flag in line[3:].split(",")]
    pc, pm, pp, ct, mi, mp, ms, mx = found.group("pc", "pm", "pp", "ct", "mi", "mp", "ms", "mx")
    if pc is not None:
        fields["previous_msgctxt"] = _previous_value(pc)
    if pm is not None:
        fields["previous_msgid"] = _previous_value(pm)
    if pp is not None:
        fields["previous_msgid_plural"] = _previous_value(pp)
    if ct is not None:
        fields["msgctxt"] = _strings(ct)
    fields["obsolete"] = 0
    fields["msgid"] = _strings(mi)
    if mp is not None:
        fields["msgid_plural"] = _strings(mp)
    index = 0
    if mx is None:
        fields["msgstr"] = _strings(ms)
    else:
        forms = fields["msgstr_plural"]
        for digit, region in _PLURAL_FORM.findall(mx):
            index = int(digit)
            forms[index] = _strings(region)
    return entry, index


def _previous_value(region: str) -> str:
    return "".join(unescape(piece) for piece in _STRING.findall(region))


def add_occurrences(occurrences: list[tuple[str, str]], text: str) -> None:
    """The ``path:line`` references of a ``#:`` line's ``text``, as polib reads them."""
    for occurrence in text.split():
        name, sep, line_no = occurrence.rpartition(":")
        if sep and line_no.isdigit():
            occurrences.append((name, line_no))
        else:
            occurrences.append((occurrence, ""))
