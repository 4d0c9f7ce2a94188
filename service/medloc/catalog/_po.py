"""Fast ``.po`` reading that gives exactly what polib gives, only quicker.

polib's parser is a state machine with a method call, a regular expression and a
``re.sub`` with a Python callback per line; on catalogs of 10^5 messages that is most of
the time of ``update``, ``compile`` and ``check``. This module does the same work inline
(the writer is :mod:`medloc.catalog._podump`):

* :func:`parse` follows polib 1.2's state machine transition for transition (same
  entries, attributes, line numbers, header and metadata). It returns None only where it
  rejects the input itself, by raising :class:`_Unsupported` at a named construct (a line
  polib reports as a syntax error, or a string whose quotes polib reads its own way: the
  syntax check rejects those too); the caller then asks polib, which gives polib's error.
  Any other exception is a bug in this module and propagates: nothing falls back silently;
* :func:`first_bad_line` finds the first line that is not a comment, a blank, or a
  keyword with a C string, with one regular expression over the whole text.

Everything is pure (strings in, objects out).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import re
from collections.abc import Iterator

import polib

__all__ = ["first_bad_line", "parse", "parse_or_reject", "unescape", "without_gc"]

# Line breaks of str.splitlines() other than "\n": with any of them, polib's lines differ.
_ODD_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
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
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\"}
_UNESCAPED_QUOTE = re.compile(r'(?:[^\\]|^)"')
_UNESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_BOM = "\ufeff"
_DIGITS = frozenset("0123456789")
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
_NEW_ENTRY_STATES = frozenset({"ms", "mx"})  # polib also lists "mc", never a state


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


def _unescape_match(match: re.Match[str]) -> str:
    char = match.group(1)
    return _UNESCAPE.get(char, char)


def unescape(text: str) -> str:
    """:func:`polib.unescape`, without the regular expression when there is no backslash."""
    if "\\" not in text:
        return text
    return _UNESCAPE_RE.sub(_unescape_match, text)


# One entry as polib writes it (and msgfmt, Babel...): comments in their usual order, one
# space after each keyword, no whitespace at either end of a line, trailing blank lines.
_STR = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_STRS = rf"{_STR}\n(?:{_STR}\n)*"


def _previous(keyword: str) -> str:
    return rf"\#\| {keyword} {_STR}\n(?:\#\| {_STR}\n)*"


_ENTRY = re.compile(
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
_CHARSET = re.compile(r'"?Content-Type:.+? charset=([\w_\-:\.]+)')


def _strings(region: str) -> str:
    """The value of one or more C-string lines (each unescaped alone, as polib does)."""
    pieces = region[1:-2].split('"\n"')  # never inside a string: it holds no raw newline
    if "\\" in region:
        pieces = [unescape(piece) for piece in pieces]
    return pieces[0] if len(pieces) == 1 else "".join(pieces)


def _canonical(found: re.Match[str], linenum: int) -> tuple[polib.POEntry, int]:
    """The entry polib builds from a match of ``_ENTRY``, and its last plural index."""
    entry = _new_entry(linenum)
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
            for occurrence in line[3:].split():
                name, sep, line_no = occurrence.rpartition(":")
                if sep and line_no.isdigit():
                    occurrences.append((name, line_no))
                else:
                    occurrences.append((occurrence, ""))
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


def _encoding(text: str) -> str:
    """:func:`polib.detect_encoding` of a text, looking at its header first."""
    header_end = text.find("\n\n")
    found = _CHARSET.search(text, 0, header_end + 1) if header_end != -1 else None
    if found is None:
        return str(polib.detect_encoding(text))
    charset = found.group(1).strip()
    try:
        codecs.lookup(charset)
    except LookupError:
        return str(polib.default_encoding)
    return charset


def _valid_line(line: str) -> bool:
    """A stripped line passes :func:`first_bad_line`'s test."""
    if line.startswith("#~"):
        line = line[2:].strip()
        if line.startswith("|"):
            line = line[1:].strip()
    return not line or line.startswith("#") or _LINE_RE.fullmatch(line) is not None


class _Unsupported(Exception):
    """A construct this parser does not read like polib (always one polib or the syntax
    check rejects): :func:`parse` returns None and the caller asks polib."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(f"line {line}: {reason}")
        self.reason = reason
        self.line = line


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


def _new_entry(linenum: int) -> polib.POEntry:
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


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """No cyclic garbage collection inside: building 10^5 entries (dicts, lists, strings, none
    in a cycle) otherwise sets off full collections that walk every live object, again and
    again. Reference counting still frees everything; collection resumes after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse(text: str, *, wrapwidth: int = 78) -> tuple[polib.POFile | None, bool]:
    """(``polib.pofile(text, wrapwidth=wrapwidth)`` or None where the input is
    :class:`_Unsupported`, whether every line was seen to pass :func:`first_bad_line`'s
    test)."""
    try:
        return parse_or_reject(text, wrapwidth=wrapwidth)
    except _Unsupported:
        return None, False


def parse_or_reject(text: str, *, wrapwidth: int = 78) -> tuple[polib.POFile, bool]:
    """:func:`parse` that raises :class:`_Unsupported` instead of returning None (tests
    use it to see that the fast path is taken)."""
    encoding = _encoding(text)  # polib looks at the text as given
    if _ODD_BREAK.search(text):
        # polib reads str.splitlines(): the same lines, each ending with "\n"
        text = "\n".join(text.splitlines())
    if not text.endswith("\n"):
        text += "\n"  # the same lines for splitlines(), and every line ends with "\n"
    with without_gc():
        return _parse(text, encoding, wrapwidth)


def _parse(text: str, encoding: str, wrapwidth: int) -> tuple[polib.POFile, bool]:
    # No ``pofile=text``: polib would stat() the text as a file name (fpath stays None).
    po = polib.POFile(encoding=encoding, check_for_duplicates=False)
    entries: list[polib.POEntry] = []
    append = entries.append
    transitions = _TRANSITIONS
    new_entry_states = _NEW_ENTRY_STATES
    keywords = _KEYWORDS
    match_entry = _ENTRY.match
    count_lines = text.count
    find = text.find
    header = ""
    entry = _new_entry(0)
    state = "st"
    msgstr_index = 0
    first_token = ""
    checked = True
    size = len(text)
    position = 0
    number = 0
    while position < size:
        if state in new_entry_states:
            found = match_entry(text, position)
            if found is not None:
                append(entry)
                entry, msgstr_index = _canonical(found, number + 1)
                end = found.end()
                number += count_lines("\n", position, end)
                position = end
                state = "ms" if found["mx"] is None else "mx"
                first_token = "msgstr"
                continue
        end = find("\n", position)
        raw = text[position:end]
        position = end + 1
        number += 1
        line = raw.strip()
        if checked and line and not _valid_line(line):
            checked = False  # the syntax check reports it (a BOM is an error there too)
        if number == 1 and raw.startswith(_BOM):
            line = raw[1:].strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first_token = tokens[0]
        if first_token == "#~|":
            continue
        obsolete = 0
        if first_token == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first_token = tokens[0]
            obsolete = 1

        symbol: str
        if first_token in keywords and len(tokens) > 1:
            token = line[len(first_token) :].lstrip()
            symbol = keywords[first_token]
            if token.find('"', 1, -1) != -1 and _UNESCAPED_QUOTE.search(token[1:-1]):
                raise _Unsupported("unescaped double quote", number)
        else:
            token = line
            if first_token == "#:":
                if len(tokens) <= 1:
                    continue
                symbol = "oc"
            elif line[:1] == '"':
                symbol = "mc"
                if line.find('"', 1, -1) != -1 and _UNESCAPED_QUOTE.search(line[1:-1]):
                    raise _Unsupported("unescaped double quote", number)
            elif line[:7] == "msgstr[":
                symbol = "mx"
            elif first_token == "#,":
                if len(tokens) <= 1:
                    continue
                symbol = "fl"
            elif first_token == "#" or first_token.startswith("##"):
                symbol = "tc"
            elif first_token == "#.":
                if len(tokens) <= 1:
                    continue
                symbol = "gc"
            elif first_token == "#|":
                if len(tokens) <= 1:
                    raise _Unsupported("'#|' without a keyword", number)
                token = line[2:].lstrip()
                if tokens[1].startswith('"'):
                    symbol = "mc"
                else:
                    if len(tokens) == 2 or tokens[1] not in _PREVIOUS:
                        raise _Unsupported("'#|' without a known keyword and a string", number)
                    token = token[len(tokens[1]) :].lstrip()
                    symbol = _PREVIOUS[tokens[1]]
            else:
                raise _Unsupported("not a comment, keyword or string", number)
        if symbol in ("ct", "mi", "mp", "ms", "mc") and (
            len(token) < 2 or token[0] != '"' or token[-1] != '"'
        ):
            # polib's quote handling differs on such lines: let it decide
            raise _Unsupported("a string without its quotes", number)
        target = transitions.get((symbol, state))
        if target is None:
            raise _Unsupported(f"{symbol!r} after {state!r} (polib's syntax error)", number)

        # the handlers
        if symbol == "mc":
            value = unescape(token[1:-1])
            if state == "ct":
                entry.msgctxt += value
            elif state == "mi":
                entry.msgid += value
            elif state == "mp":
                entry.msgid_plural += value
            elif state == "ms":
                entry.msgstr += value
            elif state == "mx":
                entry.msgstr_plural[msgstr_index] += value
            elif state == "pp":
                entry.previous_msgid_plural += value
            elif state == "pm":
                entry.previous_msgid += value
            elif state == "pc":
                entry.previous_msgctxt += value
            continue  # a continuation keeps the state
        if target == "he":
            header = f"{header}\n{token[2:]}" if header else token[2:]
        elif symbol in ("mp", "ms", "mx"):
            if symbol == "mp":
                entry.msgid_plural = unescape(token[1:-1])
            elif symbol == "ms":
                entry.msgstr = unescape(token[1:-1])
            else:
                if token[7:8] not in _DIGITS:
                    raise _Unsupported("'msgstr[' without an index digit", number)
                index = int(token[7])
                value = token[token.find('"') + 1 : -1]
                entry.msgstr_plural[index] = unescape(value)
                msgstr_index = index
        else:
            if state in new_entry_states:
                append(entry)
                entry = _new_entry(number)
            if symbol == "tc":
                tcomment = token.lstrip("#")
                if tcomment.startswith(" "):
                    tcomment = tcomment[1:]
                entry.tcomment = f"{entry.tcomment}\n{tcomment}" if entry.tcomment else tcomment
            elif symbol == "gc":
                entry.comment = f"{entry.comment}\n{token[3:]}" if entry.comment else token[3:]
            elif symbol == "oc":
                for occurrence in token[3:].split():
                    name, sep, line_no = occurrence.rpartition(":")
                    if not sep:
                        entry.occurrences.append((occurrence, ""))
                    elif line_no.isdigit():
                        entry.occurrences.append((name, line_no))
                    else:
                        entry.occurrences.append((occurrence, ""))
            elif symbol == "fl":
                entry.flags += [flag.strip() for flag in token[3:].split(",")]
            elif symbol == "pp":
                entry.previous_msgid_plural = unescape(token[1:-1])
            elif symbol == "pm":
                entry.previous_msgid = unescape(token[1:-1])
            elif symbol == "pc":
                entry.previous_msgctxt = unescape(token[1:-1])
            elif symbol == "ct":
                entry.msgctxt = unescape(token[1:-1])
            elif symbol == "mi":
                entry.obsolete = obsolete
                entry.msgid = unescape(token[1:-1])
        state = target

    if first_token and not first_token.startswith("#"):
        append(entry)
    po.header = header
    po.extend(entries)
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
    po.wrapwidth = wrapwidth
    return po, checked


def first_bad_line(text: str) -> tuple[int, str] | None:
    """(line number, raw line) of the first line that is not blank, a comment or a keyword
    with one C string (``#~`` and ``#~|`` lines included), or None if every line is."""
    if _OTHER_SPACE.search(text):
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if line.startswith("#~"):
                line = line[2:].strip()
                if line.startswith("|"):
                    line = line[1:].strip()
            if not line or line.startswith("#"):
                continue
            if not _LINE_RE.fullmatch(line):
                return number, raw
        return None
    found = _BAD_LINE.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, found.group(0)


_LINE_RE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*'
)
