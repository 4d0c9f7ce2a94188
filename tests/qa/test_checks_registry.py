"""A check is registered once, in `medloc.qa.CHECKS`, and every consumer applies it: the gate
(``medloc check``, `run_gate`) reports it and the service withholds the translation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from medloc import create_app
from medloc.qa import CHECKS, CODES, Check, Code, Entry, blocking_errors, check_entry
from medloc.qa.gate import run_gate
from medloc.serving.web import Settings
from webproject import build, dom

WORD = "Primer"


def _no_primer(entry: Entry) -> Iterator[str]:
    for _, text in entry.pairs:
        if WORD in text:
            yield f"the translation says {WORD!r}; say it another way"


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[Check]:
    """A new error check, added to the one list (and its code to the codes) for one test."""
    monkeypatch.setitem(CODES, "no-primer", Code("no-primer", "error", "a test check"))
    check = Check("no-primer", _no_primer, lambda entry, source, text: WORD in text)
    CHECKS.append(check)
    try:
        yield check
    finally:
        CHECKS.remove(check)


def test_the_gate_and_the_service_both_apply_a_check_registered_once(
    tmp_path: Path, registered: Check
) -> None:
    root = build(tmp_path)
    report = run_gate(root, locales=["es"], extract=False)
    (found,) = [f for f in report.findings if f.code == "no-primer"]
    assert (found.path, found.severity) == ("locales/es/LC_MESSAGES/articles.po", "error")
    assert found.line > 1
    page = create_app(Settings(root=root)).test_client().get("/es/articles/demo")
    assert page.status_code == 200
    fallen = dom(page.data).containing("First paragraph.")
    assert fallen.lang() == ("en", "ltr")
    assert "Primer párrafo." not in page.data.decode()


def test_without_the_check_both_accept_the_translation(tmp_path: Path) -> None:
    root = build(tmp_path)
    report = run_gate(root, locales=["es"], extract=False)
    assert "no-primer" not in {f.code for f in report.findings}
    page = create_app(Settings(root=root)).test_client().get("/es/articles/demo")
    assert "Primer párrafo." in page.data.decode()


def test_the_runner_reads_the_list_at_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner keeps what it works out of a list of checks, but a check added to the list,
    put in place of another or taken out counts from the next call on."""
    monkeypatch.setitem(CODES, "no-primer", Code("no-primer", "error", "a test check"))
    entry = Entry(msgid="First paragraph.", msgstr="Primer párrafo.", locale="es")
    codes = lambda: {f.code for f in check_entry(entry)}  # noqa: E731
    assert blocking_errors(entry) == [] and "no-primer" not in codes()
    check = Check("no-primer", _no_primer, lambda entry, source, text: WORD in text)
    CHECKS.append(check)
    try:
        assert "no-primer" in codes()
        assert [f.code for f in blocking_errors(entry)] == ["no-primer"]
        CHECKS[-1] = Check("no-primer", lambda entry: iter(()))
        assert "no-primer" not in codes() and blocking_errors(entry) == []
        CHECKS[-1] = check
        assert [f.code for f in blocking_errors(entry)] == ["no-primer"]
    finally:
        CHECKS.pop()
    assert "no-primer" not in codes() and blocking_errors(entry) == []
    only = [check]
    assert {f.code for f in check_entry(entry, checks=only)} == {"no-primer"}
    only.clear()
    assert check_entry(entry, checks=only) == []
