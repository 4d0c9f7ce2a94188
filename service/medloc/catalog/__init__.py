"""Catalogs: templates (.pot), translations (.po) and compiled catalogs (.mo).

Everything here is pure: it takes and returns :class:`polib.POFile` objects,
strings and file objects. :mod:`medloc.project` does the file system work.

polib is used for reading and writing ``.po`` because it keeps everything a
translator wrote: previous msgids (``#|``), obsolete entries with their
context, flags and translator comments (Babel's reader turns ``#|`` lines into
plain comments).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, BinaryIO, ParamSpec, TypeVar

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from medloc.errors import CatalogError, LocaleError

from . import _merge, _mo, _po, _podump

__all__ = [
    "TemplateMessage",
    "compile_mo",
    "init_catalog",
    "make_template",
    "parse_po",
    "po_text",
    "read_po",
    "same_messages",
    "update_catalog",
    "updater",
]

WRAP_WIDTH = 79
FUZZY_CUTOFF = _merge.FUZZY_CUTOFF
_LINE_RE = re.compile(r"\(line (\d+)\)")
_PROJECT = "medloc"


@dataclass(frozen=True)
class TemplateMessage:
    """A message as extraction found it, before it goes into a template."""

    msgid: str
    context: str | None
    locations: tuple[tuple[str, int], ...]
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    msgid_plural: str | None = None


P = ParamSpec("P")
R = TypeVar("R")


def _without_gc(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` without cyclic garbage collection (see :func:`medloc.catalog._po.without_gc`):
    the functions that build or walk whole catalogs."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _po.without_gc():
            return func(*args, **kwargs)

    return wrapper


def _template_metadata(creation_date: str) -> dict[str, str]:
    return {
        "Project-Id-Version": _PROJECT,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": _PROJECT,
    }


@_without_gc
def make_template(messages: Iterable[TemplateMessage], *, creation_date: str) -> polib.POFile:
    """A template holding ``messages``; the same (context, msgid) met twice is one entry."""
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.header = "Translations template for medloc.\nThis file is generated: do not edit it."
    pot.metadata = _template_metadata(creation_date)
    by_key: dict[tuple[str | None, str], polib.POEntry] = {}
    for message in messages:
        key = (message.context, message.msgid)
        entry = by_key.get(key)
        if entry is None:
            entry = polib.POEntry(
                msgid=message.msgid,
                msgctxt=message.context,
                msgid_plural=message.msgid_plural or "",
                msgstr_plural={0: "", 1: ""} if message.msgid_plural else {},
                comment="\n".join(message.comments),
                flags=list(dict.fromkeys(message.flags)),
            )
            by_key[key] = entry
            pot.append(entry)
        else:
            known = set(entry.comment.split("\n")) if entry.comment else set()
            extra = [c for c in message.comments if c not in known]
            entry.comment = "\n".join(filter(None, [entry.comment, *extra]))
            entry.flags.extend(f for f in message.flags if f not in entry.flags)
        entry.occurrences.extend((path, str(line)) for path, line in message.locations)
    return pot


def _check_syntax(text: str, path: str) -> None:
    """Every line is a comment, blank, a keyword with a C string, or a continuation string.

    polib accepts some broken lines (an unterminated string, say) silently; this
    catches them first, with their line number.
    """
    bad = _po.first_bad_line(text)
    if bad is not None:
        number, raw = bad
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        raise CatalogError(
            f"syntax error in {shown!r}: expected a keyword (msgid, msgstr...) and a quoted "
            "string, or a quoted continuation line",
            path=path,
            line=number,
        )


def read_po(fileobj: IO[str], *, path: str) -> polib.POFile:
    """Read a ``.po``/``.pot`` from a text file object; errors name ``path`` and the line."""
    return parse_po(fileobj.read(), path=path)


def parse_po(text: str, *, path: str) -> polib.POFile:
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


def _with_obsolete_previous(po: polib.POFile, text: str) -> polib.POFile:
    """``po`` with the previous msgctxt/msgid of its obsolete entries read from ``text``
    (``#~|`` lines: gettext writes them, polib and msgcat keep them, polib does not read
    them back)."""
    if "#~|" not in text:
        return po
    reader = _ObsoleteReader({}, {}, {})
    for line in text.splitlines():
        reader.line(line)
    reader.flush()
    for entry in po:
        fields = reader.found.get((entry.msgctxt, entry.msgid)) if entry.obsolete else None
        for name, value in (fields or {}).items():
            if getattr(entry, name) is None:
                setattr(entry, name, value)
    return po


def po_text(po: polib.POFile, *, cache: _podump.RenderCache | None = None) -> str:
    """The file's text, deterministic: the same catalog always gives the same bytes.

    ``cache`` (a :class:`medloc.catalog._podump.RenderCache`) makes the next catalog of the same
    template quicker to write: what comes from the template is written once."""
    po.wrapwidth = WRAP_WIDTH
    text = _podump.dump(po, cache)  # str(po), quicker
    return text if text.endswith("\n") else text + "\n"


@_without_gc
def update_catalog(po: polib.POFile, template: polib.POFile) -> polib.POFile:
    """Merge ``template`` into ``po`` without losing any translation.

    * an unchanged message keeps its translation, flags and translator comments; its
      format flags (``python-format``...) are the template's, as msgmerge does;
    * a message that returns exactly (same msgctxt and msgid: an edit reverted, a deleted
      paragraph restored, a section id renamed back, a paragraph moved back) gets the
      translation last made for exactly it, not fuzzy: from its obsolete entry (``#~``),
      or from a fuzzy entry whose previous msgctxt/msgid (``#|``, ``#~|``) is exactly it;
    * an obsolete entry with the msgctxt and msgid of an untranslated one (``pybabel
      update`` and git merges leave them) gives it its translation;
    * the same text moved within its article (another section, a renamed section id)
      keeps its translation, not fuzzy (fuzzy if it was);
    * a message whose text changed keeps the closest old translation of the same
      section (or of the same text elsewhere), marked fuzzy with the text that
      translation was made for as ``#|`` (previous msgid and msgctxt); the old text keeps
      its translation too, as an obsolete entry, so that it can return;
    * a message that disappears is kept as obsolete (``#~``, with its ``#~|`` previous
      msgid when it is fuzzy), never dropped (an active one that was never translated
      nor commented on is dropped: it holds nothing of a translator's).

    Every msgctxt+msgid is in the result once (``msgfmt`` rejects an obsolete twin). The
    result lists messages in template order, then obsolete entries: running it twice
    gives the same catalog. Linear time (see :mod:`medloc.catalog._merge`).
    """
    return _merge.Merger(template, WRAP_WIDTH).merge(po)


def updater(template: polib.POFile) -> Callable[[polib.POFile], polib.POFile]:
    """``lambda po: update_catalog(po, template)``, quicker for the second catalog on: what
    depends on the template alone is computed once. Do not change ``template`` meanwhile."""
    merger = _merge.Merger(template, WRAP_WIDTH)
    return _without_gc(merger.merge)


def parse_locale(identifier: str) -> Locale:
    """A Babel locale from ``es``, ``pt_BR``, ``pt-BR`` or ``zh_Hans``; LocaleError if unknown."""
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise LocaleError(
            f"unknown locale {identifier!r}; "
            "use a CLDR identifier such as 'es', 'pt_BR' or 'zh_Hans'"
        ) from None


def init_catalog(template: polib.POFile, locale: str, *, revision_date: str) -> polib.POFile:
    """A new, empty translation of ``template`` for ``locale`` with correct headers."""
    parsed = parse_locale(locale)
    plural = get_plural(parsed)
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    language = str(parsed)
    name = parsed.get_display_name("en") or language
    po.header = f"{name} translations for medloc."
    po.metadata = {
        **_template_metadata(template.metadata.get("POT-Creation-Date", revision_date)),
        "PO-Revision-Date": revision_date,
        "Last-Translator": "medloc translators <translators@medloc.invalid>",
        "Language": language,
        "Language-Team": f"{name} <translators@medloc.invalid>",
        "Plural-Forms": plural.plural_forms,
    }
    return update_catalog(po, template)


def same_messages(
    a: polib.POFile, b: polib.POFile, *, cache: _podump.RenderCache | None = None
) -> bool:
    """Whether two catalogs are equal apart from their header dates (``cache``: see
    :func:`po_text`)."""
    ignore = {"POT-Creation-Date", "PO-Revision-Date"}

    def strip(po: polib.POFile) -> str:
        copy = polib.POFile(wrapwidth=WRAP_WIDTH)
        copy.header = po.header
        copy.metadata = {k: v for k, v in po.metadata.items() if k not in ignore}
        copy.extend(po)
        return _podump.dump(copy, cache)

    return strip(a) == strip(b)


def mo_messages(po: polib.POFile) -> list[_mo.MoMessage]:
    """The messages a compiled catalog holds: translated, not fuzzy, not obsolete."""
    messages = []
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if not all(forms):
                continue
            messages.append(
                _mo.MoMessage(
                    msgid=entry.msgid,
                    msgstr=forms[0],
                    context=entry.msgctxt,
                    msgid_plural=entry.msgid_plural,
                    msgstr_plural=forms,
                )
            )
        elif entry.msgstr:
            messages.append(_mo.MoMessage(entry.msgid, entry.msgstr, entry.msgctxt))
    return messages


def mo_header(po: polib.POFile) -> str:
    return "".join(f"{key}: {value}\n" for key, value in po.metadata.items())


@_without_gc
def compile_mo(po: polib.POFile, fileobj: BinaryIO) -> int:
    """Write ``po`` as a ``.mo`` (linear time); returns the number of messages written."""
    messages = mo_messages(po)
    _mo.write_mo(fileobj, messages, mo_header(po))
    return len(messages)


def metadata(po: polib.POFile) -> Mapping[str, str]:
    return dict(po.metadata)
