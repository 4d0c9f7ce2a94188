"""How pages present partial translations: the ``[pages]`` table of ``medloc.toml``.

A clinic chooses, per deployment, how passages that are not yet translated are shown
(``fallback``: inline, folded or linked; safety sections are always inline and whole), from
which coverage a page counts as a translation (``translated_threshold``: the index's mark and
``hreflang``), which digits the page chrome of each locale uses (``digits``), from how many
words an article gets a contents list (``contents_min_words``), which article the index
offers as the place to start (``start``), and how many articles a page of the index and of the
API's list holds (``per_page``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from medloc.config import ProjectConfig, read_config, read_table
from medloc.errors import ConfigError
from medloc.tags import canonical_tag

from .numerals import has_digits, numbering_system

__all__ = ["DIGIT_CHOICES", "FALLBACK_POLICIES", "PagesConfig", "read_pages"]

FALLBACK_POLICIES = ("inline", "fold", "link")
"""inline: the passage is shown, labelled where it starts; fold: it is shown folded
(``<details>``, opened without JavaScript); link: a link to the source-language page's
section replaces it."""

DIGIT_CHOICES = ("default", "native")
"""default: CLDR's default numbering system of the locale; native: CLDR's native one."""


@dataclass(frozen=True)
class PagesConfig:
    """The ``[pages]`` table: how pages show partial translations and their chrome."""

    fallback: str = "inline"
    """How a run of blocks in another language is shown: ``inline`` (default), ``fold`` or
    ``link``. Safety sections are always shown inline and whole."""
    translated_threshold: float = 0.9
    """The coverage (0 to 1, the fraction of a page's blocks served in its locale) from which
    the page counts as a translation: the index marks it translated and ``hreflang`` names it.
    0.9: a page that is nine tenths in the reader's language reads as a translation with a
    few labelled passages; below that a search engine or the index would promise a reader a
    page that is in good part in another language."""
    digits: Mapping[str, str] = field(default_factory=dict)
    """Per locale (BCP 47 or Babel form), ``"default"`` or ``"native"``: the numbering
    system of dates and numbers in the page chrome (locales not named: ``"default"``)."""
    contents_min_words: int = 1000
    """Articles of at least this many words get a contents list (0: every article)."""
    start: str = ""
    """The slug of the article the index offers as the place to start (empty: none)."""
    per_page: int = 100
    """Articles per page of the index (``/<locale>/``, ``/<locale>/page/<n>/``) and of the
    API's list (``?page=``): a one-article edit rewrites one page of each, and a phone loads
    a page, not the whole library."""

    def __post_init__(self) -> None:
        if self.fallback not in FALLBACK_POLICIES:
            raise ConfigError(
                f"fallback = {self.fallback!r} is not a policy; use one of"
                f" {', '.join(FALLBACK_POLICIES)}"
            )
        if not 0 <= self.translated_threshold <= 1:
            raise ConfigError(
                f"translated_threshold = {self.translated_threshold!r} must be between 0 and 1"
                " (a fraction of the page's blocks, e.g. 0.9)"
            )
        if self.contents_min_words < 0:
            raise ConfigError(
                f"contents_min_words = {self.contents_min_words!r} must be 0 or more words"
            )
        if self.per_page < 1:
            raise ConfigError(f"per_page = {self.per_page!r} must be 1 or more articles (e.g. 100)")
        object.__setattr__(self, "digits", _digits(self.digits))

    def numbering_system(self, locale: str) -> str:
        """The CLDR numbering system of the page chrome in ``locale`` (BCP 47)."""
        return numbering_system(locale, self.digits.get(locale, "default"))

    def translated(self, coverage: float) -> bool:
        """Whether a page of this coverage counts as a translation."""
        return coverage >= self.translated_threshold


def _digits(raw: Mapping[str, str]) -> dict[str, str]:
    """``digits`` keyed by canonical BCP 47 tags, every choice checked."""
    found: dict[str, str] = {}
    for key, choice in raw.items():
        tag = canonical_tag(key)
        if tag is None:
            raise ConfigError(
                f"digits: {key!r} is not a locale; write a BCP 47 tag such as ar or pt-BR"
            )
        if choice not in DIGIT_CHOICES:
            raise ConfigError(
                f"digits.{key} = {choice!r} is not a choice; use one of {', '.join(DIGIT_CHOICES)}"
            )
        try:
            system = numbering_system(tag, choice)
        except (ValueError, TypeError):
            raise ConfigError(f"digits: {key!r} is not a locale CLDR knows") from None
        if not has_digits(system):
            raise ConfigError(
                f"digits.{key} = {choice!r}: the digits of CLDR numbering system {system!r}"
                " cannot be found in Babel's and Unicode's data; use \"default\""
            )
        found[tag] = choice
    return found


def read_pages(config: ProjectConfig | Path) -> PagesConfig:
    """The ``[pages]`` table of a project's configuration (a :class:`ProjectConfig`, or the
    project's root folder); ConfigError with file and line for a bad key or value."""
    if isinstance(config, Path):
        config = read_config(config)
    return read_table(config, "pages", PagesConfig)
