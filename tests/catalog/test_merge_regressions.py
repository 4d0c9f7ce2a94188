"""Regression tests for ``medloc update`` (issue #10): each case that lost or downgraded a
translation, by name. A message whose msgctxt and msgid return exactly to a translated
version must come back active and not fuzzy, with the translation last made for exactly it.
Every catalog written is also checked with GNU gettext (``msgfmt -c``, ``msgcat``) when it
is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.qa.gate import run_gate

ARTICLE = "content/articles/thermal-rhizotomy.md"
ORIGINAL = (Path(__file__).resolve().parents[2] / ARTICLE).read_text(encoding="utf-8")
FIRST = "Thermal rhizotomy is a minimally invasive procedure"
HAS_GETTEXT = bool(shutil.which("msgfmt") and shutil.which("msgcat"))


# ---------------------------------------------------------------- helpers


def po_path(root: Path, locale: str = "es") -> Path:
    return root / f"locales/{locale}/LC_MESSAGES/articles.po"


def load(root: Path, locale: str = "es") -> polib.POFile:
    path = po_path(root, locale)
    return catalogs.parse_po(path.read_text(encoding="utf-8"), path=str(path))


def save(root: Path, po: polib.POFile, locale: str = "es") -> None:
    po_path(root, locale).write_text(catalogs.po_text(po), encoding="utf-8")


def gettext_accepts(path: Path) -> None:
    """``msgfmt -c`` and ``msgcat`` read the catalog without an error."""
    if not HAS_GETTEXT:
        return
    for command in (["msgfmt", "-c", "-o", "/dev/null"], ["msgcat", "-o", "/dev/null"]):
        done = subprocess.run([*command, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, f"{command[0]}: {done.stderr}"


def update(root: Path) -> None:
    """``medloc update`` for es, then checks that a second one changes nothing and that
    gettext accepts the result."""
    for _ in range(2):
        before = po_path(root).read_bytes()
        result = CliRunner().invoke(main, ["update", "--locale", "es", "--root", str(root)])
        assert result.exit_code == 0, result.output
    assert po_path(root).read_bytes() == before, "a second update changed the catalog"
    gettext_accepts(po_path(root))


def article(root: Path) -> str:
    return (root / ARTICLE).read_text(encoding="utf-8")


def write_article(root: Path, text: str) -> None:
    (root / ARTICLE).write_text(text, encoding="utf-8")


def edit(root: Path, old: str, new: str) -> None:
    text = article(root)
    assert old in text
    write_article(root, text.replace(old, new, 1))


def paragraph(root: Path, startswith: str) -> str:
    return next(b for b in article(root).split("\n\n") if b.startswith(startswith))


def entry(root: Path, msgid: str, msgctxt: str | None = None) -> polib.POEntry:
    found = [
        e
        for e in load(root)
        if e.msgid == msgid and (msgctxt is None or e.msgctxt == msgctxt) and not e.obsolete
    ]
    assert len(found) == 1, f"{len(found)} active entries for {msgid[:30]!r}"
    return found[0]


def assert_restored(root: Path, msgid: str, msgstr: str, msgctxt: str | None = None) -> None:
    back = entry(root, msgid, msgctxt)
    assert not back.fuzzy, f"came back fuzzy: {back.msgstr!r}"
    assert back.msgstr == msgstr
    assert back.previous_msgid is None and back.previous_msgctxt is None


@pytest.fixture
def translated(project_copy: Path) -> Path:
    """The project with every es message translated as ``ES: <msgid>``."""
    update(project_copy)
    po = load(project_copy)
    for item in po:
        if not item.obsolete:
            item.msgstr = f"ES: {item.msgid}"
            item.flags = [f for f in item.flags if f != "fuzzy"]
            item.previous_msgid = item.previous_msgctxt = None
    save(project_copy, po)
    update(project_copy)
    return project_copy


# ---------------------------------------------------------------- the article changes


def test_edit_delete_restore_comes_back_translated(translated: Path) -> None:
    old = paragraph(translated, FIRST)
    edit(translated, old, old + " Extra words.")
    update(translated)
    assert entry(translated, old + " Extra words.").fuzzy
    edit(translated, old + " Extra words.\n\n", "")
    update(translated)
    write_article(translated, ORIGINAL)
    update(translated)
    assert_restored(translated, old, f"ES: {old}")


def test_two_edits_then_revert_comes_back_translated(translated: Path) -> None:
    old = paragraph(translated, FIRST)
    edit(translated, old, old + " Extra.")
    update(translated)
    edit(translated, old + " Extra.", old + " Extra words.")
    update(translated)
    second = entry(translated, old + " Extra words.")
    # The previous msgid is the text the translation was made for, not the first edit.
    assert second.fuzzy and second.previous_msgid == old and second.msgstr == f"ES: {old}"
    edit(translated, old + " Extra words.", old)
    update(translated)
    assert_restored(translated, old, f"ES: {old}")


def test_edit_review_the_fuzzy_entry_then_revert(translated: Path) -> None:
    old = paragraph(translated, FIRST)
    edit(translated, old, old + " Extra words.")
    update(translated)
    po = load(translated)
    fuzzy = next(e for e in po if e.msgid == old + " Extra words.")
    fuzzy.msgstr = "ES reviewed"
    fuzzy.flags.remove("fuzzy")
    fuzzy.previous_msgid = fuzzy.previous_msgctxt = None
    save(translated, po)
    update(translated)
    edit(translated, old + " Extra words.", old)
    update(translated)
    assert_restored(translated, old, f"ES: {old}")
    kept = [e for e in load(translated) if e.obsolete and e.msgid == old + " Extra words."]
    assert [(e.msgstr, e.fuzzy) for e in kept] == [("ES reviewed", False)]


def safety_incomplete(root: Path) -> list[str]:
    report = run_gate(root, locales=["es"], domains=["articles"])
    return [f.message for f in report.findings if f.code == "safety-incomplete"]


def test_section_id_renamed_and_back_keeps_the_risks_translated(translated: Path) -> None:
    risks = [e for e in load(translated) if e.msgctxt == "thermal-rhizotomy#risks"]
    assert len(risks) >= 4 and not safety_incomplete(translated)
    edit(translated, "{#risks role=risks}", "{#risks-and-side-effects role=risks}")
    update(translated)
    for old in risks:  # the same text moved within its article: still translated
        assert_restored(
            translated, old.msgid, old.msgstr, "thermal-rhizotomy#risks-and-side-effects"
        )
    assert not safety_incomplete(translated)
    write_article(translated, ORIGINAL)
    update(translated)
    for old in risks:
        assert_restored(translated, old.msgid, old.msgstr, "thermal-rhizotomy#risks")
    assert not safety_incomplete(translated)


def test_paragraph_moved_to_the_next_section_and_back(translated: Path) -> None:
    moved = paragraph(translated, "It is generally considered")
    edit(translated, moved + "\n\n", "")
    edit(translated, "## Benefits {#benefits}\n\n", f"## Benefits {{#benefits}}\n\n{moved}\n\n")
    update(translated)
    assert_restored(translated, moved, f"ES: {moved}", "thermal-rhizotomy#benefits")
    write_article(translated, ORIGINAL)
    update(translated)
    assert_restored(translated, moved, f"ES: {moved}", "thermal-rhizotomy#conditions")


def test_update_is_idempotent_when_an_entry_goes_obsolete_while_fuzzy(translated: Path) -> None:
    old = paragraph(translated, FIRST)
    edit(translated, old, old + " Extra words.")
    update(translated)
    edit(translated, old + " Extra words.\n\n", "")
    update(translated)  # twice, byte-identical
    gone = [e for e in load(translated) if e.obsolete and e.msgid == old + " Extra words."]
    assert len(gone) == 1 and gone[0].fuzzy and gone[0].previous_msgid == old
    assert "#~| msgid" in po_path(translated).read_text(encoding="utf-8")


# ---------------------------------------------------------------- catalogs from other tools


def merge(entries: list[polib.POEntry], template: list[polib.POEntry]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.extend(entries)
    pot = polib.POFile()
    pot.extend(template)
    return catalogs.update_catalog(po, pot)


def written(po: polib.POFile, tmp_path: Path) -> str:
    """The catalog's text, checked with gettext, and a second merge changes nothing."""
    text = catalogs.po_text(po)
    (tmp_path / "x.po").write_text(text, encoding="utf-8")
    gettext_accepts(tmp_path / "x.po")
    pot = polib.POFile()
    pot.extend(
        polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, flags=[f for f in e.flags if f != "fuzzy"])
        for e in po
        if not e.obsolete
    )
    again = catalogs.update_catalog(catalogs.parse_po(text, path="x.po"), pot)
    assert catalogs.po_text(again) == text
    return text


def test_obsolete_twin_of_an_untranslated_entry_is_used(tmp_path: Path) -> None:
    """pybabel update and git merges leave an untranslated entry next to an obsolete one
    with the same msgctxt and msgid; msgfmt rejects the file, update must not drop the
    translation."""
    twin = dict(msgctxt="a#risks", msgid="Infection is rare.")
    po = merge(
        [
            polib.POEntry(**twin, msgstr="", tcomment="checked"),
            polib.POEntry(**twin, msgstr="La infección es rara.", obsolete=True),
        ],
        [polib.POEntry(**twin)],
    )
    assert [(e.msgstr, e.tcomment, e.obsolete) for e in po] == [
        ("La infección es rara.", "checked", False)
    ]
    written(po, tmp_path)


def test_twins_that_both_go_obsolete_are_one_entry(tmp_path: Path) -> None:
    twin = dict(msgctxt="a#risks", msgid="Infection is rare.")
    po = merge(
        [
            polib.POEntry(**twin, msgstr=""),
            polib.POEntry(**twin, msgstr="La infección es rara.", obsolete=True),
        ],
        [polib.POEntry(msgctxt="a#risks", msgid="Something else entirely.")],
    )
    assert [(e.msgstr, e.obsolete) for e in po if e.msgid == twin["msgid"]] == [
        ("La infección es rara.", True)
    ]
    written(po, tmp_path)


def test_stray_python_format_flag_is_dropped(tmp_path: Path) -> None:
    """msgmerge takes format flags from the template; a stray one makes msgfmt -c fail."""
    source = "Pain drops 50% in a week."
    old = polib.POEntry(
        msgid=source, msgstr="El dolor baja un 50%.", flags=["python-format", "no-wrap"]
    )
    po = merge([old], [polib.POEntry(msgid=source)])
    assert po[0].flags == ["no-wrap"] and po[0].msgstr == "El dolor baja un 50%."
    written(po, tmp_path)
    kept = merge([old], [polib.POEntry(msgid=source, flags=["python-format"])])
    assert kept[0].flags == ["no-wrap", "python-format"]


def test_obsolete_entries_keep_their_previous_msgid(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n#~| msgctxt "a#old"\n#~| msgid ""\n#~| "Heat is applied "\n#~| "to the nerve."\n'
        '#~ msgctxt "a#new"\n#~ msgid "Heat is applied to a nerve."\n#~ msgstr "Calor."\n'
    )
    po = catalogs.parse_po(text, path="x.po")
    assert (po[0].previous_msgctxt, po[0].previous_msgid) == (
        "a#old",
        "Heat is applied to the nerve.",
    )
    # ... and its translation returns when that text does
    back = merge(list(po), [polib.POEntry(msgctxt="a#old", msgid="Heat is applied to the nerve.")])
    assert (back[0].msgstr, back[0].fuzzy, back[0].previous_msgid) == ("Calor.", False, None)
    written(back, tmp_path)


def test_a_fuzzy_carry_keeps_the_old_text_translated_and_obsolete(tmp_path: Path) -> None:
    old = polib.POEntry(msgctxt="a#s", msgid="Heat is applied to the nerve.", msgstr="Calor.")
    po = merge([old], [polib.POEntry(msgctxt="a#s", msgid="Heat is applied to a nerve.")])
    assert [(e.msgid, e.msgstr, e.fuzzy, e.obsolete, e.previous_msgid) for e in po] == [
        ("Heat is applied to a nerve.", "Calor.", True, False, "Heat is applied to the nerve."),
        ("Heat is applied to the nerve.", "Calor.", False, True, None),
    ]
    written(po, tmp_path)


def test_identical_text_moved_to_another_article_stays_fuzzy(tmp_path: Path) -> None:
    old = polib.POEntry(msgctxt="a#s", msgid="Heat is applied to the nerve.", msgstr="Calor.")
    po = merge([old], [polib.POEntry(msgctxt="b#s", msgid="Heat is applied to the nerve.")])
    assert (po[0].msgstr, po[0].fuzzy, po[0].previous_msgctxt) == ("Calor.", True, "a#s")
    assert po[0].previous_msgid == po[0].msgid  # msgfmt wants a #| msgid after #| msgctxt
    written(po, tmp_path)
