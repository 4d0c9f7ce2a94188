"""``medloc check``: run the checks of `service.checks` over a project's real catalogs.

`run_gate` is the only function here that reads files; the formatters are pure and return the
text, JSON or SARIF 2.1.0 document the CLI prints.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib

from . import _parallel, catalogs
from ._po import without_gc
from .checks import CODES, Finding
from .checks import catalog as file_checks
from .checks._memo import remember_sources
from .checks.fast import check_po
from .errors import CatalogError, LocaleError, MedlocError
from .project import DOMAINS, MAX_JOBS, PARALLEL_BYTES, Project

__all__ = [
    "GateReport",
    "check_catalog_text",
    "format_json",
    "format_sarif",
    "format_text",
    "run_gate",
]

DOCS_URI = "docs/checks.md"


@dataclass(frozen=True)
class GateReport:
    """Every finding (ignored ones included), sorted by file, line and code."""

    findings: tuple[Finding, ...]
    locales: tuple[str, ...]
    files: tuple[str, ...]
    entries: int

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.ignored is None]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.active if f.severity == "warning"]

    @property
    def ignored(self) -> list[Finding]:
        return [f for f in self.findings if f.ignored is not None]

    def exit_code(self, *, strict: bool = False) -> int:
        """1 on any error (and, with ``strict``, on any warning), else 0."""
        return 1 if self.errors or (strict and self.warnings) else 0


def _catalog_syntax(exc: CatalogError, path: str, locale: str | None) -> Finding:
    return Finding(
        "catalog-syntax", "error", exc.message, exc.path or path, exc.line or 1, locale=locale
    )


def check_catalog_text(
    text: str, *, path: str, locale: str, domain: str
) -> tuple[Any | None, list[Finding], int]:
    """Parse one locale's ``.po`` text and run every check that needs nothing else:
    (the parsed catalog or None, findings, number of entries checked)."""
    findings = file_checks.conflict_markers(text, path, locale)
    try:
        po = catalogs.read_po(io.StringIO(text), path=path)
    except CatalogError as exc:
        findings.append(_catalog_syntax(exc, path, locale))
        return None, findings, 0
    findings += file_checks.check_header(po.metadata, text, path, locale)
    findings += file_checks.duplicates(po, path, locale)
    found, count = check_po(po, locale=locale, domain=domain, path=path)
    return po, findings + found, count


def _select_locales(project: Project, locales: Sequence[str] | None) -> list[str]:
    known = project.locales()
    if not known:
        raise LocaleError(
            f"no catalogs under {project.locales_dir}; run medloc check in the project folder"
            " or pass --root"
        )
    if not locales:
        return known
    by_name = {k.lower().replace("-", "_"): k for k in known}
    chosen: list[str] = []
    for name in locales:
        match = by_name.get(name.lower().replace("-", "_"))
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


def _template(project: Project, domain: str, *, extract: bool) -> tuple[Any | None, list[Finding]]:
    """(the template to check the catalogs against, findings about the template).

    With ``extract`` that is a fresh extraction, and the committed ``.pot`` is compared with
    it as text (not parsed): a generated file differing in any way is out of date."""
    path = project.pot_path(domain)
    shown = project.relative(path)
    findings: list[Finding] = []
    text: str | None = None
    if path.exists():
        text, findings = _read(path, shown, None)
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
    date = _CREATION_DATE.search(text)
    if date is not None:
        extracted.metadata["POT-Creation-Date"] = date.group(1)
    line = _first_difference(extracted, text)
    if line is not None:
        message = (
            "the template is out of date with the content: 'medloc extract' would change"
            " this entry; run 'medloc extract' and 'medloc update' and commit the result"
        )
        findings.append(Finding("out-of-date", "error", message, shown, line))
    return extracted, findings


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

    Each locale's catalog is checked on its own; ``jobs`` is how many forked processes do
    that at once (None: one for small projects, else up to the processors, as for
    ``medloc update``). Cyclic garbage collection is off meanwhile: nothing here builds
    cycles, and with a catalog's entries alive every full collection walks them all again.
    What the checks work out about a source is remembered for the whole run: every locale
    has the same msgids."""
    with without_gc(), remember_sources():
        return _run_gate(Path(root).resolve(), locales, domains, extract=extract, jobs=jobs)


def _run_gate(
    root: Path,
    locales: Sequence[str] | None,
    domains: Iterable[str],
    *,
    extract: bool,
    jobs: int | None,
) -> GateReport:
    project = Project(root)
    selected = _select_locales(project, locales)
    findings: list[Finding] = []
    files: list[str] = []
    entries = 0
    for domain in domains:
        template, template_findings = _template(project, domain, extract=extract)
        findings += template_findings
        pot_shown = project.relative(project.pot_path(domain))
        files.append(pot_shown)
        one = functools.partial(_check_locale, project, domain, template, pot_shown)
        workers = _jobs(project, selected, domain) if jobs is None else jobs
        for shown, found, count in _parallel.run(one, selected, workers):
            files.extend(shown)
            findings += found
            entries += count
    findings.sort(key=lambda f: (f.path, f.line, f.code, f.message))
    return GateReport(tuple(findings), tuple(selected), tuple(files), entries)


def _jobs(project: Project, locales: Sequence[str], domain: str) -> int:
    paths = [project.po_path(locale, domain) for locale in locales]
    size = sum(path.stat().st_size for path in paths if path.exists())
    return min(_parallel.cpus(), MAX_JOBS) if size >= PARALLEL_BYTES else 1


def _check_locale(
    project: Project, domain: str, template: Any | None, pot_shown: str, locale: str
) -> tuple[list[str], list[Finding], int]:
    """Check one locale's catalog of ``domain``: ([its path as shown] if it exists, the
    findings, the number of entries checked)."""
    path = project.po_path(locale, domain)
    shown = project.relative(path)
    if not path.exists():
        if template is None:
            return [], [], 0
        message = "no catalog for this locale; run 'medloc update'"
        return [], [Finding("out-of-date", "error", message, shown, 1, locale=locale)], 0
    text, findings = _read(path, shown, locale)
    if text is None:
        return [shown], findings, 0
    po, found, count = check_catalog_text(text, path=shown, locale=locale, domain=domain)
    findings += found
    if po is None:
        return [shown], findings, count
    if template is not None:
        findings += file_checks.missing_safety(template, po, shown, pot_shown, locale)
        findings += file_checks.out_of_date(po, template, shown, locale)
    mo_path = project.mo_path(locale, domain)
    if mo_path.exists():
        findings += file_checks.stale_mo(
            po, mo_path.read_bytes(), shown, project.relative(mo_path), locale
        )
    return [shown], findings, count


# --- formatters ------------------------------------------------------------------------


def _summary(report: GateReport) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"medloc check: {plural(len(report.errors), 'error')},"
        f" {plural(len(report.warnings), 'warning')}, {len(report.ignored)} ignored"
        f" ({plural(len(report.locales), 'locale')}, {plural(report.entries, 'message')})"
    )


def format_text(report: GateReport) -> str:
    """``path:line: CODE message`` per finding not ignored, then a summary line."""
    lines = [
        f"{f.path}:{f.line}: {f.code} {f.message}"
        + (" (warning)" if f.severity == "warning" else "")
        for f in report.active
    ]
    lines.append(_summary(report))
    return "\n".join(lines)


def _as_dict(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "severity": f.severity,
        "path": f.path,
        "line": f.line,
        "message": f.message,
        "locale": f.locale,
        "context": f.context,
        "ignored": f.ignored is not None,
        "ignore_reason": f.ignored,
    }


def format_json(report: GateReport) -> str:
    """Every finding, ignored ones included, with a summary."""
    document = {
        "version": 1,
        "summary": {
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "ignored": len(report.ignored),
            "messages": report.entries,
            "locales": list(report.locales),
            "files": list(report.files),
        },
        "findings": [_as_dict(f) for f in report.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def format_sarif(report: GateReport) -> str:
    """A SARIF 2.1.0 log: one rule per code, one result per finding (ignored findings carry
    an in-source suppression with the translator's reason)."""
    codes = list(CODES)
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": CODES[code].summary},
            "helpUri": DOCS_URI,
            "defaultConfiguration": {"level": CODES[code].severity},
        }
        for code in codes
    ]
    results = []
    for f in report.findings:
        result: dict[str, object] = {
            "ruleId": f.code,
            "ruleIndex": codes.index(f.code),
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line},
                    }
                }
            ],
            "properties": {"locale": f.locale, "context": f.context},
        }
        if f.ignored is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": f.ignored}]
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medloc check",
                        "informationUri": DOCS_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
