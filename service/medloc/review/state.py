"""The review state of every entry of a locale: reviewed, missing, lapsed or untrusted.

For the gate (``review-missing``, ``review-lapsed`` where the policy requires review),
``medloc stats`` and the service. Reads the catalogs and, for the entries that carry a
matching sign-off, the git history of their lines.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from medloc.catalog import Catalog, CatalogEntry
from medloc.comments import SignOff, read_notes, read_signoffs
from medloc.project import DOMAINS, Project

from .history import LineAuthor, blame
from .identity import Identity, parse_identity
from .lines import EntryLines, entry_lines
from .normal import entry_digest
from .policy import ReviewConfig, Trust, read_policy
from .trust import Verdict, judge_allow_list, judge_history

__all__ = [
    "EntryReview",
    "ReviewState",
    "digest_of",
    "is_translated",
    "required_problems",
    "review_state",
    "section_key",
    "section_states",
]


class ReviewState(enum.Enum):
    """Where an entry stands with its review."""

    REVIEWED = "reviewed"
    """A trusted sign-off approves the entry as it stands."""
    MISSING = "missing"
    """No sign-off."""
    LAPSED = "lapsed"
    """Sign-offs, but none for the entry as it stands: its source or translation changed."""
    UNTRUSTED = "untrusted"
    """A sign-off for the entry as it stands that fails the trust model (``reason``)."""


@dataclass(frozen=True)
class EntryReview:
    """One entry's review state, with where it is and why."""

    locale: str
    domain: str
    path: str
    """The catalog, relative to the project root."""
    line: int
    """The entry's first line."""
    msgstr_line: int
    """The entry's ``msgstr`` line (where a changed translation shows)."""
    msgctxt: str | None
    msgid: str
    msgstr: str
    article: str | None
    role: str | None
    translated: bool
    """Translated and not fuzzy."""
    fuzzy: bool
    state: ReviewState
    reason: str = ""
    """Why the entry is not reviewed, in words for a translator."""
    signoff: SignOff | None = None
    """The sign-off that counts (reviewed), or the one the reason is about."""

    @property
    def section(self) -> str:
        """The entry's section key (:func:`section_key`)."""
        return section_key(self.msgctxt)


def section_key(msgctxt: str | None) -> str:
    """``slug#section`` of a context (``~2`` suffixes dropped); a title or summary context
    (``slug:title``) is its own key; ``""`` without a context."""
    return (msgctxt or "").split("~", 1)[0]


def is_translated(entry: CatalogEntry) -> bool:
    """Translated (every plural form) and not fuzzy."""
    if entry.fuzzy:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def digest_of(entry: CatalogEntry) -> str:
    """The digest a sign-off of ``entry`` as it stands carries."""
    return entry_digest(
        entry.msgctxt,
        entry.msgid,
        entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=entry.msgstr_plural,
    )


@dataclass
class _Judge:
    """The trust model for one catalog: its history read once, when first asked."""

    root: Path
    path: Path
    config: ReviewConfig
    last_translator: Identity | None
    _history: dict[int, LineAuthor] | None = None
    _read: bool = False

    def history(self) -> dict[int, LineAuthor] | None:
        if not self._read and self.config.trust_mode is not Trust.ALLOW_LIST:
            self._history, self._read = blame(self.root, self.path), True
        return self._history

    def verdict(self, signoff: SignOff, index: int, lines: EntryLines) -> Verdict:
        history = self.history()
        if history is None and self.config.trust_mode is Trust.GIT:
            return Verdict(False, "the catalog has no git history and [review] trust is 'git'")
        if history is None:
            return judge_allow_list(signoff, self.config, self.last_translator)
        signoff_lines = lines.signoffs[index] if index < len(lines.signoffs) else ()
        return judge_history(
            signoff,
            [history[n] for n in signoff_lines if n in history],
            [history[n] for n in lines.msgstr if n in history],
        )


def _judge_entry(
    entry: CatalogEntry, judge: _Judge, file_lines: list[str]
) -> tuple[ReviewState, str, SignOff | None, int]:
    lines = entry_lines(file_lines, entry.linenum)
    msgstr_line = lines.msgstr[0] if lines.msgstr else entry.linenum
    signoffs = read_signoffs(entry.tcomment.splitlines()) if entry.tcomment else ()
    if not signoffs:
        return ReviewState.MISSING, "no sign-off", None, msgstr_line
    digest = digest_of(entry)
    matching = [(i, s) for i, s in enumerate(signoffs) if s.digest == digest]
    if not matching or not is_translated(entry):
        last = signoffs[-1]
        why = "is fuzzy" if entry.fuzzy else "changed"
        reason = f"signed by {last.reviewer} on {last.date}, but the entry {why} since"
        return ReviewState.LAPSED, reason, last, msgstr_line
    first: tuple[str, SignOff] | None = None
    for index, signoff in matching:
        verdict = judge.verdict(signoff, index, lines)
        if verdict.trusted:
            return ReviewState.REVIEWED, "", signoff, msgstr_line
        first = first or (verdict.reason, signoff)
    assert first is not None
    return ReviewState.UNTRUSTED, first[0], first[1], msgstr_line


def catalog_reviews(
    root: Path, locale: str, domain: str, path: Path, po: Catalog, text: str, config: ReviewConfig
) -> list[EntryReview]:
    """The review state of each entry of one catalog (``text`` is its file's text)."""
    translator = po.metadata.get("Last-Translator", "")
    judge = _Judge(root, path, config, parse_identity(translator) if translator else None)
    file_lines = text.split("\n")
    shown = Project(root).relative(path)
    reviews = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        state, reason, signoff, msgstr_line = _judge_entry(entry, judge, file_lines)
        notes = read_notes((entry.comment or "").splitlines())
        reviews.append(
            EntryReview(
                locale=locale,
                domain=domain,
                path=shown,
                line=entry.linenum,
                msgstr_line=msgstr_line,
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                article=notes.article,
                role=notes.role,
                translated=is_translated(entry),
                fuzzy=entry.fuzzy,
                state=state,
                reason=reason,
                signoff=signoff,
            )
        )
    return reviews


def review_state(
    project_root: Path,
    locale: str,
    *,
    config: ReviewConfig | None = None,
    domains: Iterable[str] = DOMAINS,
) -> tuple[EntryReview, ...]:
    """The review state of every entry (not obsolete, not the header) of ``locale``'s
    catalogs, in file order, domain by domain. ``config``: the ``[review]`` table (read from
    the project's ``medloc.toml`` when None)."""
    root = Path(project_root)
    project = Project(root)
    project.require_locale(locale)
    config = read_policy(root) if config is None else config
    found: list[EntryReview] = []
    for domain in domains:
        path = project.po_path(locale, domain)
        if not path.exists():
            continue
        text = project.read_text(path)
        po = project.read_catalog(path, text)
        found.extend(catalog_reviews(root, locale, domain, path, po, text, config))
    return tuple(found)


def required_problems(reviews: Iterable[EntryReview], config: ReviewConfig) -> list[EntryReview]:
    """The translated entries of roles that require review and are not reviewed: what the gate
    reports (MISSING as ``review-missing``, LAPSED and UNTRUSTED as ``review-lapsed`` /
    a failed sign-off), as errors when ``config.required``, else as warnings."""
    return [
        r
        for r in reviews
        if config.requires(r.role) and r.translated and r.state is not ReviewState.REVIEWED
    ]


def section_states(reviews: Iterable[EntryReview]) -> Mapping[tuple[str, str], ReviewState]:
    """Per (domain, section key), REVIEWED when every entry of it is translated and reviewed,
    else the state of its first entry that is not (an entry not translated counts as MISSING,
    or LAPSED when it was signed: a fuzzy entry whose source changed)."""
    states: dict[tuple[str, str], ReviewState] = {}
    for r in reviews:
        key = (r.domain, r.section)
        state = r.state
        if not r.translated and state is not ReviewState.LAPSED:
            state = ReviewState.MISSING
        if states.get(key, ReviewState.REVIEWED) is ReviewState.REVIEWED:
            states[key] = state
    return states
