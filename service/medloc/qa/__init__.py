"""Translation QA: each check a small pure function, collected in the plain list `CHECKS`.

An `Entry` is one translated message with what the checks need to know about it (its locale,
domain, role, flags, where it sits in its ``.po`` file and the ``medloc-ignore`` comments a
translator wrote for it). `check_entry` runs every check of `CHECKS` on it and returns
`Finding` objects; findings a translator ignored are still returned, with ``ignored`` set to the
reason. `blocking_errors` is what the service asks at render time: the errors nobody ignored.

File-level checks (syntax, headers, duplicates, stale ``.mo``...) live in
`medloc.qa.catalog`; the gate (`medloc.qa.gate`) does all the file reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from medloc.comments import role_of
from medloc.roles import is_safety

from . import language, markup, numbers, unsafe
from .codes import CODES, Code, Severity, parse_ignores

__all__ = [
    "CHECKS",
    "CODES",
    "Check",
    "Code",
    "Entry",
    "Finding",
    "Severity",
    "blocking_errors",
    "check_entry",
    "entry_from_po",
    "parse_ignores",
]


@dataclass(frozen=True)
class Entry:
    """One message of one locale, as the checks see it.

    ``msgstr`` is the (first) translation; for a plural message ``msgid_plural`` is set and
    ``msgstr_plural`` holds every form. ``ignores`` maps a finding code to the translator's reason.
    """

    msgid: str
    msgstr: str
    locale: str
    domain: str = "articles"
    context: str | None = None
    role: str | None = None
    flags: frozenset[str] = frozenset()
    path: str = ""
    line: int = 0
    ignores: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    bad_ignores: tuple[str, ...] = ()
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()

    @property
    def safety(self) -> bool:
        return is_safety(self.role)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @cached_property
    def pairs(self) -> list[tuple[str, str]]:
        """(source, translation) for every translated form; plural forms after the first are
        compared with ``msgid_plural``."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr)]
        if not self.msgstr_plural:
            return [(self.msgid_plural, "")]
        return [
            (self.msgid if i == 0 and len(self.msgstr_plural) > 1 else self.msgid_plural, s)
            for i, s in enumerate(self.msgstr_plural)
        ]

    def translated(self) -> bool:
        """True when every form is non-blank and the entry is not fuzzy."""
        return not self.fuzzy and all(s.strip() for _, s in self.pairs)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str
    line: int
    ignored: str | None = None
    locale: str | None = None
    context: str | None = None


CheckFn = Callable[[Entry], Iterable[str]]


@dataclass(frozen=True)
class Check:
    """A check: the code and severity of what it finds, and a function yielding messages."""

    code: str
    run: CheckFn

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity


# --- building entries ------------------------------------------------------------------


def entry_from_po(po_entry: Any, *, locale: str, domain: str, path: str) -> Entry:
    """Build an `Entry` from a `polib.POEntry` (``comment`` holds the extracted comments,
    ``tcomment`` the translator's, ``linenum`` the entry's first line)."""
    ignores, problems = parse_ignores((po_entry.tcomment or "").splitlines())
    plural = bool(po_entry.msgid_plural)
    forms = po_entry.msgstr_plural or {}
    return Entry(
        msgid=po_entry.msgid,
        msgstr=po_entry.msgstr or (forms.get(0, "") if plural else ""),
        locale=locale,
        domain=domain,
        context=po_entry.msgctxt,
        role=role_of(po_entry.comment),
        flags=frozenset(po_entry.flags),
        path=path,
        line=int(po_entry.linenum or 0),
        ignores=ignores,
        bad_ignores=problems,
        msgid_plural=po_entry.msgid_plural if plural else None,
        msgstr_plural=tuple(forms[i] for i in sorted(forms)) if plural else (),
    )


# --- the checks -----------------------------------------------------------------------


def safety_incomplete(entry: Entry) -> Iterator[str]:
    if not entry.safety:
        return
    yield from safety_messages(
        entry.pairs, fuzzy=entry.fuzzy, plural=entry.msgid_plural is not None
    )


def safety_messages(
    pairs: Iterable[tuple[str, str]], *, fuzzy: bool, plural: bool
) -> Iterator[str]:
    """What `safety_incomplete` says about a safety-critical entry's (source, translation)
    pairs."""
    if fuzzy:
        yield "safety-critical message is marked fuzzy; review it and remove the fuzzy flag"
        return
    for i, (source, text) in enumerate(pairs):
        form = f" (form {i})" if plural else ""
        if not text.strip():
            yield f"safety-critical message is not translated{form}; translate it"
        elif text.strip() == source.strip():
            yield f"safety-critical message{form} is left equal to the English source; translate it"


def _numbers(entry: Entry) -> Iterator[str]:
    for source, text in entry.pairs:
        problem = numbers.compare(source, text, entry.locale)
        if problem:
            yield problem


def _markdown(entry: Entry) -> Iterator[str]:
    if entry.domain != "articles":
        return
    for source, text in entry.pairs:
        yield from markup.compare(source, text)


def _unsafe(entry: Entry) -> Iterator[str]:
    for source, text in entry.pairs:
        yield from unsafe.problems(source, text)


def _placeholders(entry: Entry) -> Iterator[str]:
    if entry.domain == "articles":
        return
    yield from markup.compare_placeholders(
        [s for s, _ in entry.pairs], [t for _, t in entry.pairs], entry.flags
    )


def _same_as_source(entry: Entry) -> Iterator[str]:
    if entry.safety:
        return  # safety-incomplete already says it, as an error
    for source, text in entry.pairs:
        problem = language.same_as_source(source, text, entry.locale)
        if problem:
            yield problem


def _length(entry: Entry) -> Iterator[str]:
    for source, text in entry.pairs:
        problem = language.length(source, text, entry.locale)
        if problem:
            yield problem


def _sentences(entry: Entry) -> Iterator[str]:
    for source, text in entry.pairs:
        problem = language.sentences(source, text, entry.locale)
        if problem:
            yield problem


def _negation(entry: Entry) -> Iterator[str]:
    if not entry.safety:
        return
    for source, text in entry.pairs:
        problem = language.negation(source, text, entry.locale)
        if problem:
            yield problem


CHECKS: list[Check] = [
    Check("numbers", _numbers),
    Check("markdown", _markdown),
    Check("unsafe", _unsafe),
    Check("placeholders", _placeholders),
    Check("same-as-source", _same_as_source),
    Check("length", _length),
    Check("sentences", _sentences),
    Check("negation", _negation),
]
"""Checks run on translated (non-blank, non-fuzzy) entries. Safety completeness runs first,
on every entry, and is not in this list: it cannot be switched off or ignored."""


def check_entry(
    entry: Entry,
    *,
    checks: Sequence[Check] | None = None,
    severities: frozenset[str] = frozenset({"error", "warning"}),
) -> list[Finding]:
    """Every finding for one entry, ignored ones included (with ``ignored`` set)."""

    def finding(code: str, message: str) -> Finding:
        return Finding(
            code=code,
            severity=CODES[code].severity,
            message=message,
            path=entry.path,
            line=entry.line,
            ignored=entry.ignores.get(code) if CODES[code].ignorable else None,
            locale=entry.locale,
            context=entry.context,
        )

    found = [finding("bad-ignore", p) for p in entry.bad_ignores]
    found.extend(finding("safety-incomplete", m) for m in safety_incomplete(entry))
    if not entry.translated():
        return found  # untranslated or fuzzy: not rendered, nothing more to check
    for check in CHECKS if checks is None else checks:
        if check.severity in severities:
            found.extend(finding(check.code, m) for m in check.run(entry))
    return found


def blocking_errors(entry: Entry) -> list[Finding]:
    """The errors that must keep this translation from being shown (ignored ones excluded)."""
    return [
        f
        for f in check_entry(entry, severities=frozenset({"error"}))
        if f.severity == "error" and f.ignored is None
    ]
