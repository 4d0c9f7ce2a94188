"""medloc next to the gettext tools translators and CI already use.

* A catalog saved by Poedit (emulated by GNU ``msgcat``, which writes and wraps the same way)
  or by Weblate (translate-toolkit's reader and writer) and then updated with ``medloc update``
  loses nothing and keeps its ignores.
* What other tools leave behind is reported by ``medloc check`` with its file, line and fix:
  the unreadable ``#|`` lines of ``pybabel update --previous``, the obsolete twin and the stray
  ``python-format`` flags of a plain ``pybabel update``.
* The README's claims: ``msgmerge`` loses nothing here; plain ``pybabel update`` does.

The tools are real (GNU gettext, Babel's ``pybabel``, translate-toolkit): CI installs them.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.qa import parse_ignores
from medloc.qa.gate import run_gate
from translate.storage import po as tt_po

PYBABEL = str(Path(sys.executable).parent / "pybabel")
ARTICLE = "content/articles/thermal-rhizotomy.md"
ES = "locales/es/LC_MESSAGES/articles.po"
CATALOGS = [
    f"locales/{locale}/LC_MESSAGES/{domain}.po"
    for locale in ("es", "de")
    for domain in ("articles", "messages")
]
EDITED = "It is often used when usual treatments have not given enough relief."
DELETED = "Thermal rhizotomy works particularly well for:"
REASON = (
    "the heading is short on purpose: it is the same word as in the leaflet that the clinic"
    " hands out, https://clinic.example.org/leaflets/thermal-rhizotomy-es.pdf#page=2"
)


def medloc(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def pybabel_update(root: Path, *options: str) -> None:
    command = [PYBABEL, "update", *options, "-D", "articles", "-i", "locales/articles.pot"]
    subprocess.run(
        [*command, "-d", "locales", "-l", "es"], cwd=root, check=True, capture_output=True
    )


def rewrite(root: Path, old: str, new: str) -> None:
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translations(path: Path) -> set[str]:
    """Every msgstr of the file, active or obsolete."""
    po = polib.pofile(path.read_text(encoding="utf-8"))
    return {e.msgstr for e in po if e.msgstr} | {
        s for e in po for s in e.msgstr_plural.values() if s
    }


def ignores(path: Path) -> dict[tuple[str | None, str], dict[str, str]]:
    po = catalogs.parse_po(path.read_text(encoding="utf-8"), path=str(path))
    found = {(e.msgctxt, e.msgid): parse_ignores(e.tcomment.splitlines()) for e in po}
    return {key: reasons for key, (reasons, _) in found.items() if reasons}


def codes(root: Path) -> list[tuple[str, str, int]]:
    report = run_gate(root, locales=["es"], domains=["articles"])
    return [(f.code, f.path, f.line) for f in report.findings]


@pytest.fixture
def project(project_copy: Path) -> Path:
    """The project with what the tools must keep: fuzzy entries with a previous msgid (``#|``),
    obsolete entries (``#~``), and ignores long enough to be wrapped; as ``update`` leaves it."""
    rewrite(project_copy, EDITED, EDITED.replace("usual", "the usual"))
    rewrite(project_copy, DELETED + "\n\n", "")
    medloc(project_copy, "update")
    for rel in CATALOGS[::2]:
        path = project_copy / rel
        po = catalogs.parse_po(path.read_text(encoding="utf-8"), path=rel)
        po[3].tcomment = f"medloc-ignore: length {REASON}"
        path.write_text(catalogs.po_text(po), encoding="utf-8")
    medloc(project_copy, "update")
    text = (project_copy / ES).read_text(encoding="utf-8")
    assert "\n#| msgid" in text and "\n#~ msgid" in text and "\n# medloc-ignore: length" in text
    return project_copy


# --- Poedit and Weblate -------------------------------------------------------------------


def reviewed(translation: str) -> str:
    """A translator's edit of a translation (one more word in its last sentence)."""
    return translation.removesuffix(".") + " (revisado)."


def save_with_msgcat(path: Path) -> str:
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)
    return ""


def save_with_translate_toolkit(path: Path) -> str:
    """What Weblate does: read, change a long translation, write the whole file. Returns
    the msgid whose translation it changed."""
    store = tt_po.pofile.parsestring(path.read_bytes())
    units = (u for u in store.units if not u.isheader() and not u.isobsolete())
    unit = next(u for u in units if _long(u.target))
    unit.target = reviewed(unit.target)
    path.write_bytes(bytes(store))
    return str(unit.source)


def _long(translation: str | None) -> bool:
    return bool(translation) and len(translation or "") > 100


def _expected(text: str, msgid: str) -> str:
    """``text`` with the translation of ``msgid`` changed as the editor did, as medloc writes
    it."""
    po = catalogs.parse_po(text, path="x.po")
    if msgid:
        (entry,) = [e for e in po if e.msgid == msgid and not e.obsolete]
        entry.msgstr = reviewed(entry.msgstr)
    return catalogs.po_text(po)


@pytest.mark.parametrize("save", [save_with_msgcat, save_with_translate_toolkit])
def test_a_catalog_saved_by_another_editor_and_updated_loses_nothing(
    project: Path, save: Callable[[Path], str]
) -> None:
    before = {rel: (project / rel).read_text(encoding="utf-8") for rel in CATALOGS}
    kept = {rel: ignores(project / rel) for rel in CATALOGS}
    assert all(kept[rel] for rel in CATALOGS[::2])
    edited = {rel: save(project / rel) for rel in CATALOGS}
    assert (project / ES).read_text(encoding="utf-8") != before[ES]  # the tool rewrote it
    medloc(project, "update")
    for rel in CATALOGS:
        assert ignores(project / rel) == kept[rel], rel
        assert (project / rel).read_text(encoding="utf-8") == _expected(before[rel], edited[rel])
    assert codes(project) == []


# --- what other tools leave ----------------------------------------------------------------


def test_pybabel_update_previous_is_found_with_its_line_and_fix(project_copy: Path) -> None:
    rewrite(
        project_copy, "Thermal rhizotomy is a minimally", "Thermal rhizotomy (RF) is a minimally"
    )
    medloc(project_copy, "extract")
    pybabel_update(project_copy, "--previous")
    text = (project_copy / ES).read_text(encoding="utf-8")
    line = next(n for n, raw in enumerate(text.splitlines(), 1) if raw.startswith('#| msgid "" "'))
    gettext = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", ES], cwd=project_copy, capture_output=True
    )
    assert gettext.returncode != 0  # unreadable for gettext itself
    report = run_gate(project_copy, locales=["es"], domains=["articles"])
    (finding,) = [f for f in report.findings if f.code == "catalog-syntax"]
    assert (finding.path, finding.line) == (ES, line)
    assert "pybabel update --previous" in finding.message
    assert "run 'medloc update'" in finding.message


def test_plain_pybabel_update_leaves_a_twin_then_loses_its_translation(project_copy: Path) -> None:
    paragraph = "This stops the nerve from carrying pain signals."
    (translation,) = [
        e.msgstr for e in polib.pofile(str(project_copy / ES)) if e.msgid.startswith(paragraph)
    ]
    full = next(
        p for p in (project_copy / ARTICLE).read_text().split("\n\n") if p.startswith(paragraph)
    )
    rewrite(project_copy, full + "\n\n", "")
    medloc(project_copy, "extract")
    pybabel_update(project_copy)
    rewrite(project_copy, "## Conditions it can treat", full + "\n\n## Conditions it can treat")
    medloc(project_copy, "extract")
    pybabel_update(project_copy)  # the paragraph is back: untranslated, next to its #~ twin
    po = polib.pofile(str(project_copy / ES))
    (twin,) = [e for e in po if e.obsolete and e.msgid.startswith(paragraph)]
    assert twin.msgstr == translation
    assert ("foreign-merge", ES, twin.linenum) in codes(project_copy)

    saved = (project_copy / ES).read_text(encoding="utf-8")
    rewrite(project_copy, full + "\n\n", "")
    medloc(project_copy, "extract")
    pybabel_update(project_copy)  # gone again: the empty entry replaces the translated twin
    assert translation not in translations(project_copy / ES)

    (project_copy / ES).write_text(saved, encoding="utf-8")  # medloc update instead
    rewrite(project_copy, "## Conditions it can treat", full + "\n\n## Conditions it can treat")
    medloc(project_copy, "update")
    (entry,) = [
        e
        for e in polib.pofile(str(project_copy / ES))
        if e.msgid.startswith(paragraph) and not e.obsolete
    ]
    assert (entry.msgstr, entry.fuzzy) == (translation, False)
    assert codes(project_copy) == []


def test_stray_format_flags_are_found_and_update_drops_them(project_copy: Path) -> None:
    pybabel_update(project_copy)  # Babel flags "60% to 80% of" as python-format
    found = codes(project_copy)
    strays = [(code, path) for code, path, _ in found if code == "foreign-merge"]
    assert strays and set(strays) == {("foreign-merge", ES)}
    medloc(project_copy, "update")
    assert codes(project_copy) == []
    assert "python-format" not in (project_copy / ES).read_text(encoding="utf-8")


def test_msgmerge_loses_nothing(project_copy: Path) -> None:
    paragraph = next(
        p
        for p in (project_copy / ARTICLE).read_text(encoding="utf-8").split("\n\n")
        if p.startswith("This stops the nerve")
    )
    steps = [
        (EDITED, EDITED.replace("usual", "the usual")),
        (paragraph + "\n\n", ""),
        (EDITED.replace("usual", "the usual"), EDITED),
        ("## Conditions it can treat", paragraph + "\n\n## Conditions it can treat"),
    ]
    seen = translations(project_copy / ES)
    for old, new in steps:
        rewrite(project_copy, old, new)
        medloc(project_copy, "extract")
        subprocess.run(
            [
                "msgmerge",
                "--quiet",
                "--previous",
                "-U",
                "--backup=none",
                ES,
                "locales/articles.pot",
            ],
            cwd=project_copy,
            check=True,
        )
        assert seen <= translations(project_copy / ES)
        seen |= translations(project_copy / ES)
