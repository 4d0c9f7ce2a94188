"""The project's view of a catalog: the entry and catalog fields the pipeline uses.

polib reads and writes the files (it keeps everything a translator wrote), but its objects
are untyped. :class:`CatalogEntry` and :class:`Catalog` say which of their fields the
pipeline relies on, with their types: every function of the catalog stage takes and
returns these, and ``polib.POEntry``/``polib.POFile`` satisfy them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

__all__ = ["WRAP_WIDTH", "Catalog", "CatalogEntry"]

WRAP_WIDTH = 79
"""The line width of every catalog medloc writes (polib's and msgmerge's is 78 or 79)."""


class CatalogEntry(Protocol):
    """One message of a catalog (a ``polib.POEntry``)."""

    msgid: str
    msgstr: str
    msgctxt: str | None
    msgid_plural: str
    """The plural msgid, ``""`` for a message without plural forms."""
    msgstr_plural: dict[int, str]
    """The plural forms by index, empty for a message without plural forms."""
    previous_msgctxt: str | None
    previous_msgid: str | None
    previous_msgid_plural: str | None
    comment: str
    """The extracted comments (``#.``), one per line."""
    tcomment: str
    """The translator's comments (``#``), one per line."""
    flags: list[str]
    occurrences: list[tuple[str, str]]
    """The ``#:`` references: (path, line number or ``""``)."""
    obsolete: bool
    linenum: int
    """The line the entry starts at in the file it was read from."""

    @property
    def fuzzy(self) -> bool: ...


class Catalog(Protocol):
    """A ``.po`` or ``.pot`` file (a ``polib.POFile``): header, metadata, entries in order."""

    header: str
    metadata: dict[str, str]
    wrapwidth: int

    def __iter__(self) -> Iterator[CatalogEntry]: ...

    def __len__(self) -> int: ...

    def append(self, entry: CatalogEntry) -> None: ...

    def extend(self, entries: Iterable[CatalogEntry]) -> None: ...
