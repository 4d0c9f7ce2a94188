"""Reading ``.po``/``.pot`` files: polib's result (quicker, :mod:`medloc.catalog._po`), errors
with the file's name and line, and the previous fields of obsolete entries polib skips."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import polib

from medloc.errors import CatalogError

from . import _po
from ._model import WRAP_WIDTH, Catalog
from ._posyntax import first_bad_line

__all__ = ["parse_po", "read_po"]

_LINE_RE = re.compile(r"\(line (\d+)\)")


def _check_syntax(text: str, path: str) -> None:
    """Every line is a comment, blank, a keyword with a C string, or a continuation string.

    polib accepts some broken lines (an unterminated string, say) silently; this
    catches them first, with their line number.
    """
    bad = first_bad_line(text)
    if bad is not None:
        number, raw = bad
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise CatalogError(
            f"syntax error in {shown!r}: expected a keyword (msgid, msgstr...) and a quoted "
            "string, or a quoted continuation line",
            path=path,
            line=number,
        )


SLICE = 1 << 20
"""How many characters :func:`read_po` reads at a time."""


def read_po(fileobj: IO[str], *, path: str) -> Catalog:
    """Read a ``.po``/``.pot`` from a text file object; errors name ``path`` and the line.

    A seekable file (open it with ``newline=""``: the reader sees line breaks as they are)
    is read a slice at a time, so the catalog's whole text is never held beside it; one
    the slices cannot read as polib would (a broken line, a construct the fast reader
    leaves to polib, no blank line at all) is read again whole (:func:`parse_po`)."""
    if not fileobj.seekable():
        return parse_po(fileobj.read(), path=path)
    start = fileobj.tell()
    reader = _ObsoleteReader({}, {}, {})
    try:
        po, checked = _po.parse_slices(_slices(fileobj, reader), wrapwidth=WRAP_WIDTH)
    except _po.Unsupported:
        checked = False
    if not checked:
        fileobj.seek(start)
        return parse_po(fileobj.read(), path=path)
    reader.flush()
    return _apply_previous(po, reader.found)


def _slices(fileobj: IO[str], reader: _ObsoleteReader) -> Iterator[str]:
    """The text of ``fileobj`` in slices for :func:`medloc.catalog._po.parse_slices` (each
    ending with a blank line but the last), the lines of those with obsolete entries given
    to ``reader`` too. Raises ``_po.Unsupported`` where the text must be read whole."""
    pending = ""
    first = True
    end = False
    while not end:
        block = fileobj.read(SLICE)
        end = not block
        pending += block
        cut = len(pending) if end else pending.rfind("\n\n") + 2
        if cut < 2 and not end:
            continue  # no blank line yet: read on
        piece, pending = pending[:cut], pending[cut:]
        if first and (piece.isspace() or "\n" not in piece):
            raise _po.Unsupported("no line break, or only blank lines, up to the header's end", 1)
        first = False
        if "#~" in piece:
            # a slice ends with a blank line, which ends any obsolete entry: the reader
            # needs no line of the slices without one
            for line in piece.splitlines():
                reader.line(line)
        if piece:
            yield piece


def parse_po(text: str, *, path: str) -> Catalog:
    """:func:`read_po` of a string (no copy through a file object: catalogs can be large)."""
    if not text or text.isspace():
        raise CatalogError("empty catalog; run 'medloc update' to regenerate it", path=path, line=1)
    # polib treats an existing path as a file name: content always has a newline.
    text = text if "\n" in text else text + "\n"
    fast, checked = _po.parse(text, wrapwidth=WRAP_WIDTH)  # polib's result, quicker
    if not checked:
        _check_syntax(text, path)
    if fast is not None:
        return _with_obsolete_previous(fast, text)
    try:
        return _with_obsolete_previous(polib.pofile(text, wrapwidth=WRAP_WIDTH), text)
    except (OSError, ValueError, UnicodeError) as exc:
        found = _LINE_RE.search(str(exc))
        message = str(exc).split(" (line")[0].replace(" in po file ", " ").strip()
        raise CatalogError(
            f"{message or 'syntax error'}; fix the entry or restore the file from version control",
            path=path,
            line=int(found.group(1)) if found else None,
        ) from None


_KEYWORD_RE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')
_STRING_RE = re.compile(r'"(.*)"\s*$')
_PREVIOUS = {
    "msgctxt": "previous_msgctxt",
    "msgid": "previous_msgid",
    "msgid_plural": "previous_msgid_plural",
}


@dataclass
class _ObsoleteReader:
    """Reads the previous msgctxt/msgid (``#~|`` lines) of obsolete entries, which polib
    (and so :mod:`medloc.catalog._po`) skips: ``found`` maps an obsolete entry's (msgctxt, msgid)
    to its previous fields."""

    found: dict[tuple[str | None, str], dict[str, str]]
    previous: dict[str, list[str]]
    current: dict[str, list[str]]
    field: list[str] | None = None

    def flush(self) -> None:
        if self.previous and "msgid" in self.current:
            ctxt = self.current.get("msgctxt")
            key = (None if ctxt is None else "".join(ctxt), "".join(self.current["msgid"]))
            self.found[key] = {_PREVIOUS[k]: "".join(v) for k, v in self.previous.items()}
        self.previous, self.current, self.field = {}, {}, None

    def line(self, line: str) -> None:
        is_previous = line.startswith("#~|")
        if not line.startswith("#~"):
            if not line.strip() or "msgstr" in self.current:
                self.flush()
            return
        body = line[3 if is_previous else 2 :].strip()
        keyword = _KEYWORD_RE.match(body)
        if keyword is None:
            string = _STRING_RE.match(body)
            if string is not None and self.field is not None:
                self.field.append(polib.unescape(string.group(1)))
            return
        name, value = keyword.group(1), polib.unescape(keyword.group(2))
        if "msgstr" in self.current and (is_previous or not name.startswith("msgstr")):
            self.flush()  # the next entry, without a blank line between
        target = self.previous if is_previous else self.current
        self.field = target.setdefault("msgstr" if name.startswith("msgstr") else name, [])
        self.field.append(value)


def _with_obsolete_previous(po: Catalog, text: str) -> Catalog:
    """``po`` with the previous msgctxt/msgid of its obsolete entries read from ``text``
    (``#~|`` lines: gettext writes them, polib and msgcat keep them, polib does not read
    them back)."""
    if "#~|" not in text:
        return po
    reader = _ObsoleteReader({}, {}, {})
    for line in text.splitlines():
        reader.line(line)
    reader.flush()
    return _apply_previous(po, reader.found)


def _apply_previous(po: Catalog, found: dict[tuple[str | None, str], dict[str, str]]) -> Catalog:
    """``po`` with the previous fields ``found`` (:class:`_ObsoleteReader`) given to its
    obsolete entries that lack them."""
    if not found:
        return po
    for entry in po:
        fields = found.get((entry.msgctxt, entry.msgid)) if entry.obsolete else None
        for name, value in (fields or {}).items():
            if getattr(entry, name) is None:
                setattr(entry, name, value)
    return po
