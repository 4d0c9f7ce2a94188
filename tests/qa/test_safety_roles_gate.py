"""`instructions` is enforced exactly like `risks`: whatever the gate reports about a risks
message (untranslated, fuzzy, left in English, missing, stale after the English changed, a
dropped negation, a changed number) it reports the same way, with file and line, about an
instructions message; and the service never mixes an instructions section."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from gatedemo import article, make_project
from medloc import catalog as catalogs
from medloc import create_app
from medloc.cli import main
from medloc.qa.entry import Finding
from medloc.qa.gate import run_gate
from medloc.serving.web import Settings
from webproject import dom

pytestmark = pytest.mark.cldr

ROOT = Path(__file__).resolve().parents[2]
ES = "locales/es/LC_MESSAGES/articles.po"

ARTICLE = article(
    """\
## What is it? {#what-is-it}

Relief can last 6 to 12 months.

It is done as a day case.

## Before you come {#before role=instructions}

Do not eat for 6 hours before the procedure.

Someone must drive you home.

## Risks {#risks role=risks}

Do not drive for 24 hours.

Infection can occur in under 1% of cases.
"""
)

SPANISH = {
    "Demo article": "Artículo de demostración",
    "A short demo.": "Una breve demostración.",
    "What is it?": "¿Qué es?",
    "Relief can last 6 to 12 months.": "El alivio puede durar de 6 a 12 meses.",
    "It is done as a day case.": "Se hace de forma ambulatoria.",
    "Before you come": "Antes de venir",
    "Do not eat for 6 hours before the procedure.": (
        "No coma durante 6 horas antes del procedimiento."
    ),
    "Someone must drive you home.": "Alguien debe llevarle a casa.",
    "Risks": "Riesgos",
    "Do not drive for 24 hours.": "No conduzca durante 24 horas.",
    "Infection can occur in under 1% of cases.": (
        "La infección puede ocurrir en menos del 1 % de los casos."
    ),
    "Medical disclaimer": "Aviso médico",
    "This article is general information.": "Este artículo es información general.",
}

# (the section's first message, its negated instruction and its Spanish) per role
SECTIONS = {
    "instructions": (
        "Someone must drive you home.",
        "Do not eat for 6 hours before the procedure.",
        "No coma durante 6 horas antes del procedimiento.",
    ),
    "risks": (
        "Infection can occur in under 1% of cases.",
        "Do not drive for 24 hours.",
        "No conduzca durante 24 horas.",
    ),
}
ORDINARY = ("It is done as a day case.", "Relief can last 6 to 12 months.")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A clean project: one article with an instructions and a risks section, es translated."""
    return make_project(tmp_path / "demo", ARTICLE, ui="Hello", translations={"es": SPANISH})


def _po(root: Path) -> polib.POFile:
    return polib.pofile((root / ES).read_text(encoding="utf-8"))


def _change(root: Path, msgid: str, change: Callable[[polib.POEntry], None]) -> None:
    po = _po(root)
    change(next(e for e in po if e.msgid == msgid))
    (root / ES).write_text(catalogs.po_text(po), encoding="utf-8")


def _line(root: Path, msgid: str) -> int:
    return int(next(e for e in _po(root) if e.msgid == msgid).linenum)


def _blank(entry: polib.POEntry) -> None:
    entry.msgstr = ""


def _fuzzy(entry: polib.POEntry) -> None:
    entry.flags.append("fuzzy")


def _english(entry: polib.POEntry) -> None:
    entry.msgstr = entry.msgid


def _findings(root: Path) -> list[Finding]:
    return list(run_gate(root, locales=["es"]).findings)


def _about(findings: list[Finding], msgid: str) -> set[tuple[str, str, str, int]]:
    return {(f.code, f.severity, f.path, f.line) for f in findings if f.msgid == msgid}


def test_the_clean_project_passes(project: Path) -> None:
    errors = [f for f in _findings(project) if f.severity == "error"]
    assert errors == []
    text = (project / ES).read_text(encoding="utf-8")
    assert "#. role: instructions (safety-critical)" in text


@pytest.mark.parametrize("change", [_blank, _fuzzy, _english], ids=lambda c: c.__name__[1:])
def test_an_incomplete_message_is_an_error_in_instructions_as_in_risks(
    project: Path, change: Callable[[polib.POEntry], None]
) -> None:
    for role, (msgid, _negated, _spanish) in SECTIONS.items():
        _change(project, msgid, change)
        line = _line(project, msgid)
        assert ("safety-incomplete", "error", ES, line) in _about(_findings(project), msgid), role
    # an ordinary message left so is not a safety finding
    _change(project, ORDINARY[0], change)
    codes = {code for code, *_ in _about(_findings(project), ORDINARY[0])}
    assert "safety-incomplete" not in codes


def test_a_message_missing_from_the_catalog_is_an_error_in_both(project: Path) -> None:
    po = _po(project)
    for msgid, *_ in SECTIONS.values():
        po.remove(next(e for e in po if e.msgid == msgid))
    (project / ES).write_text(catalogs.po_text(po), encoding="utf-8")
    findings = _findings(project)
    for msgid, *_ in SECTIONS.values():
        missing = [f for f in findings if f.code == "safety-incomplete" and msgid[:40] in f.message]
        assert [(f.path, f.line, f.severity) for f in missing] == [(ES, 1, "error")], msgid


def test_a_stale_translation_after_the_english_changed_is_an_error_in_both(
    project: Path,
) -> None:
    article = project / "content" / "articles" / "demo.md"
    text = article.read_text(encoding="utf-8")
    for msgid, *_ in SECTIONS.values():
        text = text.replace(msgid, msgid.replace(".", ", please."))
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["update", "--root", str(project)])
    assert result.exit_code == 0, result.output
    findings = _findings(project)
    for msgid, *_ in SECTIONS.values():
        changed = msgid.replace(".", ", please.")
        entry = next(e for e in _po(project) if e.msgid == changed)
        assert entry.fuzzy and entry.msgstr  # carried over, marked for review
        assert ("safety-incomplete", "error", ES, entry.linenum) in _about(findings, changed)


def test_qa_findings_in_instructions_are_the_safety_ones_as_in_risks(project: Path) -> None:
    for msgid, negated, spanish in SECTIONS.values():
        del msgid
        _change(project, negated, lambda e, s=spanish: setattr(e, "msgstr", s[3:].capitalize()))
    findings = _findings(project)
    verdicts = []
    for role, (_msgid, negated, _spanish) in SECTIONS.items():
        about = _about(findings, negated)
        assert ("safety-negation", "error", ES, _line(project, negated)) in about, role
        verdicts.append({(code, severity) for code, severity, *_ in about})
    assert verdicts[0] == verdicts[1]  # the same codes and severities for both roles


def test_an_instructions_section_is_served_whole_never_mixed(project: Path) -> None:
    _change(project, "Someone must drive you home.", _blank)
    _change(project, ORDINARY[0], _blank)
    page = create_app(Settings(root=project)).test_client().get("/es/articles/demo").data
    tree = dom(page)
    # the instructions section: its translated first message is not shown, the whole
    # section comes in English
    assert b"No coma durante" not in page
    assert tree.containing("Do not eat for 6 hours").lang() == ("en", "ltr")
    assert tree.containing("Someone must drive you home.").lang() == ("en", "ltr")
    # an ordinary section falls back block by block: its other message stays Spanish
    assert b"El alivio puede durar" in page
    assert tree.containing("It is done as a day case.").lang() == ("en", "ltr")
