"""Fast ``.po`` writing: :func:`dump` gives ``str(po)`` of a polib.POFile byte for byte.

polib's writer wraps every long string with :mod:`textwrap`; this one wraps with a greedy
fill that equals :func:`textwrap.wrap` for text without hyphens (with hyphens it uses
textwrap's own chunks). :class:`RenderCache` keeps the text of the parts of an entry that
come from the template (comments, references, msgctxt, msgid), for the next catalog of
the same template. Everything is pure (objects in, strings out).
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any

import polib

from ._compact import CompactCatalog, CompactEntry
from ._model import CatalogEntry
from ._posyntax import unescape

__all__ = ["RenderCache", "dump", "dump_stream", "escape", "pieces"]


def escape(text: str) -> str:
    """:func:`polib.escape`, skipping the replacements when nothing needs escaping."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    escaped: str = polib.escape(text)
    return escaped


_NEEDS_ESCAPE = re.compile('[\\\\\t\r\n\v\b\f"]')


_SPECIALS = ("\\", "\n", "\r", "\t", "\v", "\b", "\f", '"')
# Escaped characters and line breaks (str.splitlines): a field without any is one plain line.
_PLAIN = re.compile('[\\\\\t\r\n\v\b\f"\x1c\x1d\x1e\x85\u2028\u2029]')
_NOT_SPACE_ONLY = re.compile("[\t\n\x0b\x0c\r]")
_WORDSEP = textwrap.TextWrapper.wordsep_re
_CHUNK = re.compile(r" +|[^ ]+")
_FILLS: dict[int, re.Pattern[str]] = {}


def _fill(width: int) -> re.Pattern[str]:
    """The longest run of 1..width characters that ends between a space and a non-space
    (either way round) or at the end: a greedy fill of whole chunks, as textwrap does."""
    pattern = _FILLS.get(width)
    if pattern is None:
        pattern = _FILLS[width] = re.compile(rf"(?s).{{1,{width}}}(?:(?<= )(?! )|(?<! )(?= )|\Z)")
    return pattern


def _wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)``.

    Without hyphens and with spaces as the only whitespace, textwrap's chunks are the runs
    of spaces and of other characters, and it puts as many whole chunks on a line as fit
    (a chunk longer than ``width`` alone): one regular expression per line does the same.
    """
    if _NOT_SPACE_ONLY.search(text):
        return textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
    if "-" in text:
        return _wrap_chunks(text, width)
    fill = _fill(width).match
    chunk = _CHUNK.match
    lines: list[str] = []
    position = 0
    size = len(text)
    while position < size:
        found = fill(text, position) or chunk(text, position)
        assert found is not None
        lines.append(found.group())
        position = found.end()
    return lines


def _wrap_chunks(text: str, width: int) -> list[str]:
    """:func:`_wrap` of a text with hyphens: textwrap's own chunks (its word-splitting
    expression, run on each word that has a hyphen: it never looks past a space), filled
    greedily as textwrap does."""
    chunks: list[str] = []
    for run in _CHUNK.findall(text):
        if "-" in run and run[0] != " ":
            chunks += [piece for piece in _WORDSEP.split(run) if piece]
        else:
            chunks.append(run)
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for chunk in chunks:
        size = len(chunk)
        if length + size <= width:
            line.append(chunk)
            length += size
            continue
        if line:
            lines.append("".join(line))
            line, length = [], 0
        if size > width:  # a long word alone on its line
            lines.append(chunk)
        else:
            line.append(chunk)
            length = size
    if line:
        lines.append("".join(line))
    return lines


def _field(
    out: list[str], fieldname: str, delflag: str, plural_index: str, value: str, wrapwidth: int
) -> None:
    """polib's ``_BaseEntry._str_field``, appending to ``out``."""
    if not _PLAIN.search(value):  # one line, nothing to escape
        if wrapwidth > 0 and len(value) > wrapwidth - len(fieldname) - 3 - len(plural_index):
            if fieldname.startswith("previous_"):
                fieldname = fieldname[9:]
            out.append(f'{delflag}{fieldname}{plural_index} ""')
            out.extend([f'{delflag}"{line}"' for line in _wrap(value, wrapwidth - 2)])
        else:
            if fieldname.startswith("previous_"):
                fieldname = fieldname[9:]
            out.append(f'{delflag}{fieldname}{plural_index} "{value}"')
        return
    lines = value.splitlines(True)
    if len(lines) > 1:
        lines = ["", *lines]
    else:
        specials = 0
        for char in _SPECIALS:
            specials += value.count(char)
        flength = len(fieldname) + 3 + len(plural_index)
        real_wrapwidth = wrapwidth - flength + specials
        if wrapwidth > 0 and len(value) > real_wrapwidth:
            lines = ["", *(unescape(item) for item in _wrap(escape(value), wrapwidth - 2))]
        else:
            lines = [value]
    if fieldname.startswith("previous_"):
        fieldname = fieldname[9:]
    out.append(f'{delflag}{fieldname}{plural_index} "{escape(lines[0])}"')
    out.extend(f'{delflag}"{escape(line)}"' for line in lines[1:])


def _comments(out: list[str], value: str, prefix: str, wrapwidth: int) -> None:
    for comment in value.split("\n"):
        if wrapwidth > 0 and len(comment) + len(prefix) > wrapwidth:
            out += textwrap.wrap(
                comment,
                wrapwidth,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_long_words=False,
            )
        else:
            out.append(prefix + comment)


def _keywords(entry: CatalogEntry, wrapwidth: int, delflag: str) -> str:
    """The msgctxt, msgid and msgid_plural lines of an entry."""
    out: list[str] = []
    if entry.msgctxt is not None:
        _field(out, "msgctxt", delflag, "", entry.msgctxt, wrapwidth)
    _field(out, "msgid", delflag, "", entry.msgid, wrapwidth)
    if entry.msgid_plural:
        _field(out, "msgid_plural", delflag, "", entry.msgid_plural, wrapwidth)
    return "\n".join(out)


def _template_text(entry: CatalogEntry, wrapwidth: int) -> tuple[str, str]:
    """The text of what a non-obsolete entry has from its template: (the extracted comments
    and references, "" if none; the msgctxt, msgid and msgid_plural lines)."""
    out: list[str] = []
    if entry.comment:
        _comments(out, entry.comment, "#. ", wrapwidth)
    if entry.occurrences:
        files = " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences)
        if wrapwidth > 0 and len(files) + 3 > wrapwidth:
            out += [
                line.replace("*", "-")
                for line in textwrap.wrap(
                    files.replace("-", "*"),
                    wrapwidth,
                    initial_indent="#: ",
                    subsequent_indent="#: ",
                    break_long_words=False,
                )
            ]
        else:
            out.append("#: " + files)
    return "\n".join(out), _keywords(entry, wrapwidth, "")


class RenderCache:
    """The template's part of each entry's text (:func:`_template_text`), by value: every
    catalog of one template has the same comments, references, contexts and msgids, so
    the catalogs after the first are written quicker. Pass one to :func:`dump`.

    It keeps the parts of the first ``limit`` entries it meets (None: every entry): its
    text weighs about as much as the template's file (some 200 MB at 240,000 messages,
    as much as the parsed template), so a bounded cache keeps memory following the
    template alone while catalogs of up to ``limit`` messages still gain all of it."""

    def __init__(self, limit: int | None = None) -> None:
        self._parts: dict[tuple[Any, ...], tuple[str, str]] = {}
        self._limit = limit

    def template_text(self, entry: CatalogEntry, wrapwidth: int) -> tuple[str, str]:
        try:
            key = (
                wrapwidth,
                entry.comment,
                entry.msgctxt,
                entry.msgid,
                entry.msgid_plural,
                tuple(entry.occurrences),
            )
            found = self._parts.get(key)
        except TypeError:  # an occurrence that is not a tuple of strings
            return _template_text(entry, wrapwidth)
        if found is None:
            found = _template_text(entry, wrapwidth)
            if self._limit is None or len(self._parts) < self._limit:
                self._parts[key] = found
        return found


def _entry_text(entry: CatalogEntry, wrapwidth: int, cache: RenderCache | None = None) -> str:
    """``entry.__unicode__(wrapwidth)`` of a polib.POEntry."""
    out: list[str] = []
    obsolete = entry.obsolete
    if entry.tcomment:
        _comments(out, entry.tcomment, "# ", wrapwidth)
    if obsolete:
        keywords = _keywords(entry, wrapwidth, "#~ ")
    else:
        pre, keywords = (
            _template_text(entry, wrapwidth)
            if cache is None
            else cache.template_text(entry, wrapwidth)
        )
        if pre:
            out.append(pre)
    if entry.flags:
        out.append("#, " + ", ".join(entry.flags))
    prefix = "#~| " if obsolete else "#| "
    for attribute in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        value = getattr(entry, attribute)
        if value is not None:
            _field(out, attribute, prefix, "", value, wrapwidth)
    body = [keywords]
    delflag = "#~ " if obsolete else ""
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            _field(body, "msgstr", delflag, f"[{index}]", entry.msgstr_plural[index], wrapwidth)
    else:
        _field(body, "msgstr", delflag, "", entry.msgstr, wrapwidth)
    body.append("")
    out.append("\n".join(body))
    return "\n".join(out)


_OWN_CATALOGS = (polib.POFile, CompactCatalog)
_OWN_ENTRIES = (polib.POEntry, CompactEntry)


def dump(po: polib.POFile, cache: RenderCache | None = None) -> str:
    """``str(po)`` for a polib.POFile, byte for byte; ``cache`` is kept for the next
    catalog of the same template."""
    return "".join(pieces(po, cache))


def pieces(po: polib.POFile, cache: RenderCache | None = None) -> Iterator[str]:
    """:func:`dump`'s text piece by piece (an entry's text each, :func:`dump_stream`)."""
    if type(po) not in _OWN_CATALOGS or any(type(e) not in _OWN_ENTRIES for e in po):
        return iter((str(po),))  # a subclass may write itself differently
    active = (e for e in po if not e.obsolete)
    obsolete = (e for e in po if e.obsolete)
    return dump_stream(po, itertools.chain(active, obsolete), cache)


def dump_stream(
    head: polib.POFile, entries: Iterable[polib.POEntry], cache: RenderCache | None = None
) -> Iterator[str]:
    """The text of a catalog whose header and metadata are ``head``'s and whose entries are
    ``entries`` (polib.POEntry, the active ones first, then the obsolete ones, as polib
    writes them), piece by piece: ``"".join`` of it is :func:`dump`'s text. Each entry is
    rendered when it is taken from ``entries``, so a caller that writes the pieces as they
    come never holds the whole text, nor (with a generator) every entry."""
    wrapwidth = head.wrapwidth
    lines = []
    for line in head.header.split("\n"):
        if not line:
            lines.append("#\n")
        elif line[:1] in (",", ":"):
            lines.append(f"#{line}\n")
        else:
            lines.append(f"# {line}\n")
    yield "".join(lines) + _entry_text(head.metadata_as_entry(), wrapwidth)
    for entry in entries:
        yield "\n" + _entry_text(entry, wrapwidth, None if entry.obsolete else cache)
