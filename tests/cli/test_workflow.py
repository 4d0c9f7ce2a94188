"""The translator workflow: update never loses a translation; running it twice changes nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main

ARTICLE = "content/articles/thermal-rhizotomy.md"


def run(root: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.output


def po(root: Path, locale: str = "es") -> polib.POFile:
    return polib.pofile(str(root / f"locales/{locale}/LC_MESSAGES/articles.po"))


def paragraph(root: Path, startswith: str) -> str:
    for block in (root / ARTICLE).read_text(encoding="utf-8").split("\n\n"):
        if block.startswith(startswith):
            return block
    raise AssertionError(f"no paragraph starting {startswith!r}")


def translate_all(root: Path, locale: str = "es") -> dict[tuple[str, str], str]:
    """Give every message of ``locale`` a recognisable translation, plus a translator comment."""
    catalog = po(root, locale)
    for entry in catalog:
        entry.msgstr = f"ES: {entry.msgid}"
        entry.tcomment = "checked by the clinic"
    catalog.save()
    return {(e.msgctxt, e.msgid): e.msgstr for e in catalog}


def edit(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def translated(project_copy: Path) -> Path:
    run(project_copy, "update")
    translate_all(project_copy)
    return project_copy


def test_changed_paragraph_keeps_translation_as_fuzzy_with_previous_msgid(translated: Path) -> None:
    old = paragraph(translated, "Thermal rhizotomy is")
    run(translated, "update", "--locale", "es")
    edit(translated, old, old.replace("Thermal rhizotomy is", "Thermal rhizotomy is still"))
    run(translated, "update")
    entry = next(e for e in po(translated) if e.msgid.startswith("Thermal rhizotomy is still"))
    assert entry.fuzzy
    assert entry.previous_msgid == old
    assert entry.msgstr == f"ES: {old}"
    assert entry.tcomment == "checked by the clinic"
    assert "#| msgid" in (translated / "locales/es/LC_MESSAGES/articles.po").read_text()


def test_deleted_paragraph_stays_obsolete_and_returns_translated(translated: Path) -> None:
    old = paragraph(translated, "Thermal rhizotomy is")
    edit(translated, old + "\n\n", "")
    run(translated, "update")
    gone = [e for e in po(translated) if e.obsolete and e.msgid == old]
    assert len(gone) == 1 and gone[0].msgstr == f"ES: {old}"
    assert "#~ msgctxt" in (translated / "locales/es/LC_MESSAGES/articles.po").read_text()
    # Restored: the translation comes back, not fuzzy, and no longer obsolete.
    (translated / ARTICLE).write_text(
        (Path(__file__).resolve().parents[2] / ARTICLE).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    run(translated, "update")
    back = [e for e in po(translated) if e.msgid == old]
    assert len(back) == 1
    assert not back[0].obsolete and not back[0].fuzzy
    assert back[0].msgstr == f"ES: {old}"
    assert back[0].tcomment == "checked by the clinic"


def test_edit_then_revert_restores_the_translation_unfuzzied(translated: Path) -> None:
    old = paragraph(translated, "Thermal rhizotomy is")
    edit(translated, old, old + " Extra words.")
    run(translated, "update")
    edit(translated, old + " Extra words.", old)
    run(translated, "update")
    entry = next(e for e in po(translated) if e.msgid == old)
    assert not entry.fuzzy and entry.msgstr == f"ES: {old}"
    assert entry.previous_msgid is None


def test_inserting_and_reordering_keeps_every_translation(translated: Path) -> None:
    # Active and obsolete entries alike (the shipped catalogs keep obsolete twins of edited
    # text): each keeps its translation and stays active or obsolete as it was.
    before = {(e.msgctxt, e.msgid): (e.msgstr, e.obsolete) for e in po(translated)}
    first = paragraph(translated, "Thermal rhizotomy is")
    edit(translated, first, "A brand new first paragraph.\n\n" + first)
    run(translated, "update")
    after = {(e.msgctxt, e.msgid): (e.msgstr, e.obsolete) for e in po(translated)}
    for key, value in before.items():
        assert after[key] == value
    new = [e for e in po(translated) if e.msgid == "A brand new first paragraph."]
    assert new and new[0].msgstr == "" and not new[0].fuzzy


def test_flags_and_comments_survive(translated: Path) -> None:
    catalog = po(translated)
    catalog[3].flags.append("no-wrap")
    catalog[3].tcomment = "medloc-ignore: length the heading is short on purpose"
    catalog.save()
    key = (catalog[3].msgctxt, catalog[3].msgid)
    run(translated, "update")
    entry = next(e for e in po(translated) if (e.msgctxt, e.msgid) == key)
    assert "no-wrap" in entry.flags
    assert entry.tcomment == "medloc-ignore: length the heading is short on purpose"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in (root / "locales").rglob("*.po*")}


def test_extract_and_update_twice_change_nothing(translated: Path) -> None:
    run(translated, "extract")
    run(translated, "update")
    first = _snapshot(translated)
    run(translated, "extract")
    out = run(translated, "update")
    assert "all catalogs up to date" in out
    assert _snapshot(translated) == first


def test_repository_catalogs_are_current(tmp_path: Path) -> None:
    """extract + update on a clean clone leaves git status clean."""
    root = Path(__file__).resolve().parents[2]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    # the working tree may hold uncommitted work: compare against it, not HEAD
    for name in ("content", "locales", "babel.cfg"):
        src, dst = root / name, clone / name
        subprocess.run(["rm", "-rf", str(dst)], check=True)
        subprocess.run(["cp", "-r", str(src), str(dst)], check=True)
    before = _snapshot(clone)
    run(clone, "extract")
    run(clone, "update")
    assert _snapshot(clone) == before


def test_stats_lists_locales_and_roles_as_json(project_copy: Path) -> None:
    data = json.loads(run(project_copy, "stats", "--format", "json"))
    assert set(data["locales"]) >= {"es", "fr", "de", "ar", "zh_Hans", "pt_BR"}
    es = data["locales"]["es"]
    assert {"risks", "disclaimer", "body"} <= set(es["roles"])
    assert "thermal-rhizotomy" in es["articles"]
    total = es["total"]
    assert total["translated"] + total["fuzzy"] + total["untranslated"] == total["total"]


def test_stats_counts_fuzzy(translated: Path) -> None:
    catalog = po(translated)
    catalog[0].flags.append("fuzzy")
    catalog.save()
    data = json.loads(run(translated, "stats", "--format", "json", "--locale", "es"))
    assert data["locales"]["es"]["total"]["fuzzy"] == 1
    text = run(translated, "stats", "--locale", "es", "--articles")
    assert "article thermal-rhizotomy" in text and "role risks" in text


def test_broken_article_is_one_line_naming_file_and_line(project_copy: Path) -> None:
    path = project_copy / ARTICLE
    path.write_text(path.read_text().replace("{#risks role=risks}", "{#risks role=danger}"))
    result = CliRunner().invoke(main, ["extract", "--root", str(project_copy)])
    assert result.exit_code == 1
    assert result.output.startswith(f"medloc: {ARTICLE}:")
    assert "unknown section role 'danger'" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_broken_po_is_reported_and_left_alone(project_copy: Path) -> None:
    path = project_copy / "locales/fr/LC_MESSAGES/articles.po"
    broken = path.read_text() + '\nmsgid "unterminated\nmsgstr ""\n'
    path.write_text(broken)
    result = CliRunner().invoke(main, ["update", "--root", str(project_copy)])
    assert result.exit_code == 1
    assert "locales/fr/LC_MESSAGES/articles.po:" in result.output
    assert "Traceback" not in result.output
    assert path.read_text() == broken  # nothing half-written
    assert not list(path.parent.glob(".*.tmp"))


def test_unknown_locale_is_a_usage_error(project_copy: Path) -> None:
    result = CliRunner().invoke(main, ["init", "xx_QQ", "--root", str(project_copy)])
    assert result.exit_code == 2
    assert "unknown locale 'xx_QQ'" in result.output
    result = CliRunner().invoke(main, ["stats", "--locale", "nl", "--root", str(project_copy)])
    assert result.exit_code == 2 and "no catalog for locale 'nl'" in result.output


def test_init_creates_headers(project_copy: Path) -> None:
    run(project_copy, "init", "it")
    catalog = po(project_copy, "it")
    assert catalog.metadata["Language"] == "it"
    assert catalog.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in catalog.metadata["Content-Type"]
    assert catalog.metadata["Language-Team"].startswith("Italian")
    assert len(catalog) > 100


def test_compile_writes_mo_readable_by_gettext(translated: Path) -> None:
    import gettext

    run(translated, "compile", "--locale", "es")
    with open(translated / "locales/es/LC_MESSAGES/articles.mo", "rb") as handle:
        trans = gettext.GNUTranslations(handle)
    entry = next(e for e in po(translated) if e.msgctxt and e.msgctxt.endswith(":title"))
    assert trans.pgettext(entry.msgctxt, entry.msgid) == f"ES: {entry.msgid}"


def test_python_m_medloc_is_the_cli(project_copy: Path) -> None:
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "medloc", "stats", "--root", str(project_copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pt_BR" in result.stdout
