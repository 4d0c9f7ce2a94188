"""The finding codes (severity, summary, whether a translator may ignore them) and the
comments an entry carries: ``role: ...`` (extracted) and ``medloc-ignore: CODE reason``
(translator)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "CODES",
    "SAFETY_ROLES",
    "Code",
    "Severity",
    "ignore_comments",
    "parse_ignores",
    "role_from_comments",
]

Severity = Literal["error", "warning"]
SAFETY_ROLES = frozenset({"risks", "disclaimer"})


@dataclass(frozen=True)
class Code:
    """One finding code: its severity, a one-line summary, and whether it may be ignored."""

    code: str
    severity: Severity
    summary: str
    ignorable: bool = True


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            "safety-incomplete",
            "error",
            "a risks/disclaimer message is not fully translated",
            False,
        ),
        Code("numbers", "error", "the numbers of the translation differ from the source's"),
        Code("markdown", "error", "links, emphasis, code, images or line breaks differ"),
        Code("unsafe", "error", "raw HTML, a script/data link or invisible control characters"),
        Code("placeholders", "error", "python-format or brace placeholders differ"),
        Code("catalog-syntax", "error", "the .po file cannot be parsed", False),
        Code("plural-forms", "error", "the Plural-Forms header is missing or wrong", False),
        Code("charset", "error", "the file is not declared or encoded as UTF-8", False),
        Code("duplicate", "error", "the same message appears twice in one catalog", False),
        Code("conflict-marker", "error", "msgcat conflict markers (#-#-#-#-#) are left in", False),
        Code("stale-mo", "error", "the compiled .mo does not match its .po", False),
        Code("out-of-date", "error", "the catalog is not what extract/update would write", False),
        Code("bad-ignore", "error", "a medloc-ignore comment without reason or valid code", False),
        Code(
            "foreign-merge",
            "error",
            "another tool's merge left an obsolete twin or a format flag the template lacks",
            False,
        ),
        Code("same-as-source", "warning", "the translation equals the English source"),
        Code("length", "warning", "the translation is far longer or shorter than expected"),
        Code("sentences", "warning", "the translation has a different number of sentences"),
        Code("negation", "warning", "a negation of a safety message seems to be lost"),
    )
}


# --- comments -------------------------------------------------------------------------

_IGNORE_START = re.compile(r"^\s*medloc-ignore\s*:")
_IGNORE_RE = re.compile(r"^\s*medloc-ignore\s*:\s*(\S*)\s*(.*?)\s*$", re.S)
_ROLE_RE = re.compile(r"^\s*role:\s*([\w-]+)")
_HYPHEN_END = re.compile(r"\w-$")


def ignore_comments(user_comments: Iterable[str]) -> list[str]:
    """Each ``medloc-ignore:`` comment of a translator comment, whole, on one line.

    Tools wrap long comments (``medloc update`` at 79 columns), so an ignore goes on over
    the next comment lines until an empty comment line (``#``), the next line that starts
    with ``medloc-ignore:``, or the end of the translator comment. Its lines are joined
    with one space, or with none after a wrapped hyphenated word (``follow-`` / ``up``)."""
    found: list[str] = []
    current: str | None = None
    for raw in user_comments:
        line = raw.strip()
        if _IGNORE_START.match(line):
            if current is not None:
                found.append(current)
            current = line
        elif not line:
            if current is not None:
                found.append(current)
            current = None
        elif current is not None:
            current = _join(current, line)
    if current is not None:
        found.append(current)
    return found


def _join(text: str, line: str) -> str:
    return text + line if _HYPHEN_END.search(text) else f"{text} {line}"


def parse_ignores(user_comments: Iterable[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """``# medloc-ignore: CODE reason`` comments, however wrapped (see
    :func:`ignore_comments`) -> ({code: reason}, problems). The one reader of ignores:
    the gate, its fast path and the service all come here."""
    ignores: dict[str, str] = {}
    problems: list[str] = []
    for comment in ignore_comments(user_comments):
        m = _IGNORE_RE.match(comment)
        if m is None:  # never: every comment starts like _IGNORE_START
            continue
        code, reason = m.group(1).rstrip(","), m.group(2)
        problem = _ignore_problem(code, reason)
        if problem is None:
            ignores[code] = reason
        else:
            problems.append(problem)
    return ignores, tuple(problems)


def _ignore_problem(code: str, reason: str) -> str | None:
    """What is wrong with ``medloc-ignore: CODE reason``, or None."""
    if code not in CODES:
        known = ", ".join(c for c, v in CODES.items() if v.ignorable)
        return f"medloc-ignore names unknown code {code!r}; use one of: {known}"
    if not CODES[code].ignorable:
        return (
            f"medloc-ignore: {code} is not allowed: {code} cannot be ignored, fix the"
            " translation instead"
        )
    if not reason:
        return (
            f"medloc-ignore: {code} has no reason; write why, e.g."
            f" '# medloc-ignore: {code} the source is wrong, reported in #12'"
        )
    return None


def role_from_comments(auto_comments: Iterable[str]) -> str | None:
    """The section role from extracted comments (``role: risks (safety-critical)`` -> ``risks``)."""
    for comment in auto_comments:
        m = _ROLE_RE.match(comment)
        if m is not None:
            return m.group(1)
    return None
