"""What every article must have, decided on the parsed document (never on its raw text).

The Markdown parser decides each section's role (a heading inside a fenced code block is no
heading); :func:`missing_sections` asks it. The gate reports what it finds as errors with file
and line, and the service refuses to serve such an article.
"""

from __future__ import annotations

from dataclasses import dataclass

from medloc.roles import DEFAULT_ROLES, Roles

from .content import Article
from .markdown import Document

__all__ = ["MissingSection", "missing_sections"]


@dataclass(frozen=True)
class MissingSection:
    """An article without a section of a required role."""

    path: str
    line: int
    """The first line of the article's body, where the section would go."""
    slug: str
    role: str

    @property
    def message(self) -> str:
        return (
            f"article {self.slug!r} has no section with role={self.role}; every page must have"
            f" one: add a heading such as '## Risks and side effects {{#{self.role}"
            f" role={self.role}}}' (a heading inside a code block does not count)"
        )

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def missing_sections(
    article: Article, document: Document, roles: Roles = DEFAULT_ROLES
) -> list[MissingSection]:
    """The required roles (``roles.required``: the project's, :func:`medloc.roles.read_roles`)
    no section of ``document`` (the parsed body of ``article``) has, in a stable order."""
    present = {section.role for section in document.sections}
    return [
        MissingSection(article.path, article.body_line, article.slug, role)
        for role in sorted(roles.required - present)
    ]
