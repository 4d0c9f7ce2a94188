"""The report of ``medloc check`` and its formatters: text, JSON and SARIF 2.1.0.

Pure: `medloc.qa.gate` reads the files, runs the checks and builds the `GateReport`; these
functions only turn it into the text the CLI prints. Each format comes as pieces
(``*_pieces``: a finding at a time, so that a report of hundreds of thousands of findings is
never held as one text, nor as a dict per finding) and as one text (``format_*``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata

from . import CODES, Finding
from ._rule_help import HELP
from .codes import Code

__all__ = [
    "GateReport",
    "fingerprint",
    "format_json",
    "format_sarif",
    "format_text",
    "json_pieces",
    "sarif_pieces",
    "text_pieces",
]


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


def text_pieces(report: GateReport) -> Iterator[str]:
    """``path:line: CODE message`` per finding not ignored, then a summary line, a line at a
    time (lines joined by newlines, no newline after the last)."""
    for f in report.findings:
        if f.ignored is None:
            warning = " (warning)" if f.severity == "warning" else ""
            yield f"{f.path}:{f.line}: {f.code} {f.message}{warning}\n"
    yield _summary(report)


def format_text(report: GateReport) -> str:
    """The text report as one text (see :func:`text_pieces`)."""
    return "".join(text_pieces(report))


_ITEMS = "\x00medloc: the items go here\x00"
"""A placeholder in a JSON document's skeleton for the list given item by item."""


def _json_pieces(
    skeleton: object, items: Sequence[Finding], as_json: Callable[[Finding], object]
) -> Iterator[str]:
    """``json.dumps(document, indent=2, ensure_ascii=False)`` a piece at a time, where the
    document is ``skeleton`` with its one list ``[_ITEMS]`` holding ``as_json`` of each item:
    one item's JSON at a time (:func:`_indented`)."""
    text = json.dumps(skeleton, indent=2, ensure_ascii=False)
    marker = json.dumps(_ITEMS, ensure_ascii=False)
    at = text.index(marker)
    start = text.rindex("\n", 0, at) + 1
    pad = text[start:at]
    if not items:
        yield text[: text.rindex("[", 0, start)] + "[]" + text[text.index("]", at) + 1 :]
        return
    yield text[:start]
    for number, item in enumerate(items):
        yield ("" if number == 0 else ",\n") + pad + _indented(as_json(item), pad)
    yield text[at + len(marker) :]


def _indented(value: object, pad: str) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it at ``pad``'s
    depth. Not json.dumps itself: with an indent it builds nested closures that refer to each
    other, a reference cycle per call that only the cyclic collector frees, and a batch
    command runs without it (:func:`medloc._parallel.batch_process`): one call per finding
    kept 1.1 GB at 473,206 findings. Scalars go through json.dumps's C path."""
    inner = pad + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = (
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_indented(member, inner)}"
            for key, member in value.items()
        )
        return "{\n" + ",\n".join(members) + "\n" + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


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


def json_pieces(report: GateReport) -> Iterator[str]:
    """Every finding, ignored ones included, with a summary (see :func:`format_json`)."""
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
        "findings": [_ITEMS],
    }
    return _json_pieces(document, report.findings, _as_dict)


def format_json(report: GateReport) -> str:
    """Every finding, ignored ones included, with a summary."""
    return "".join(json_pieces(report))


_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_DOCS = "docs/checks.md"


def _pascal(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("-"))


def _rule(code: Code) -> dict[str, object]:
    """The SARIF rule of one finding code: name, short and full description, help text (no
    help URI: the project's documentation has no absolute address)."""
    blocks = "Blocks the gate (error)." if code.severity == "error" else "A warning."
    silence = (
        f"A wrong finding may be silenced with '# medloc-ignore: {code.code} <reason>'."
        if code.ignorable
        else "It cannot be ignored: fix the translation or report a false positive."
    )
    fix = HELP.get(code.code, code.summary[0].upper() + code.summary[1:] + ".")
    full = f"{code.summary[0].upper()}{code.summary[1:]}. {blocks} {silence}"
    return {
        "id": code.code,
        "name": _pascal(code.code) + "Check",  # never the id itself (SARIF1001)
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{fix} {silence} See {_DOCS} in the project."},
        "defaultConfiguration": {"level": code.severity},
        "properties": {"ignorable": code.ignorable},
    }


def fingerprint(f: Finding) -> str:
    """What identifies a finding across edits: its code and message (locale, domain, msgctxt,
    msgid), or, for a finding about a file, the file. Never the line: an entry that moves
    keeps its fingerprint."""
    if f.msgid is not None:
        parts = (f.code, f.locale or "", f.domain or "", f.context or "", f.msgid)
    else:
        parts = (f.code, f.locale or "", f.path, f.context or "", "")
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, index: int) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": f.severity,
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(f.line, 1)},
                }
            }
        ],
        "partialFingerprints": {"medlocMessage/v1": fingerprint(f)},
        "properties": {"locale": f.locale, "context": f.context},
    }
    if f.ignored is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.ignored}]
    return result


def sarif_pieces(report: GateReport) -> Iterator[str]:
    """A SARIF 2.1.0 log: one rule per code (with its descriptions and help), one result per
    finding with a fingerprint that follows its message across edits; ignored findings carry
    an in-source suppression with the translator's reason."""
    codes = list(CODES)
    index = {code: i for i, code in enumerate(codes)}
    document = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medloc check",
                        "version": _version(),
                        "rules": [_rule(CODES[code]) for code in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the project"}}},
                "results": [_ITEMS],
            }
        ],
    }
    return _json_pieces(document, report.findings, lambda f: _result(f, index[f.code]))


def format_sarif(report: GateReport) -> str:
    """The SARIF 2.1.0 log as one text (see :func:`sarif_pieces`)."""
    return "".join(sarif_pieces(report))


def _version() -> str:
    try:
        return metadata.version("medloc")
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "0"
