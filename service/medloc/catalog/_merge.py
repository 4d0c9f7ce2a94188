"""The merge behind ``medloc update`` (:func:`medloc.catalog.update_catalog`).

A catalog of 10^5 messages is merged in time linear in its size: every lookup is a dict
keyed on (msgctxt, msgid), computed once per entry; entries are built by filling their
``__dict__`` (what ``polib.POEntry(...)`` sets, without its keyword look-ups); and the
fuzzy matching only compares a new message with the translated, unused old messages of
its own section (or with the same text). Old messages are looked up by their key, by
their section, by their msgid and by the origin of their translation (:func:`_origin`).

The rules are documented in :func:`medloc.catalog.update_catalog`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import polib

from medloc.review import classify_change, describe_change, normal_form

from ._compact import FIELDS

__all__ = ["FUZZY_CUTOFF", "Merger", "best_fuzzy"]

FUZZY_CUTOFF = 0.6

Key = tuple[str | None, str]


def _entry(fields: dict[str, Any]) -> polib.POEntry:
    """A polib.POEntry with exactly ``fields`` as its attributes."""
    entry: polib.POEntry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__ = fields
    return entry


def _fields(
    msgid: str,
    msgctxt: str | None,
    msgid_plural: str,
    msgstr_plural: dict[int, str],
    comment: str,
    occurrences: list[tuple[str, str]],
    flags: list[str],
) -> dict[str, Any]:
    """What ``polib.POEntry(msgid=..., ...)`` sets for a new message (in its order)."""
    return {
        "msgid": msgid,
        "msgstr": "",
        "msgid_plural": msgid_plural,
        "msgstr_plural": msgstr_plural,
        "msgctxt": msgctxt,
        "obsolete": False,
        "encoding": polib.default_encoding,
        "comment": comment,
        "tcomment": "",
        "occurrences": occurrences,
        "flags": flags,
        "previous_msgctxt": None,
        "previous_msgid": None,
        "previous_msgid_plural": None,
        "linenum": None,
    }


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _settled(entry: polib.POEntry) -> bool:
    """Translated and not fuzzy: a translation made for exactly this msgctxt and msgid."""
    return "fuzzy" not in entry.flags and _translated(entry)


def _rank(entry: polib.POEntry) -> int:
    return 2 if _settled(entry) else 1 if _translated(entry) else 0


def _origin(entry: polib.POEntry) -> Key:
    """The (msgctxt, msgid) the translation of ``entry`` was made for: its previous ones
    (``#|``) when it is fuzzy, else its own."""
    if "fuzzy" not in entry.flags:
        return (entry.msgctxt, entry.msgid)
    return (entry.previous_msgctxt or entry.msgctxt, entry.previous_msgid or entry.msgid)


def _article(msgctxt: str | None) -> str | None:
    """The article of a content message (``<slug>#<section>``), None for other contexts."""
    if msgctxt is None or "#" not in msgctxt:
        return None
    return msgctxt.partition("#")[0]


def _is_format(flag: str) -> bool:
    return flag.endswith("-format")


def _carry(new: dict[str, Any], old: polib.POEntry, *, fuzzy: bool) -> None:
    """Copy the translator's work from ``old`` into the fields ``new``. Format flags come
    from the template alone (as msgmerge does): ``old``'s others are kept."""
    new["msgstr"] = old.msgstr
    if new["msgid_plural"] and old.msgstr_plural:
        new["msgstr_plural"] = dict(old.msgstr_plural)
    new["tcomment"] = old.tcomment
    old_flags = old.flags
    template_flags = new["flags"]
    if old_flags or template_flags:
        flags = [f for f in old_flags if f != "fuzzy" and not _is_format(f)]
        flags += [f for f in dict.fromkeys(template_flags) if f not in flags]
        new["flags"] = flags
    if fuzzy:
        new["flags"].append("fuzzy")
        msgctxt, msgid = _origin(old)  # what the translation was made for
        if msgctxt != new["msgctxt"]:  # gettext wants a #| msgid after a #| msgctxt
            new["previous_msgctxt"], new["previous_msgid"] = msgctxt, msgid
        elif msgid != new["msgid"]:
            new["previous_msgid"] = msgid
    elif "fuzzy" in old_flags:
        new["flags"].append("fuzzy")
        new["previous_msgid"] = old.previous_msgid
        new["previous_msgctxt"] = old.previous_msgctxt


def best_fuzzy(
    msgid: str,
    candidates: Iterable[polib.POEntry],
    ratios: dict[tuple[str, str], float] | None = None,
) -> polib.POEntry | None:
    """The candidate whose msgid is closest to ``msgid`` (ratio at least FUZZY_CUTOFF; the
    last of equals), or None. ``ratios`` remembers the ratios computed (they depend on the
    two texts only), for the next catalog merged with the same template."""
    best: polib.POEntry | None = None
    best_ratio = FUZZY_CUTOFF
    for old in candidates:
        pair = (msgid, old.msgid)
        ratio = ratios.get(pair) if ratios is not None else None
        if ratio is None:
            matcher = difflib.SequenceMatcher(None, msgid, old.msgid, autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue  # an upper bound on the ratio: it cannot win
            ratio = matcher.ratio()
            if ratios is not None:
                ratios[pair] = ratio
        if ratio >= best_ratio:
            best, best_ratio = old, ratio
    return best


def nplurals(metadata: dict[str, str]) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


Way = Literal["same", "restored", "moved", "neutral", "fuzzy"]


@dataclass(frozen=True)
class _Source:
    """Where a new message's translation comes from, and how it is carried over:

    * ``same``: its own old entry (active or obsolete), as it is;
    * ``restored``: a fuzzy entry whose translation was made for exactly this message
      (its origin, see :func:`_origin`): carried over, not fuzzy;
    * ``moved``: the same text elsewhere in the same article: not fuzzy if that was not;
    * ``neutral``: a settled translation of the same article whose text differs from this
      one only in whitespace and the spelling of quotes (a meaning-neutral change,
      :func:`medloc.review.is_meaning_neutral`): carried over, not fuzzy, its translator
      comments (a sign-off among them) with it;
    * ``fuzzy``: the closest text of the same section (or the same text elsewhere).
    """

    key: Key
    entry: polib.POEntry
    way: Way


def _twin(first: polib.POEntry, second: polib.POEntry) -> polib.POEntry:
    """One of two entries with the same msgctxt and msgid (``second`` met later): the one
    with the most translation (settled, fuzzy, none), on a tie the active one, else the
    later; with the other's translator comment if it has none."""
    keep, drop = second, first
    if _rank(first) > _rank(second) or (
        _rank(first) == _rank(second) and not first.obsolete and second.obsolete
    ):
        keep, drop = first, second
    if keep.tcomment or not drop.tcomment:
        return keep
    fields = {name: getattr(keep, name) for name in FIELDS}
    return _entry({**fields, "encoding": keep.encoding, "tcomment": drop.tcomment})


def _records(po: polib.POFile) -> dict[Key, polib.POEntry]:
    """One old entry per (msgctxt, msgid): the active ones in file order, then the obsolete
    ones. An obsolete twin of an active entry (``pybabel update`` and git merges leave
    them) is one entry: see :func:`_twin`."""
    records: dict[Key, polib.POEntry] = {}
    for obsolete in (False, True):
        for entry in po:
            if bool(entry.obsolete) is obsolete:
                key = (entry.msgctxt, entry.msgid)
                other = records.get(key)
                records[key] = entry if other is None else _twin(other, entry)
    return records


Pairs = list[tuple[Key, polib.POEntry]]


@dataclass(frozen=True)
class _Lost:
    """The old messages the template lost (in the order of :func:`_records`), and the
    translated ones by context, by msgid and by origin (fuzzy ones only)."""

    entries: Pairs
    by_context: dict[str | None, Pairs]
    by_msgid: dict[str, Pairs]
    by_origin: dict[Key, Pairs]
    by_normal: dict[str, Pairs]
    """Translated, not fuzzy, by the normal form of their msgid (meaning-neutral changes)."""

    @classmethod
    def of(cls, records: dict[Key, polib.POEntry], in_template: set[Key]) -> _Lost:
        lost = cls([], {}, {}, {}, {})
        for key, entry in records.items():
            if key in in_template:
                continue
            lost.entries.append((key, entry))
            if not _translated(entry):
                continue
            lost.by_context.setdefault(key[0], []).append((key, entry))
            lost.by_msgid.setdefault(key[1], []).append((key, entry))
            if "fuzzy" in entry.flags and (origin := _origin(entry)) != key:
                lost.by_origin.setdefault(origin, []).append((key, entry))
            if _settled(entry) and not entry.msgid_plural:
                lost.by_normal.setdefault(normal_form(key[1]), []).append((key, entry))
        return lost


def _apply(new: dict[str, Any], source: _Source, old: polib.POEntry | None) -> None:
    """Carry ``source`` into the fields ``new`` (``old``: the message's own old entry)."""
    entry = source.entry
    if source.way == "same":
        _carry(new, entry, fuzzy=False)
    elif source.way == "restored":
        _carry(new, entry, fuzzy=False)
        new["flags"] = [f for f in new["flags"] if f != "fuzzy"]
        new["previous_msgid"] = new["previous_msgctxt"] = None
        if old is not None and not new["tcomment"]:
            new["tcomment"] = old.tcomment
    else:
        _carry(new, entry, fuzzy=source.way == "fuzzy" or not _settled(entry))


def _neutral(key: Key, lost: _Lost, used: set[Key]) -> _Source | None:
    """A settled translation of the same article made for a text that differs from
    ``key``'s only in whitespace and quotes (its own context first)."""
    article = _article(key[0])
    same = [
        pair
        for pair in lost.by_normal.get(normal_form(key[1]), ())
        if pair[0] not in used
        and (pair[0][0] == key[0] or (article and _article(pair[0][0]) == article))
    ]
    if not same:
        return None
    found_key, entry = max(same, key=lambda pair: pair[0][0] == key[0])
    return _Source(found_key, entry, "neutral")


def _change_note(new: dict[str, Any]) -> None:
    """A fuzzy message whose English changed says in a ``#.`` note what kind of change it was
    (:func:`medloc.review.describe_change`): always recomputed from its previous msgid
    (``#|``), so a tool that drops extracted comments loses nothing."""
    previous = new["previous_msgid"]
    if previous is None or previous == new["msgid"] or "fuzzy" not in new["flags"]:
        return
    note = describe_change(classify_change(previous, new["msgid"]))
    new["comment"] = f"{new['comment']}\n{note}" if new["comment"] else note


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    gone = _fields(old.msgid, old.msgctxt, old.msgid_plural, dict(old.msgstr_plural), "", [], [])
    gone.update(
        msgstr=old.msgstr,
        obsolete=True,
        tcomment=old.tcomment,
        flags=list(old.flags),
        previous_msgctxt=old.previous_msgctxt,
        previous_msgid=old.previous_msgid,
    )
    return _entry(gone)


class Merger:
    """Merges one template into catalogs, one after the other (:meth:`merge`): the work that
    depends on the template alone (its keys, its entries' fields, the fuzzy ratios between
    two texts) is done once for all of them. Do not change the template meanwhile."""

    def __init__(self, template: polib.POFile, wrapwidth: int) -> None:
        self.template = template
        self.wrapwidth = wrapwidth
        self.keys: list[Key] = [(t.msgctxt, t.msgid) for t in template]
        self.in_template = set(self.keys)
        # Each new entry's fields are made from the template's entry at each merge (a copy
        # of them kept for all merges would be as large as the template again).
        self.ratios: dict[tuple[str, str], float] = {}

    def merge(self, po: polib.POFile) -> polib.POFile:
        """:func:`medloc.catalog.update_catalog` of ``po`` (it builds one entry per message:
        a batch command runs it with cyclic gc off, see :func:`medloc._parallel.batch_process)."""
        result, entries = self.stream(po)
        result.extend(list(entries))
        return result

    def stream(self, po: polib.POFile) -> tuple[polib.POFile, Iterator[polib.POEntry]]:
        """:meth:`merge` of ``po`` as its header (a catalog without entries) and its entries,
        each made when it is taken: the template's messages in order, then the obsolete
        ones. Take them all before merging another catalog."""
        records = _records(po)
        lost = _Lost.of(records, self.in_template)
        result = self._header(po)
        return result, self._entries(records, lost, nplurals(result.metadata))

    def _entries(
        self, records: dict[Key, polib.POEntry], lost: _Lost, plural_count: int
    ) -> Iterator[polib.POEntry]:
        used: set[Key] = set()
        for tentry, key in zip(self.template, self.keys, strict=True):
            plural = tentry.msgid_plural
            new = _fields(
                tentry.msgid,
                tentry.msgctxt,
                plural,
                dict.fromkeys(range(plural_count), "") if plural else {},
                tentry.comment,
                list(tentry.occurrences),
                list(tentry.flags),
            )
            old = records.get(key)
            source = self._source(key, old, lost, used)
            if source is not None:
                _apply(new, source, old)
                _change_note(new)
                used.add(source.key)
            yield _entry(new)
        for key, old in lost.entries:
            if key in used and not _settled(old):
                continue  # its translation went on to a new message
            if not old.obsolete and not _translated(old) and not old.tcomment:
                continue  # nothing of a translator's to keep
            yield _obsolete(old)

    def _header(self, po: polib.POFile) -> polib.POFile:
        result = polib.POFile(wrapwidth=self.wrapwidth)
        result.header = po.header
        result.metadata = dict(po.metadata)
        if "POT-Creation-Date" in self.template.metadata:
            result.metadata["POT-Creation-Date"] = self.template.metadata["POT-Creation-Date"]
        result.metadata_is_fuzzy = po.metadata_is_fuzzy
        return result

    def _source(
        self, key: Key, old: polib.POEntry | None, lost: _Lost, used: set[Key]
    ) -> _Source | None:
        """Where the translation of the template's message ``key`` comes from: its own
        settled translation; else one made for exactly it, found in a fuzzy entry's origin;
        else its own old entry; else the same text in the same article; else the closest
        text (:func:`best_fuzzy`)."""
        if old is not None and _settled(old):
            return _Source(key, old, "same")
        if old is None or not _translated(old):
            for restored_key, entry in lost.by_origin.get(key, ()):
                if restored_key not in used:
                    return _Source(restored_key, entry, "restored")
        if old is not None:
            return _Source(key, old, "same")
        same_text = [pair for pair in lost.by_msgid.get(key[1], ()) if pair[0] not in used]
        article = _article(key[0])
        moved = [pair for pair in same_text if article and _article(pair[0][0]) == article]
        if moved:
            key_moved, entry = max(moved, key=lambda pair: _settled(pair[1]))  # a settled one
            return _Source(key_moved, entry, "moved")
        neutral = _neutral(key, lost, used) if lost.by_normal else None
        if neutral is not None:
            return neutral
        if key[0] not in lost.by_context and not same_text:
            return None
        pool = [pair for pair in lost.by_context.get(key[0], ()) if pair[0] not in used]
        pool += same_text
        fuzzy = best_fuzzy(key[1], [entry for _key, entry in pool], self.ratios)
        if fuzzy is None:
            return None
        return _Source(next(k for k, entry in pool if entry is fuzzy), fuzzy, "fuzzy")
