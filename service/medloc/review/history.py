"""Who wrote each line of a catalog, from git history (``git blame --line-porcelain``).

The trust model asks two questions of the history: who committed the line of a sign-off, and
who last changed the lines of the translation it approves. A line not committed yet has no
author (:attr:`LineAuthor.committed` false).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .identity import Identity

__all__ = ["LineAuthor", "blame"]

_UNCOMMITTED = "0" * 40


@dataclass(frozen=True)
class LineAuthor:
    """The commit that last changed a line, and its author."""

    commit: str
    author: Identity
    time: int
    """The author time, seconds since the epoch."""

    @property
    def committed(self) -> bool:
        return self.commit != _UNCOMMITTED


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        return subprocess.run(
            [git, "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return None


def blame(root: Path, path: Path) -> dict[int, LineAuthor] | None:
    """The author of each line (1-based) of ``path``, or None when ``path`` has no git history
    (no git, not a repository, or the file is not tracked)."""
    tracked = _git(root, "ls-files", "--error-unmatch", "--", str(path))
    if tracked is None or tracked.returncode != 0:
        return None
    result = _git(root, "blame", "--line-porcelain", "-M", "--", str(path))
    if result is None or result.returncode != 0:
        return None
    return _parse_porcelain(result.stdout)


def _parse_porcelain(text: str) -> dict[int, LineAuthor]:
    """Each group of ``--line-porcelain``: a header (``SHA ORIG FINAL [COUNT]``), ``key value``
    lines, then the line itself after a tab."""
    authors: dict[int, LineAuthor] = {}
    header: list[str] | None = None
    fields: dict[str, str] = {}
    for raw in text.split("\n"):
        if header is None:
            parts = raw.split(" ")
            if len(parts) >= 3 and len(parts[0]) == 40:
                header, fields = parts, {}
        elif raw.startswith("\t"):
            email = fields.get("author-mail", "").strip().strip("<>") or None
            authors[int(header[2])] = LineAuthor(
                commit=header[0],
                author=Identity(fields.get("author", ""), email),
                time=int(fields.get("author-time", "0") or 0),
            )
            header = None
        else:
            key, _, value = raw.partition(" ")
            fields[key] = value
    return authors
