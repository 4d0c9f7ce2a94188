"""What the service keeps of an answer: a :class:`Rendition` (one article rendered in one
locale, with its disclaimer and provenance) and a :class:`Representation` (the final bytes of
a response body and their strong ETag). Values only; the :class:`~.library.Library` makes and
caches them."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from medloc.review.provenance import PageReview, SourceRevision
from medloc.source.content import Article

from ..render import RenderedArticle

__all__ = ["Rendition", "Representation"]


@dataclass(frozen=True)
class Representation:
    """Final bytes of one response body and their strong validator."""

    body: bytes
    media_type: str
    language: str

    @functools.cached_property
    def etag(self) -> str:
        """The quoted sha256 of ``body`` (a strong ETag), computed when first asked: the static
        build writes bodies and never asks (it hashes what it writes once, for its manifest)."""
        return f'"{hashlib.sha256(self.body).hexdigest()}"'


@dataclass(frozen=True)
class Rendition:
    """One article in one locale: the article and the disclaimer, rendered along its chain."""

    article: Article
    rendered: RenderedArticle
    disclaimer: RenderedArticle
    source: SourceRevision
    """Which English the translation follows."""
    review: PageReview | None
    """Its review by a second linguist (None in the source language)."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language shown, the requested one first."""
        seen = dict.fromkeys((*self.rendered.languages, *self.disclaimer.languages))
        return tuple(seen)

    @property
    def fallback_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.rendered.locale)
