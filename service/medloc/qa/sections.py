"""The gate's side of the required-section rule: an article without a section of a required
role (the project's ``[roles] required``, at least risks) is an error with its file and line.

The rule is decided by the Markdown parser (:func:`medloc.source.rules.missing_sections`;
a heading inside a fenced code block is no heading). Parsing every article again would double
the cost of extraction, so the template the gate checks against serves as the precondition:
extraction writes each message's section role into its comments (``role: risks``), and only an
article none of whose messages has every required role is parsed and asked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from medloc.catalog import CatalogEntry
from medloc.comments import role_of
from medloc.errors import MedlocError
from medloc.roles import DEFAULT_ROLES, Roles
from medloc.source.content import DISCLAIMER_SLUG, parse_article
from medloc.source.extract import parse_article_body
from medloc.source.rules import missing_sections

from .entry import Finding

__all__ = ["missing_section_findings", "suspects"]


def suspects(template: Iterable[CatalogEntry], roles: Roles = DEFAULT_ROLES) -> list[str]:
    """The files (as the template's ``#:`` references name them) none of whose messages has
    every required role (of the project's ``roles``), sorted."""
    seen: defaultdict[str, set[str | None]] = defaultdict(set)
    for entry in template:
        if entry.occurrences:
            seen[entry.occurrences[0][0]].add(role_of(entry.comment))
    return sorted(path for path, found in seen.items() if not found >= roles.required)


def missing_section_findings(
    root: Path, template: Iterable[CatalogEntry], roles: Roles = DEFAULT_ROLES
) -> list[Finding]:
    """A ``missing-section`` error for each article of the project at ``root`` without a
    section of a required role (``roles``: the project's), at the line where its body starts."""
    return [
        finding for shown in suspects(template, roles) for finding in _missing(root, shown, roles)
    ]


def _missing(root: Path, shown: str, roles: Roles) -> list[Finding]:
    try:
        article = parse_article((root / shown).read_text(encoding="utf-8"), path=shown)
        if article.slug == DISCLAIMER_SLUG:
            return []
        missing = missing_sections(article, parse_article_body(article, roles), roles)
    except (OSError, UnicodeDecodeError, MedlocError):
        return []  # extraction says what is wrong with the file
    return [Finding("missing-section", "error", m.message, m.path, m.line) for m in missing]
