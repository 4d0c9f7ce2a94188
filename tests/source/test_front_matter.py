"""An article's front matter: the simple lines are read without tomllib, to the same values;
anything else is left to tomllib (#15: every start reads every article's front matter)."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from medloc.errors import ContentError
from medloc.source.content import _simple_toml, parse_article

KEY = st.sampled_from(["slug", "title", "summary", "language", "last_reviewed", "a-b_1", "k"])
VALUE = st.one_of(
    st.text(max_size=10).map(lambda text: '"' + text + '"'),
    st.text(max_size=10).map(lambda text: "'" + text + "'"),
    st.dates().map(dt.date.isoformat),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.sampled_from(['"a\\"b"', '"tab\there"', '"\\u00e9"', "3", "true", '"x" # note', "[1]"]),
)
SPACE = st.sampled_from(["", " ", "\t", "  "])
LINE = st.one_of(
    st.tuples(KEY, SPACE, VALUE, SPACE).map(lambda t: f"{t[0]}{t[1]}={t[3]}{t[2]}"),
    st.sampled_from(["", "# comment", ' slug = "x"', "[table]", 'x = "a"\r']),
)


def _toml(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


@given(st.lists(LINE, max_size=6))
def test_simple_lines_read_as_tomllib_reads_them(lines: list[str]) -> None:
    text = "".join(line + "\n" for line in lines)
    simple = _simple_toml(text)
    if simple is not None:
        assert simple == _toml(text)
        assert [type(v) for v in simple.values()] == [type(v) for v in tomllib.loads(text).values()]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('title = "Plain words"\nlast_reviewed = 2026-11-21\n', "fast"),
        ('title = "tab\there"\n', "fast"),
        ('title = "é and ü"\n', "fast"),
        ('title = "a\\"b"\n', "tomllib"),  # an escape
        ('title = "a"\ntitle = "b"\n', "tomllib"),  # a key twice: tomllib's error
        ("last_reviewed = 2026-02-30\n", "tomllib"),  # no such day: tomllib's error
        ("last_reviewed = ٢٠٢٦-01-01\n", "tomllib"),  # digits that are not ASCII
        ('title = "a" # note\n', "tomllib"),
        ('title = "a\x7f"\n', "tomllib"),
    ],
)
def test_what_is_read_without_tomllib(text: str, value: str) -> None:
    simple = _simple_toml(text)
    assert (simple is not None) == (value == "fast")
    if simple is not None:
        assert simple == tomllib.loads(text)


def test_an_error_is_still_tomllibs() -> None:
    text = '+++\nslug = "x"\nslug = "y"\n+++\nbody\n'
    with pytest.raises(ContentError, match="not valid TOML"):
        parse_article(text, path="content/articles/x.md")
