"""The service's input files, read one by one and never trusted.

:func:`read_articles` reads ``content/articles/*.md`` and ``content/disclaimer.md`` file by
file: one that cannot be read is a :class:`Problem` (its article answers a 503 page that says
it is being corrected), never a failed start. When a previous generation served a good
version of the same file, that version keeps being served until the file is fixed.

A :class:`Problem` keeps two texts: ``public`` (no file, no line: what ``/healthz`` shows by
default) and ``detail`` (``path:line: message``, logged, and shown by ``/healthz`` when the
operator sets ``health_details``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from medloc.errors import ContentError, MedlocError
from medloc.source.content import DISCLAIMER_SLUG, Article, parse_article

__all__ = ["Articles", "Problem", "read_articles"]

log = logging.getLogger("medloc.web")


@dataclass(frozen=True)
class Problem:
    """One input the service could not use as it is."""

    kind: str
    """``article``, ``disclaimer``, ``catalog`` or ``content``."""
    subject: str
    """What is affected: a slug, ``es articles``..."""
    public: str
    """What happens, without file or line (shown by ``/healthz`` to anyone)."""
    detail: str
    """``path:line: message`` and what happens (logged; ``/healthz`` with ``health_details``)."""

    def __str__(self) -> str:
        return self.detail

    def as_json(self, *, details: bool) -> dict[str, str]:
        shown = {"kind": self.kind, "subject": self.subject, "problem": self.public}
        return {**shown, "detail": self.detail} if details else shown


@dataclass(frozen=True)
class Articles:
    """The articles read from one snapshot of ``content/``."""

    articles: Mapping[str, Article]
    """Served articles by slug, in file order."""
    broken: Mapping[str, Problem] = field(default_factory=dict)
    """Articles that cannot be served, by slug (or file name when the slug is unknown)."""
    disclaimer: Article | None = None
    by_path: Mapping[str, Article] = field(default_factory=dict)
    """Every good article (and the disclaimer) by file path: the last good versions."""
    problems: tuple[Problem, ...] = ()


def _read(file: Path, shown: str) -> Article:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", path=shown) from None
    except OSError as exc:
        raise ContentError(f"cannot be read ({exc.strerror})", path=shown) from None
    return parse_article(text, path=shown)


@dataclass
class _Reading:
    previous: Mapping[str, Article]
    articles: dict[str, Article] = field(default_factory=dict)
    broken: dict[str, Problem] = field(default_factory=dict)
    by_path: dict[str, Article] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, kind: str, subject: str, public: str, detail: str) -> None:
        found = Problem(kind, subject, public, detail)
        log.error("%s", detail)
        self.problems.append(found)

    def read(self, file: Path, shown: str, kind: str, subject: str) -> Article | None:
        """The article in ``file``, its last good version, or None (reported)."""
        try:
            article = _read(file, shown)
        except MedlocError as exc:
            last = self.previous.get(shown)
            if last is not None:
                self.problem(
                    kind,
                    subject,
                    "changed and cannot be read; the last good version is served",
                    f"{exc}; the last good version is served until the file is fixed",
                )
                article = last
            else:
                self.problem(
                    kind,
                    subject,
                    "cannot be read; withheld (503) until it is corrected",
                    f"{exc}; the article is withheld (503) until the file is fixed",
                )
                return None
        self.by_path[shown] = article
        return article


def read_articles(content_dir: Path, previous: Articles | None = None) -> Articles:
    """Every article of ``content_dir`` that can be read (see the module's description)."""
    base = content_dir.parent
    reading = _Reading(previous.by_path if previous is not None else {})
    folder = content_dir / "articles"
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not folder.is_dir():
        reading.problem(
            "content",
            "articles",
            "no articles folder",
            f"{folder}: no such folder; articles live in content/articles/",
        )
    for file in files:
        shown = file.relative_to(base).as_posix()
        article = reading.read(file, shown, "article", file.stem)
        if article is None:
            reading.broken.setdefault(file.stem, reading.problems[-1])
        elif article.slug in reading.articles or article.slug == DISCLAIMER_SLUG:
            line = article.field_lines.get("slug")
            reading.problem(
                "article",
                article.slug,
                "slug used twice; the second file is not served",
                f"{shown}:{line}: slug {article.slug!r} is already used; rename one",
            )
        else:
            reading.articles[article.slug] = article
    disclaimer = _disclaimer(content_dir / "disclaimer.md", base, reading)
    return Articles(
        articles=reading.articles,
        broken=reading.broken,
        disclaimer=disclaimer,
        by_path=reading.by_path,
        problems=tuple(reading.problems),
    )


def _disclaimer(file: Path, base: Path, reading: _Reading) -> Article | None:
    shown = file.relative_to(base).as_posix()
    if not file.is_file():
        last = reading.previous.get(shown)
        reading.problem(
            "disclaimer",
            DISCLAIMER_SLUG,
            "the disclaimer is missing; "
            + ("the last good version is served" if last else "articles are withheld (503)"),
            f"{shown}: no such file; every page carries the disclaimer; write it",
        )
        return last
    article = reading.read(file, shown, "disclaimer", DISCLAIMER_SLUG)
    if article is not None and article.slug != DISCLAIMER_SLUG:
        reading.problem(
            "disclaimer",
            DISCLAIMER_SLUG,
            "the disclaimer has the wrong slug; articles are withheld (503)",
            f"{shown}: the disclaimer's slug must be {DISCLAIMER_SLUG!r}, not {article.slug!r}",
        )
        return None
    return article
