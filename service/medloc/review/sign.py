"""Signing: adding a reviewer's sign-off lines to entries, after the checks the trust model
makes possible before a commit (the reviewer is not the translation's last author).

Used by ``medloc review sign`` (one section) and ``medloc review import`` (approved units).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from medloc import catalog as catalogs
from medloc.catalog import Catalog, CatalogEntry
from medloc.comments import SignOff, read_signoffs, write_signoff
from medloc.errors import CatalogError
from medloc.project import DOMAINS, Project, write_atomic

from .history import LineAuthor, blame
from .identity import Identity, parse_identity
from .lines import entry_lines
from .policy import ReviewConfig, Trust, read_policy
from .state import digest_of, is_translated, section_key
from .trust import last_author

__all__ = [
    "LoadedCatalog",
    "SigningPlan",
    "add_signoff",
    "authorship_problem",
    "history_of",
    "load",
    "plan_section",
    "save",
    "today",
]


def today() -> _dt.date:
    """The date a sign-off made now carries (UTC)."""
    return _dt.datetime.now(_dt.UTC).date()


@dataclass(frozen=True)
class LoadedCatalog:
    """A catalog read for changing: where it is, its text, the parsed catalog."""

    project: Project
    locale: str
    domain: str
    path: Path
    text: str
    po: Catalog

    @property
    def shown(self) -> str:
        return self.project.relative(self.path)


def load(project: Project, locale: str, domain: str) -> LoadedCatalog:
    path = project.po_path(locale, domain)
    text = project.read_text(path)
    return LoadedCatalog(project, locale, domain, path, text, project.read_catalog(path, text))


def save(loaded: LoadedCatalog) -> bool:
    """Write the catalog back atomically; whether it changed."""
    text = catalogs.po_text(loaded.po)
    if text == loaded.text:
        return False
    write_atomic(loaded.path, text.encode("utf-8"))
    return True


def authorship_problem(
    loaded: LoadedCatalog,
    entry: CatalogEntry,
    reviewer: Identity,
    config: ReviewConfig,
    lines: dict[int, LineAuthor] | None,
) -> str | None:
    """Why ``reviewer`` may not sign ``entry``: they last changed its translation (git), the
    translation is not committed, or (without git) they are not on the allow-list or are the
    catalog's Last-Translator. None when they may. ``lines``: :func:`history_of` the catalog."""
    where = f"{loaded.shown}:{entry.linenum}"
    if lines is None:
        if config.trust_mode is Trust.GIT:
            return f"{where}: the catalog has no git history and [review] trust is 'git'; commit it"
        allowed = [parse_identity(r) for r in config.reviewers]
        if not any(reviewer.same_person(a) for a in allowed):
            return (
                f"{where}: {reviewer} is not on the allow-list and the catalog has no git"
                " history; add them to [review] reviewers in medloc.toml"
            )
        translator = loaded.po.metadata.get("Last-Translator", "")
        if translator and reviewer.same_person(parse_identity(translator)):
            return f"{where}: {reviewer} is the catalog's Last-Translator; ask a second linguist"
        return None
    msgstr = entry_lines(loaded.text.split("\n"), entry.linenum).msgstr
    author = last_author([lines[n] for n in msgstr if n in lines])
    if author is not None and not author.committed:
        return f"{where}: the translation has uncommitted changes; let its translator commit them"
    if author is not None and reviewer.same_person(author.author):
        return (
            f"{where}: {reviewer} last changed this translation ({author.commit[:10]}) and"
            " cannot review their own work; ask a second linguist"
        )
    return None


def history_of(loaded: LoadedCatalog, config: ReviewConfig) -> dict[int, LineAuthor] | None:
    """The git history of the catalog's lines, None without one (or with trust 'allow-list')."""
    if config.trust_mode is Trust.ALLOW_LIST:
        return None
    return blame(loaded.project.root, loaded.path)


def add_signoff(entry: CatalogEntry, reviewer: Identity, date: _dt.date) -> bool:
    """Append ``reviewer``'s sign-off of ``entry`` as it stands; False when they signed this
    very text already."""
    digest = digest_of(entry)
    existing = read_signoffs(entry.tcomment.splitlines()) if entry.tcomment else ()
    if any(
        s.digest == digest and reviewer.same_person(parse_identity(s.reviewer)) for s in existing
    ):
        return False
    line = write_signoff(SignOff(reviewer=str(reviewer), date=date, digest=digest))
    entry.tcomment = f"{entry.tcomment}\n{line}" if entry.tcomment else line
    return True


@dataclass(frozen=True)
class SigningPlan:
    """One section's entries, ready to be shown and signed."""

    loaded: LoadedCatalog
    section: str
    entries: tuple[CatalogEntry, ...]
    reviewer: Identity

    def sign(self, date: _dt.date) -> int:
        """Add the sign-offs and write the catalog; how many entries got one."""
        added = sum(add_signoff(entry, self.reviewer, date) for entry in self.entries)
        save(self.loaded)
        return added


def _section_entries(loaded: LoadedCatalog, section: str) -> list[CatalogEntry]:
    return [
        e for e in loaded.po if not e.obsolete and e.msgid and section_key(e.msgctxt) == section
    ]


def plan_section(
    root: Path, locale: str, section: str, reviewer: str, *, config: ReviewConfig | None = None
) -> SigningPlan:
    """The plan to sign ``section`` (``slug#section-id``) of ``locale`` as ``reviewer``.

    CatalogError, saying what to do, when the section does not exist, has an untranslated or
    fuzzy entry, or the reviewer may not sign one of its entries."""
    project = Project(Path(root))
    project.require_locale(locale)
    config = read_policy(project.root) if config is None else config
    who = parse_identity(reviewer)
    if not who.name and not who.email:
        raise CatalogError(f"reviewer {reviewer!r} is empty; pass --reviewer 'Name <email>'")
    for domain in DOMAINS:
        if not project.po_path(locale, domain).exists():
            continue
        loaded = load(project, locale, domain)
        entries = _section_entries(loaded, section)
        if entries:
            _refuse(loaded, entries, who, config)
            return SigningPlan(loaded, section, tuple(entries), who)
    raise CatalogError(
        f"no section {section!r} in the catalogs of {locale!r}; write it as SLUG#SECTION-ID,"
        " for example thermal-rhizotomy#risks"
    )


def _refuse(
    loaded: LoadedCatalog, entries: Sequence[CatalogEntry], who: Identity, config: ReviewConfig
) -> None:
    history = history_of(loaded, config)
    for entry in entries:
        if not is_translated(entry):
            state = "fuzzy" if entry.fuzzy else "untranslated"
            raise CatalogError(
                f"entry {entry.msgid[:40]!r} is {state}; translate it (and let the translator"
                " commit) before review",
                path=loaded.shown,
                line=entry.linenum,
            )
        problem = authorship_problem(loaded, entry, who, config, history)
        if problem is not None:
            raise CatalogError(problem)
