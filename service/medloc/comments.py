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
    # medloc-review: 2026-03-01 9f2c4e1a0b7d3c55 Reviewer One <r1@example.test>
    #   (a second linguist's sign-off: date, 64-bit digest of the entry it approved, who;
    #   :mod:`medloc.review` computes the digest and decides whether it counts)

Which codes may be ignored is the gate's business (:mod:`medloc.qa.codes`); this module only
reads what a comment says.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .roles import DEFAULT_ROLES, Roles

__all__ = [
    "IGNORE_MARKER",
    "REVIEW_MARKER",
    "Ignore",
    "Notes",
    "SignOff",
    "ignore_comments",
    "read_ignores",
    "read_notes",
    "read_signoffs",
    "role_of",
    "signoff_comments",
    "write_ignore",
    "write_signoff",
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

    def lines(self, roles: Roles = DEFAULT_ROLES) -> tuple[str, ...]:
        """The extracted comments, one per line, in the order extraction writes them; a role
        safety-critical in the project's ``roles`` (:func:`medloc.roles.read_roles`) is marked
        so for translators."""
        lines: list[str] = []
        if self.article is not None:
            lines.append(_ARTICLE + self.article)
        if self.section:
            lines.append(_SECTION + _SECTION_SEPARATOR.join(self.section))
        if self.block is not None:
            lines.append(_BLOCK + self.block)
        if self.role:
            lines.append(_ROLE + self.role + (_SAFETY_SUFFIX if roles.is_safety(self.role) else ""))
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
    with ``medloc-ignore:`` or ``medloc-review:``, or the end of the translator comment. Its
    lines are joined with one space, or with none after a wrapped hyphenated word
    (``follow-`` / ``up``)."""
    return _wrapped(user_comments, _IGNORE_START)


def _wrapped(user_comments: Iterable[str], start: re.Pattern[str]) -> list[str]:
    """The comments starting with ``start``, each with its wrapped continuation lines."""
    found: list[str] = []
    current: str | None = None
    for raw in user_comments:
        line = raw.strip()
        if start.match(line):
            if current is not None:
                found.append(current)
            current = line
        elif not line or _ANY_START.match(line) or (current and _complete(current, start)):
            if current is not None:
                found.append(current)
            current = None
        elif current is not None:
            current = current + line if _HYPHEN_END.search(current) else f"{current} {line}"
    if current is not None:
        found.append(current)
    return found


def _complete(comment: str, start: re.Pattern[str]) -> bool:
    """Whether a comment can go on no further: a sign-off ends at its ``<email>``."""
    return start is _REVIEW_START and comment.endswith(">")


def read_ignores(user_comments: Iterable[str]) -> tuple[Ignore, ...]:
    """Every ignore of a translator comment's lines, in order (codes not yet validated)."""
    found: list[Ignore] = []
    for comment in ignore_comments(user_comments):
        m = _IGNORE_RE.match(comment)
        if m is not None:  # always: every comment starts like _IGNORE_START
            found.append(Ignore(m.group(1).rstrip(","), m.group(2)))
    return tuple(found)


REVIEW_MARKER = "medloc-review"
"""Text that every sign-off comment contains: a cheap test before parsing."""

_REVIEW_START = re.compile(r"^\s*medloc-review\s*:")
_ANY_START = re.compile(r"^\s*medloc-(?:ignore|review)\s*:")
_REVIEW_RE = re.compile(
    r"^\s*medloc-review\s*:\s*(\d{4}-\d{2}-\d{2})\s+([0-9a-f]{16,64})\s+(\S.*?)\s*$", re.S
)


@dataclass(frozen=True)
class SignOff:
    """``# medloc-review: DATE DIGEST WHO``: a reviewer's approval of one entry as it stood.

    ``digest`` is the hex digest of the entry's normal form it approved
    (:func:`medloc.review.entry_digest`); whether it still matches, and whether the sign-off
    is trusted, is :mod:`medloc.review`'s business."""

    reviewer: str
    """Who signed, as written: ``Name <email>`` (or a name alone)."""
    date: _dt.date
    digest: str


def write_signoff(signoff: SignOff) -> str:
    """The translator comment line for a sign-off (short: the digest comes before the name, so
    a tool that wraps at 79 columns breaks, if anywhere, inside the name)."""
    return f"{REVIEW_MARKER}: {signoff.date.isoformat()} {signoff.digest} {signoff.reviewer}"


def signoff_comments(user_comments: Iterable[str]) -> list[str]:
    """Each ``medloc-review:`` comment, whole, on one line (wrapped lines joined as for
    :func:`ignore_comments`; a sign-off also ends after the ``>`` of its email)."""
    return _wrapped(user_comments, _REVIEW_START)


def read_signoffs(user_comments: Iterable[str]) -> tuple[SignOff, ...]:
    """Every well-formed sign-off of a translator comment's lines, in order. A malformed one
    (no date, no digest, an impossible date) approves nothing and is left out."""
    found: list[SignOff] = []
    for comment in signoff_comments(user_comments):
        m = _REVIEW_RE.match(comment)
        if m is None:
            continue
        try:
            date = _dt.date.fromisoformat(m.group(1))
        except ValueError:
            continue
        found.append(SignOff(reviewer=" ".join(m.group(3).split()), date=date, digest=m.group(2)))
    return tuple(found)
