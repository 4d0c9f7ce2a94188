"""Translation QA: the checks of each message, one runner, and the gate.

An `Entry` (`medloc.qa.entry`) is one translated message with what the checks need to know
about it (its locale, domain, role, flags, where it sits in its ``.po`` file and the
``medloc-ignore`` comments a translator wrote for it). `CHECKS` (`medloc.qa.checks`) is the one
list of checks, each with a cheap precondition; `run_checks` and `check_entry`
(`medloc.qa.runner`) run it and return `Finding` objects; findings a translator ignored are
still returned, with ``ignored`` set to the reason. `blocking_errors` is what the service asks
at render time: the errors nobody ignored. The gate (`medloc.qa.gate`) runs the same list over
every catalog.

File-level checks (syntax, headers, duplicates, stale ``.mo``...) live in
`medloc.qa.catalog`; the gate does all the file reading.
"""

from __future__ import annotations

from .checks import CHECKS, Check, SourceFacts, safety_incomplete, safety_messages
from .codes import CODES, Code, Severity, parse_ignores
from .entry import Entry, Finding, entry_from_po
from .runner import blocking_errors, check_entry, check_po, run_checks

__all__ = [
    "CHECKS",
    "CODES",
    "Check",
    "Code",
    "Entry",
    "Finding",
    "Severity",
    "SourceFacts",
    "blocking_errors",
    "check_entry",
    "check_po",
    "entry_from_po",
    "parse_ignores",
    "run_checks",
    "safety_incomplete",
    "safety_messages",
]
