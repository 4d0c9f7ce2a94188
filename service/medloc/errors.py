"""The exception tree of medloc.

Every error that bad input can cause is a :class:`MedlocError`. Each carries the
file and line it concerns so that the CLI can print one ``path:line: message``
line and the web layer can log it, never a traceback.

The tree::

    MedlocError
    ├── ContentError            an article in content/ (front matter, attributes, ids)
    ├── CatalogError            a .po/.pot/.mo file            (also a ValueError)
    │   └── MoFileError         a compiled .mo file: corrupt, or a catalog it cannot hold
    ├── LocaleError             a locale identifier or language tag (also a ValueError)
    └── ConfigError             a setting of the service or the command line (also a ValueError)

The subclasses that are also a :class:`ValueError` are raised where a plain ``ValueError``
was raised before (a bad argument value): callers that catch ``ValueError`` still do.
"""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "ConfigError",
    "ContentError",
    "LocaleError",
    "MedlocError",
    "MoFileError",
    "PdfUnavailable",
]


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


class CatalogError(MedlocError, ValueError):
    """A ``.po``/``.pot``/``.mo`` file cannot be read or is inconsistent."""


class MoFileError(CatalogError):
    """A compiled ``.mo`` cannot be read (corrupt, changed while in use, an unsupported
    charset or plural formula), or messages cannot be written as one (duplicates, NUL
    characters, partly translated plurals)."""


class LocaleError(MedlocError, ValueError):
    """A locale identifier or a language tag is unknown or not well formed."""


class ConfigError(MedlocError, ValueError):
    """A setting (of the service, or an option of a command) has a value it cannot take."""


class PdfUnavailable(ConfigError):
    """PDF handouts were asked for, but WeasyPrint (the ``pdf`` extra) or the Pango library it
    needs is not installed (:mod:`medloc.serving.handout.engine`)."""
