"""``medloc check``: run the checks of `medloc.qa` over a project's real catalogs.

`run_gate` is the only function here that reads files; the formatters
(`medloc.qa.report`, re-exported here) are pure and return the text, JSON or SARIF 2.1.0
document the CLI prints.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medloc import _parallel
from medloc import catalog as catalogs
from medloc.errors import CatalogError, LocaleError
from medloc.project import DOMAINS, Project
from medloc.roles import Roles, read_roles
from medloc.tags import locale_tag

from . import Finding, _scan, foreign
from . import catalog as file_checks
from ._memo import remember_sources
from ._spool import Findings, Spooled, resolve, spool_folder
from .report import GateReport, format_json, format_sarif, format_text
from .review import review_findings
from .runner import check_po
from .sections import missing_section_findings
from .template import is_current, syntax_finding, template_of

__all__ = [
    "GateReport",
    "check_catalog_text",
    "format_json",
    "format_sarif",
    "format_text",
    "run_gate",
]


def check_catalog_text(
    text: str, *, path: str, locale: str, domain: str, roles: Roles | None = None
) -> tuple[Any | None, list[Finding], int]:
    """Parse one locale's ``.po`` text and run every check that needs nothing else:
    (the parsed catalog or None, findings, number of entries checked). ``roles``: the
    project's (:func:`medloc.roles.read_roles`; None: the floor)."""
    po, findings = _parse_catalog(text, path, locale)
    if po is None:
        return None, findings, 0
    found, count = check_po(po, locale=locale, domain=domain, path=path, roles=roles)
    return po, findings + found, count


def _parse_catalog(text: str, path: str, locale: str) -> tuple[Any | None, list[Finding]]:
    """(the catalog parsed from ``text`` or None, what the checks that read the text find:
    conflict markers, syntax, headers, duplicates); the text is not needed after this."""
    findings = file_checks.conflict_markers(text, path, locale)
    broken = foreign.broken_previous(text, path, locale)
    if broken is not None:
        findings.append(broken)
    try:
        po = catalogs.parse_po(text, path=path)
    except CatalogError as exc:
        if broken is None or not _previous_line(text, exc.line):
            findings.append(syntax_finding(exc, path, locale))
        return None, findings
    return po, findings + _parsed_findings(po, text, path, locale)


def _parsed_findings(po: Any, head: str, path: str, locale: str) -> list[Finding]:
    """What the checks of a parsed catalog find: its header (whose fields' lines are found in
    ``head``, the text or its beginning up to them), duplicates and obsolete twins."""
    findings = file_checks.check_header(po.metadata, head, path, locale)
    findings += file_checks.duplicates(po, path, locale)
    findings += foreign.obsolete_twins(po, path, locale)
    return findings


_PART = 8192


def _parse_file(project: Project, path: Path, locale: str) -> tuple[Any | None, list[Finding], str]:
    """(:func:`_parse_catalog` of the file at ``path``, the digest of its bytes that
    ``medloc compile`` records in the ``.mo``), never holding its bytes or its text (twice
    the bytes with a character beyond Latin-1): without conflict markers or broken
    previous-text lines (:func:`_broken_previous`) the text's only reader is the header
    check (the lines of its fields), so the file is scanned a block at a time
    (:class:`medloc.qa._scan.Scan`) and the catalog read a slice at a time
    (:meth:`medloc.project.Project.read_catalog`); any other file is read whole, as before."""
    shown = project.relative(path)
    scan, source = _scan.Scan.of(path)
    if scan.whole or (scan.previous and _broken_previous(path, shown, locale)):
        data = path.read_bytes()
        text, findings = file_checks.decode(data, shown, locale)
        del data
        if text is None:
            return None, findings, source
        return (*_parse_catalog(text, shown, locale), source)
    with path.open("rb") as handle:  # check_header reports the lines of its fields
        head = handle.read(scan.head).decode("utf-8")
    try:
        po = project.read_catalog(path)
    except CatalogError as exc:
        return None, [syntax_finding(exc, shown, locale)], source
    return po, _parsed_findings(po, head, shown, locale), source


def _broken_previous(path: Path, shown: str, locale: str) -> bool:
    """Whether a previous-text line (``#|``) of the file at ``path`` (UTF-8) is broken
    (:func:`medloc.qa.foreign.broken_previous`), its text read a slice of whole lines at a
    time: a line is broken or not by itself."""
    pending = ""
    with path.open(encoding="utf-8", newline="") as handle:
        while block := handle.read(_scan.BLOCK):
            pending += block
            cut = pending.rfind("\n") + 1
            if foreign.broken_previous(pending[:cut], shown, locale) is not None:
                return True
            pending = pending[cut:]
    return foreign.broken_previous(pending, shown, locale) is not None


def _parts(po: Any) -> Iterator[list[Any]]:
    """The entries of ``po`` in lists of :data:`_PART`, so that the checks hold the entries
    they build for a part of the catalog only."""
    entries = iter(po)
    while part := list(itertools.islice(entries, _PART)):
        yield part


def _previous_line(text: str, line: int | None) -> bool:
    """Whether line ``line`` of ``text`` is a ``#|`` line (the broken-previous finding then
    says what polib's error there means)."""
    if line is None:
        return False
    lines = text.split("\n", line)
    return len(lines) >= line and lines[line - 1].lstrip().startswith(("#|", "#~|"))


def _select_locales(project: Project, locales: Sequence[str] | None) -> list[str]:
    known = project.locales()
    if not known:
        raise LocaleError(
            f"no catalogs under {project.locales_dir}; run medloc check in the project folder"
            " or pass --root"
        )
    if not locales:
        return known
    by_tag = {locale_tag(k): k for k in known}
    chosen: list[str] = []
    for name in locales:
        try:
            match = by_tag.get(locale_tag(name))
        except LocaleError:  # not even a well-formed tag: as unknown as any
            match = None
        if match is None:
            raise LocaleError(f"no catalogs for locale {name!r}; known locales: {', '.join(known)}")
        if match not in chosen:
            chosen.append(match)
    return chosen


def _template(
    project: Project, domain: str, roles: Roles, *, extract: bool
) -> tuple[Any | None, list[Finding]]:
    """(the template to check the catalogs against, findings about the template and, for the
    articles, about the content's required sections)."""
    template, findings = template_of(project, domain, extract=extract)
    if domain == "articles" and template is not None:
        findings += missing_section_findings(project.root, template, roles)
    return template, findings


def run_gate(
    root: Path,
    *,
    locales: Sequence[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    extract: bool = True,
    jobs: int | None = None,
) -> GateReport:
    """Check the catalogs of ``root`` (all locales, or ``locales``); LocaleError if one is
    unknown. With ``extract`` the templates are compared with a fresh extraction.

    ``jobs`` is how many forked processes share the work (None: one for small projects,
    else up to the processors). What the checks work out about a source is remembered for the
    whole run: every locale has the same msgids. The catalogs are read with their empty
    fields shared (:func:`medloc.catalog.read_only_entries`). (Process-wide tuning, such as
    the cyclic garbage collector, is the business of the command that starts the batch, not
    of this function.)"""
    with remember_sources(), catalogs.read_only_entries():  # the gate changes no entry
        return _run_gate(Path(root).resolve(), locales, domains, extract=extract, jobs=jobs)


_Part = tuple[list[str], list[Finding], int]
"""What one piece of the work gives: (files read, as shown; findings; entries checked)."""
_Sent = tuple[list[str], list[Finding] | Spooled, int]
"""A :data:`_Part` as a forked worker gives it: the findings may be in a spool file."""


def _run_gate(
    root: Path,
    locales: Sequence[str] | None,
    domains: Iterable[str],
    *,
    extract: bool,
    jobs: int | None,
) -> GateReport:
    project = Project(root)
    roles = read_roles(root)  # once per run: every check below asks these
    selected = _select_locales(project, locales)
    domains = list(domains)
    workers = _jobs(project, selected, domains) if jobs is None else jobs
    # a template sealed with the content's digest needs no extraction (hashed once here)
    stale = {domain: extract and not is_current(project, domain) for domain in domains}
    extracting = any(stale.values())
    if workers > 1 and len(selected) < workers and extracting:
        # Fewer catalogs than processors, and a template to extract: the template side of a
        # domain (extract, compare, then each catalog against the template) is one task,
        # each catalog's own checks another, so that the extraction runs while the
        # catalogs are checked. Each catalog is parsed twice, once per side.
        tasks: list[tuple[str, str | None]] = [(d, None) for d in domains]
        tasks += [(d, loc) for d in domains for loc in selected]
        task = functools.partial(_task, project, roles, selected, extract)
        done = dict(zip(tasks, _parallel.run(task, tasks, workers), strict=True))
        parts = [done[(d, loc)] for d in domains for loc in (None, *selected)]
    else:
        # The template first, then the catalogs, each parsed once, several at a time.
        parts = []
        for domain in domains:
            template, template_findings = _template(project, domain, roles, extract=stale[domain])
            pot_shown = project.relative(project.pot_path(domain))
            parts.append(([pot_shown], template_findings, 0))
            against = None if template is None else _Against.of(template, pot_shown)
            at_once = workers if jobs is not None else _jobs(project, selected, [domain])
            at_once = min(workers, at_once)
            # forked workers spool their findings (medloc.qa._spool), read back in order
            with spool_folder(_parallel.forks(at_once, len(selected))) as spools:
                one = functools.partial(_locale, project, roles, domain, against, spools)
                for shown, found, count in _parallel.run(one, selected, at_once):
                    parts.append((shown, resolve(found), count))
    findings: list[Finding] = []
    files: list[str] = []
    entries = 0
    for shown, found, count in parts:
        files += shown
        findings += found
        entries += count
    findings += review_findings(root, selected, domains=domains)
    findings.sort(key=lambda f: (f.path, f.line, f.code, f.message))
    return GateReport(tuple(findings), tuple(selected), tuple(files), entries)


def _jobs(project: Project, locales: Sequence[str], domains: Sequence[str]) -> int:
    paths = [project.po_path(locale, domain) for domain in domains for locale in locales]
    return _parallel.jobs_for(paths, "check")


def _locale(
    project: Project,
    roles: Roles,
    domain: str,
    against: _Against | None,
    spools: Path | None,
    locale: str,
) -> _Sent:
    """One locale's catalog of ``domain``, parsed once: its own checks, then against the
    template. With ``spools`` (a forked worker's task) the findings are written to a file
    there a batch at a time, never held together (:mod:`medloc.qa._spool`)."""
    with Findings(None if spools is None else spools / f"{domain}.{locale}.pickle") as found:
        po, shown, count = _catalog_side(project, roles, domain, locale, found)
        if against is not None:
            if not shown:
                found.add([_no_catalog(project, domain, locale)])
            elif po is not None:
                found.add(_against_template(po, against, shown[0], locale, roles))
        return shown, found.result(), count


def _task(
    project: Project,
    roles: Roles,
    locales: Sequence[str],
    extract: bool,
    task: tuple[str, str | None],
) -> _Part:
    """The template side of a domain (locale None) or one catalog's own checks."""
    domain, locale = task
    if locale is not None:
        kept = Findings()
        _po, read, count = _catalog_side(project, roles, domain, locale, kept)
        return read, resolve(kept.result()), count
    template, findings = _template(project, domain, roles, extract=extract)
    pot_shown = project.relative(project.pot_path(domain))
    if template is None:
        return [pot_shown], findings, 0
    against = _Against.of(template, pot_shown)
    for locale in locales:
        path = project.po_path(locale, domain)
        shown = project.relative(path)
        if not path.exists():
            findings.append(_no_catalog(project, domain, locale))
            continue
        try:
            po = project.read_catalog(path)  # a slice at a time
        except CatalogError:
            continue  # the catalog's side says so
        findings += _against_template(po, against, shown, locale, roles)
    return [pot_shown], findings, 0


def _catalog_side(
    project: Project, roles: Roles, domain: str, locale: str, findings: Findings
) -> tuple[Any | None, list[str], int]:
    """(the parsed catalog or None, the file read as shown or none, entries checked), what
    checking the catalog alone finds added to ``findings``: encoding, syntax, headers, every
    entry (a part at a time), the compiled ``.mo``. The catalog's text is dropped once it is
    parsed, and the ``.mo`` is compared as it is read (:func:`medloc.qa.catalog.stale_mo`)."""
    path = project.po_path(locale, domain)
    shown = project.relative(path)
    if not path.exists():
        return None, [], 0
    po, found, source = _parse_file(project, path, locale)
    findings.add(found)
    if po is None:
        return None, [shown], 0
    count = 0
    for part in _parts(po):  # the checks' entries of a part of the catalog at a time
        found, counted = check_po(part, locale=locale, domain=domain, path=shown, roles=roles)
        findings.add(found)
        count += counted
    mo_path = project.mo_path(locale, domain)
    if mo_path.exists():
        mo_shown = project.relative(mo_path)
        with mo_path.open("rb") as mo:
            findings.add(file_checks.stale_mo(po, mo, shown, mo_shown, locale, source=source))
    return po, [shown], count


@dataclass(frozen=True)
class _Against:
    """A domain's template as every locale's catalog is checked against it: the merge of a
    catalog into it is prepared once (:func:`medloc.catalog.entry_updater`)."""

    template: Any
    shown: str
    update: Callable[[Any], Iterable[Any]]

    @classmethod
    def of(cls, template: Any, shown: str) -> _Against:
        return cls(template, shown, catalogs.entry_updater(template))


def _against_template(
    po: Any, against: _Against, shown: str, locale: str, roles: Roles
) -> list[Finding]:
    template = against.template
    return (
        file_checks.missing_safety(template, po, shown, against.shown, locale, roles)
        + file_checks.out_of_date(po, template, shown, locale, update=against.update)
        + foreign.stray_format_flags(po, template, shown, locale)
    )


def _no_catalog(project: Project, domain: str, locale: str) -> Finding:
    shown = project.relative(project.po_path(locale, domain))
    message = "no catalog for this locale; run 'medloc update'"
    return Finding("out-of-date", "error", message, shown, 1, locale=locale)
