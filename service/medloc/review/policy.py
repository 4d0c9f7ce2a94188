"""The review policy: the ``[review]`` table of ``medloc.toml`` (docs/configuration.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from medloc.config import read_config, read_table
from medloc.roles import ROLES, SAFETY_ROLES

__all__ = ["ReviewConfig", "Trust", "read_policy"]


class Trust(enum.Enum):
    """Where the trust in a sign-off comes from."""

    AUTO = "auto"
    """Git history when the catalog is tracked by git, else the allow-list."""
    GIT = "git"
    """Git history only: a catalog without history has no trusted sign-off."""
    ALLOW_LIST = "allow-list"
    """The ``reviewers`` allow-list only."""


@dataclass(frozen=True)
class ReviewConfig:
    """``[review]``: which sections need a second linguist's sign-off, and whose counts."""

    required: bool = False
    """Whether review is required: the gate reports ``review-missing``/``review-lapsed`` as
    errors and the service serves an unreviewed section from the next locale. When false,
    review is reported (stats, a warning, a line on each page) but not required."""
    roles: tuple[str, ...] = tuple(sorted(SAFETY_ROLES))
    """The section roles that require review (default: every safety-critical role)."""
    trust: str = Trust.AUTO.value
    """``auto``, ``git`` or ``allow-list``: see :class:`Trust` and docs/review.md."""
    reviewers: tuple[str, ...] = ()
    """The allow-list, ``"Name <email>"`` each, for projects without git history."""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.roles) - ROLES)
        if unknown:
            raise ValueError(
                f"roles = {list(self.roles)!r} names unknown roles {unknown}; "
                f"use some of: {', '.join(sorted(ROLES))}"
            )
        known = [t.value for t in Trust]
        if self.trust not in known:
            raise ValueError(f"trust = {self.trust!r} is not one of {', '.join(known)}")

    @property
    def trust_mode(self) -> Trust:
        return Trust(self.trust)

    def requires(self, role: str | None) -> bool:
        """Whether a section of ``role`` requires review under this policy (whether review
        is required at all is :attr:`required`)."""
        return role is not None and role in self.roles


def read_policy(root: Path) -> ReviewConfig:
    """The ``[review]`` table of the project at ``root`` (the defaults without one)."""
    return read_table(read_config(root), "review", ReviewConfig)
