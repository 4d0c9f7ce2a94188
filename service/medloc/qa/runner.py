"""The one runner of the checks: the gate and the service both come here.

`run_checks` runs `medloc.qa.checks.CHECKS` (read when called: a check added to that list is
run everywhere) on entries and returns `Finding` objects; findings a translator ignored are
still returned, with ``ignored`` set to the reason. A check whose precondition says it can say
nothing about an entry is skipped; ``preconditions=False`` runs every check on every
translated entry, with the same findings, slower. `blocking_errors` is what the service asks at
render time; `check_po` is the gate's loop over one parsed catalog.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from medloc.roles import Roles

from . import checks as _checks
from .checks import Check
from .codes import CODES
from .entry import Entry, Finding, entry_from_po
from .preconditions import Needs, features, source_facts

__all__ = ["blocking_errors", "check_entry", "check_po", "run_checks"]

EVERY_SEVERITY = frozenset({"error", "warning"})
_ERRORS = frozenset({"error"})


def _finding(entry: Entry, code: str, message: str) -> Finding:
    kind = CODES[code]
    return Finding(
        code=code,
        severity=kind.severity,
        message=message,
        path=entry.path,
        line=entry.line,
        ignored=entry.ignores.get(code) if kind.ignorable else None,
        locale=entry.locale,
        context=entry.context,
        msgid=entry.msgid,
        domain=entry.domain,
    )


def _check(entry: Entry, active: _Active, preconditions: bool, found: list[Finding]) -> None:
    """Append the findings of one entry to ``found``."""
    for problem in entry.bad_ignores:
        found.append(_finding(entry, "bad-ignore", problem))
    if entry.safety:
        for message in _checks.safety_incomplete(entry):
            found.append(_finding(entry, "safety-incomplete", message))
    if not entry.translated():
        return  # untranslated or fuzzy: not rendered, nothing more to check
    for check in active.needed(entry) if preconditions else active.checks:
        for message in check.run(entry):
            found.append(_finding(entry, check.code, message))


class _Active:
    """The checks of one run, and which of them each entry needs: when every precondition
    is a `Needs`, the features of an entry's pairs are worked out once
    (:func:`medloc.qa.preconditions.features`) and the checks they call for remembered per
    set of features; otherwise each precondition is asked."""

    def __init__(self, checks: Sequence[Check]) -> None:
        self.checks = list(checks)
        flags = [int(c.needs.features) for c in self.checks if isinstance(c.needs, Needs)]
        self.flags = flags if len(flags) == len(self.checks) else None
        self.by_features: dict[int, list[Check]] = {}

    def needed(self, entry: Entry) -> list[Check]:
        """The checks whose precondition holds for a pair of ``entry``."""
        if self.flags is None:
            return self._asked(entry)
        found = 0
        for source, text in entry.pairs:
            found |= features(entry, source_facts(source), text)
        chosen = self.by_features.get(found)
        if chosen is None:
            chosen = [c for c, flags in zip(self.checks, self.flags, strict=True) if flags & found]
            self.by_features[found] = chosen
        return chosen

    def _asked(self, entry: Entry) -> list[Check]:
        pairs = [(source_facts(source), text) for source, text in entry.pairs]
        return [
            check
            for check in self.checks
            if any(check.needs(entry, facts, text) for facts, text in pairs)
        ]


_KEPT: dict[tuple[int, frozenset[str]], tuple[tuple[Check, ...], _Active]] = {}
"""The `_Active` of each list of checks asked for, by the list's identity and the
severities, with a snapshot of the list it was made from."""
_KEEP = 16


def _active(listed: Sequence[Check], severities: frozenset[str]) -> _Active:
    """The `_Active` of the checks of ``listed`` of a severity in ``severities``, kept: the
    service checks a message at a time, and the choice per set of features is then
    remembered across its calls too. The list is read at every call (a check added to it is
    run from then on), but neither filtered nor hashed again while it holds the same checks:
    its snapshot is compared element by element, by identity first."""
    key = (id(listed), severities)
    snapshot = tuple(listed)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == snapshot:
        return kept[1]
    if len(_KEPT) >= _KEEP:
        _KEPT.clear()
    active = _Active([check for check in snapshot if check.severity in severities])
    _KEPT[key] = (snapshot, active)
    return active


def run_checks(
    entries: Iterable[Entry],
    *,
    checks: Sequence[Check] | None = None,
    severities: frozenset[str] = EVERY_SEVERITY,
    preconditions: bool = True,
) -> list[Finding]:
    """Every finding of every entry, in order, ignored ones included (with ``ignored`` set):
    a ``medloc-ignore`` comment's problems, safety completeness, then each check of ``checks``
    (default: `CHECKS`) of a severity in ``severities`` on the translated entries."""
    active = _active(_checks.CHECKS if checks is None else checks, severities)
    found: list[Finding] = []
    for entry in entries:
        _check(entry, active, preconditions, found)
    return found


def check_entry(
    entry: Entry,
    *,
    checks: Sequence[Check] | None = None,
    severities: frozenset[str] = EVERY_SEVERITY,
    preconditions: bool = True,
) -> list[Finding]:
    """Every finding for one entry, ignored ones included (with ``ignored`` set)."""
    return run_checks((entry,), checks=checks, severities=severities, preconditions=preconditions)


def blocking_errors(entry: Entry) -> list[Finding]:
    """The errors that must keep this translation from being shown (ignored ones excluded)."""
    return [
        f
        for f in check_entry(entry, severities=_ERRORS)
        if f.severity == "error" and f.ignored is None
    ]


def check_po(
    po: Iterable[Any],
    *,
    locale: str,
    domain: str,
    path: str,
    preconditions: bool = True,
    roles: Roles | None = None,
) -> tuple[list[Finding], int]:
    """Every finding of every live entry of a parsed catalog, and how many entries that was
    (``roles``: the project's, which say which entries are safety-critical; None: the floor)."""
    entries = [
        entry_from_po(po_entry, locale=locale, domain=domain, path=path, roles=roles)
        for po_entry in po
        if not po_entry.obsolete and po_entry.msgid
    ]
    return run_checks(entries, preconditions=preconditions), len(entries)
