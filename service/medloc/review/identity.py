"""People: a sign-off's ``who`` and a commit's author, and when they are the same person."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Identity", "parse_identity"]

_WITH_EMAIL = re.compile(r"^\s*(.*?)\s*<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$")


@dataclass(frozen=True)
class Identity:
    """A person as written: a name, and an email when one is given."""

    name: str
    email: str | None = None

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name

    def same_person(self, other: Identity) -> bool:
        """Whether both name the same person: equal emails (case aside) when both have one,
        else equal names (case and spacing aside)."""
        if self.email and other.email:
            return self.email.casefold() == other.email.casefold()
        return _folded(self.name) == _folded(other.name) and bool(_folded(self.name))


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def parse_identity(text: str) -> Identity:
    """``Name <email>`` or a name alone."""
    m = _WITH_EMAIL.match(text)
    if m is not None:
        return Identity(" ".join(m.group(1).split()), m.group(2))
    return Identity(" ".join(text.split()))
