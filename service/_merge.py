"""The merge behind ``medloc update`` (:func:`service.catalogs.update_catalog`).

A catalog of 10^5 messages is merged in time linear in its size: every lookup is a dict
keyed on (msgctxt, msgid), computed once per entry; entries are built by filling their
``__dict__`` (what ``polib.POEntry(...)`` sets, without its keyword look-ups); and the
fuzzy matching only compares a new message with the translated, unused old messages of
its own section (or with the same text).

The rules are documented in :func:`service.catalogs.update_catalog`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

import polib

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


def _carry(new: dict[str, Any], old: polib.POEntry, *, fuzzy: bool) -> None:
    """Copy the translator's work from ``old`` into the fields ``new``."""
    new["msgstr"] = old.msgstr
    if new["msgid_plural"] and old.msgstr_plural:
        new["msgstr_plural"] = dict(old.msgstr_plural)
    new["tcomment"] = old.tcomment
    old_flags = old.flags
    template_flags = new["flags"]
    if old_flags or template_flags:
        flags = [f for f in old_flags if f != "fuzzy"]
        flags += [f for f in dict.fromkeys(template_flags) if f not in flags]
        new["flags"] = flags
    if fuzzy:
        new["flags"].append("fuzzy")
        if old.msgid != new["msgid"]:
            new["previous_msgid"] = old.msgid
        if old.msgctxt != new["msgctxt"]:
            new["previous_msgctxt"] = old.msgctxt
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


class Merger:
    """Merges one template into catalogs, one after the other (:meth:`merge`): the work that
    depends on the template alone (its keys, its entries' fields, the fuzzy ratios between
    two texts) is done once for all of them. Do not change the template meanwhile."""

    def __init__(self, template: polib.POFile, wrapwidth: int) -> None:
        self.template = template
        self.wrapwidth = wrapwidth
        self.keys: list[Key] = [(t.msgctxt, t.msgid) for t in template]
        self.in_template = set(self.keys)
        # Each new entry's fields but its lists (copied from the template at each merge).
        self.prototypes = [
            _fields(t.msgid, t.msgctxt, t.msgid_plural, {}, t.comment, [], []) for t in template
        ]
        self.ratios: dict[tuple[str, str], float] = {}

    def merge(self, po: polib.POFile) -> polib.POFile:
        """:func:`service.catalogs.update_catalog` of ``po`` (call it with cyclic gc off:
        it builds one entry per message)."""
        template = self.template
        in_template = self.in_template
        active = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
        obsolete = {(e.msgctxt, e.msgid): e for e in po if e.obsolete}
        # The old messages the template lost, in the order of the old rules.
        lost = [(k, e) for k, e in (*active.items(), *obsolete.items()) if k not in in_template]
        # The translated ones are the candidates for fuzzy matching.
        by_context: dict[str | None, list[tuple[Key, polib.POEntry]]] = {}
        by_msgid: dict[str, list[tuple[Key, polib.POEntry]]] = {}
        by_previous: dict[Key, tuple[Key, polib.POEntry]] = {}
        for key, entry in lost:
            if not _translated(entry):
                continue
            by_context.setdefault(key[0], []).append((key, entry))
            by_msgid.setdefault(key[1], []).append((key, entry))
            if entry.previous_msgid and "fuzzy" in entry.flags:
                previous = (entry.previous_msgctxt or key[0], entry.previous_msgid)
                by_previous.setdefault(previous, (key, entry))

        result = polib.POFile(wrapwidth=self.wrapwidth)
        result.header = po.header
        result.metadata = dict(po.metadata)
        if "POT-Creation-Date" in template.metadata:
            result.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
        result.metadata_is_fuzzy = po.metadata_is_fuzzy
        plural_count = nplurals(result.metadata)

        used: set[Key] = set()
        entries: list[polib.POEntry] = []
        active_get, obsolete_get, use = active.get, obsolete.get, used.add
        for tentry, key, prototype in zip(template, self.keys, self.prototypes, strict=True):
            new = prototype.copy()
            new["msgstr_plural"] = (
                dict.fromkeys(range(plural_count), "") if prototype["msgid_plural"] else {}
            )
            new["occurrences"] = list(tentry.occurrences)
            new["flags"] = list(tentry.flags)
            old = active_get(key) or obsolete_get(key)
            if old is not None:
                _carry(new, old, fuzzy=False)
                use(key)
            elif (restored := by_previous.get(key)) is not None and restored[0] not in used:
                _carry(new, restored[1], fuzzy=False)
                new["flags"] = [f for f in new["flags"] if f != "fuzzy"]
                new["previous_msgid"] = new["previous_msgctxt"] = None
                used.add(restored[0])
            elif key[0] in by_context or key[1] in by_msgid:
                pool = [
                    (old_key, entry)
                    for old_key, entry in (*by_context.get(key[0], ()), *by_msgid.get(key[1], ()))
                    if old_key not in used
                ]
                fuzzy = best_fuzzy(key[1], [entry for _key, entry in pool], self.ratios)
                if fuzzy is not None:
                    _carry(new, fuzzy, fuzzy=True)
                    used.add(next(old_key for old_key, entry in pool if entry is fuzzy))
            entries.append(_entry(new))

        for key, old in lost:
            if key in used:
                continue
            if not old.obsolete and not _translated(old) and not old.tcomment:
                continue  # nothing of a translator's to keep
            gone = _fields(
                old.msgid, old.msgctxt, old.msgid_plural, dict(old.msgstr_plural), "", [], []
            )
            gone.update(
                msgstr=old.msgstr,
                obsolete=True,
                tcomment=old.tcomment,
                flags=list(old.flags),
                previous_msgctxt=old.previous_msgctxt,
                previous_msgid=old.previous_msgid,
            )
            entries.append(_entry(gone))
        result.extend(entries)
        return result
