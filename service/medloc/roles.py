"""Section roles: which exist, which are safety-critical, which every article must have.

The one definition. Which roles are safety-critical is the project's configuration, the
``[roles]`` table of ``medloc.toml`` (:class:`RolesConfig`), read once per run into a
:class:`Roles` that is passed to every consumer: the Markdown parser (which role names a
heading may use, :mod:`medloc.source.markdown`), extraction's comment writer
(:mod:`medloc.comments`), the gate, the review policy and the service's planner. The module
constants are the floor and the defaults: a project without ``[roles]`` gets them, and
configuration may add roles to them but never remove one of :data:`SAFETY_ROLES` or
:data:`REQUIRED_ROLES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .config import CONFIG_FILE, ProjectConfig, read_config, read_table
from .errors import ConfigError

__all__ = [
    "DEFAULT_ROLES",
    "REQUIRED_ROLES",
    "ROLES",
    "SAFETY_ROLES",
    "Roles",
    "RolesConfig",
    "is_safety",
    "read_roles",
]

SAFETY_ROLES: Final[frozenset[str]] = frozenset({"risks", "disclaimer", "instructions"})
"""The floor of the safety-critical roles, which configuration cannot lower: sections never
shown half-translated and complete in every locale: the risks, the disclaimer, and the
instructions (what a patient must do or not do: preparation, aftercare, when to call the
care team)."""

ROLES: Final[frozenset[str]] = SAFETY_ROLES | {"faq"}
"""The roles a heading may always name with ``{role=NAME}`` (configuration may add more)."""

REQUIRED_ROLES: Final[frozenset[str]] = frozenset({"risks"})
"""The floor of the roles every article must have a section of (the disclaimer is shared,
not per article)."""

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
"""A role name as a heading writes it (``role=NAME``) and a catalog comment reads it."""


@dataclass(frozen=True)
class RolesConfig:
    """``[roles]``: which section roles are safety-critical, required in every article, or
    merely known. Each list adds to the floor; leaving out a role of the floor is an error."""

    safety: tuple[str, ...] = tuple(sorted(SAFETY_ROLES))
    """Safety-critical roles: served whole in one language, never mixed; complete in every
    locale (the gate's ``safety-incomplete``); the stricter checks (``safety-negation``,
    ``safety-omission``). Must include ``disclaimer``, ``instructions`` and ``risks``."""
    required: tuple[str, ...] = tuple(sorted(REQUIRED_ROLES))
    """Roles every article must have a section of (``missing-section``). Must include
    ``risks``."""
    extra: tuple[str, ...] = ()
    """Further role names a heading may use (ordinary, not safety-critical, unless also
    listed in ``safety``)."""


@dataclass(frozen=True)
class Roles:
    """The roles of one project, as every consumer asks them (:func:`read_roles`)."""

    safety: frozenset[str] = SAFETY_ROLES
    required: frozenset[str] = REQUIRED_ROLES
    known: frozenset[str] = ROLES
    """Every role a heading may name: the built-in ones, ``extra``, ``safety`` and
    ``required``."""

    def is_safety(self, role: str | None) -> bool:
        """Whether a section of ``role`` is safety-critical."""
        return role in self.safety

    def is_required(self, role: str | None) -> bool:
        """Whether every article must have a section of ``role``."""
        return role in self.required

    def is_known(self, role: str | None) -> bool:
        """Whether a heading may name ``role``."""
        return role in self.known

    @classmethod
    def of(cls, table: RolesConfig) -> Roles:
        """The roles a ``[roles]`` table describes, the floor included (not validated: see
        :func:`read_roles`)."""
        safety = SAFETY_ROLES | frozenset(table.safety)
        required = REQUIRED_ROLES | frozenset(table.required)
        return cls(safety, required, ROLES | frozenset(table.extra) | safety | required)


DEFAULT_ROLES: Final[Roles] = Roles()
"""The roles of a project without a ``[roles]`` table: the floor."""


def is_safety(role: str | None) -> bool:
    """Whether a section of ``role`` is safety-critical by the floor alone. Code that serves or
    checks a project asks that project's :class:`Roles` (:func:`read_roles`) instead."""
    return role in SAFETY_ROLES


def read_roles(source: ProjectConfig | Path) -> Roles:
    """The ``[roles]`` of a project (its parsed configuration, or its root folder).

    ConfigError naming ``medloc.toml`` and the line for a key that leaves out a role of the
    floor (the floor cannot be lowered), or for a malformed role name."""
    config = source if isinstance(source, ProjectConfig) else read_config(source)
    table = read_table(config, "roles", RolesConfig)
    for key, floor in (("safety", SAFETY_ROLES), ("required", REQUIRED_ROLES)):
        named: tuple[str, ...] = getattr(table, key)
        missing = sorted(floor - set(named))
        if missing:
            raise _error(
                config,
                key,
                f"[roles] {key} = {list(named)!r} leaves out {', '.join(map(repr, missing))};"
                f" the floor ({', '.join(sorted(floor))}) cannot be lowered: list every role"
                " of it, and add the project's own",
            )
    for key in ("safety", "required", "extra"):
        bad = [name for name in getattr(table, key) if not _NAME.match(name)]
        if bad:
            raise _error(
                config,
                key,
                f"[roles] {key} names {bad[0]!r}, not a role name; write lower-case letters,"
                " digits and hyphens, starting with a letter (as in role=medication)",
            )
    return Roles.of(table)


def _error(config: ProjectConfig, key: str, message: str) -> ConfigError:
    return ConfigError(message, path=config.path or CONFIG_FILE, line=config.line_of("roles", key))
