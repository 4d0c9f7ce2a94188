"""medloc.catalog._po reads and writes exactly what polib does (it only does it faster).

Compared on the project's catalogs and on generated catalogs full of what makes .po files
tricky (escapes, plurals, obsolete and previous entries, long words, hyphens, odd line
breaks) with and without broken lines; the syntax check agrees with the line-by-line one.
"""

from __future__ import annotations

import functools
import io
import random
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from medloc import catalog as catalogs
from medloc.catalog import _po, _podump, _posyntax, _read
from medloc.errors import CatalogError

ROOT = Path(__file__).resolve().parents[2]
ATTRIBUTES = (
    "msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding",
    "comment", "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "linenum",
)  # fmt: skip
PIECES = (
    "a", "bb", " ", "  ", "-", "--", "\\", '"', "\n", "\t", "é", "\u00a0", "long" * 20,
    "follow-up", "e.g.", "%(n)s", "**b**", "[l](u)", "#", ":", "x-ray", "\r", "\x0b",
)  # fmt: skip
# Line breaks for str.splitlines() (so for polib) that polib writes unescaped: written into
# a catalog, they make lines of it (CRLF files, a U+2028 in a comment...).
COMMENT_PIECES = tuple(piece for piece in PIECES if piece not in ("\r", "\x0b"))
ODD_BREAKS = ("\r\n", "\r", "\u2028", "\x0c", "\x1c", "\x85")
JUNK = (
    "#", "# c", "#,", "#:", "#~", "#~|", '#| msgid "q"', "#|", '"zz"', 'msgstr[1] "w"',
    'msgid "d"', "junk", '#~ msgid "o"', "", "#. g", "\ufeff# b", 'msgctxt "c"', '"a"b"',
)  # fmt: skip


def same_as_polib(text: str) -> bool:
    """Whether the fast path read ``text``; where it did, it gave what polib gives.

    The fast reader may only refuse (``Unsupported``) input that polib or the project's
    syntax check refuses too; any other exception of it fails the test."""
    try:
        expected: polib.POFile | None = polib.pofile(text, wrapwidth=79)
    except (OSError, ValueError):
        expected = None
    try:
        got, checked = _po.parse_or_reject(text, wrapwidth=79)
    except _po.Unsupported as refused:
        assert expected is None or _posyntax.first_bad_line(text) is not None, refused
        assert _po.parse(text, wrapwidth=79) == (None, False)
        return False
    assert expected is not None, "the fast reader read what polib refuses"
    assert (_posyntax.first_bad_line(text) is None) == checked
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
    return True


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("locales/**/*.po*")) + sorted(ROOT.glob("tests/source/golden/*.pot")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_project_catalogs(path: Path) -> None:
    assert same_as_polib(path.read_text(encoding="utf-8")), "the fast reader refused it"


def _text(rng: random.Random, size: int | None = None, *, comment: bool = False) -> str:
    """Random text; a comment's without the breaks polib escapes in strings only."""
    count = rng.randint(0, 30) if size is None else size
    pieces = COMMENT_PIECES if comment else PIECES
    return "".join(rng.choice(pieces) for _ in range(count))


def _comment(rng: random.Random) -> str:
    return "\n".join(_text(rng, comment=True) for _ in range(rng.randint(1, 3)))


def _entry(rng: random.Random) -> polib.POEntry:
    entry = polib.POEntry(msgid=_text(rng) or "m", msgctxt=rng.choice([None, _text(rng, 3)]))
    if rng.random() < 0.2:
        entry.msgid_plural = _text(rng) or "p"
        entry.msgstr_plural = {0: _text(rng), 1: _text(rng)}
    else:
        entry.msgstr = _text(rng)
    if rng.random() < 0.3:
        entry.comment = _comment(rng)
    if rng.random() < 0.3:
        entry.tcomment = _comment(rng)
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


def _catalog(rng: random.Random) -> str:
    po = polib.POFile(wrapwidth=79)
    po.header = rng.choice(["", "Header\n\nmore", ", c", "x"])
    po.metadata = {"Project-Id-Version": "p", "Content-Type": "text/plain; charset=UTF-8"}
    po.metadata_is_fuzzy = rng.random() < 0.2
    po.extend(_entry(rng) for _ in range(rng.randint(0, 10)))
    return str(po)


def _odd_breaks(rng: random.Random, text: str) -> str:
    """``text`` with other line breaks than "\\n" (a CRLF file, a U+2028...)."""
    if rng.random() < 0.5:
        return text.replace("\n", "\r\n")
    return "".join(line + rng.choice(ODD_BREAKS) for line in text.split("\n"))


def _junk(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        spot = rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines.insert(spot, rng.choice(JUNK))
        else:
            del lines[spot]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_generated_catalogs(seed: int) -> None:
    """Every catalog polib writes takes the fast path, whatever its line breaks; a damaged
    one is read the same or refused where polib or the syntax check refuses it too."""
    rng = random.Random(seed)
    for _ in range(15):
        text = _catalog(rng)
        assert same_as_polib(text), "the fast reader refused a catalog that polib wrote"
        assert same_as_polib(_odd_breaks(rng, text)), "refused for its line breaks"
        same_as_polib(_junk(rng, text))


def test_damaged_catalogs_mostly_take_the_fast_path() -> None:
    """Damage the syntax check accepts (a deleted comment, a missing msgstr line...) is
    read by the fast path too: refusals stay the exception."""
    rng = random.Random(11)
    taken = [same_as_polib(_junk(rng, _catalog(rng))) for _ in range(300)]
    assert taken.count(True) >= 100, taken.count(True)


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
        assert _posyntax.first_bad_line(text) == _old_first_bad_line(text), repr(text)


def test_wrap_is_textwrap() -> None:
    rng = random.Random(3)
    pieces = ("a", "bb", " ", "  ", "é", "x" * 25, "-", "--", "follow-up", "1-2", "ab-", ".", "'")
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        width = rng.randint(1, 40)
        expected = textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)
        assert _podump._wrap(text, width) == expected, (text, width)


def _outcome(read: Callable[[], catalogs.Catalog]) -> object:
    """Everything a read gives: the catalog's header, metadata and every entry's fields, or
    the error's message and line."""
    try:
        po = read()
    except CatalogError as exc:
        return ("error", exc.message, exc.line)
    head = (po.header, po.metadata, po.metadata_is_fuzzy, po.encoding, po.wrapwidth)
    return head, [tuple(getattr(entry, name) for name in ATTRIBUTES) for entry in po]


@pytest.mark.parametrize("seed", range(12))
def test_reading_in_slices_gives_what_reading_whole_gives(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_po reads a file a slice at a time (any slice size) and gives what parse_po gives
    for its whole text, errors included, whatever its line breaks or damage."""
    rng = random.Random(seed)
    for _ in range(10):
        text = _catalog(rng)
        for variant in (text, _odd_breaks(rng, text), _junk(rng, text)):
            whole = _outcome(functools.partial(catalogs.parse_po, variant, path="x.po"))
            for size in (1, 7, 64, 1 << 20):
                monkeypatch.setattr(_read, "SLICE", size)
                handle = io.StringIO(variant, newline="")
                sliced = _outcome(functools.partial(catalogs.read_po, handle, path="x.po"))
                assert sliced == whole, (size, variant)


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("locales/**/*.po*")) + sorted(ROOT.glob("tests/catalog/golden/*.po*")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_project_catalogs_are_read_in_slices(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's catalogs are read a slice at a time, never whole (parse_po is the
    fallback for what slices cannot read), and give what reading them whole gives."""
    text = path.read_text(encoding="utf-8")
    whole = _outcome(lambda: catalogs.parse_po(text, path="x.po"))
    monkeypatch.setattr(_read, "SLICE", 4096)
    monkeypatch.setattr(_read, "parse_po", None)  # calling it fails the test
    with path.open(encoding="utf-8", newline="") as handle:
        assert _outcome(lambda: catalogs.read_po(handle, path="x.po")) == whole
