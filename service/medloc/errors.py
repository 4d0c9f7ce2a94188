"""The exception tree of medloc.

Every error that bad input can cause is a :class:`MedlocError`. Each carries the
file and line it concerns so that the CLI can print one ``path:line: message``
line and the web layer can log it, never a traceback.
"""

from __future__ import annotations


class MedlocError(Exception):
    """Base class: a problem with the user's input, reported without a traceback."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(MedlocError):
    """An article in ``content/`` cannot be parsed (front matter, attributes, ids)."""


class CatalogError(MedlocError):
    """A ``.po``/``.pot``/``.mo`` file cannot be read or is inconsistent."""


class LocaleError(MedlocError):
    """A locale identifier is unknown or not well formed."""
