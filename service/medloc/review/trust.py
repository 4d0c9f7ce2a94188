"""The trust model: when a sign-off in a comment counts (docs/review.md).

A name in a comment is free text. With git history, a sign-off counts when every line of it
was committed by the person it names, and the lines of the translation it approves were
last changed by someone else. Without history, it counts when the person it names is on the
``[review]`` allow-list and is not the catalog's ``Last-Translator``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medloc.comments import SignOff

from .history import LineAuthor
from .identity import Identity, parse_identity
from .policy import ReviewConfig

__all__ = ["Verdict", "judge_allow_list", "judge_history", "last_author"]


@dataclass(frozen=True)
class Verdict:
    """Whether a sign-off counts, and why not."""

    trusted: bool
    reason: str = ""


def last_author(lines: Sequence[LineAuthor]) -> LineAuthor | None:
    """The author of the newest commit among ``lines``; None when there are none. A line not
    committed yet is newest of all."""
    if not lines:
        return None
    return max(lines, key=lambda a: (not a.committed, a.time))


def judge_history(
    signoff: SignOff, signoff_lines: Sequence[LineAuthor], translation_lines: Sequence[LineAuthor]
) -> Verdict:
    """The git model: the sign-off committed by its reviewer, the translation last changed by
    someone else."""
    reviewer = parse_identity(signoff.reviewer)
    if not signoff_lines or any(not a.committed for a in signoff_lines):
        return Verdict(
            False, f"the sign-off by {reviewer} is not committed yet; let them commit it"
        )
    for added in signoff_lines:
        if not reviewer.same_person(added.author):
            return Verdict(
                False,
                f"the sign-off names {reviewer} but was committed by {added.author}"
                f" ({added.commit[:10]}); only the reviewer may commit their sign-off",
            )
    translator = last_author(translation_lines)
    if translator is not None and not translator.committed:
        return Verdict(False, "the translation has changes not committed yet; commit them first")
    if translator is not None and reviewer.same_person(translator.author):
        return Verdict(
            False,
            f"{reviewer} last changed this translation ({translator.commit[:10]}) and cannot"
            " review their own work; ask a second linguist",
        )
    return Verdict(True)


def judge_allow_list(
    signoff: SignOff, config: ReviewConfig, last_translator: Identity | None
) -> Verdict:
    """The allow-list model, for catalogs without git history."""
    reviewer = parse_identity(signoff.reviewer)
    allowed = [parse_identity(r) for r in config.reviewers]
    if not any(reviewer.same_person(a) for a in allowed):
        return Verdict(
            False,
            f"{reviewer} is not on the allow-list; add them to [review] reviewers in"
            " medloc.toml or keep the catalog in git",
        )
    if last_translator is not None and reviewer.same_person(last_translator):
        return Verdict(
            False,
            f"{reviewer} is the catalog's Last-Translator and cannot review their own work",
        )
    return Verdict(True)
