"""The fallback planner: which language serves each part of an article, and why.

One decision, :func:`decide`, is asked for every part of a page: a group of messages comes
whole from the first language of the chain that serves all of them (translated, not blank,
and accepted by the blocking checks). An ordinary block is a group of one message, so it
falls back alone; a safety section (risks, disclaimer) is one group, so it is never mixed.

:func:`plan_article` applies it to a whole article and returns a :class:`Plan`. Rendering
(:func:`medloc.serving.render.render_plan`) shows what the plan says, and "is this page whole
in locale X" (:attr:`Plan.whole`) reads the same plan: the two cannot disagree.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from medloc.roles import DEFAULT_ROLES, Roles
from medloc.source.content import Article
from medloc.source.extract import block_contexts
from medloc.source.markdown import Document, Section

__all__ = [
    "Accept",
    "Counted",
    "Decision",
    "Front",
    "Language",
    "Lookup",
    "Message",
    "Plan",
    "Reason",
    "Review",
    "Standing",
    "coverage",
    "decide",
    "plan_article",
    "plan_front",
    "source_language",
    "standing",
    "unit_of",
]

Lookup = Callable[[str, str], "str | None"]
"""(msgctxt, msgid) -> translation, or None where a language has none to serve."""

Accept = Callable[[str, str, str, str, "str | None"], bool]
"""(locale, msgctxt, msgid, msgstr, role) -> whether the translation may be served."""


@dataclass(frozen=True)
class Language:
    """One language of a fallback chain and where its translations come from."""

    locale: str
    """BCP 47 tag (``pt-BR``)."""
    lookup: Lookup


@dataclass(frozen=True)
class Review:
    """Review by a second linguist, as the planner needs it (computed once per generation of
    the service, :func:`medloc.serving.web.qa.load_review`): a translation of a role in
    ``roles`` is served only where its section is reviewed in that locale; otherwise the
    section is treated like an incomplete one and comes whole from the next language of the
    chain where it is reviewed (or the source)."""

    roles: frozenset[str]
    """The roles that require review (empty: review is not required, nothing is refused)."""
    reviewed: Mapping[str, frozenset[str]]
    """Per locale (BCP 47), the section keys (``slug#section``) whose every entry is
    translated and reviewed as it stands."""

    def serves(self, locale: str, role: str | None, context: str) -> bool:
        """Whether ``locale``'s translation of a message of ``role`` in ``context`` may be
        served as far as review goes."""
        if role is None or role not in self.roles:
            return True
        return context.split("~", 1)[0] in self.reviewed.get(locale, frozenset())


def source_language(locale: str = "en") -> Language:
    """The source language: every message is its own translation."""
    return Language(locale, lambda _context, msgid: msgid)


class Reason(enum.Enum):
    """Why a part is served in the language the plan chose."""

    REQUESTED = "requested"
    """The requested language (the chain's first) serves it."""
    FALLBACK = "fallback"
    """The languages before this one do not serve all of it (missing, fuzzy, blank or
    refused by a blocking check): it comes whole from this one."""
    UNSERVED = "unserved"
    """No language of the chain serves all of it: the source text is shown."""


@dataclass(frozen=True)
class Message:
    """One message of a part: its context and its source text."""

    context: str
    msgid: str


@dataclass(frozen=True)
class Decision:
    """The language a part is served in, why, and the texts served (one per message)."""

    language: str
    reason: Reason
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What a page in ``requested`` shows: the decision for every part of the article."""

    requested: str
    chain: tuple[str, ...]
    title: Decision
    summary: Decision
    units: Mapping[str, Decision]
    """Safety sections (by the id of the outermost one), each served whole."""
    blocks: Mapping[int, Decision]
    """Every block (by its token index): its unit's decision or its own."""
    served: int = 0
    """How many of its messages (non-empty title and summary, every block) the requested
    language serves, counted once when the plan is made."""
    parts: int = 0
    """How many messages the page has (the denominator of :attr:`coverage`)."""
    roles: Roles = DEFAULT_ROLES
    """The project's roles the plan was made with: ask :func:`unit_of` with them."""

    @property
    def coverage(self) -> float:
        """The fraction of the page's messages served in the requested language (1.0 for a
        page without any)."""
        return coverage(self)

    @property
    def whole(self) -> bool:
        """Whether the requested language itself serves the title, the summary and every
        safety section: a page in it shows what matters most without fallback."""
        parts = (self.title, self.summary, *self.units.values())
        return all(part.language == self.requested for part in parts)

    def fallback(self, unit: str | None) -> str | None:
        """The language a safety section is shown whole in when it is not the requested one."""
        decision = self.units.get(unit) if unit is not None else None
        if decision is None or decision.language == self.requested:
            return None
        return decision.language


class Counted(Protocol):
    """A plan, or what was rendered from one: its counts of messages."""

    @property
    def served(self) -> int: ...
    @property
    def parts(self) -> int: ...


def coverage(*counted: Counted) -> float:
    """The fraction of the messages of ``counted`` (an article and the disclaimer shown with
    it) served in their requested language: the page's coverage, from counts the planner made
    once (a plan's, or a rendered article's copy of them)."""
    parts = sum(each.parts for each in counted)
    return sum(each.served for each in counted) / parts if parts else 1.0


@dataclass(frozen=True, slots=True)
class Standing:
    """What other pages show of an article in one locale, read from its plan: whether the
    plan is whole (:attr:`Plan.whole`) and the page's coverage (article and disclaimer)."""

    whole: bool
    coverage: float


def standing(plan: Plan, disclaimer: Plan) -> Standing:
    """The :class:`Standing` of the page shown from ``plan`` with the ``disclaimer``'s."""
    return Standing(plan.whole, coverage(plan, disclaimer))


def _served(
    language: Language,
    message: Message,
    role: str | None,
    accept: Accept | None,
    last: bool,
    review: Review | None = None,
) -> str | None:
    text = language.lookup(message.context, message.msgid)
    if text is None or not text.strip():
        return None
    if last:
        return text
    if review is not None and not review.serves(language.locale, role, message.context):
        return None
    if accept is None:
        return text
    return text if accept(language.locale, message.context, message.msgid, text, role) else None


def decide(
    chain: Sequence[Language],
    messages: Sequence[Message],
    role: str | None,
    accept: Accept | None = None,
    review: Review | None = None,
) -> Decision:
    """The first language of ``chain`` that serves every one of ``messages``.

    ``accept`` may refuse a translation (a blocking QA finding), ``review`` one whose section
    is not reviewed where review is required; the last language (the source) is never
    refused.
    """
    for position, language in enumerate(chain):
        last = position == len(chain) - 1
        texts: list[str] = []
        for message in messages:
            text = _served(language, message, role, accept, last, review)
            if text is None:
                break
            texts.append(text)
        else:
            reason = Reason.REQUESTED if position == 0 else Reason.FALLBACK
            return Decision(language.locale, reason, tuple(texts))
    source = chain[-1]
    texts = [_served(source, m, role, accept, True) or m.msgid for m in messages]
    return Decision(source.locale, Reason.UNSERVED, tuple(texts))


def unit_of(
    section: Section | None, sections: Mapping[str, Section], roles: Roles = DEFAULT_ROLES
) -> str | None:
    """The outermost safety section (by the project's ``roles``) containing ``section`` (the
    unit that is never mixed)."""
    unit = None
    while section is not None:
        if roles.is_safety(section.role):
            unit = section.id
        section = sections.get(section.parent) if section.parent else None
    return unit


def _front(chain: Sequence[Language], context: str, text: str, accept: Accept | None) -> Decision:
    """The title's or the summary's decision (an empty one is the requested language's)."""
    if not text:
        return Decision(chain[0].locale, Reason.REQUESTED, ("",))
    return decide(chain, (Message(context, text),), None, accept)


@dataclass(frozen=True)
class Front:
    """The decisions for an article's title and summary: what an index entry shows of it."""

    title: Decision
    summary: Decision


def plan_front(
    article: Article, chain: Sequence[Language], *, accept: Accept | None = None
) -> Front:
    """The title's and the summary's decisions of :func:`plan_article` (the same ones), made
    without the article's body: an index entry needs no more than these."""
    if not chain:
        raise ValueError("a fallback chain needs at least the source language")
    return Front(
        _front(chain, f"{article.slug}:title", article.title, accept),
        _front(chain, f"{article.slug}:summary", article.summary, accept),
    )


def plan_article(
    article: Article,
    document: Document,
    chain: Sequence[Language],
    *,
    accept: Accept | None = None,
    review: Review | None = None,
    roles: Roles = DEFAULT_ROLES,
) -> Plan:
    """The plan of ``article`` (parsed as ``document``) in the first language of ``chain``.

    ``chain`` lists the requested language first and must end with the source language.
    ``review``: where review by a second linguist is required (None: nowhere). ``roles``:
    the project's (:func:`medloc.roles.read_roles`), which say which sections are never mixed.
    """
    if not chain:
        raise ValueError("a fallback chain needs at least the source language")
    by_id = {section.id: section for section in document.sections}
    contexts = block_contexts(document, article.slug)
    members: dict[str, list[tuple[int, Message]]] = {}
    blocks: dict[int, Decision] = {}
    for block, context in zip(document.blocks, contexts, strict=True):
        message = Message(context, block.text)
        unit = unit_of(block.section, by_id, roles)
        if unit is not None:
            members.setdefault(unit, []).append((block.token_index, message))
        else:
            role = block.section.role if block.section else None
            blocks[block.token_index] = decide(chain, (message,), role, accept, review)
    units: dict[str, Decision] = {}
    for unit, parts in members.items():
        decision = decide(chain, [m for _, m in parts], by_id[unit].role, accept, review)
        units[unit] = decision
        for (index, _), text in zip(parts, decision.texts, strict=True):
            blocks[index] = Decision(decision.language, decision.reason, (text,))
    front = plan_front(article, chain, accept=accept)
    title, summary = front.title, front.summary
    counted = [d for d, text in ((title, article.title), (summary, article.summary)) if text]
    counted.extend(blocks.values())
    requested = chain[0].locale
    return Plan(
        requested=requested,
        chain=tuple(language.locale for language in chain),
        title=title,
        summary=summary,
        units=units,
        blocks=blocks,
        served=sum(1 for decision in counted if decision.language == requested),
        parts=len(counted),
        roles=roles,
    )
