"""The report of ``medloc check`` and its formatters: text, JSON and SARIF 2.1.0.

Pure: `medloc.qa.gate` reads the files, runs the checks and builds the `GateReport`; these
functions only turn it into the text the CLI prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import CODES, Finding

__all__ = ["DOCS_URI", "GateReport", "format_json", "format_sarif", "format_text"]

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
