"""Fast ``.po`` reading that gives exactly what polib gives, only quicker.

polib's parser is a state machine with a method call, a regular expression and a
``re.sub`` with a Python callback per line; on catalogs of 10^5 messages that is most of
the time of ``update``, ``compile`` and ``check``. This module does the same work inline
(the writer is :mod:`medloc.catalog._podump`):

* :func:`parse` follows polib 1.2's state machine transition for transition (same
  entries, attributes, line numbers, header and metadata). An entry in the shape polib
  writes is read whole with one match (:mod:`medloc.catalog._poentry`), any other line by
  :class:`_Machine`. It returns None only where it rejects the input itself, by raising
  :class:`Unsupported` at a named construct (a line polib reports as a syntax error, or a
  string whose quotes polib reads its own way: the syntax check rejects those too); the
  caller then asks polib, which gives polib's error. Any other exception is a bug in this
  module and propagates: nothing falls back silently.

Everything is pure (strings in, objects out).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

import polib

from ._compact import CompactCatalog, CompactEntry
from ._poentry import ENTRY, add_occurrences, canonical, new_entry
from ._posyntax import unescape, valid_line

__all__ = ["Unsupported", "parse", "parse_or_reject", "parse_slices"]

# Line breaks of str.splitlines() other than "\n": with any of them, polib's lines differ.
_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_UNESCAPED_QUOTE = re.compile(r'(?:[^\\]|^)"')
_BOM = "\ufeff"
_DIGITS = frozenset("0123456789")
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_NEW_ENTRY_STATES = frozenset({"ms", "mx"})  # polib also lists "mc", never a state
_QUOTED = frozenset({"ct", "mi", "mp", "ms", "mc"})
_CONTINUED = {
    "ct": "msgctxt",
    "mi": "msgid",
    "mp": "msgid_plural",
    "ms": "msgstr",
    "pp": "previous_msgid_plural",
    "pm": "previous_msgid",
    "pc": "previous_msgctxt",
}
"""The field a continuation line (``"..."``) adds to, in each state."""
_CHARSET = re.compile(r'"?Content-Type:.+? charset=([\w_\-:\.]+)')


def _transitions() -> dict[tuple[str, str], str]:
    """polib 1.2's transitions: (symbol, state) -> next state."""
    every = ["st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"]
    table: dict[tuple[str, str], str] = {}

    def add(symbol: str, states: list[str], target: str) -> None:
        for state in states:
            table[(symbol, state)] = target

    add("tc", ["st", "he"], "he")
    add("tc", ["gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"], "tc")
    for symbol in ("gc", "oc", "fl", "pc", "pm", "pp"):
        add(symbol, every, symbol)
    add("ct", ["st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"], "ct")
    add("mi", ["st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"], "mi")
    add("mp", ["tc", "gc", "pc", "pm", "pp", "mi"], "mp")
    add("ms", ["mi", "mp", "tc"], "ms")
    add("mx", ["mi", "mx", "mp", "tc"], "mx")
    add("mc", ["ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"], "mc")
    return table


_TRANSITIONS = _transitions()


def _encoding(text: str) -> str:
    """:func:`polib.detect_encoding` of a text, looking at its header first."""
    return _header_encoding(text) or str(polib.detect_encoding(text))


def _header_encoding(text: str) -> str | None:
    """:func:`_encoding` of a text whose header (up to the first blank line) names a
    charset, else None (polib then looks at the whole text)."""
    header_end = text.find("\n\n")
    found = _CHARSET.search(text, 0, header_end + 1) if header_end != -1 else None
    if found is None:
        return None
    charset = found.group(1).strip()
    try:
        codecs.lookup(charset)
    except LookupError:
        return str(polib.default_encoding)
    return charset


class Unsupported(Exception):
    """A construct this parser does not read like polib (always one polib or the syntax
    check rejects): :func:`parse` returns None and the caller asks polib."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(f"line {line}: {reason}")
        self.reason = reason
        self.line = line


def _check_quotes(token: str, number: int) -> None:
    if token.find('"', 1, -1) != -1 and _UNESCAPED_QUOTE.search(token[1:-1]):
        raise Unsupported("unescaped double quote", number)


def _previous_line(line: str, tokens: list[str], number: int) -> tuple[str, str]:
    """(symbol, token) of a ``#|`` line."""
    if len(tokens) <= 1:
        raise Unsupported("'#|' without a keyword", number)
    token = line[2:].lstrip()
    if tokens[1].startswith('"'):
        return "mc", token
    if len(tokens) == 2 or tokens[1] not in _PREVIOUS:
        raise Unsupported("'#|' without a known keyword and a string", number)
    return _PREVIOUS[tokens[1]], token[len(tokens[1]) :].lstrip()


def _classify(line: str, tokens: list[str], number: int) -> tuple[str, str] | None:
    """(polib's symbol, the token its handler reads) of a stripped line, or None for a line
    polib skips (a ``#:``, ``#,`` or ``#.`` with nothing after it)."""
    first = tokens[0]
    if first in _KEYWORDS and len(tokens) > 1:
        token = line[len(first) :].lstrip()
        _check_quotes(token, number)
        return _KEYWORDS[first], token
    if first == "#:":
        return ("oc", line) if len(tokens) > 1 else None
    if line[:1] == '"':
        _check_quotes(line, number)
        return "mc", line
    if line[:7] == "msgstr[":
        return "mx", line
    if first == "#,":
        return ("fl", line) if len(tokens) > 1 else None
    if first == "#" or first.startswith("##"):
        return "tc", line
    if first == "#.":
        return ("gc", line) if len(tokens) > 1 else None
    if first == "#|":
        return _previous_line(line, tokens, number)
    raise Unsupported("not a comment, keyword or string", number)


class _Machine:
    """polib's state machine, fed whole canonical entries (:meth:`canonical`) and single
    stripped lines (:meth:`line`); ``entries`` gets every entry it finishes."""

    __slots__ = ("entries", "entry", "first_token", "header", "msgstr_index", "state")

    def __init__(self) -> None:
        self.entries: list[CompactEntry] = []
        self.entry: CompactEntry = new_entry(0)
        self.state = "st"
        self.msgstr_index = 0
        self.first_token = ""
        self.header = ""

    def canonical(self, found: re.Match[str], number: int) -> None:
        """A match of :data:`medloc.catalog._poentry.ENTRY` starting at line ``number``."""
        self.entries.append(self.entry)
        self.entry, self.msgstr_index = canonical(found, number)
        self.state = "ms" if found["mx"] is None else "mx"
        self.first_token = "msgstr"

    def line(self, line: str, number: int) -> None:
        tokens = line.split(None, 2)
        self.first_token = tokens[0]
        if tokens[0] == "#~|":
            return
        obsolete = 0
        if tokens[0] == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            self.first_token = tokens[0]
            obsolete = 1
        classified = _classify(line, tokens, number)
        if classified is None:
            return
        symbol, token = classified
        if symbol in _QUOTED and (len(token) < 2 or token[0] != '"' or token[-1] != '"'):
            # polib's quote handling differs on such lines: let it decide
            raise Unsupported("a string without its quotes", number)
        target = _TRANSITIONS.get((symbol, self.state))
        if target is None:
            raise Unsupported(f"{symbol!r} after {self.state!r} (polib's syntax error)", number)
        if symbol == "mc":
            self._continuation(unescape(token[1:-1]))
            return  # a continuation keeps the state
        if target == "he":
            self.header = f"{self.header}\n{token[2:]}" if self.header else token[2:]
        elif symbol in ("mp", "ms", "mx"):
            self._translation(symbol, token, number)
        else:
            self._field(symbol, token, obsolete, number)
        self.state = target

    def _continuation(self, value: str) -> None:
        if self.state == "mx":
            self.entry.msgstr_plural[self.msgstr_index] += value
            return
        field = _CONTINUED.get(self.state)
        if field is not None:
            setattr(self.entry, field, getattr(self.entry, field) + value)

    def _translation(self, symbol: str, token: str, number: int) -> None:
        if symbol == "mp":
            self.entry.msgid_plural = unescape(token[1:-1])
        elif symbol == "ms":
            self.entry.msgstr = unescape(token[1:-1])
        else:
            if token[7:8] not in _DIGITS:
                raise Unsupported("'msgstr[' without an index digit", number)
            index = int(token[7])
            value = token[token.find('"') + 1 : -1]
            self.entry.msgstr_plural[index] = unescape(value)
            self.msgstr_index = index

    def _field(self, symbol: str, token: str, obsolete: int, number: int) -> None:
        """A comment, a previous field, msgctxt or msgid: the first of them starts an entry."""
        if self.state in _NEW_ENTRY_STATES:
            self.entries.append(self.entry)
            self.entry = new_entry(number)
        entry = self.entry
        if symbol == "tc":
            tcomment = token.lstrip("#")
            if tcomment.startswith(" "):
                tcomment = tcomment[1:]
            entry.tcomment = f"{entry.tcomment}\n{tcomment}" if entry.tcomment else tcomment
        elif symbol == "gc":
            entry.comment = f"{entry.comment}\n{token[3:]}" if entry.comment else token[3:]
        elif symbol == "oc":
            add_occurrences(entry.occurrences, token[3:])
        elif symbol == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        else:  # pp, pm, pc, ct, mi
            if symbol == "mi":
                entry.obsolete = obsolete
            setattr(entry, _CONTINUED[symbol], unescape(token[1:-1]))

    def finish(self, po: polib.POFile) -> None:
        """Put the entries, the header and the metadata into ``po``."""
        if self.first_token and not self.first_token.startswith("#"):
            self.entries.append(self.entry)
        po.header = self.header
        po.extend(self.entries)
        metadata_entry = po.find("")
        if metadata_entry:
            po.remove(metadata_entry)
            po.metadata_is_fuzzy = metadata_entry.flags
            key = None
            for message in metadata_entry.msgstr.splitlines():
                try:
                    key, value = message.split(":", 1)
                    po.metadata[key] = value.strip()
                except (ValueError, KeyError):
                    if key is not None:
                        po.metadata[key] += "\n" + message.strip()


def parse(text: str, *, wrapwidth: int = 78) -> tuple[polib.POFile | None, bool]:
    """(``polib.pofile(text, wrapwidth=wrapwidth)`` or None where the input is
    :class:`Unsupported`, whether every line was seen to pass
    :func:`medloc.catalog._posyntax.first_bad_line`'s test)."""
    try:
        return parse_or_reject(text, wrapwidth=wrapwidth)
    except Unsupported:
        return None, False


def parse_or_reject(text: str, *, wrapwidth: int = 78) -> tuple[polib.POFile, bool]:
    """:func:`parse` that raises :class:`Unsupported` instead of returning None (tests
    use it to see that the fast path is taken)."""
    encoding = _encoding(text)  # polib looks at the text as given
    if _ODD_BREAK.search(text):
        # polib reads str.splitlines(): the same lines, each ending with "\n"
        text = "\n".join(text.splitlines())
    if not text.endswith("\n"):
        text += "\n"  # the same lines for splitlines(), and every line ends with "\n"
    # No ``pofile=text``: polib would stat() the text as a file name (fpath stays None).
    po = CompactCatalog(encoding=encoding, check_for_duplicates=False)
    machine = _Machine()
    checked, _lines = _feed(machine, text, 0)
    machine.finish(po)
    po.wrapwidth = wrapwidth
    return po, checked


def parse_slices(slices: Iterable[str], *, wrapwidth: int = 78) -> tuple[CompactCatalog, bool]:
    """:func:`parse_or_reject` of the text ``"".join(slices)``, one slice at a time, so that
    the whole text is never held. Each slice but the last must end with a blank line
    (``"\n\n"``), the first must hold the header's end (the first ``"\n\n"`` of the text)
    if the text has one, and the text must hold a ``"\n"``: then no entry spans two slices
    and every line is read as in the whole text."""
    machine = _Machine()
    po: CompactCatalog | None = None
    checked = True
    number = 0
    for text in slices:
        if po is None:
            encoding = _header_encoding(text)
            if encoding is None:
                raise Unsupported("no charset in the header: polib looks at the whole text", 1)
            po = CompactCatalog(encoding=encoding, check_for_duplicates=False)
        if _ODD_BREAK.search(text):
            # the slice's lines as parse_or_reject splits them: it ends with a line break
            # (or is the last), and no break spans two slices (the only two-character
            # break, "\r\n", ends with the slice's "\n")
            text = "\n".join(text.splitlines()) + "\n"
        elif not text.endswith("\n"):
            text += "\n"
        fine, number = _feed(machine, text, number)
        checked = checked and fine
    if po is None:
        raise Unsupported("no text", 1)
    machine.finish(po)
    po.wrapwidth = wrapwidth
    return po, checked


def _feed(machine: _Machine, text: str, number: int) -> tuple[bool, int]:
    """Feed every line of ``text`` to ``machine``, a canonical entry at a time where it can
    (``number``: the lines before ``text``); (whether every line passed the syntax check,
    the line count after ``text``)."""
    match_entry = ENTRY.match
    new_entry_states = _NEW_ENTRY_STATES
    count_lines = text.count
    find = text.find
    checked = True
    size = len(text)
    position = 0
    while position < size:
        if machine.state in new_entry_states:
            found = match_entry(text, position)
            if found is not None:
                machine.canonical(found, number + 1)
                end = found.end()
                number += count_lines("\n", position, end)
                position = end
                continue
        end = find("\n", position)
        raw = text[position:end]
        position = end + 1
        number += 1
        line = raw.strip()
        if checked and line and not valid_line(line):
            checked = False  # the syntax check reports it (a BOM is an error there too)
        if number == 1 and raw.startswith(_BOM):
            line = raw[1:].strip()
        if line:
            machine.line(line, number)
    return checked, number
