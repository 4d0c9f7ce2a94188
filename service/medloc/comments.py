"""The catalog comment protocol: what medloc writes into the comments of a ``.po`` entry and
reads back. The one reader and the one writer; nothing else parses these comments.

Extracted comments (``#.``), written by extraction, read by stats, the gate and the service::

    #. article: thermal-rhizotomy
    #. section: Risks and side effects > After the procedure
    #. block: paragraph
    #. role: risks (safety-critical)

Translator comments (``#``), written by translators, read by the gate and the service::

    # medloc-ignore: numbers the source counts weeks, the translation days
    #   (tools wrap long comments: an ignore goes on over the following comment lines)

Which codes may be ignored is the gate's business (:mod:`medloc.qa.codes`); this module only
reads what a comment says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .roles import is_safety

__all__ = [
    "IGNORE_MARKER",
    "Ignore",
    "Notes",
    "ignore_comments",
    "read_ignores",
    "read_notes",
    "role_of",
    "write_ignore",
]

_ARTICLE = "article: "
_SECTION = "section: "
_BLOCK = "block: "
_ROLE = "role: "
_SAFETY_SUFFIX = " (safety-critical)"
_SECTION_SEPARATOR = " > "

IGNORE_MARKER = "medloc-ignore"
"""Text that every ignore comment contains: a cheap test before parsing."""

_IGNORE_START = re.compile(r"^\s*medloc-ignore\s*:")
_IGNORE_RE = re.compile(r"^\s*medloc-ignore\s*:\s*(\S*)\s*(.*?)\s*$", re.S)
_ROLE_RE = re.compile(r"^\s*role:\s*([\w-]+)")
_HYPHEN_END = re.compile(r"\w-$")


@dataclass(frozen=True)
class Notes:
    """What extraction tells translators and later stages about a message."""

    article: str | None = None
    """The article's slug (``disclaimer`` for the shared disclaimer)."""
    section: tuple[str, ...] = ()
    """The heading path of the message's section, outermost first."""
    block: str | None = None
    """The kind of block: ``paragraph``, ``heading``, ``list-item``, ``title``..."""
    role: str | None = None
    """The section's role (:mod:`medloc.roles`), None for ordinary text."""

    def lines(self) -> tuple[str, ...]:
        """The extracted comments, one per line, in the order extraction writes them."""
        lines: list[str] = []
        if self.article is not None:
            lines.append(_ARTICLE + self.article)
        if self.section:
            lines.append(_SECTION + _SECTION_SEPARATOR.join(self.section))
        if self.block is not None:
            lines.append(_BLOCK + self.block)
        if self.role:
            lines.append(_ROLE + self.role + (_SAFETY_SUFFIX if is_safety(self.role) else ""))
        return tuple(lines)


def read_notes(lines: Iterable[str]) -> Notes:
    """The `Notes` of an entry's extracted comment lines (unknown lines are the
    translators' business and are left alone)."""
    article: str | None = None
    section: tuple[str, ...] = ()
    block: str | None = None
    role: str | None = None
    for line in lines:
        if line.startswith(_ARTICLE):
            article = line[len(_ARTICLE) :]
        elif line.startswith(_SECTION):
            section = tuple(line[len(_SECTION) :].split(_SECTION_SEPARATOR))
        elif line.startswith(_BLOCK):
            block = line[len(_BLOCK) :]
        elif role is None and (m := _ROLE_RE.match(line)) is not None:
            role = m.group(1)
    return Notes(article=article, section=section, block=block, role=role)


def role_of(comment: str | None) -> str | None:
    """The role named in an entry's extracted comment (``polib``'s ``comment``: the lines
    joined by newlines); quick when it names none."""
    if not comment or "role:" not in comment:
        return None
    for line in comment.splitlines():
        m = _ROLE_RE.match(line)
        if m is not None:
            return m.group(1)
    return None


@dataclass(frozen=True)
class Ignore:
    """``# medloc-ignore: CODE reason``: a translator's reason to silence one finding code."""

    code: str
    reason: str


def write_ignore(code: str, reason: str) -> str:
    """The translator comment line for an ignore."""
    return f"{IGNORE_MARKER}: {code} {reason}"


def ignore_comments(user_comments: Iterable[str]) -> list[str]:
    """Each ``medloc-ignore:`` comment of a translator comment, whole, on one line.

    Tools wrap long comments (``medloc update`` at 79 columns), so an ignore goes on over
    the next comment lines until an empty comment line (``#``), the next line that starts
    with ``medloc-ignore:``, or the end of the translator comment. Its lines are joined
    with one space, or with none after a wrapped hyphenated word (``follow-`` / ``up``)."""
    found: list[str] = []
    current: str | None = None
    for raw in user_comments:
        line = raw.strip()
        if _IGNORE_START.match(line):
            if current is not None:
                found.append(current)
            current = line
        elif not line:
            if current is not None:
                found.append(current)
            current = None
        elif current is not None:
            current = current + line if _HYPHEN_END.search(current) else f"{current} {line}"
    if current is not None:
        found.append(current)
    return found


def read_ignores(user_comments: Iterable[str]) -> tuple[Ignore, ...]:
    """Every ignore of a translator comment's lines, in order (codes not yet validated)."""
    found: list[Ignore] = []
    for comment in ignore_comments(user_comments):
        m = _IGNORE_RE.match(comment)
        if m is not None:  # always: every comment starts like _IGNORE_START
            found.append(Ignore(m.group(1).rstrip(","), m.group(2)))
    return tuple(found)
