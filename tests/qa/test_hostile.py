"""Hostile translations in the shipped catalogs: `medloc check` fails on each, with file and
line, and a translator's ``medloc-ignore`` cannot waive ``unsafe`` or a changed link target
(issue #11). Each case is seeded in a temporary copy of the project (`project_copy`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.qa import Entry, check_entry

pytestmark = pytest.mark.cldr  # the gate reads CLDR number symbols and plural rules (Babel)

DE_UI = "locales/de/LC_MESSAGES/messages.po"
ES_UI = "locales/es/LC_MESSAGES/messages.po"
ES = "locales/es/LC_MESSAGES/articles.po"
REVIEWED = 'msgstr "Zuletzt geprüft: %(date)s"'
LINK = "rizotomía](rhizotomy-complete-guide)."
SKIP = 'msgstr "Ir al contenido"'


@dataclass(frozen=True)
class Case:
    """One hostile edit: in ``path``, ``old`` becomes ``new``; the entry whose msgstr that is
    must get ``codes``, errors nobody ignored."""

    name: str
    path: str
    old: str
    new: str
    codes: frozenset[str]


def _case(name: str, path: str, old: str, new: str, *codes: str) -> Case:
    return Case(name, path, old, new, frozenset(codes))


def _link(name: str, target: str) -> Case:
    return _case(name, ES, LINK, f"rizotomía]({target}).", "unsafe", "link-target")


CASES = [
    _case("width", DE_UI, REVIEWED, REVIEWED.replace(")s", ")99999999999s"), "placeholders"),
    _case("width-5mb", DE_UI, REVIEWED, REVIEWED.replace(")s", ")5000000s"), "placeholders"),
    _case("star-width", DE_UI, REVIEWED, REVIEWED.replace(")s", ")*s"), "placeholders"),
    _case("precision", DE_UI, REVIEWED, REVIEWED.replace(")s", ").99999s"), "placeholders"),
    _case("star-precision", DE_UI, REVIEWED, REVIEWED.replace(")s", ").*s"), "placeholders"),
    _case("nul", DE_UI, REVIEWED, REVIEWED.replace("geprüft", "gepr\x00üft"), "unsafe"),
    _case("nul-article", ES, LINK, LINK + "\x00", "unsafe"),
    _case("escape", DE_UI, REVIEWED, REVIEWED.replace("geprüft", "\x1b[2Jgeprüft"), "unsafe"),
    _case("backspace", DE_UI, REVIEWED, REVIEWED.replace("geprüft", "geprüft\\b"), "unsafe"),
    _case("carriage-return", ES_UI, SKIP, SKIP.replace("Ir", "Ir\\r"), "unsafe"),
    _case("c1-control", ES_UI, SKIP, SKIP.replace("Ir", "Ir\x9b"), "unsafe"),
    _link("hex-colon", "javascript&#x3A;alert(1)"),
    _link("named-colon", "javascript&colon;alert(1)"),
    _link("decimal-colon", "javascript&#58;alert(1)"),
    _link("zero-padded-colon", "javascript&#0000058;alert(1)"),
    _link("mixed-case", "JaVaScRiPt&#X3a;alert(1)"),
    _link("data-colon", "data&colon;text/html;base64,PHNjcmlwdD4="),
    _link("entity-letters", "&#106;ava&#115;cript&#x3a;alert(1)"),
    _case("raw-text-hex", ES_UI, SKIP, SKIP.replace("Ir", "javascript&#x3A;alert(1) Ir"), "unsafe"),
    _case("raw-text-named", ES_UI, SKIP, SKIP.replace("Ir", "JAVASCRIPT&colon;x Ir"), "unsafe"),
]


def check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root), "--format", "json"])
    return result.exit_code, result.output


def seed(root: Path, case: Case) -> int:
    """Apply ``case``; returns the first line of the entry it changed."""
    path = root / case.path
    text = path.read_text(encoding="utf-8")
    assert case.old in text, case.old
    at = text.index(case.old)
    path.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")
    return _entry_start(text[:at])


def _entry_start(before: str) -> int:
    """The first line of the entry that goes on past ``before``: after the last blank line
    (``before`` ends inside the entry, maybe at the start of a line)."""
    lines = before.split("\n")[:-1]
    blank = max(i for i, line in enumerate(lines) if not line.strip())
    return blank + 2


def findings(out: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(out)["findings"]
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_fails_on_each_hostile_translation(project_copy: Path, case: Case) -> None:
    line = seed(project_copy, case)
    code, out = check(project_copy)
    assert code == 1, out
    at = {
        str(f["code"])
        for f in findings(out)
        if f["path"] == case.path and f["line"] == line and not f["ignored"]
    }
    assert case.codes <= at, out


@pytest.mark.parametrize(
    ("case", "code"),
    [(CASES[11], "unsafe"), (CASES[11], "link-target"), (CASES[5], "unsafe")],
    ids=["unsafe-link", "link-target", "unsafe-nul"],
)
def test_an_ignore_does_not_silence_it(project_copy: Path, case: Case, code: str) -> None:
    line = seed(project_copy, case)
    path = project_copy / case.path
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, f"# medloc-ignore: {code} the reviewer allowed it")
    path.write_text("\n".join(lines), encoding="utf-8")
    exit_code, out = check(project_copy)
    assert exit_code == 1, out
    at = [f for f in findings(out) if f["path"] == case.path and f["line"] == line]
    assert {str(f["code"]) for f in at if not f["ignored"]} >= {code, "bad-ignore"}
    (bad,) = [f for f in at if f["code"] == "bad-ignore"]
    assert f"{code} cannot be ignored" in str(bad["message"])


def test_numbers_keep_their_ignore(project_copy: Path) -> None:
    path = project_copy / ES
    text = path.read_text(encoding="utf-8")
    old = "rizotomía](rhizotomy-complete-guide)."
    line = seed(project_copy, _case("n", ES, old, old + " 42", "numbers"))
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, "# medloc-ignore: numbers the reviewer allowed it")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert text != path.read_text(encoding="utf-8")
    _, out = check(project_copy)
    (ignored,) = [f for f in findings(out) if f["path"] == ES and f["line"] == line]
    assert (ignored["code"], ignored["ignore_reason"]) == ("numbers", "the reviewer allowed it")


HOSTILE_TEXTS = [
    "Geprüft: %(date)99999999999s",
    "%(n)*d",
    "%(n).5d %5s",
    "a\x00b",
    "\x1b[2J",
    "tab\there",
    "line\nbreak",
    "[x](javascript&#x3A;alert(1))",
    "[x](javascript&colon;x)",
    "javascript&#58;alert(1)",
    "[x](thermal-rhizotomy)",
    "[x](https://evil.example/)",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
@pytest.mark.parametrize("domain", ["articles", "messages"])
@pytest.mark.parametrize("source", ["See [x](thermal-rhizotomy).", "Last: %(date)s", "Plain"])
def test_preconditions_let_every_hostile_text_through(source: str, text: str, domain: str) -> None:
    entry = Entry(source, text, "de", domain, flags=frozenset({"python-format"}))
    assert check_entry(entry) == check_entry(entry, preconditions=False)
