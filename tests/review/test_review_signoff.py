"""A sign-off is one translator comment line; it survives the tools and lapses on change."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.comments import SignOff, read_ignores, read_signoffs, write_signoff
from medloc.review import entry_digest, normal_form
from medloc.review.state import ReviewState, review_state
from reviewgit import REVIEWER
from translate.storage import po as ttk_po

DAY = dt.date(2026, 3, 1)
PO = "locales/es/LC_MESSAGES/articles.po"
CONTEXT = "thermal-rhizotomy#risks"


def test_the_line_round_trips_and_is_short() -> None:
    signoff = SignOff(REVIEWER, DAY, "0123456789abcdef")
    line = write_signoff(signoff)
    assert len("# " + line) <= 79
    assert read_signoffs([line]) == (signoff,)


def test_a_wrapped_sign_off_is_read_whole_and_ends_at_its_email() -> None:
    lines = [
        "medloc-review: 2026-03-01 0123456789abcdef Reviewer One With A Very",
        "Long-",
        "Name <r1@example.test>",
        "a note the translator wrote later",
        "medloc-ignore: numbers the source counts weeks",
    ]
    (signoff,) = read_signoffs(lines)
    assert signoff.reviewer == "Reviewer One With A Very Long-Name <r1@example.test>"
    assert [i.code for i in read_ignores(lines)] == ["numbers"]


def test_malformed_sign_offs_approve_nothing() -> None:
    assert read_signoffs(["medloc-review: yesterday abc Someone"]) == ()
    assert read_signoffs(["medloc-review: 2026-02-30 0123456789abcdef X"]) == ()


def test_the_digest_is_64_bits_over_the_normal_form() -> None:
    digest = entry_digest("a#b", "Take \u201c5 mg\u201d", "Tome  5 mg")
    assert len(digest) == 16 and int(digest, 16) >= 0
    assert digest == entry_digest("a#b", 'Take "5\nmg"', "Tome 5 mg")
    assert digest != entry_digest("a#b", 'Take "5 mg"', "Tome 6 mg")
    assert digest != entry_digest("a#c", 'Take "5 mg"', "Tome 5 mg")
    assert normal_form(" a \t b ") == "a b"


def sign_in_allow_list_mode(root: Path) -> None:
    """Sign the risks section as REVIEWER, trusted through an allow-list (no git here)."""
    (root / "medloc.toml").write_text(f'[review]\nreviewers = ["{REVIEWER}"]\n', encoding="utf-8")
    args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", CONTEXT, "--yes"]
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output


def states(root: Path) -> set[ReviewState]:
    return {r.state for r in review_state(root, "es") if r.section == CONTEXT}


def test_sign_offs_survive_medloc_update_and_lapse_on_change(project_copy: Path) -> None:
    sign_in_allow_list_mode(project_copy)
    assert states(project_copy) == {ReviewState.REVIEWED}
    result = CliRunner().invoke(main, ["update", "--root", str(project_copy)])
    assert result.exit_code == 0, result.output
    assert states(project_copy) == {ReviewState.REVIEWED}
    catalog = polib.pofile(str(project_copy / PO))
    entry = next(e for e in catalog if e.msgctxt == CONTEXT and len(e.msgstr) > 40)
    entry.msgstr = entry.msgstr.replace("temporales", "permanentes")
    catalog.save()
    assert ReviewState.LAPSED in states(project_copy)


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs GNU gettext")
def test_sign_offs_survive_msgmerge_and_msgcat(project_copy: Path) -> None:
    sign_in_allow_list_mode(project_copy)
    po, pot = project_copy / PO, project_copy / "locales/articles.pot"
    subprocess.run(["msgmerge", "-q", "-U", "--backup=off", str(po), str(pot)], check=True)
    assert states(project_copy) == {ReviewState.REVIEWED}
    subprocess.run(["msgcat", "-w", "40", "-o", str(po), str(po)], check=True)  # a rewrap
    assert states(project_copy) == {ReviewState.REVIEWED}


def test_sign_offs_survive_a_translate_toolkit_round_trip(project_copy: Path) -> None:
    sign_in_allow_list_mode(project_copy)
    po = project_copy / PO
    store = ttk_po.pofile.parsefile(str(po))
    po.write_bytes(bytes(store))
    assert states(project_copy) == {ReviewState.REVIEWED}
