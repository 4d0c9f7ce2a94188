"""Templates (``.pot``): the messages extraction found, each (context, msgid) once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from sys import intern

from ._compact import CompactCatalog, CompactEntry
from ._model import WRAP_WIDTH, Catalog

__all__ = ["TemplateMessage", "make_template", "template_metadata"]

PROJECT = "medloc"


@dataclass(frozen=True)
class TemplateMessage:
    """A message as extraction found it, before it goes into a template."""

    msgid: str
    context: str | None
    locations: tuple[tuple[str, int], ...]
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    msgid_plural: str | None = None


def template_metadata(creation_date: str) -> dict[str, str]:
    """The header fields of a template created at ``creation_date``."""
    return {
        "Project-Id-Version": PROJECT,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": PROJECT,
    }


def make_template(messages: Iterable[TemplateMessage], *, creation_date: str) -> Catalog:
    """A template holding ``messages`` (taken one at a time: pass a generator, and only the
    template is held); the same (context, msgid) met twice is one entry. Its entries are
    what ``polib.POEntry(msgid=..., ...)`` gives, compact (:mod:`medloc.catalog._compact`),
    with the strings that repeat (contexts, file names, line numbers, flags) interned."""
    pot: Catalog = CompactCatalog(wrapwidth=WRAP_WIDTH)
    pot.header = "Translations template for medloc.\nThis file is generated: do not edit it."
    pot.metadata = template_metadata(creation_date)
    by_key: dict[tuple[str | None, str], CompactEntry] = {}
    for message in messages:
        key = (message.context, message.msgid)
        entry = by_key.get(key)
        if entry is None:
            entry = CompactEntry(
                message.msgid,
                "",
                message.msgid_plural or "",
                {0: "", 1: ""} if message.msgid_plural else {},
                None if message.context is None else intern(message.context),
                False,
                "\n".join(message.comments),
                "",
                [],
                [intern(flag) for flag in dict.fromkeys(message.flags)],
                None,
                None,
                None,
                None,  # polib's linenum of an entry it did not read
            )
            by_key[key] = entry
            pot.append(entry)
        else:
            known = set(entry.comment.split("\n")) if entry.comment else set()
            extra = [c for c in message.comments if c not in known]
            entry.comment = "\n".join(filter(None, [entry.comment, *extra]))
            entry.flags.extend(f for f in message.flags if f not in entry.flags)
        entry.occurrences.extend(
            (intern(path), intern(str(line))) for path, line in message.locations
        )
    return pot
