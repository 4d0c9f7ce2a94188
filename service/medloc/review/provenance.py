"""What a served page says about its translation: which English it follows and its review.

For the service, computed once per generation (sign-offs) and once per article and locale
(the rest), from what the service already has: the parsed English article and the catalogs'
text. Nothing here runs git: whether a sign-off is *trusted* is :mod:`.state`'s business.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from medloc.catalog import Catalog
from medloc.comments import REVIEW_MARKER, read_signoffs
from medloc.source.content import Article
from medloc.source.extract import extract_article
from medloc.source.markdown import Document

from .normal import DIGEST_HEX, normal_form
from .state import digest_of, is_translated, section_key

__all__ = [
    "PageReview",
    "SourceRevision",
    "page_review",
    "signed_sections",
    "source_digest",
    "source_revision",
]


@dataclass(frozen=True)
class SourceRevision:
    """The English a translation follows: a digest of the English article's messages and the
    article's ``last_reviewed`` date."""

    digest: str
    date: _dt.date | None


@dataclass(frozen=True)
class PageReview:
    """Whether the safety sections a page serves in its own language are reviewed by a
    second linguist, and the date of the latest sign-off when they are."""

    reviewed: bool
    date: _dt.date | None = None

    @property
    def state(self) -> str:
        return "reviewed" if self.reviewed else "unreviewed"


def source_digest(messages: Iterable[tuple[str | None, str]]) -> str:
    """A short digest (:data:`DIGEST_HEX` hex digits of SHA-256) of (msgctxt, msgid) pairs,
    each in its normal form, in order: it changes when the English text changes in anything
    but whitespace and the spelling of quotes."""
    data = hashlib.sha256()
    for msgctxt, msgid in messages:
        data.update(f"{normal_form(msgctxt or '')}\x00{normal_form(msgid)}\x01".encode())
    return data.hexdigest()[:DIGEST_HEX]


def source_revision(article: Article, document: Document) -> SourceRevision:
    """The revision of the English ``article`` (parsed as ``document``): the digest of the
    messages the template holds for it, and its ``last_reviewed`` date."""
    messages = [(m.context, m.msgid) for m in extract_article(article, document)]
    return SourceRevision(source_digest(messages), article.last_reviewed)


def signed_sections(text: str, parse: Callable[[str], Catalog]) -> dict[str, _dt.date]:
    """Section key -> date of its latest sign-off, for each section of a catalog whose every
    entry is translated and carries a sign-off of it as it stands (not judged for trust).
    ``text`` is the catalog file's text: without a sign-off in it, it is not parsed."""
    if REVIEW_MARKER not in text:
        return {}
    po = parse(text)
    dates: dict[str, _dt.date] = {}
    unsigned: set[str] = set()
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        key = section_key(entry.msgctxt)
        signoffs = read_signoffs(entry.tcomment.splitlines()) if entry.tcomment else ()
        digest = digest_of(entry)
        matching = [s.date for s in signoffs if s.digest == digest]
        if not matching or not is_translated(entry):
            unsigned.add(key)
            continue
        dates[key] = max(dates.get(key, matching[0]), *matching)
    return {key: date for key, date in dates.items() if key not in unsigned}


def page_review(keys: Iterable[str], signed: Mapping[str, _dt.date]) -> PageReview:
    """The review of a page whose own-language safety sections are ``keys``: reviewed when
    there is at least one and every one is signed, with the latest date."""
    dates = [signed.get(key) for key in keys]
    if not dates or any(date is None for date in dates):
        return PageReview(False)
    return PageReview(True, max(date for date in dates if date is not None))
