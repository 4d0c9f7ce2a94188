"""Section roles: which exist, which are safety-critical, which every article must have.

The one definition. The Markdown parser decides each section's role
(:mod:`medloc.source.markdown`); extraction writes it into the catalogs
(:mod:`medloc.comments`); the gate and the service ask these sets, never a copy.
"""

from __future__ import annotations

from typing import Final

__all__ = ["REQUIRED_ROLES", "ROLES", "SAFETY_ROLES", "is_safety"]

SAFETY_ROLES: Final[frozenset[str]] = frozenset({"risks", "disclaimer", "instructions"})
"""Roles whose sections are never shown half-translated and must be complete in every locale:
the risks, the disclaimer, and the instructions (what a patient must do or not do: preparation,
aftercare, when to call the care team)."""

ROLES: Final[frozenset[str]] = SAFETY_ROLES | {"faq"}
"""Every role a heading may name with ``{role=NAME}``."""

REQUIRED_ROLES: Final[frozenset[str]] = frozenset({"risks"})
"""Roles every article must have a section of (the disclaimer is shared, not per article)."""


def is_safety(role: str | None) -> bool:
    """Whether a section of ``role`` is safety-critical."""
    return role in SAFETY_ROLES
