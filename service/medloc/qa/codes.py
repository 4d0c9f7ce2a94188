"""The finding codes (severity, summary, whether a translator may ignore them), and which
``medloc-ignore: CODE reason`` comments (read by :mod:`medloc.comments`) are valid."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from medloc.comments import read_ignores

__all__ = [
    "CODES",
    "Code",
    "Severity",
    "parse_ignores",
]

Severity = Literal["error", "warning"]


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
        Code("markdown", "error", "emphasis, code, images or line breaks differ"),
        Code("link-target", "error", "a link or image target differs from the source's", False),
        Code(
            "unsafe",
            "error",
            "raw HTML, a script/data link, control or invisible characters",
            False,
        ),
        Code(
            "placeholders",
            "error",
            "python-format or brace placeholders differ, or add a width or precision",
            False,
        ),
        Code("catalog-syntax", "error", "the .po file cannot be parsed", False),
        Code("plural-forms", "error", "the Plural-Forms header is missing or wrong", False),
        Code("charset", "error", "the file is not declared or encoded as UTF-8", False),
        Code("duplicate", "error", "the same message appears twice in one catalog", False),
        Code("conflict-marker", "error", "msgcat conflict markers (#-#-#-#-#) are left in", False),
        Code("stale-mo", "error", "the compiled .mo does not match its .po", False),
        Code("out-of-date", "error", "the catalog is not what extract/update would write", False),
        Code(
            "missing-section",
            "error",
            "an article has no section of a required role (risks)",
            False,
        ),
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
        Code("negation", "warning", "the translation has fewer negations than the source"),
        Code(
            "safety-negation",
            "error",
            "a safety-critical translation has fewer negations than its source",
            False,
        ),
        Code(
            "review-missing",
            "error",
            "a message of a role that requires review has no second linguist's sign-off",
            False,
        ),
        Code(
            "review-lapsed",
            "error",
            "a reviewed message changed since its sign-off (source or translation)",
            False,
        ),
        Code(
            "review-untrusted",
            "error",
            "a sign-off fails the trust model (signed by the translator, or not committed by"
            " the reviewer)",
            False,
        ),
        Code(
            "review-pending",
            "warning",
            "translated messages not reviewed by a second linguist (review not required)",
            False,
        ),
        Code(
            "safety-omission",
            "error",
            "a safety-critical translation is far shorter or has fewer sentences or list items",
            False,
        ),
    )
}


# --- ignores --------------------------------------------------------------------------


def parse_ignores(user_comments: Iterable[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """``# medloc-ignore: CODE reason`` comments, however wrapped (read by
    :func:`medloc.comments.read_ignores`) -> ({code: reason}, problems with invalid ones).
    The gate, its fast path and the service all come here."""
    ignores: dict[str, str] = {}
    problems: list[str] = []
    for ignore in read_ignores(user_comments):
        problem = _ignore_problem(ignore.code, ignore.reason)
        if problem is None:
            ignores[ignore.code] = ignore.reason
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
