"""The reports come a finding at a time (``*_pieces``), so that ``medloc check`` never holds a
report of hundreds of thousands of findings as one text or a dict per finding; the pieces
are held here to what the one-document forms gave: ``json.dumps`` of the whole document and
``"\\n".join`` of the lines, byte for byte."""

from __future__ import annotations

import gc
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from medloc.qa import CODES, Finding
from medloc.qa.report import (
    GateReport,
    _as_dict,
    _result,
    _rule,
    _summary,
    json_pieces,
    sarif_pieces,
    text_pieces,
)

_CODES = sorted(CODES)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    return Finding(
        code=draw(st.sampled_from(_CODES)),
        severity=draw(st.sampled_from(["error", "warning"])),
        message=draw(_TEXT),  # newlines, quotes, NUL, RTL marks, astral characters
        path=draw(st.sampled_from(["locales/es/LC_MESSAGES/articles.po", "locales/ar/x.po"])),
        line=draw(st.integers(0, 10**6)),
        ignored=draw(st.none() | _TEXT),
        locale=draw(st.none() | st.sampled_from(["es", "ar", "zh_Hans"])),
        context=draw(st.none() | _TEXT),
        msgid=draw(st.none() | _TEXT),
        domain=draw(st.none() | st.sampled_from(["articles", "messages"])),
    )


def _report(found: list[Finding]) -> GateReport:
    return GateReport(tuple(found), ("ar", "es"), ("locales/es/LC_MESSAGES/articles.po",), 42)


def _whole_json(report: GateReport) -> str:
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


def _whole_sarif(report: GateReport, version: str) -> str:
    codes = list(CODES)
    index = {code: i for i, code in enumerate(codes)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medloc check",
                        "version": version,
                        "rules": [_rule(CODES[code]) for code in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the project"}}},
                "results": [_result(f, index[f.code]) for f in report.findings],
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _whole_text(report: GateReport) -> str:
    lines = [
        f"{f.path}:{f.line}: {f.code} {f.message}"
        + (" (warning)" if f.severity == "warning" else "")
        for f in report.active
    ]
    return "\n".join([*lines, _summary(report)])


@settings(max_examples=150, deadline=None)
@given(st.lists(findings(), max_size=6))
def test_pieces_give_the_whole_documents(found: list[Finding]) -> None:
    report = _report(found)
    assert "".join(json_pieces(report)) == _whole_json(report)
    sarif = "".join(sarif_pieces(report))
    version = json.loads(sarif)["runs"][0]["tool"]["driver"]["version"]
    assert sarif == _whole_sarif(report, version)
    assert "".join(text_pieces(report)) == _whole_text(report)


@pytest.mark.parametrize("count", [0, 1, 2, 1000])
def test_a_piece_per_finding(count: int) -> None:
    """Never the whole list at once: one piece per finding, plus the document's two ends."""
    found = [Finding("length", "warning", f"message {n}", "a.po", n) for n in range(count)]
    pieces = list(json_pieces(_report(found)))
    assert len(pieces) == (1 if count == 0 else count + 2)
    assert json.loads("".join(pieces))["findings"] == [_as_dict(f) for f in found]


def test_writing_a_report_leaves_no_cycles_per_finding() -> None:
    """``medloc check`` runs with the cyclic collector off (a batch command): what the report
    writes per finding must be freed by reference counting alone. ``json.dumps`` with an
    indent leaves a cycle of closures per call (1.1 GB at 473,206 findings)."""
    found = [Finding("length", "warning", f"message {n}", "a.po", n) for n in range(300)]
    report = _report(found)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for pieces in (json_pieces, sarif_pieces):
            gc.collect()
            for _ in pieces(report):
                pass
            assert gc.collect() < 100  # the skeleton's one json.dumps, not one per finding
    finally:
        if collecting:
            gc.enable()
