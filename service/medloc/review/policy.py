"""The review policy: the ``[review]`` table of ``medloc.toml`` (docs/configuration.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from pathlib import Path

from medloc.config import CONFIG_FILE, read_config, read_table
from medloc.errors import ConfigError
from medloc.roles import SAFETY_ROLES, Roles, read_roles

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
    """The section roles that require review (default: every safety-critical role of the
    project's ``[roles]``, :func:`read_policy`; each must be a role the project knows)."""
    trust: str = Trust.AUTO.value
    """``auto``, ``git`` or ``allow-list``: see :class:`Trust` and docs/review.md."""
    reviewers: tuple[str, ...] = ()
    """The allow-list, ``"Name <email>"`` each, for projects without git history."""

    def __post_init__(self) -> None:
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


def read_policy(root: Path, roles: Roles | None = None) -> ReviewConfig:
    """The ``[review]`` table of the project at ``root`` (the defaults without one); without
    ``roles`` (the project's, when the caller read them) they are read from the same file.

    ``roles`` left out means the project's safety-critical roles; a role the project does not
    know is a ConfigError naming the file and the line."""
    config = read_config(root)
    roles = read_roles(config) if roles is None else roles
    policy = read_table(config, "review", ReviewConfig)
    table = config.tables.get("review", {})
    if "roles" not in table:
        return replace(policy, roles=tuple(sorted(roles.safety)))
    unknown = sorted(set(policy.roles) - roles.known)
    if unknown:
        raise ConfigError(
            f"[review] roles = {list(policy.roles)!r} names unknown roles {unknown}; use some"
            f" of: {', '.join(sorted(roles.known))} (or add the role to [roles] extra)",
            path=config.path or CONFIG_FILE,
            line=config.line_of("review"),
        )
    return policy
