"""service._po reads and writes exactly what polib does (it only does it faster).

Compared on the project's catalogs and on generated catalogs full of what makes .po files
tricky (escapes, plurals, obsolete and previous entries, long words, hyphens, odd line
breaks) with and without broken lines; the syntax check agrees with the line-by-line one.
"""

from __future__ import annotations

import random
import re
import textwrap
from pathlib import Path

import polib
import pytest

from service import _po, _podump

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTES = (
    "msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding",
    "comment", "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "linenum",
)  # fmt: skip
PIECES = (
    "a", "bb", " ", "  ", "-", "--", "\\", '"', "\n", "\t", "é", "\u00a0", "long" * 20,
    "follow-up", "e.g.", "%(n)s", "**b**", "[l](u)", "#", ":", "x-ray", "\r", "\u2028",
)  # fmt: skip
JUNK = (
    "#", "# c", "#,", "#:", "#~", "#~|", '#| msgid "q"', "#|", '"zz"', 'msgstr[1] "w"',
    'msgid "d"', "junk", '#~ msgid "o"', "", "#. g", "\ufeff# b", 'msgctxt "c"', '"a"b"',
)  # fmt: skip


def same_as_polib(text: str) -> None:
    try:
        expected: polib.POFile | None = polib.pofile(text, wrapwidth=79)
    except OSError:
        expected = None
    got, checked = _po.parse(text, wrapwidth=79)
    if checked:
        assert _po.first_bad_line(text) is None
    if expected is None:
        assert got is None
        return
    if got is None:
        return  # polib decides (odd line breaks, unusual layout)
    if not checked:
        assert _po.first_bad_line(text) is not None
    assert (got.header, got.metadata, got.metadata_is_fuzzy, got.encoding, got.fpath) == (
        expected.header,
        expected.metadata,
        expected.metadata_is_fuzzy,
        expected.encoding,
        expected.fpath,
    )
    assert len(got) == len(expected)
    for ours, theirs in zip(got, expected, strict=True):
        for name in ATTRIBUTES:
            assert getattr(ours, name) == getattr(theirs, name), name
            assert type(getattr(ours, name)) is type(getattr(theirs, name)), name
    for width in (79, 40):
        expected.wrapwidth = width
        assert _podump.dump(expected) == str(expected)


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("locales/**/*.po*")) + sorted(ROOT.glob("tests/golden/*.pot")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_project_catalogs(path: Path) -> None:
    same_as_polib(path.read_text(encoding="utf-8"))


def _text(rng: random.Random, size: int | None = None) -> str:
    count = rng.randint(0, 30) if size is None else size
    return "".join(rng.choice(PIECES) for _ in range(count))


def _entry(rng: random.Random) -> polib.POEntry:
    entry = polib.POEntry(msgid=_text(rng) or "m", msgctxt=rng.choice([None, _text(rng, 3)]))
    if rng.random() < 0.2:
        entry.msgid_plural = _text(rng) or "p"
        entry.msgstr_plural = {0: _text(rng), 1: _text(rng)}
    else:
        entry.msgstr = _text(rng)
    if rng.random() < 0.3:
        entry.comment = "\n".join(_text(rng) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.3:
        entry.tcomment = "\n".join(_text(rng) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.5:
        entry.occurrences = [
            (rng.choice(["content/a-b.md", "x.py", "a-very-long-name-" * 3]), rng.choice(["", "7"]))
            for _ in range(rng.randint(1, 4))
        ]
    if rng.random() < 0.3:
        entry.flags = rng.sample(["fuzzy", "python-format", "no-wrap"], rng.randint(1, 2))
    if rng.random() < 0.2:
        entry.previous_msgid = _text(rng)
    if rng.random() < 0.1:
        entry.previous_msgctxt = _text(rng, 4)
    entry.obsolete = rng.random() < 0.15
    return entry


@pytest.mark.parametrize("seed", range(40))
def test_generated_catalogs(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(15):
        po = polib.POFile(wrapwidth=79)
        po.header = rng.choice(["", "Header\n\nmore", ", c", "x"])
        po.metadata = {"Project-Id-Version": "p", "Content-Type": "text/plain; charset=UTF-8"}
        po.metadata_is_fuzzy = rng.random() < 0.2
        po.extend(_entry(rng) for _ in range(rng.randint(0, 10)))
        text = str(po)
        same_as_polib(text)
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            spot = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines.insert(spot, rng.choice(JUNK))
            else:
                del lines[spot]
        same_as_polib("\n".join(lines))


_OLD_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*'
)


def _old_first_bad_line(text: str) -> tuple[int, str] | None:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                line = line[1:].strip()
        if line and not line.startswith("#") and not _OLD_LINE.fullmatch(line):
            return number, raw
    return None


def test_syntax_check_agrees_line_by_line() -> None:
    rng = random.Random(7)
    parts = (
        "msgid", "msgstr", "msgstr[0]", "msgstrx", " ", "\t", '"', '\\"', "\\", "a", "#",
        "#~", "#~|", "|", "", "\u00a0", "\r", "\x0c", '"abc"', ' "x"', '#| msgid "a"',
    )  # fmt: skip
    for _ in range(5000):
        lines = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 6))) for _ in range(4)]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        assert _po.first_bad_line(text) == _old_first_bad_line(text), repr(text)


def test_wrap_is_textwrap() -> None:
    rng = random.Random(3)
    pieces = ("a", "bb", " ", "  ", "é", "x" * 25, "-", "--", "follow-up", "1-2", "ab-", ".", "'")
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        width = rng.randint(1, 40)
        expected = textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
        assert _podump._wrap(text, width) == expected, (text, width)
