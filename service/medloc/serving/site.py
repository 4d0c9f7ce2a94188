"""Who publishes the site: the ``[site]`` table of ``medloc.toml``.

Pages, PDF handouts and the static build all show the same identity: the site's name in every
title and header, the publisher (the clinic or organisation that puts its name on the
articles), a contact link, a footer line, and who is responsible for the content. Each is
shown only where configured: the bundled project names no publisher and no responsible
person, because none exists yet (a made-up clinician would be a false trust signal).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medloc.config import ProjectConfig, read_config, read_table
from medloc.errors import ConfigError

__all__ = ["SiteConfig", "read_site"]

_CONTACT_SCHEMES = ("https://", "http://", "mailto:", "tel:")


@dataclass(frozen=True)
class SiteConfig:
    """The ``[site]`` table: the identity every page, handout and built file shows."""

    name: str = ""
    """The site's name, in page titles (``Article - Name``) and the header; empty: the
    translated generic name ("Patient information")."""
    publisher: str = ""
    """The clinic or organisation publishing the articles; empty: no publisher line."""
    contact_url: str = ""
    """A contact link for readers (``https://``, ``mailto:`` or ``tel:``); empty: none."""
    contact_label: str = ""
    """The text of the contact link; empty: the translated "Contact us"."""
    footer: str = ""
    """A line of plain text at the foot of every page and handout (no markup)."""
    responsible: str = ""
    """Who is responsible for the medical content (a role or a named person); empty: the
    pages say nothing about it. Never fill this with a person who has not agreed to it."""

    def __post_init__(self) -> None:
        if self.contact_url and not self.contact_url.startswith(_CONTACT_SCHEMES):
            raise ConfigError(
                f"contact_url = {self.contact_url!r} must start with one of"
                f" {', '.join(_CONTACT_SCHEMES)}; write the full link"
            )
        for key in ("name", "publisher", "contact_label", "footer", "responsible"):
            value = getattr(self, key)
            if any(ch in value for ch in "<>\n\r"):
                raise ConfigError(
                    f"{key} = {value!r} must be one line of plain text, without < or >"
                )


def read_site(config: ProjectConfig | Path) -> SiteConfig:
    """The ``[site]`` table of a project's configuration (a :class:`ProjectConfig`, or the
    project's root folder); ConfigError with file and line for a bad key or value."""
    if isinstance(config, Path):
        config = read_config(config)
    return read_table(config, "site", SiteConfig)
