"""``# medloc-ignore:`` comments are read whole however a tool wrapped them: by medloc's own
writer (79 columns, on ``update``), by GNU ``msgcat`` (Poedit wraps the same way), or by a
translator's editor. One parser reads them for the gate, its fast path and the service."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from medloc import catalog as catalogs
from medloc.comments import ignore_comments
from medloc.project import Project
from medloc.qa import check_entry, entry_from_po, parse_ignores
from medloc.serving.web.loading import load_catalog
from medloc.tags import LocaleTag
from test_gate import ES, add_comment, check, edit, project

__all__ = ["project"]  # the fixture, shared with test_gate

LONG_TOKEN = "https://tracker.example.org/medloc/issues/1234567890/comments/0987654321#note"
REASON = (
    "reviewed by Dr. Ruiz on 2026-05-02: the source counts weeks, the translation days; the"
    " follow-up fix of the English text is tracked upstream"
)


# --- the rule -----------------------------------------------------------------------------


def test_continuation_lines_belong_to_the_ignore() -> None:
    comments = ["medloc-ignore: numbers the source counts weeks,", "the translation days"]
    assert parse_ignores(comments) == (
        {"numbers": "the source counts weeks, the translation days"},
        (),
    )


def test_a_reason_that_starts_on_the_next_line_is_a_reason() -> None:
    assert parse_ignores(["medloc-ignore: numbers", LONG_TOKEN]) == ({"numbers": LONG_TOKEN}, ())


def test_the_code_may_start_on_the_next_line() -> None:
    assert parse_ignores(["medloc-ignore:", "length short on purpose"]) == (
        {"length": "short on purpose"},
        (),
    )


def test_an_empty_comment_line_or_the_next_ignore_ends_it() -> None:
    comments = [
        "medloc-ignore: numbers weeks",
        "vs days",
        "medloc-ignore: length short",
        "",
        "A note for the next translator.",
    ]
    assert ignore_comments(comments) == [
        "medloc-ignore: numbers weeks vs days",
        "medloc-ignore: length short",
    ]
    assert parse_ignores(comments)[0] == {"numbers": "weeks vs days", "length": "short"}


def test_lines_before_an_ignore_are_not_part_of_it() -> None:
    comments = ["Checked with the surgeon.", "medloc-ignore: sentences merged on purpose"]
    assert parse_ignores(comments) == ({"sentences": "merged on purpose"}, ())


def test_a_wrapped_hyphenated_word_is_joined_without_a_space() -> None:
    comments = ["medloc-ignore: numbers the follow-", "up visit is counted in days"]
    assert parse_ignores(comments)[0] == {"numbers": "the follow-up visit is counted in days"}


def test_a_missing_reason_is_still_an_error_whole() -> None:
    ignores, problems = parse_ignores(["medloc-ignore: numbers", "", "later"])
    assert ignores == {}
    assert len(problems) == 1 and "has no reason" in problems[0]


# --- through the writers -----------------------------------------------------------------


def _entry(tcomment: str) -> polib.POEntry:
    return polib.POEntry(
        msgctxt="demo#what-is-it",
        msgid="Relief lasts 6 to 12 months.",
        msgstr="El alivio dura 6 meses.",
        tcomment=tcomment,
    )


def _written_and_read(po: polib.POFile) -> polib.POFile:
    return catalogs.parse_po(catalogs.po_text(po), path="x.po")


def _catalog(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.extend(entries)
    return po


def _msgcat(text: str, tmp_path: Path, *options: str) -> str:
    source, target = tmp_path / "in.po", tmp_path / "out.po"
    source.write_text(text, encoding="utf-8")
    subprocess.run(["msgcat", *options, "-o", str(target), str(source)], check=True)
    return target.read_text(encoding="utf-8")


WORD = st.from_regex(r"[a-zA-Z0-9é,.;:()#%°]{1,12}", fullmatch=True)
HYPHENATED = st.lists(WORD.filter(lambda w: w[-1].isalnum()), min_size=2, max_size=3).map("-".join)
REASONS = st.lists(st.one_of(WORD, HYPHENATED, st.just(LONG_TOKEN)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(words=REASONS, code=st.sampled_from(["numbers", "same-as-source", "length"]))
def test_any_reason_survives_the_writers_wrap(words: list[str], code: str) -> None:
    reason = " ".join(words)
    comment = f"medloc-ignore: {code} {reason}"
    (entry,) = _written_and_read(_catalog(_entry(comment)))
    assert parse_ignores(entry.tcomment.splitlines()) == ({code: reason}, ())


def test_the_writer_wraps_and_the_reader_joins(tmp_path: Path) -> None:
    for reason in (REASON, f"{LONG_TOKEN} says so", f"see {LONG_TOKEN}"):
        text = catalogs.po_text(_catalog(_entry(f"medloc-ignore: numbers {reason}")))
        assert text.count("\n# ") >= 2, text  # wrapped
        for seen in (text, _msgcat(text, tmp_path), _msgcat(text, tmp_path, "--width=40")):
            (entry,) = catalogs.parse_po(seen, path="x.po")
            assert parse_ignores(entry.tcomment.splitlines()) == ({"numbers": reason}, ())


def test_msgcat_keeps_a_long_comment_and_update_wraps_it_readably(tmp_path: Path) -> None:
    long = _entry(f"medloc-ignore: numbers {REASON}\n\nA note for the next translator.")
    text = _msgcat(catalogs.po_text(_catalog(long)), tmp_path)
    template = _catalog(polib.POEntry(msgctxt=long.msgctxt, msgid=long.msgid))
    merged = catalogs.update_catalog(catalogs.parse_po(text, path="x.po"), template)
    (entry,) = _written_and_read(merged)
    assert parse_ignores(entry.tcomment.splitlines()) == ({"numbers": REASON}, ())
    assert entry.tcomment.endswith("\n\nA note for the next translator.")


# --- everywhere ignores are read -----------------------------------------------------------


def _wrapped_entry() -> polib.POEntry:
    (entry,) = _written_and_read(_catalog(_entry(f"medloc-ignore: numbers {LONG_TOKEN}")))
    assert entry.tcomment.count("\n") >= 1
    return entry


def test_the_runner_reads_it_whole_with_and_without_preconditions() -> None:
    entry = entry_from_po(_wrapped_entry(), locale="es", domain="articles", path="x.po")
    fast = check_entry(entry)
    reference = check_entry(entry, preconditions=False)
    assert [(f.code, f.ignored) for f in fast] == [("numbers", LONG_TOKEN)]
    assert [(f.code, f.ignored) for f in reference] == [("numbers", LONG_TOKEN)]


def test_the_service_reads_it_whole(tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = _catalog(_wrapped_entry())
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    (folder / "articles.po").write_text(catalogs.po_text(po), encoding="utf-8")
    loaded = load_catalog(tmp_path / "locales", LocaleTag("es"), "articles")
    assert loaded.ignores == {
        ("demo#what-is-it", "Relief lasts 6 to 12 months."): {"numbers": LONG_TOKEN}
    }


@pytest.mark.parametrize("reason", [REASON, f"{LONG_TOKEN} explains it"])
def test_an_ignore_survives_update_and_msgcat_in_the_gate(
    project: Path, reason: str, tmp_path: Path
) -> None:
    edit(project, ES, "de 6 a 12 meses", "6 meses")
    add_comment(project, ES, "Relief lasts", f"medloc-ignore: numbers {reason}")
    list(Project(project).update(["es"]))
    path = project / ES
    assert f"# medloc-ignore: numbers {reason}\n" not in path.read_text(encoding="utf-8")
    _assert_ignored(project, reason)
    path.write_text(_msgcat(path.read_text(encoding="utf-8"), tmp_path), encoding="utf-8")
    _assert_ignored(project, reason)


def _assert_ignored(project: Path, reason: str) -> None:
    code, out = check(project, "--format", "json")
    assert code == 0, out
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["ignore_reason"]) for f in findings] == [("numbers", reason)]
    code, out = check(project, "--format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "inSource", "justification": reason}]
