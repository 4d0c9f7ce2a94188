"""Review packets: a printable bilingual sheet and XLIFF 1.2 that CAT tools read, and back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.errors import CatalogError
from medloc.review.sheet import render_sheet
from medloc.review.state import EntryReview, ReviewState, review_state
from medloc.review.stats import review_rows
from medloc.review.xliff import export_xliff, import_xliff
from reviewgit import REVIEWER, SECTION, TRANSLATOR, commit_all
from translate.storage import xliff as ttk_xliff

PO = "locales/ar/LC_MESSAGES/articles.po"


def run(root: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.output


def test_the_sheet_is_bilingual_highlighted_and_escapes_everything() -> None:
    review = EntryReview(
        locale="ar", domain="articles", path=PO, line=1, msgstr_line=3,
        msgctxt="a#risks", msgid="Do not take more than 2 tablets. [More](https://x.example/)",
        msgstr='<script>alert("x")</script> لا تتناول أكثر من 2', article="a", role="risks",
        translated=True, fuzzy=False, state=ReviewState.MISSING,
    )  # fmt: skip
    page = render_sheet("ar", [review])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<mark class="negation">not</mark>' in page
    assert '<mark class="number">2 tablets</mark>' in page
    assert '<mark class="link">[More](https://x.example/)</mark>' in page
    assert '<mark class="negation">لا</mark>' in page
    for cell in re.findall(r"<t[dh][^>]*>", page):
        assert re.search(r' lang="[^"]+" dir="(ltr|rtl)"', cell), cell
    assert '<td lang="ar" dir="rtl">' in page and 'class="remarks"></td>' in page


def test_export_writes_a_sheet_and_an_xliff_translate_toolkit_reads(project_copy: Path) -> None:
    output = run(project_copy, "review", "export", "ar")
    assert "review/ar.review.xlf: written" in output
    store = ttk_xliff.xlifffile.parsefile(str(project_copy / "review/ar.review.xlf"))
    catalog = polib.pofile(str(project_copy / PO))
    units = [u for u in store.units if u.getid().startswith(PO)]
    assert len(units) == len([e for e in catalog if not e.obsolete])
    first = units[0]
    assert (first.source, first.target) == (catalog[0].msgid, catalog[0].msgstr)
    assert not first.isapproved()
    page = (project_copy / "review/ar.review.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "thermal-rhizotomy#risks" in page


def test_import_applies_one_approval_and_one_correction(git_project: Path) -> None:
    data = export_xliff(git_project, "es")
    store = ttk_xliff.xlifffile.parsestring(data)
    risks = [u for u in store.units if u.xmlelement.get("resname") == SECTION]
    risks[1].markapproved(True)
    risks[2].target = "Corrección de la revisora."
    approved, corrected = risks[1].source, risks[2].source
    packet = git_project / "packet.xlf"
    packet.write_bytes(bytes(store))  # saved by translate-toolkit, as a CAT tool would
    output = run(git_project, "review", "import", str(packet), "--reviewer", REVIEWER)
    assert "1 signed, 1 corrected, 0 skipped, written" in output
    commit_all(git_project, REVIEWER, "review")
    by_msgid = {r.msgid: r for r in review_state(git_project, "es")}
    assert by_msgid[approved].state is ReviewState.REVIEWED
    assert by_msgid[corrected].msgstr == "Corrección de la revisora."
    assert by_msgid[corrected].state is ReviewState.MISSING  # a correction needs its own review
    rows = [r for r in review_rows(review_state(git_project, "es")) if r.role == "risks"]
    assert sum(r.reviewed for r in rows) == 1
    assert all(r.translated == r.total for r in rows)


def test_import_refuses_the_translator_and_stale_units(git_project: Path) -> None:
    store = ttk_xliff.xlifffile.parsestring(export_xliff(git_project, "es"))
    for unit in store.units:
        unit.markapproved(True)
    data = bytes(store)
    result, _ = import_xliff(git_project, data, reviewer=TRANSLATOR, date=_day())
    assert not result.signed and "cannot review their own work" in result.skipped[0].reason
    catalog = polib.pofile(str(git_project / "locales/es/LC_MESSAGES/articles.po"))
    catalog[0].msgstr = "otro"
    catalog.save()
    commit_all(git_project, TRANSLATOR, "change")
    result, _ = import_xliff(git_project, data, reviewer=REVIEWER, date=_day())
    assert result.skipped[0].reason.startswith("the entry changed since the export")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<xliff", "not well-formed"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "DOCTYPE"),
        (b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', "XLIFF 1.2"),
        (
            b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            b'<file original="../../etc/passwd"/></xliff>',
            "names no catalog",
        ),
    ],
)
def test_a_bad_packet_is_refused(project_copy: Path, data: bytes, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        import_xliff(project_copy, data, reviewer=REVIEWER, date=_day())


def _day() -> dt.date:
    return dt.date(2026, 3, 1)
