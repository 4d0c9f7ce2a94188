"""The gate's fast path: ``check_entry(entry_from_po(po_entry, ...))`` for a whole catalog,
with the same findings in the same order, at a fraction of the cost.

Per entry it builds no `Entry` and calls a check only when a cheap test says the check can
say something: no digit on either side, no numbers finding; no Markdown punctuation, no
Markdown finding; no ``<``, ``:`` or non-ASCII character, nothing unsafe; a translation unlike
its source, no same-as-source warning; and so on. What it knows of a source (the msgid: the
same in every locale) it works out once per run (`medloc.qa._memo`). Entries it does not
handle, plural messages and entries with a ``medloc-ignore`` comment, go through the reference
path `check_entry`. ``tests/test_checks_fast.py`` holds the two paths to the same findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from medloc.comments import role_of
from medloc.roles import is_safety

from . import (
    CODES,
    Finding,
    check_entry,
    entry_from_po,
    language,
    markup,
    numbers,
    safety_messages,
    unsafe,
)
from ._memo import SourceMemo

__all__ = ["check_po", "check_po_entry"]

_ANY_DIGIT = re.compile(r"\d")
_MAYBE_MARKUP = markup._MAYBE_MARKUP
_MIN_LENGTH = language._LENGTH_MIN_SOURCE
_SEVERITY = {code: c.severity for code, c in CODES.items()}


def _facts(source: str) -> tuple[str, bool, bool, bool]:
    """(stripped, has a digit, may hold Markdown, long enough for the length check)."""
    return (
        source.strip(),
        _ANY_DIGIT.search(source) is not None,
        _MAYBE_MARKUP.search(source) is not None,
        language.source_length(source) >= _MIN_LENGTH,
    )


_source_facts = SourceMemo(_facts)


def check_po(
    po: Iterable[Any], *, locale: str, domain: str, path: str
) -> tuple[list[Finding], int]:
    """Every finding of every live entry of a parsed catalog, and how many entries that was."""
    found: list[Finding] = []
    count = 0
    for po_entry in po:
        if po_entry.obsolete or not po_entry.msgid:
            continue
        count += 1
        found += check_po_entry(po_entry, locale=locale, domain=domain, path=path)
    return found, count


def check_po_entry(po_entry: Any, *, locale: str, domain: str, path: str) -> list[Finding]:
    """``check_entry(entry_from_po(po_entry, ...))``, quicker."""
    tcomment = po_entry.tcomment
    if po_entry.msgid_plural or (tcomment and "medloc-ignore" in tcomment):
        return check_entry(entry_from_po(po_entry, locale=locale, domain=domain, path=path))
    source: str = po_entry.msgid
    text: str = po_entry.msgstr or ""
    comment = po_entry.comment
    safety = is_safety(role_of(comment))
    fuzzy = "fuzzy" in po_entry.flags
    messages: list[tuple[str, str]] = []
    if safety:
        messages += (
            ("safety-incomplete", m)
            for m in safety_messages(((source, text),), fuzzy=fuzzy, plural=False)
        )
    stripped = text.strip()
    if not fuzzy and stripped:
        _translated(messages, po_entry, source, text, stripped, locale, domain, safety)
    if not messages:
        return []
    line = int(po_entry.linenum or 0)
    context = po_entry.msgctxt
    return [
        Finding(code, _SEVERITY[code], message, path, line, None, locale, context)
        for code, message in messages
    ]


def _translated(
    messages: list[tuple[str, str]],
    po_entry: Any,
    source: str,
    text: str,
    stripped: str,
    locale: str,
    domain: str,
    safety: bool,
) -> None:
    """The checks of `medloc.qa.CHECKS`, in order, on a translated entry."""
    source_stripped, digits, maybe_markup, long_enough = _source_facts(source)
    if digits or _ANY_DIGIT.search(text):
        problem = numbers.compare(source, text, locale)
        if problem:
            messages.append(("numbers", problem))
    if domain == "articles" and (maybe_markup or _MAYBE_MARKUP.search(text)):
        messages += (("markdown", m) for m in markup.compare(source, text))
    if "<" in text or ":" in text or not text.isascii():
        messages += (("unsafe", m) for m in unsafe.problems(source, text))
    if domain != "articles":
        messages += (
            ("placeholders", m)
            for m in markup.compare_placeholders([source], [text], po_entry.flags)
        )
    if not safety and stripped == source_stripped:
        problem = language.same_as_source(source, text, locale)
        if problem:
            messages.append(("same-as-source", problem))
    if long_enough:
        problem = language.length(source, text, locale)
        if problem:
            messages.append(("length", problem))
    problem = language.sentences(source, text, locale)
    if problem:
        messages.append(("sentences", problem))
    if safety:
        problem = language.negation(source, text, locale)
        if problem:
            messages.append(("negation", problem))
