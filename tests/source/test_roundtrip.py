"""Round trips: translations that equal their source render exactly the source's HTML,
and pseudo-translations keep the structure, over our articles and all CommonMark examples."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from medloc.catalog.pseudo import pseudo_translate
from medloc.serving.render import Language, render_article, render_document, source_language
from medloc.source.content import load_content
from medloc.source.extract import block_contexts, parse_article_body
from medloc.source.markdown import commonmark_parser, parse_document

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "data" / "commonmark-spec.json"  # see tests/data/README.md
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8"))
CONTENT = load_content(ROOT)


class _Structure(HTMLParser):
    """The element skeleton of a fragment: tags with their link targets, no text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = tuple(f"{k}={v}" for k, v in attrs if k in ("href", "src", "id", "start"))
        self.events.append(("open", tag, *kept))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("close", tag))


def structure(html: str) -> list[tuple[str, ...]]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.events


def test_the_corpus_is_complete() -> None:
    assert len(EXAMPLES) == 652


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"example-{e['example']}")
def test_commonmark_identity(example: dict[str, str]) -> None:
    md = commonmark_parser()
    document = parse_document(example["markdown"], md, attributes=False)
    rendered = render_document(document, md, lambda block: (block.text, None))
    assert rendered == md.render(example["markdown"])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"example-{e['example']}")
def test_commonmark_pseudo_keeps_structure(example: dict[str, str]) -> None:
    md = commonmark_parser()
    document = parse_document(example["markdown"], md, attributes=False)
    pseudo = render_document(document, md, lambda block: (pseudo_translate(block.text), None))
    assert structure(pseudo) == structure(md.render(example["markdown"]))


def test_pseudo_translation_changes_prose() -> None:
    text = "See [the guide](what-is-a-rhizotomy) and **rest** for `2` days."
    pseudo = pseudo_translate(text)
    assert pseudo != text
    assert "[the guide](what-is-a-rhizotomy)" in pseudo and "`2`" in pseudo
    assert len(pseudo) > len(text)


def _identity(locale: str) -> Language:
    return Language(locale, lambda _context, msgid: msgid)


def _pseudo(locale: str) -> Language:
    return Language(locale, lambda _context, msgid: pseudo_translate(msgid))


@pytest.mark.parametrize("article", CONTENT.documents, ids=lambda a: a.slug)
def test_article_identity_renders_the_source(article) -> None:  # type: ignore[no-untyped-def]
    md = commonmark_parser().enable("table")
    document = parse_article_body(article)
    source = render_article(article, document, md, [source_language()])
    same = render_article(article, document, md, [_identity("es"), source_language()])
    assert same.html == source.html
    assert [s.id for s in same.sections] == [s.id for s in source.sections]
    assert same.languages == ("es",)


@pytest.mark.parametrize("article", CONTENT.documents, ids=lambda a: a.slug)
def test_article_pseudo_keeps_structure(article) -> None:  # type: ignore[no-untyped-def]
    md = commonmark_parser().enable("table")
    document = parse_article_body(article)
    source = render_article(article, document, md, [source_language()])
    pseudo = render_article(article, document, md, [_pseudo("es"), source_language()])
    assert pseudo.html != source.html
    assert structure(pseudo.html) == structure(source.html)
    assert len(block_contexts(document, article.slug)) == len(document.blocks)


def test_pseudo_translation_keeps_placeholders() -> None:
    pseudo = pseudo_translate("Last reviewed: %(date)s, by {name}, 100%% sure")
    assert "%(date)s" in pseudo and "{name}" in pseudo and "%%" in pseudo
    assert "Last" not in pseudo
