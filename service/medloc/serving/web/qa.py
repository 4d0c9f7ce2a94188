"""The one hook between serving and translation QA: may this translation be shown?

A translation with a blocking finding of :mod:`medloc.qa` (wrong numbers, raw HTML,
a script link, a safety message left in English...) is treated as missing: an ordinary
paragraph falls back alone, a safety section falls back whole.
"""

from __future__ import annotations

import datetime as _dt
import functools
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from medloc.errors import MedlocError
from medloc.formats import PYTHON_FORMAT, is_python_format
from medloc.project import Project
from medloc.qa import Entry, blocking_errors
from medloc.review.policy import read_policy
from medloc.review.provenance import PageReview, page_review, signed_sections
from medloc.review.state import ReviewState, review_state, section_key, section_states
from medloc.roles import Roles
from medloc.source.extract import block_contexts
from medloc.source.markdown import Document
from medloc.tags import locale_tag

from ..plan import Plan, Review, unit_of
from ..render import Accept
from .loading import Proofs, mentions, proven, stamp

__all__ = ["Ignores", "Signed", "load_review", "load_signed", "make_accept", "review_of"]

log = logging.getLogger("medloc.web")

Signed = Mapping[str, Mapping[str, _dt.date]]
"""locale (BCP 47) -> section key -> date of its latest sign-off (:func:`load_signed`)."""

Ignores = Mapping[str, Mapping[tuple[str | None, str], Mapping[str, str]]]
"""locale -> (msgctxt, msgid) -> {finding code: reason} from ``# medloc-ignore`` comments."""


_PYTHON_FORMAT = frozenset({PYTHON_FORMAT})

MEMO_SIZE = 16_384
"""Decisions remembered per process: a page asks about each message more than once (safety
sections are tried whole, then rendered), and a re-rendered page asks again. Bounded: with
thousands of articles in dozens of locales, remembering every message would hold every
translation in memory."""


def make_accept(
    ignores: Ignores,
    *,
    domain: str = "articles",
    memo_size: int = MEMO_SIZE,
    roles: Roles | None = None,
) -> Accept:
    """An :data:`medloc.serving.render.Accept` running the blocking checks, memoized per message
    in a bounded LRU (``roles``: the project's, which say which messages get the safety checks;
    None: the floor)."""

    @functools.lru_cache(maxsize=memo_size)
    def accept(locale: str, context: str, msgid: str, msgstr: str, role: str | None) -> bool:
        entry = Entry(
            msgid=msgid,
            msgstr=msgstr,
            locale=locale_tag(locale).babel,
            domain=domain,
            context=context or None,
            role=role,
            flags=_PYTHON_FORMAT if is_python_format(msgid) else frozenset(),
            ignores=ignores.get(locale, {}).get((context or None, msgid), {}),
            roles=roles,
        )
        try:
            return not blocking_errors(entry)
        except Exception:  # a crashing check withholds the translation, never the page
            log.exception("QA check failed on %s %r; translation withheld", locale, context)
            return False

    return accept


def load_review(root: Path, locales: Iterable[str], roles: Roles | None = None) -> Review | None:
    """What the planner needs to honour review by a second linguist (:class:`Review`), read
    once per generation from the project at ``root`` for ``locales`` (BCP 47 or Babel
    spellings): None where ``[review] required`` is false. A locale whose review cannot be
    read has no reviewed section (its sections that require review fall back), logged."""
    policy = read_policy(root, roles)
    if not policy.required or not policy.roles:
        return None
    project = Project(root)
    known = set(project.locales())
    reviewed: dict[str, frozenset[str]] = {}
    for locale in locales:
        tag = locale_tag(locale)
        if tag.babel not in known:
            continue
        try:
            states = section_states(
                review_state(root, tag.babel, config=policy, domains=("articles",))
            )
        except MedlocError:
            log.exception("the review of %s cannot be read; its reviewed sections fall back", tag)
            states = {}
        reviewed[tag.bcp47] = frozenset(
            key for (_domain, key), state in states.items() if state is ReviewState.REVIEWED
        )
    return Review(frozenset(policy.roles), reviewed)


def load_signed(
    root: Path, locales: Iterable[str], review: Review | None, proofs: Proofs | None = None
) -> Signed:
    """Per locale, the sections whose every entry carries a sign-off of it as it stands, with
    the date of the latest, read once per generation without git (a catalog without a
    sign-off in its text is not even parsed). Where review is required (``review``, from
    :func:`load_review`), only the sections it found trusted; elsewhere the sign-offs are
    shown as signed, without the trust verdict (``medloc check`` gives it). A catalog that
    ``proofs`` scanned as it is (see :class:`~.loading.Proof`) is not scanned again."""
    project = Project(root)
    known = set(project.locales())
    found: dict[str, Mapping[str, _dt.date]] = {}
    for locale in locales:
        tag = locale_tag(locale)
        if tag.babel not in known:
            continue
        path = project.po_path(tag.babel, "articles")
        try:
            if not _signs(path, proofs or {}):  # most catalogs: not read at all
                found[tag.bcp47] = {}
                continue
            text = project.read_text(path)
            signed = signed_sections(text, functools.partial(project.read_catalog, path))
        except (MedlocError, OSError, ValueError) as exc:
            log.warning("the sign-offs of %s cannot be read (%s); shown as unreviewed", tag, exc)
            signed = {}
        if review is not None:
            trusted = review.reviewed.get(tag.bcp47, frozenset())
            signed = {key: date for key, date in signed.items() if key in trusted}
        found[tag.bcp47] = signed
    return found


def _signs(path: Path, known: Proofs) -> bool:
    """Whether the catalog at ``path`` mentions a sign-off (``medloc-review``)."""
    scan = proven(known, path, stamp(path))
    if scan is not None and scan.digest is not None:
        return "medloc-review" in scan.marks
    return mentions(path, b"medloc-review")


def review_of(
    parts: Iterable[tuple[str, Document, Plan]], locale: str, signed: Signed
) -> PageReview:
    """The review of a page in ``locale`` made of ``parts`` ((slug, parsed document, plan) of
    the article and of the disclaimer): the sections of its safety sections served in
    ``locale`` itself (subsections included), all signed or not."""
    keys: set[str] = set()
    for slug, document, plan in parts:
        by_id = {section.id: section for section in document.sections}
        for block, context in zip(document.blocks, block_contexts(document, slug), strict=True):
            unit = unit_of(block.section, by_id, plan.roles)
            decision = plan.units.get(unit) if unit is not None else None
            if decision is not None and decision.language == locale:
                keys.add(section_key(context))
    return page_review(sorted(keys), signed.get(locale, {}))
