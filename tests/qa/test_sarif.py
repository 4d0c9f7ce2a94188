"""The gate's SARIF log is what code review tools take as it is: rule metadata for every code,
fingerprints that follow a message (not a line), ignored findings as suppressions, and no error
from the Microsoft SARIF multitool (the validator GitHub's documentation points to; installed
from npm by ``.ci/run``, a self-contained binary)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from medloc.qa import CODES
from medloc.qa._rule_help import HELP
from medloc.qa.entry import Entry
from medloc.qa.report import fingerprint
from medloc.qa.runner import check_entry
from test_gate import AR, ES, add_comment, check, edit, project

__all__ = ["project"]  # the fixture, shared with test_gate

pytestmark = pytest.mark.cldr

REPO = Path(__file__).resolve().parents[2]
REASON = "reviewed by Dr. Ruiz: the source is being corrected"


def seed(root: Path) -> None:
    """An error (a negation dropped from Arabic risks text), a warning (Spanish left in
    English) and an ignored error (Spanish numbers, with a reason)."""
    edit(root, AR, "لا تقد السيارة", "قد السيارة")
    edit(
        root,
        ES,
        "La sonda se calienta a 80 grados y del 60 % al 80 % de los pacientes mejora.",
        "The probe is heated to 80 °C and 60% to 80% of patients improve.",
    )
    edit(root, ES, "de 6 a 12 meses", "6 meses")
    add_comment(root, ES, "Relief lasts", f"medloc-ignore: numbers {REASON}")


def sarif(root: Path) -> dict[str, object]:
    code, out = check(root, "--format", "sarif")
    assert code == 1, out
    document: dict[str, object] = json.loads(out)
    return document


def results_of(document: dict[str, object]) -> list[dict[str, object]]:
    (run,) = document["runs"]  # type: ignore[misc]
    found: list[dict[str, object]] = run["results"]
    return found


def test_results_suppressions_and_fingerprints(project: Path) -> None:
    seed(project)
    results = results_of(sarif(project))
    by_code = {r["ruleId"]: r for r in results}
    assert set(by_code) == {"safety-negation", "same-as-source", "numbers"}
    assert by_code["safety-negation"]["level"] == "error"
    assert by_code["same-as-source"]["level"] == "warning"
    assert by_code["numbers"]["suppressions"] == [{"kind": "inSource", "justification": REASON}]
    assert all("suppressions" not in r for c, r in by_code.items() if c != "numbers")
    prints = [r["partialFingerprints"] for r in results]
    assert len({json.dumps(p) for p in prints}) == len(results)


def test_fingerprints_follow_the_message_not_the_line(project: Path) -> None:
    seed(project)
    before = {r["ruleId"]: r for r in results_of(sarif(project))}
    # two lines are added at the top of both catalogs: each finding moves down
    for rel in (ES, AR):
        path = project / rel
        notes = "# A note for the next translator.\n# Checked with the surgeon.\n"
        path.write_text(notes + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = {r["ruleId"]: r for r in results_of(sarif(project))}
    assert set(after) == set(before)
    for code, result in after.items():
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]  # type: ignore[index]
        old = before[code]["locations"][0]["physicalLocation"]["region"]["startLine"]  # type: ignore[index]
        assert line == old + 2, code
        assert result["partialFingerprints"] == before[code]["partialFingerprints"], code


def test_a_fingerprint_is_of_locale_domain_context_msgid_and_code() -> None:
    entry = Entry("Do not drive for 24 hours.", "Conduzca 24 horas.", "es", role="risks")
    (found,) = [f for f in check_entry(entry) if f.code == "safety-negation"]
    moved = Entry(entry.msgid, entry.msgstr, "es", role="risks", line=90, path="x.po")
    (same,) = [f for f in check_entry(moved) if f.code == "safety-negation"]
    assert fingerprint(found) == fingerprint(same)
    for other in (
        Entry(entry.msgid, entry.msgstr, "pt_BR", role="risks"),
        Entry(entry.msgid, entry.msgstr, "es", domain="messages", role="risks"),
        Entry(entry.msgid, entry.msgstr, "es", context="a#risks", role="risks"),
        Entry("Do not drive for 12 hours.", "Conduzca 12 horas.", "es", role="risks"),
    ):
        (differs,) = [f for f in check_entry(other) if f.code == "safety-negation"]
        assert fingerprint(differs) != fingerprint(found), other


def test_every_code_is_a_rule_with_its_metadata(project: Path) -> None:
    code, out = check(project, "--format", "sarif")
    assert code == 0, out
    (run,) = json.loads(out)["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        assert rule["name"] and rule["name"].lower() != rule["id"].lower()
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)
        if "helpUri" in rule:
            assert urlparse(rule["helpUri"]).scheme in ("http", "https"), rule["helpUri"]
    assert "informationUri" not in run["tool"]["driver"]
    assert set(HELP) == set(CODES)  # a hand-written help text for every shipped code


def _multitool() -> str | None:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "@microsoft" / "sarif-multitool").is_dir():
        return None
    found = subprocess.run(
        [node, "-p", "require('@microsoft/sarif-multitool')"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.strip()


def test_the_sarif_multitool_finds_no_error(project: Path, tmp_path: Path) -> None:
    multitool = _multitool()
    if multitool is None:
        pytest.skip("the SARIF multitool is installed by npm ci (bash .ci/run)")
    seed(project)
    log = tmp_path / "medloc.sarif"
    log.write_text(json.dumps(sarif(project)), encoding="utf-8")
    output = tmp_path / "validation.sarif"
    done = subprocess.run(
        [multitool, "validate", str(log), "--output", str(output), "--log", "ForceOverwrite"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert output.is_file(), done.stdout + done.stderr
    (run,) = json.loads(output.read_text(encoding="utf-8"))["runs"]
    assert run["invocations"][0]["executionSuccessful"], done.stdout
    errors = [r for r in run["results"] if r.get("level") == "error"]
    assert errors == [], done.stdout
    assert done.returncode == 0, done.stdout
