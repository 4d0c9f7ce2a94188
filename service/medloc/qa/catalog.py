"""File-level checks: on the raw text of a ``.po`` file and on parsed catalogs (`polib.POFile`).

Pure: the gate reads the files and passes their contents in. Lines are 1-based; an entry's line
is its first line (polib's ``linenum``), like the lines of `medloc.qa.Entry`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from medloc.catalog import (
    SOURCE_FIELD,
    Catalog,
    CatalogEntry,
    MoCatalog,
    MoMessage,
    compile_mo,
    entry_updater,
    mo_messages,
)
from medloc.comments import role_of
from medloc.plurals import accepted_rule, parse_plural_forms, plurals_for
from medloc.roles import DEFAULT_ROLES, Roles

from . import CODES, Finding

__all__ = [
    "CONFLICT_MARKER",
    "check_header",
    "conflict_markers",
    "decode",
    "duplicates",
    "missing_safety",
    "mo_mismatches",
    "out_of_date",
    "stale_mo",
]

CONFLICT_MARKER = "#-#-#-#-#"


def _finding(code: str, message: str, path: str, line: int, locale: str | None) -> Finding:
    return Finding(code, CODES[code].severity, message, path, max(line, 1), locale=locale)


def decode(data: bytes, path: str, locale: str | None = None) -> tuple[str | None, list[Finding]]:
    """The text of a catalog, or a charset finding at the line of the first invalid byte."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1]
        message = f"byte {bad!r} is not valid UTF-8; save the file as UTF-8"
        return None, [_finding("charset", message, path, line, locale)]


def conflict_markers(text: str, path: str, locale: str | None = None) -> list[Finding]:
    """msgcat's ``#-#-#-#-#`` markers, one finding per line holding one."""
    if CONFLICT_MARKER not in text:
        return []
    return [
        _finding(
            "conflict-marker",
            f"msgcat conflict marker {CONFLICT_MARKER!r}: two versions were concatenated; keep"
            " one translation and delete the markers and the other version",
            path,
            number,
            locale,
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if CONFLICT_MARKER in line
    ]


def duplicates(po: Iterable[CatalogEntry], path: str, locale: str | None = None) -> list[Finding]:
    """Entries with the (msgctxt, msgid) of an earlier live entry."""
    first: dict[tuple[str | None, str], int] = {}
    found: list[Finding] = []
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key not in first:
            first[key] = entry.linenum or 0
            continue
        what = f"msgid {entry.msgid[:60]!r}"
        if entry.msgctxt is not None:
            what = f"msgctxt {entry.msgctxt!r} {what}"
        found.append(
            _finding(
                "duplicate",
                f"{what} is already at line {first[key]}; keep one entry and delete the other",
                path,
                entry.linenum or 0,
                locale,
            )
        )
    return found


def _line_of(text: str, needle: str) -> int:
    position = text.find(needle)
    return 1 if position < 0 else text.count("\n", 0, position) + 1


def check_header(metadata: Mapping[str, str], text: str, path: str, locale: str) -> list[Finding]:
    """Charset UTF-8; Plural-Forms meaning one of the locale's accepted rules (`.plurals`)."""
    headers = {k.lower(): v for k, v in metadata.items()}
    found: list[Finding] = []
    content_type = headers.get("content-type", "")
    m = re.search(r"charset\s*=\s*([^\s;]+)", content_type)
    line = _line_of(text, "Content-Type:")
    if m is None:
        found.append(
            _finding(
                "charset",
                f"Content-Type {content_type!r} declares no charset; write"
                " 'Content-Type: text/plain; charset=UTF-8'",
                path,
                line,
                locale,
            )
        )
    elif m.group(1).lower() not in ("utf-8", "utf8"):
        found.append(
            _finding(
                "charset",
                f"charset {m.group(1)!r} is not UTF-8; convert the file to UTF-8 and write"
                " 'Content-Type: text/plain; charset=UTF-8'",
                path,
                line,
                locale,
            )
        )
    found.extend(_plural_forms(headers.get("plural-forms"), text, path, locale))
    return found


def _plural_forms(value: str | None, text: str, path: str, locale: str) -> list[Finding]:
    """A finding unless ``value`` means one of the locale's accepted rules (`.plurals`)."""
    rule = None if value is None else parse_plural_forms(value)
    if value is None:
        problem = "the header has no Plural-Forms"
    elif rule is None:
        problem = f"Plural-Forms {value!r} cannot be read"
    elif accepted_rule(rule, locale) is None:
        problem = f"Plural-Forms {value!r} is wrong for {locale}"
    else:
        return []
    accepted = plurals_for(locale)
    advice = f"write 'Plural-Forms: {accepted.gettext.header}'"
    if accepted.cldr is not None:
        advice += f" (gettext's rule) or CLDR's 'Plural-Forms: {accepted.cldr.header}'"
    line = _line_of(text, "Plural-Forms:") if value is not None else 1
    return [_finding("plural-forms", f"{problem}; {advice}", path, line, locale)]


def _mo_value(message: MoMessage) -> tuple[str | None, tuple[str, ...]]:
    if message.msgid_plural is not None:
        return message.msgid_plural, tuple(message.msgstr_plural)
    return None, (message.msgstr,)


def mo_mismatches(po: Iterable[CatalogEntry], mo: Iterable[MoMessage]) -> list[tuple[str, int]]:
    """Messages of the .mo that differ from what compiling the .po gives:
    (description, line of the entry in the .po or 0)."""
    expected = {(m.context, m.msgid): _mo_value(m) for m in mo_messages(po)}
    lines = {(e.msgctxt, e.msgid): e.linenum or 0 for e in po if not e.obsolete}
    actual = {(m.context, m.msgid): _mo_value(m) for m in mo if m.msgid}
    out: list[tuple[str, int]] = []
    for key, value in expected.items():
        if actual.get(key) != value:
            state = "missing" if key not in actual else "different"
            out.append((f"{key[1][:40]!r} {state}", lines.get(key, 0)))
    for key in actual.keys() - expected.keys():
        out.append((f"{key[1][:40]!r} no longer translated", lines.get(key, 0)))
    return out


class _Digest:
    """A binary sink that keeps only the SHA-256 of what is written to it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return len(data)


@contextlib.contextmanager
def _recording(po: Catalog, source: str | None) -> Iterator[None]:
    """``po`` with its metadata holding ``source`` (the digest of the ``.po`` file's bytes)
    as ``medloc compile`` records it in the ``.mo``, put back as it was afterwards."""
    if source is None:
        yield
        return
    had = SOURCE_FIELD in po.metadata
    before = po.metadata.get(SOURCE_FIELD, "")
    po.metadata[SOURCE_FIELD] = source
    try:
        yield
    finally:
        if had:
            po.metadata[SOURCE_FIELD] = before
        else:
            del po.metadata[SOURCE_FIELD]


def _compiles_to(po: Catalog, mo: BinaryIO, source: str | None = None) -> bool:
    """Whether the file ``mo`` is byte for byte what ``medloc compile`` writes for ``po``
    (``source``: the digest of the ``.po`` file's bytes, which ``medloc compile`` records in
    the ``.mo``'s header; without it, a ``.mo`` that ``medloc compile`` wrote never compares
    equal): then it holds exactly the compiled messages (the writer refuses what would not
    read back the same: duplicate keys, NUL or EOT inside a string), and comparing costs
    half as much as reading every message back. Both sides are hashed as they come: neither
    the file nor the compiled catalog is held whole."""
    compiled = _Digest()
    try:
        with _recording(po, source):
            compile_mo(po, compiled)
    except ValueError:
        return False
    read = _Digest()
    for block in iter(lambda: mo.read(1 << 20), b""):
        read.write(block)
    return compiled.hash.digest() == read.hash.digest()


def stale_mo(
    po: Catalog,
    mo: BinaryIO | bytes,
    po_path: str,
    mo_path: str,
    locale: str,
    *,
    source: str | None = None,
) -> list[Finding]:
    """A finding when the compiled catalog ``mo`` (an open file, or its bytes) does not hold
    what compiling the .po gives. ``source``: the digest of the ``.po`` file's bytes
    (:func:`medloc.catalog.source_digest`); with it, a ``.mo`` that ``medloc compile`` wrote
    from that file is recognised by its bytes, without reading its messages back (the
    verdict is the same either way: only the cost differs)."""
    if isinstance(mo, bytes):
        mo = io.BytesIO(mo)  # shares the bytes, no copy
    if _compiles_to(po, mo, source):
        return []
    mo.seek(0)
    try:
        bad = mo_mismatches(po, list(MoCatalog(mo.read())))
    except ValueError as exc:
        problem = f"{mo_path} cannot be read ({exc}); recompile the catalogs (medloc compile)"
        return [_finding("stale-mo", problem, po_path, 1, locale)]
    if not bad:
        return []
    bad.sort(key=lambda item: (item[1] == 0, item[1]))
    first, line = bad[0]
    return [
        _finding(
            "stale-mo",
            f"{mo_path} is older than this catalog: {len(bad)} message(s) differ from what"
            f" compiling it gives (first: {first}); recompile the catalogs (medloc compile)",
            po_path,
            line,
            locale,
        )
    ]


def _keys(po: Iterable[CatalogEntry]) -> list[tuple[str | None, str]]:
    return [(e.msgctxt, e.msgid) for e in po if not e.obsolete]


def _same_keys(po: Iterable[CatalogEntry], template: Iterable[CatalogEntry]) -> bool:
    """``_keys(po) == _keys(template)``, a key at a time: neither list is built (two lists
    of a tuple per message beside the catalog, 34 MB at 240,000 messages)."""
    ours = ((e.msgctxt, e.msgid) for e in po if not e.obsolete)
    theirs = ((e.msgctxt, e.msgid) for e in template if not e.obsolete)
    return all(a == b for a, b in itertools.zip_longest(ours, theirs))


_PARTS: tuple[tuple[str, str], ...] = (
    ("msgctxt", "its context"),
    ("msgid", "its text"),
    ("msgid_plural", "its plural text"),
    ("comment", "its extracted comments (#.)"),
    ("occurrences", "its references (#:)"),
    ("flags", "its flags (#,)"),
    ("msgstr", "its translation"),
    ("msgstr_plural", "its translation"),
    ("tcomment", "its translator comments"),
    ("previous_msgid", "its previous text (#|)"),
    ("obsolete", "whether it is obsolete"),
)


_RAW = operator.attrgetter(*(name for name, _ in _PARTS))


def _part(entry: Any, name: str) -> object:
    value = getattr(entry, name, None)
    if name == "flags":
        return frozenset(value or ())
    if name == "msgstr_plural":
        return tuple(sorted((value or {}).items()))
    if name == "occurrences":
        return tuple(tuple(o) for o in value or ())
    if name in ("comment", "tcomment"):
        # comments are rewrapped on writing, and a wrap after a hyphen ("follow-" / "up")
        # leaves no space to find: whitespace does not count at all
        return "".join((value or "").split()) or None
    return value or None


def out_of_date(
    po: Catalog,
    template: Catalog,
    path: str,
    locale: str,
    *,
    update: Callable[[Catalog], Iterable[CatalogEntry]] | None = None,
) -> list[Finding]:
    """A finding at the first entry that ``medloc update`` would change. Messages are
    compared, not text: wrapping and header dates do not count. ``update`` gives the merged
    entries of a catalog (:func:`medloc.catalog.entry_updater` of ``template``, made once
    for every locale; by default one is made for this call): they are compared as they are
    made, never held."""
    ours = list(po)
    if not _same_keys(ours, template):
        # the merge would add, remove or move messages: no need to merge to say so
        expected = _keys(template)
        live = [e for e in ours if not e.obsolete]
        for index, entry in enumerate(live):
            if index >= len(expected) or expected[index] != (entry.msgctxt, entry.msgid):
                what = f"message {entry.msgid[:50]!r} (it is not in the template there)"
                return [_out_of_date(path, entry.linenum or 1, locale, what)]
        key = expected[len(live)]
        line = live[-1].linenum if live else 1
        return [_out_of_date(path, line, locale, f"the catalog: {key[1][:50]!r} is missing")]
    theirs = iter((update or entry_updater(template))(po))
    compared = 0
    for entry, new in zip(ours, theirs, strict=False):
        compared += 1
        try:
            if _RAW(entry) == _RAW(new):
                continue  # equal values give equal parts: no need to normalise them
        except AttributeError:
            pass
        for name, label in _PARTS:
            if _part(entry, name) != _part(new, name):
                return [_out_of_date(path, entry.linenum or 1, locale, label)]
    if compared < len(ours):  # the merge gives fewer entries
        line = ours[compared].linenum
    elif next(theirs, None) is not None:  # the merge gives more entries
        line = ours[-1].linenum if ours else 1
    else:
        return []
    return [_out_of_date(path, line or 1, locale, "the entries of the catalog")]


def _out_of_date(path: str, line: int, locale: str, what: str) -> Finding:
    message = (
        f"the catalog is out of date with the content: 'medloc update' would change {what};"
        " run 'medloc update' and commit the result"
    )
    return _finding("out-of-date", message, path, line, locale)


def missing_safety(
    template: Iterable[CatalogEntry],
    po: Catalog,
    po_path: str,
    pot_path: str,
    locale: str,
    roles: Roles = DEFAULT_ROLES,
) -> list[Finding]:
    """Safety-critical template messages (by the project's ``roles``) absent from a locale's
    catalog."""
    present = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    found: list[Finding] = []
    for message in template:
        if message.obsolete or (message.msgctxt, message.msgid) in present:
            continue
        if not roles.is_safety(role_of(message.comment)):
            continue
        found.append(
            _finding(
                "safety-incomplete",
                f"safety-critical message {message.msgid[:60]!r} (context {message.msgctxt!r}"
                f" in {pot_path}) is missing from this catalog; run 'medloc update' and"
                " translate it",
                po_path,
                1,
                locale,
            )
        )
    return found
