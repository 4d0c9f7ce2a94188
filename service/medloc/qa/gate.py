"""``medloc check``: run the checks of `medloc.qa` over a project's real catalogs.

`run_gate` is the only function here that reads files; the formatters
(`medloc.qa.report`, re-exported here) are pure and return the text, JSON or SARIF 2.1.0
document the CLI prints.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polib

from medloc import _parallel
from medloc import catalog as catalogs
from medloc.errors import CatalogError, LocaleError, MedlocError
from medloc.project import DOMAINS, Project
from medloc.roles import Roles, read_roles
from medloc.tags import locale_tag

from . import Finding, foreign
from . import catalog as file_checks
from ._memo import remember_sources
from .report import GateReport, format_json, format_sarif, format_text
from .review import review_findings
from .runner import check_po
from .sections import missing_section_findings

__all__ = [
    "GateReport",
    "check_catalog_text",
    "format_json",
    "format_sarif",
    "format_text",
    "run_gate",
]


def _catalog_syntax(exc: CatalogError, path: str, locale: str | None) -> Finding:
    return Finding(
        "catalog-syntax", "error", exc.message, exc.path or path, exc.line or 1, locale=locale
    )


def check_catalog_text(
    text: str, *, path: str, locale: str, domain: str, roles: Roles | None = None
) -> tuple[Any | None, list[Finding], int]:
    """Parse one locale's ``.po`` text and run every check that needs nothing else:
    (the parsed catalog or None, findings, number of entries checked). ``roles``: the
    project's (:func:`medloc.roles.read_roles`; None: the floor)."""
    findings = file_checks.conflict_markers(text, path, locale)
    broken = foreign.broken_previous(text, path, locale)
    if broken is not None:
        findings.append(broken)
    try:
        po = catalogs.read_po(io.StringIO(text), path=path)
    except CatalogError as exc:
        if broken is None or not _previous_line(text, exc.line):
            findings.append(_catalog_syntax(exc, path, locale))
        return None, findings, 0
    findings += file_checks.check_header(po.metadata, text, path, locale)
    findings += file_checks.duplicates(po, path, locale)
    findings += foreign.obsolete_twins(po, path, locale)
    found, count = check_po(po, locale=locale, domain=domain, path=path, roles=roles)
    return po, findings + found, count


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


def _read(path: Path, shown: str, locale: str | None) -> tuple[str | None, list[Finding]]:
    return file_checks.decode(path.read_bytes(), shown, locale)


def _parse_template(text: str, shown: str) -> tuple[Any | None, list[Finding]]:
    try:
        committed = catalogs.read_po(io.StringIO(text), path=shown)
    except CatalogError as exc:
        return None, [_catalog_syntax(exc, shown, None)]
    return committed, file_checks.duplicates(committed, shown)


_CREATION_DATE = re.compile(r'^"POT-Creation-Date: (.*)\\n"$', re.MULTILINE)
_DIGEST = re.compile(rf'^"{catalogs.DIGEST_FIELD}: (.*)\\n"$', re.MULTILINE)


def _stamp_as(extracted: Any, text: str) -> None:
    """Give the template ``extracted`` the header fields that record when and from which
    files the committed template ``text`` was extracted (its date; its content digest, or
    none): they are not what makes a template current."""
    for field, pattern in (("POT-Creation-Date", _CREATION_DATE), (catalogs.DIGEST_FIELD, _DIGEST)):
        found = pattern.search(text)
        if found is not None:
            extracted.metadata[field] = found.group(1)
        elif field == catalogs.DIGEST_FIELD:
            extracted.metadata.pop(field, None)  # a template from before content digests


def _first_difference(po: Any, text: str) -> int | None:
    """The first line of the first entry where ``text`` differs from ``catalogs.po_text(po)``,
    or None when they are equal. Compares entry by entry (entries are separated by one blank
    line and hold none), so an early difference costs little.

    The usual case, an up-to-date template, is one whole-text comparison with the fast
    writer's output; only a difference is then located entry by entry."""
    rendered = catalogs.po_text(po)
    if rendered == text:
        return None
    if po.obsolete_entries():
        return 1
    head = polib.POFile(wrapwidth=catalogs.WRAP_WIDTH)
    head.header, head.metadata = po.header, po.metadata
    expected = [catalogs.po_text(head)]
    blocks = text.split("\n\n")
    offset = 0
    for index, block in enumerate(blocks):
        if index == len(expected):
            if index > len(po):
                break
            expected.append(po[index - 1].__unicode__(catalogs.WRAP_WIDTH))
        if block.removesuffix("\n") != expected[index].removesuffix("\n"):
            return text.count("\n", 0, offset) + 1
        offset += len(block) + 2
    if len(blocks) != len(po) + 1:
        return text.count("\n", 0, min(offset, len(text))) + 1
    return None


def _template(
    project: Project, domain: str, roles: Roles, *, extract: bool
) -> tuple[Any | None, list[Finding]]:
    """(the template to check the catalogs against, findings about the template and, for the
    articles, about the content's required sections)."""
    template, findings = _template_of(project, domain, extract=extract)
    if domain == "articles" and template is not None:
        findings += missing_section_findings(project.root, template, roles)
    return template, findings


def _template_of(
    project: Project, domain: str, *, extract: bool
) -> tuple[Any | None, list[Finding]]:
    """(the template to check the catalogs against, findings about the template).

    With ``extract`` the committed ``.pot`` must be what extraction gives for the content as
    it is: proved by its seal (:func:`_sealed`: hashing the content, no parse) or, when that
    fails, by a fresh extraction that it is compared with as text (not parsed): a generated
    file differing in any way is out of date, at the line of the first difference."""
    path = project.pot_path(domain)
    shown = project.relative(path)
    findings: list[Finding] = []
    text: str | None = None
    if path.exists():
        data = path.read_bytes()
        text, findings = file_checks.decode(data, shown, None)
        extract = extract and not _sealed(project, domain, data)
    if text is not None:
        findings += file_checks.conflict_markers(text, shown)
    extracted = None
    if extract:
        try:
            extracted = project.extract(domain)
        except MedlocError as exc:
            message = f"cannot extract the {domain} domain: {exc.message}; fix the source"
            findings.append(
                Finding("out-of-date", "error", message, exc.path or shown, exc.line or 1)
            )
    if extracted is None:
        committed, found = _parse_template(text, shown) if text is not None else (None, [])
        return committed, findings + found
    if text is None:
        if not path.exists():
            message = f"no template for the {domain} domain; run 'medloc extract'"
            findings.append(Finding("out-of-date", "error", message, shown, 1))
        return extracted, findings
    _stamp_as(extracted, text)
    line = _first_difference(extracted, text)
    if line is not None:
        message = (
            "the template is out of date with the content: 'medloc extract' would change"
            " this entry; run 'medloc extract' and 'medloc update' and commit the result"
        )
        findings.append(Finding("out-of-date", "error", message, shown, line))
    return extracted, findings


def _sealed(project: Project, domain: str, data: bytes) -> bool:
    """Whether the template ``data`` of ``domain`` is sealed with the digest of the content as
    it is now (:func:`medloc.catalog.sealed`); False when the digest cannot be computed (the
    extraction then says what is wrong)."""
    try:
        digest = project.content_digest(domain)
    except (MedlocError, OSError):
        return False
    return catalogs.sealed(data, digest)


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
    whole run: every locale has the same msgids. (Process-wide tuning, such as the cyclic
    garbage collector, is the business of the command that starts the batch, not of this
    function.)"""
    with remember_sources():
        return _run_gate(Path(root).resolve(), locales, domains, extract=extract, jobs=jobs)


_Part = tuple[list[str], list[Finding], int]
"""What one piece of the work gives: (files read, as shown; findings; entries checked)."""


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
    if workers > 1 and len(selected) < workers:
        # Fewer catalogs than processors: the template side of a domain (extract, compare,
        # then each catalog against the template) is one task, each catalog's own checks
        # another, so that the extraction runs while the catalogs are checked. Each
        # catalog is parsed twice, once per side.
        tasks: list[tuple[str, str | None]] = [(d, None) for d in domains]
        tasks += [(d, loc) for d in domains for loc in selected]
        task = functools.partial(_task, project, roles, selected, extract)
        done = dict(zip(tasks, _parallel.run(task, tasks, workers), strict=True))
        parts = [done[(d, loc)] for d in domains for loc in (None, *selected)]
    else:
        # The template first, then the catalogs, each parsed once, several at a time.
        parts = []
        for domain in domains:
            template, template_findings = _template(project, domain, roles, extract=extract)
            pot_shown = project.relative(project.pot_path(domain))
            parts.append(([pot_shown], template_findings, 0))
            one = functools.partial(_locale, project, roles, domain, template, pot_shown)
            at_once = workers if jobs is not None else _jobs(project, selected, [domain])
            parts += _parallel.run(one, selected, min(workers, at_once))
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
    template: Any | None,
    pot_shown: str,
    locale: str,
) -> _Part:
    """One locale's catalog of ``domain``, parsed once: its own checks, then against the
    template."""
    po, (shown, found, count) = _catalog_side(project, roles, domain, locale)
    if template is not None:
        if not shown:
            found.append(_no_catalog(project, domain, locale))
        elif po is not None:
            found += _against_template(po, template, shown[0], pot_shown, locale, roles)
    return shown, found, count


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
        return _catalog_side(project, roles, domain, locale)[1]
    template, findings = _template(project, domain, roles, extract=extract)
    pot_shown = project.relative(project.pot_path(domain))
    if template is None:
        return [pot_shown], findings, 0
    for locale in locales:
        path = project.po_path(locale, domain)
        shown = project.relative(path)
        if not path.exists():
            findings.append(_no_catalog(project, domain, locale))
            continue
        text = _read(path, shown, locale)[0]
        try:
            po = catalogs.read_po(io.StringIO(text), path=shown) if text is not None else None
        except CatalogError:
            continue  # the catalog's side says so
        if po is not None:
            findings += _against_template(po, template, shown, pot_shown, locale, roles)
    return [pot_shown], findings, 0


def _catalog_side(
    project: Project, roles: Roles, domain: str, locale: str
) -> tuple[Any | None, _Part]:
    """(the parsed catalog or None, what checking it alone gives): encoding, syntax, headers,
    every entry, the compiled ``.mo``."""
    path = project.po_path(locale, domain)
    shown = project.relative(path)
    if not path.exists():
        return None, ([], [], 0)
    text, findings = _read(path, shown, locale)
    if text is None:
        return None, ([shown], findings, 0)
    po, found, count = check_catalog_text(
        text, path=shown, locale=locale, domain=domain, roles=roles
    )
    findings += found
    mo_path = project.mo_path(locale, domain)
    if po is not None and mo_path.exists():
        findings += file_checks.stale_mo(
            po, mo_path.read_bytes(), shown, project.relative(mo_path), locale
        )
    return po, ([shown], findings, count)


def _against_template(
    po: Any, template: Any, shown: str, pot_shown: str, locale: str, roles: Roles
) -> list[Finding]:
    return (
        file_checks.missing_safety(template, po, shown, pot_shown, locale, roles)
        + file_checks.out_of_date(po, template, shown, locale)
        + foreign.stray_format_flags(po, template, shown, locale)
    )


def _no_catalog(project: Project, domain: str, locale: str) -> Finding:
    shown = project.relative(project.po_path(locale, domain))
    message = "no catalog for this locale; run 'medloc update'"
    return Finding("out-of-date", "error", message, shown, 1, locale=locale)
