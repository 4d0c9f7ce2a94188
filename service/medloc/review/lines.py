"""Where the parts of an entry are in a catalog file: its sign-off lines and msgstr lines.

The catalog reader gives each entry the line it starts at; these are the lines the trust
model asks git about (:mod:`medloc.review.history`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from medloc.comments import REVIEW_MARKER

__all__ = ["EntryLines", "entry_lines"]


@dataclass(frozen=True)
class EntryLines:
    """The 1-based lines of one entry."""

    signoffs: tuple[tuple[int, ...], ...]
    """Per sign-off comment, in order, its lines (more than one when a tool wrapped it)."""
    msgstr: tuple[int, ...]
    """The msgstr lines (``msgstr``, ``msgstr[n]`` and their continuation strings)."""


def _is_translator_comment(line: str) -> bool:
    return line == "#" or line.startswith("# ")


def entry_lines(file_lines: Sequence[str], start: int) -> EntryLines:
    """The lines of the entry starting at line ``start`` of ``file_lines`` (the file split
    into lines): from there to the next blank line."""
    signoffs: list[list[int]] = []
    msgstr: list[int] = []
    current: list[int] | None = None
    index = max(start, 1) - 1
    while index < len(file_lines) and file_lines[index].strip():
        line, number = file_lines[index].strip(), index + 1
        index += 1
        if msgstr or line.startswith("msgstr"):
            msgstr.append(number)
        elif not _is_translator_comment(line):
            current = None
        elif line[1:].strip().startswith(REVIEW_MARKER):
            current = [number]
            signoffs.append(current)
        elif current is not None and line != "#" and "medloc-" not in line:
            current.append(number)
        else:
            current = None
    return EntryLines(tuple(tuple(s) for s in signoffs), tuple(msgstr))
