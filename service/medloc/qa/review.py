"""The review findings of ``medloc check``: a second linguist's sign-off, where the policy asks
for one (docs/review.md).

Where ``[review] required = true``, every translated entry of a role that requires review and
is not reviewed is an error at its line: ``review-missing`` (no sign-off, at the entry),
``review-lapsed`` (signed, but the source or the translation changed since, at its
``msgstr``), ``review-untrusted`` (signed as it stands, but the sign-off fails the trust
model, at the entry). Where review is not required but the project states a review policy
(a ``[review]`` table), one ``review-pending`` warning per locale says how many such entries
there are, at the first of them: reported, not hundreds of lines. A project without the table
gets no review findings until it requires review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from medloc.config import read_config
from medloc.errors import MedlocError
from medloc.project import DOMAINS
from medloc.review.policy import ReviewConfig, read_policy
from medloc.review.state import EntryReview, ReviewState, required_problems, review_state

from .entry import Finding

__all__ = ["review_findings"]

_CODES = {
    ReviewState.MISSING: "review-missing",
    ReviewState.LAPSED: "review-lapsed",
    ReviewState.UNTRUSTED: "review-untrusted",
}


def review_findings(
    root: Path,
    locales: Sequence[str],
    *,
    domains: Iterable[str] = DOMAINS,
    config: ReviewConfig | None = None,
) -> list[Finding]:
    """The review findings of ``locales`` of the project at ``root`` (policy: its
    ``medloc.toml`` unless ``config``). A catalog that cannot be read has no review findings:
    the gate reports why it cannot be read."""
    policy = read_policy(root) if config is None else config
    stated = config is not None or "review" in read_config(root).tables
    if not policy.roles or not (policy.required or stated):
        return []
    findings: list[Finding] = []
    domains = tuple(domains)
    for locale in locales:
        try:
            states = review_state(root, locale, config=policy, domains=domains)
        except MedlocError:
            continue
        problems = required_problems(states, policy)
        if not problems:
            continue
        if policy.required:
            findings += [_error(problem) for problem in problems]
        else:
            findings.append(_pending(locale, problems, policy))
    return findings


def _error(problem: EntryReview) -> Finding:
    code = _CODES[problem.state]
    roles = f"a {problem.role} section" if problem.role else "this section"
    if problem.state is ReviewState.MISSING:
        message = (
            f"{roles} requires review by a second linguist and this entry has no sign-off;"
            f" have a reviewer run 'medloc review sign {problem.locale} --section"
            f" {problem.section}' (or import a review packet) and commit it"
        )
        line = problem.line
    elif problem.state is ReviewState.LAPSED:
        message = (
            f"the review of this entry lapsed: {problem.reason}; a second linguist must"
            " review it again"
        )
        line = problem.msgstr_line
    else:
        message = f"the sign-off of this entry does not count: {problem.reason}"
        line = problem.line
    return Finding(
        code, "error", message, problem.path, line, locale=problem.locale, context=problem.msgctxt
    )


def _pending(locale: str, problems: Sequence[EntryReview], policy: ReviewConfig) -> Finding:
    first = problems[0]
    count = len(problems)
    roles = "/".join(policy.roles)
    message = (
        f"{count} translated {roles} message{'' if count == 1 else 's'} of this locale"
        f" {'has' if count == 1 else 'have'} not been reviewed by a second linguist (review"
        " is not required: [review] required = false in medloc.toml; 'medloc stats' shows"
        " where)"
    )
    return Finding("review-pending", "warning", message, first.path, first.line, locale=locale)
