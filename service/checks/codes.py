"""The finding codes (severity, summary, whether a translator may ignore them) and the
comments an entry carries: ``role: ...`` (extracted) and ``medloc-ignore: CODE reason``
(translator)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["CODES", "SAFETY_ROLES", "Code", "Severity", "parse_ignores", "role_from_comments"]

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
        Code("same-as-source", "warning", "the translation equals the English source"),
        Code("length", "warning", "the translation is far longer or shorter than expected"),
        Code("sentences", "warning", "the translation has a different number of sentences"),
        Code("negation", "warning", "a negation of a safety message seems to be lost"),
    )
}


# --- comments -------------------------------------------------------------------------

_IGNORE_RE = re.compile(r"^\s*medloc-ignore\s*:\s*(\S*)\s*(.*?)\s*$")
_ROLE_RE = re.compile(r"^\s*role:\s*([\w-]+)")


def parse_ignores(user_comments: Iterable[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """``# medloc-ignore: CODE reason`` comments -> ({code: reason}, problems)."""
    ignores: dict[str, str] = {}
    problems: list[str] = []
    for comment in user_comments:
        m = _IGNORE_RE.match(comment)
        if m is None:
            continue
        code, reason = m.group(1).rstrip(","), m.group(2)
        if code not in CODES:
            known = ", ".join(c for c, v in CODES.items() if v.ignorable)
            problems.append(f"medloc-ignore names unknown code {code!r}; use one of: {known}")
        elif not CODES[code].ignorable:
            problems.append(
                f"medloc-ignore: {code} is not allowed: {code} cannot be ignored, fix the"
                " translation instead"
            )
        elif not reason:
            problems.append(
                f"medloc-ignore: {code} has no reason; write why, e.g."
                f" '# medloc-ignore: {code} the source is wrong, reported in #12'"
            )
        else:
            ignores[code] = reason
    return ignores, tuple(problems)


def role_from_comments(auto_comments: Iterable[str]) -> str | None:
    """The section role from extracted comments (``role: risks (safety-critical)`` -> ``risks``)."""
    for comment in auto_comments:
        m = _ROLE_RE.match(comment)
        if m is not None:
            return m.group(1)
    return None
