"""``medloc update`` and source changes: a fuzzy entry says in a ``#.`` note what kind of change
its English went through (recomputed from ``#|``); a meaning-neutral change (whitespace,
quotes) keeps the translation active and its review valid."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.review.state import ReviewState, review_state, section_states
from reviewgit import REVIEWER, SECTION, TRANSLATOR, commit_all

CTX = "a#risks"
OLD = "Do not drive for 24 hours. See [aftercare](aftercare)."
PO = "locales/es/LC_MESSAGES/articles.po"
ARTICLE = "content/articles/thermal-rhizotomy.md"


def merge(msgid: str, *, tcomment: str = "") -> polib.POEntry:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgctxt=CTX, msgid=OLD, msgstr="No conduzca.", tcomment=tcomment))
    pot = polib.POFile()
    pot.append(polib.POEntry(msgctxt=CTX, msgid=msgid, comment="role: risks (safety-critical)"))
    merged = catalogs.update_catalog(po, pot)
    (entry,) = (e for e in merged if not e.obsolete)
    # a second update changes nothing, and the note comes back when a tool dropped it
    again = catalogs.update_catalog(merged, pot)
    assert catalogs.po_text(again) == catalogs.po_text(merged)
    dropped = catalogs.parse_po(catalogs.po_text(merged), path="x.po")
    for e in dropped:
        e.comment = ""
    assert catalogs.po_text(catalogs.update_catalog(dropped, pot)) == catalogs.po_text(merged)
    return entry


@pytest.mark.parametrize(
    ("new", "note"),
    [
        ("Do not drive for 48 hours. See [aftercare](aftercare).", "numbers or units"),
        ("Do drive for 24 hours. See [aftercare](aftercare).", "a negation"),
        ("Do not drive for 24 hours. See [aftercare](after-care).", "links"),
        ("Do not drive for 24 hours. Rest. See [aftercare](aftercare).", "a sentence added"),
        ("Do not cycle for 24 hours. See [aftercare](aftercare).", "wording"),
    ],
)
def test_a_changed_source_is_fuzzy_with_a_note_of_what_changed(new: str, note: str) -> None:
    entry = merge(new)
    assert entry.fuzzy and entry.previous_msgid == OLD
    notes = entry.comment.splitlines()
    assert notes[0] == "role: risks (safety-critical)"
    assert notes[-1].startswith("source changed: ") and note in notes[-1]


@pytest.mark.parametrize(
    "new",
    [
        "Do not  drive for 24 hours.\tSee [aftercare](aftercare).",
        OLD.replace("Do not", "“Do not") + "”",
    ],
)
def test_a_meaning_neutral_change_keeps_the_translation_and_its_sign_off(new: str) -> None:
    if "“" in new:  # quotes are neutral only in their spelling: compare with ASCII quotes
        old_quoted = OLD.replace("Do not", '"Do not') + '"'
        entry = _merge_from(old_quoted, new)
    else:
        entry = merge(new, tcomment="medloc-review: 2026-03-01 0123456789abcdef R <r@x.test>")
        assert entry.tcomment.startswith("medloc-review:")
    assert not entry.fuzzy and entry.msgstr == "No conduzca." and entry.previous_msgid is None
    assert "source changed" not in entry.comment


def _merge_from(old: str, new: str) -> polib.POEntry:
    po = polib.POFile()
    po.append(polib.POEntry(msgctxt=CTX, msgid=old, msgstr="No conduzca."))
    pot = polib.POFile()
    pot.append(polib.POEntry(msgctxt=CTX, msgid=new))
    (entry,) = (e for e in catalogs.update_catalog(po, pot) if not e.obsolete)
    return entry


def _update(root: Path) -> None:
    result = CliRunner().invoke(main, ["update", "--root", str(root)])
    assert result.exit_code == 0, result.output


def _edit(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_review_survives_a_neutral_change_and_lapses_on_another(git_project: Path) -> None:
    args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", SECTION, "--yes"]
    assert CliRunner().invoke(main, [*args, "--root", str(git_project)]).exit_code == 0
    commit_all(git_project, REVIEWER, "review")

    def state() -> ReviewState:
        return section_states(review_state(git_project, "es"))[("articles", SECTION)]

    assert state() is ReviewState.REVIEWED
    _edit(git_project, "Results vary. In some cases", "Results vary.  In some cases")
    _update(git_project)
    commit_all(git_project, TRANSLATOR, "source: whitespace")
    assert state() is ReviewState.REVIEWED
    _edit(git_project, "Results vary.  In some cases", "Results differ.  In some cases")
    _update(git_project)
    assert state() is ReviewState.LAPSED
    text = (git_project / PO).read_text(encoding="utf-8")
    assert "#. source changed: wording\n" in text
