"""A block's text parsed without markdown-it where it has no Markdown: exactly markdown-it's
tokens and HTML for any text, and the parser itself wherever it is configured otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from medloc.serving.inline import parse_inline, plain_text
from medloc.serving.web.markup import page_parser

SPEC = Path(__file__).resolve().parents[1] / "data" / "commonmark-spec.json"
# plain letters (Latin, accented, Arabic, CJK), digits, spaces and sentence punctuation; then
# with every character where an inline rule may start, line breaks and NUL
PLAIN = "aZé ü 9.,;?'\"()/|\u2013ø日本語\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \t\u00a0\u200f"
ALPHABET = PLAIN + "\n\r\0!#$%&*+-:<=>@[\\]^_`{}~"


def _same(md: MarkdownIt, text: str) -> None:
    terminators = plain_text(md)
    expected = md.parseInline(text, {})[0].children or []
    found = parse_inline(md, text, {}, terminators)
    assert [t.as_dict() for t in found] == [t.as_dict() for t in expected]
    rendered = md.renderer.render
    assert rendered(found, md.options, {}) == rendered(expected, md.options, {})


def test_the_page_parser_takes_plain_text_without_parsing() -> None:
    md = page_parser()
    assert plain_text(md) is not None
    (token,) = parse_inline(md, "Théé šààféé fààmîîlý. 10 أشهر?", {}, plain_text(md))
    assert (token.type, token.content) == ("text", "Théé šààféé fààmîîlý. 10 أشهر?")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PLAIN, max_size=60))
def test_plain_text_gives_markdown_its_tokens(text: str) -> None:
    _same(page_parser(), text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_any_text_gives_markdown_its_tokens(text: str) -> None:
    _same(page_parser(), text)


@pytest.mark.parametrize("number", range(0, 652, 13))
def test_commonmark_examples_give_markdown_its_tokens(number: int) -> None:
    example = json.loads(SPEC.read_text(encoding="utf-8"))[number]
    for line in example["markdown"].splitlines():
        _same(page_parser(), line)


@pytest.mark.parametrize(
    "md",
    [
        MarkdownIt("commonmark", {"typographer": True}).enable(["replacements", "smartquotes"]),
        MarkdownIt("commonmark", {"maxNesting": 0}),
    ],
    ids=["typographer", "no-nesting"],
)
def test_another_configuration_is_parsed(md: MarkdownIt) -> None:
    assert plain_text(md) is None
    _same(md, 'It\'s (c) 1...2 "quoted"')


def test_a_rule_before_the_text_rule_is_parsed() -> None:
    md = page_parser()

    def shout(state: object, silent: bool) -> bool:
        return False

    md.inline.ruler.before("text", "shout", shout)
    assert plain_text(md) is None
