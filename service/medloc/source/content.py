"""Articles: the Markdown source in ``content/``.

An article is a Markdown file with TOML front matter between ``+++`` lines::

    +++
    slug = "thermal-rhizotomy"
    title = "Thermal rhizotomy for pain relief"
    summary = "..."
    language = "en"
    last_reviewed = 2026-11-21
    +++

    ## What is it? {#what-is-it}

Parsing is pure (:func:`parse_article` takes the text); only :func:`load_content`
touches the disk.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medloc.errors import ContentError

__all__ = [
    "DISCLAIMER_SLUG",
    "Article",
    "Content",
    "load_content",
    "parse_article",
]

DISCLAIMER_SLUG = "disclaimer"
_FENCE = "+++"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOML_LINE_RE = re.compile(r"\(at line (\d+)")


@dataclass(frozen=True)
class Article:
    """One source document: its metadata and its Markdown body."""

    slug: str
    body: str
    path: str
    """The file's path as shown in references and errors (relative to the project)."""
    body_line: int
    """The line of the file on which the body starts (1-based)."""
    title: str = ""
    summary: str = ""
    language: str = "en"
    last_reviewed: _dt.date | None = None
    next_review: _dt.date | None = None
    """When the article is due to be reviewed again (optional; shown where set)."""
    field_lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each front-matter key, for references and errors."""


@dataclass(frozen=True)
class Content:
    """All articles of a project plus the shared disclaimer."""

    articles: tuple[Article, ...]
    disclaimer: Article | None

    def get(self, slug: str) -> Article | None:
        for article in self.articles:
            if article.slug == slug:
                return article
        return None

    @property
    def documents(self) -> tuple[Article, ...]:
        """Every document that yields messages: the articles, then the disclaimer."""
        return self.articles + ((self.disclaimer,) if self.disclaimer else ())


def _front_matter_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=2):
        key, sep, _ = line.partition("=")
        if sep and key.strip() and not line.startswith((" ", "\t", "#")):
            lines.setdefault(key.strip(), number)
    return lines


def _required_str(meta: Mapping[str, Any], key: str, path: str, line: int) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(
            f"front matter needs a non-empty string {key!r} (got {value!r}); "
            f'add a line such as {key} = "..."',
            path=path,
            line=line,
        )
    return value.strip()


def _date(meta: Mapping[str, Any], key: str, path: str, line: int) -> _dt.date | None:
    """An optional front-matter date (a TOML date, not a date-time)."""
    value = meta.get(key)
    if value is not None and (not isinstance(value, _dt.date) or isinstance(value, _dt.datetime)):
        raise ContentError(
            f"{key} must be a TOML date such as 2026-11-21 (got {value!r})", path=path, line=line
        )
    return value


_SIMPLE_LINE = re.compile(
    r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*"
    r'(?:"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"|([0-9]{4})-([0-9]{2})-([0-9]{2}))'
)
"""A front-matter line that needs no TOML parser: ``key = "text"`` (a basic string without
escapes or control characters) or ``key = YYYY-MM-DD`` (a local date)."""


def _simple_toml(front: str) -> dict[str, Any] | None:
    """``front`` as :func:`tomllib.loads` reads it, when every line is a simple one
    (:data:`_SIMPLE_LINE`) and no key repeats; None for anything else (tomllib reads it, and
    reports what is wrong). Every article's front matter is read at each start: this is
    several times faster than tomllib."""
    meta: dict[str, Any] = {}
    for line in front.split("\n"):
        if not line:
            continue
        found = _SIMPLE_LINE.fullmatch(line)
        if found is None:
            return None
        key, text, year, month, day = found.groups()
        if key in meta:
            return None
        if text is not None:
            meta[key] = text
        else:
            try:
                meta[key] = _dt.date(int(year), int(month), int(day))
            except ValueError:
                return None
    return meta


def _front_matter(lines: list[str], path: str) -> tuple[int, dict[str, Any], str]:
    """(the index of the closing ``+++`` line, the parsed front matter, its text)."""
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        raise ContentError(
            "an article starts with a '+++' line opening its TOML front matter", path=path, line=1
        )
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip("\r\n") == _FENCE), 0)
    if not end:
        raise ContentError("front matter opened by '+++' is never closed", path=path, line=1)
    front = "".join(lines[1:end])
    simple = _simple_toml(front)
    if simple is not None:
        return end, simple, front
    try:
        return end, tomllib.loads(front), front
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE_RE.search(str(exc))
        line_no = int(found.group(1)) + 1 if found else 1
        raise ContentError(
            f"front matter is not valid TOML: {exc}", path=path, line=line_no
        ) from None


def parse_article(text: str, *, path: str) -> Article:
    """Parse one article from its text. ``path`` is only used in messages and references.

    The shared disclaimer (slug ``disclaimer``) has no title, summary or review date.
    """
    lines = text.splitlines(keepends=True)
    end, meta, front = _front_matter(lines, path)
    field_lines = _front_matter_lines(front)

    def line_of(key: str) -> int:
        return field_lines.get(key, 1)

    slug = _required_str(meta, "slug", path, line_of("slug"))
    if not _SLUG_RE.match(slug):
        raise ContentError(
            f"slug {slug!r} must be lowercase letters, digits and single hyphens",
            path=path,
            line=line_of("slug"),
        )
    require_title = slug != DISCLAIMER_SLUG
    title = _required_str(meta, "title", path, line_of("title")) if require_title else ""
    summary = _required_str(meta, "summary", path, line_of("summary")) if require_title else ""
    language = meta.get("language", "en")
    if language != "en":
        raise ContentError(
            f"source language {language!r} is not supported; medloc sources are English ('en')",
            path=path,
            line=line_of("language"),
        )
    reviewed = _date(meta, "last_reviewed", path, line_of("last_reviewed"))
    next_review = _date(meta, "next_review", path, line_of("next_review"))
    if next_review is not None and reviewed is not None and next_review < reviewed:
        raise ContentError(
            f"next_review = {next_review.isoformat()} is before last_reviewed ="
            f" {reviewed.isoformat()}; set the date of the next review after the last one",
            path=path,
            line=line_of("next_review"),
        )
    if require_title and reviewed is None:
        raise ContentError(
            "front matter needs last_reviewed = YYYY-MM-DD", path=path, line=line_of("slug")
        )
    return Article(
        slug=slug,
        body="".join(lines[end + 1 :]),
        path=path,
        body_line=end + 2,
        title=title,
        summary=summary,
        language=language,
        last_reviewed=reviewed,
        next_review=next_review,
        field_lines=field_lines,
    )


def _read(file: Path, root: Path) -> Article:
    shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", path=shown) from None
    return parse_article(text, path=shown)


def load_content(root: Path) -> Content:
    """Read ``root/content/articles/*.md`` and ``root/content/disclaimer.md``.

    Paths in references are relative to ``root`` (``content/articles/x.md``).
    """
    root = Path(root)
    articles_dir = root / "content" / "articles"
    if not articles_dir.is_dir():
        raise ContentError(
            "no such folder; articles live in content/articles/", path=str(articles_dir)
        )
    articles = tuple(_read(file, root) for file in sorted(articles_dir.glob("*.md")))
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen or article.slug == DISCLAIMER_SLUG:
            raise ContentError(
                f"slug {article.slug!r} is already used by "
                f"{seen.get(article.slug, 'the disclaimer')}",
                path=article.path,
                line=article.field_lines.get("slug"),
            )
        seen[article.slug] = article.path
    disclaimer_file = root / "content" / "disclaimer.md"
    disclaimer = _read(disclaimer_file, root) if disclaimer_file.is_file() else None
    if disclaimer is not None and disclaimer.slug != DISCLAIMER_SLUG:
        raise ContentError(
            f"the disclaimer's slug must be {DISCLAIMER_SLUG!r}, not {disclaimer.slug!r}",
            path=disclaimer.path,
            line=disclaimer.field_lines.get("slug"),
        )
    return Content(articles=articles, disclaimer=disclaimer)
