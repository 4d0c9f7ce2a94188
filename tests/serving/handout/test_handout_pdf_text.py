"""The PDFs as poppler reads them: each locale's title, risks and disclaimer as text, Arabic
right to left, two languages in the right column order, fonts embedded, the language tagged.

Expected strings come from the catalogs (read with the project's reader), never literals."""

from __future__ import annotations

import re
import unicodedata

import pytest
from handoutdata import SLUG, Render, expected
from medloc.serving.numerals import with_digits
from medloc.serving.web.library import Library
from medloc.serving.web.presenting import presentation
from pdftools import Word, bbox_words, catalog_lang, fonts, info, normal, pages_text, text

LOCALES = ["en", "es", "fr", "de", "pt-BR", "zh-Hans", "ar"]
A4_HEIGHT = 841.89
_LAM_ALEF = re.compile("ل[اأإآى]")


def _parts(locale: str) -> dict[str, str]:
    """What every handout must show in its language: title, risks heading, disclaimer."""
    return {
        "title": expected(locale, f"{SLUG}:title"),
        "risks": expected(locale, f"{SLUG}#risks"),
        "disclaimer heading": expected(locale, "disclaimer#disclaimer"),
        "disclaimer": expected(locale, "disclaimer#disclaimer", 1),
    }


def surviving_words(sentence: str) -> list[str]:
    """Arabic words that text extraction gives back as written: those without a lam-alef
    ligature (extraction splits it and reverses its parts) and not ending in a mark such as
    a shadda (extraction moves it away)."""
    words = (w.strip(".,:،") for w in sentence.split())
    return [
        w for w in words if w and not _LAM_ALEF.search(w) and unicodedata.category(w[-1]) != "Mn"
    ]


@pytest.mark.parametrize("locale", [x for x in LOCALES if x != "ar"])
def test_title_risks_and_disclaimer_are_text_in_the_locale(handout: Render, locale: str) -> None:
    extracted = normal(text(handout(locale)))
    for part, wanted in _parts(locale).items():
        assert normal(wanted) in extracted, (locale, part, wanted)


def test_arabic_words_survive_extraction(handout: Render) -> None:
    extracted = text(handout("ar"))
    for part, wanted in _parts("ar").items():
        words = surviving_words(wanted)
        assert len(words) >= 2, (part, wanted)
        missing = [w for w in words if w not in extracted]
        assert not missing, (part, missing)


def _line_of(words: list[Word], sentence: list[str], *, reverse: bool) -> list[Word]:
    """The words of ``sentence`` on the first line where they all appear (a bbox word of
    right-to-left text is spelt in visual order: reversed)."""
    spelt = [w[::-1] if reverse else w for w in sentence]
    by_line: dict[tuple[int, float], list[Word]] = {}
    for word in words:
        by_line.setdefault((word.page, round(word.y, 1)), []).append(word)
    for line in by_line.values():
        found = {w.text: w for w in line}
        if all(s in found for s in spelt):
            return [found[s] for s in spelt]
    raise AssertionError(f"no line holds {spelt}")


def test_arabic_reads_right_to_left(handout: Render) -> None:
    title = surviving_words(expected("ar", f"{SLUG}:title"))
    line = _line_of(bbox_words(handout("ar")), title, reverse=True)
    xs = [w.x for w in line]
    assert xs == sorted(xs, reverse=True), line  # the first word is the rightmost


@pytest.mark.parametrize(("locale", "start_is_left"), [("es", True), ("ar", False)])
def test_a_bilingual_handout_holds_both_languages_in_column_order(
    handout: Render, locale: str, start_is_left: bool
) -> None:
    pdf = handout(locale, "en")
    extracted = normal(text(pdf))
    for language in (locale, "en"):
        for part, wanted in _parts(language).items():
            if language == "ar":
                assert all(w in text(pdf) for w in surviving_words(wanted)), part
            else:
                assert normal(wanted) in extracted, (language, part)
    words = bbox_words(pdf)
    english = _line_of(words, expected("en", f"{SLUG}:title").split()[:2], reverse=False)
    first = surviving_words(expected(locale, f"{SLUG}:title"))[:1]
    own = _line_of(words, first, reverse=locale == "ar")
    assert english[0].page == own[0].page == 1
    # the page's language takes the start side: left in Spanish, right in Arabic
    assert (own[0].x < english[0].x) == start_is_left


@pytest.mark.parametrize("locale", ["ar", "es"])
def test_page_numbers_are_in_the_digits_of_the_pages(
    handout: Render, library: Library, locale: str
) -> None:
    """``[pages] digits`` (the bundled project: Arabic-Indic digits for ar) holds for the
    page numbers at the foot of each page too."""
    system = presentation(library).pages.numbering_system(locale)
    words = bbox_words(handout(locale))
    foot = "".join(w.text for w in words if w.page == 1 and w.y > A4_HEIGHT - 60)
    assert with_digits("1", system) in foot, foot
    if with_digits("1", system) != "1":
        assert not any(ch.isascii() and ch.isdigit() for ch in foot), foot


@pytest.mark.parametrize("locales", [("es",), ("ar",), ("zh-Hans",), ("ar", "en")])
def test_every_font_is_embedded(handout: Render, locales: tuple[str, ...]) -> None:
    found = fonts(handout(*locales))
    assert found
    assert all(emb == "yes" for _name, emb in found), found


@pytest.mark.parametrize("locales", [("es",), ("ar",), ("zh-Hans",), ("ar", "en")])
def test_the_tagged_pdf_says_its_language(handout: Render, locales: tuple[str, ...]) -> None:
    pdf = handout(*locales)
    assert info(pdf)["Tagged"] == "yes"
    assert catalog_lang(pdf) == locales[0]


@pytest.mark.parametrize(
    "locales", [("en",), ("es",), ("fr",), ("de",), ("pt-BR",), ("zh-Hans",), ("es", "en")]
)
def test_a_safety_section_is_on_one_page_with_its_heading(
    handout: Render, locales: tuple[str, ...]
) -> None:
    locale = locales[0]
    heading = normal(expected(locale, f"{SLUG}#risks"))
    last = normal(expected(locale, f"{SLUG}#risks", -1))
    pages = [normal(page) for page in pages_text(handout(*locales))]
    with_heading = [i for i, page in enumerate(pages) if heading in page]
    assert with_heading, heading
    assert last in pages[with_heading[0]], (with_heading, last)
