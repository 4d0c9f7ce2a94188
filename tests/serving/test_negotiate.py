"""Tests for medloc.serving.negotiate: Accept-Language parsing, matching, fallback chains."""

from __future__ import annotations

import time

import pytest
from medloc.errors import LocaleError
from medloc.serving.negotiate import (
    MAX_HEADER_LENGTH,
    MAX_ITEMS,
    LanguageRange,
    Negotiator,
    canonical_tag,
    from_babel,
    parse_accept_language,
    to_babel,
)

pytestmark = pytest.mark.cldr  # likely subtags and parent locales come from CLDR (Babel)

PROJECT_LOCALES = ("en", "es", "fr", "de", "ar", "zh-Hans", "pt-BR")


@pytest.fixture
def project() -> Negotiator:
    return Negotiator(PROJECT_LOCALES, "en")


# Accept-Language header -> locale served by the project's Negotiator.
#
# For comparison (checked once in a scratch script, not here): Werkzeug 3.1.9
# `parse_accept_header(h, LanguageAccept).best_match(available, default="en")` and
# Babel 2.18 `negotiate_locale([tags with q > 0, in our order], available, sep="-")`.
# * Werkzeug gets wrong: zh-Hans-CN, zh-CN, zh-SG, pt-PT, pt-AO, the Firefox zh-TW and
#   pt-PT rows (no likely subtags: all give en); "de;q=0.5, fr;q=0.5" (fr: ties are
#   not kept in header order); "en-US;q=0, *", "es;q=0, es-MX" and
#   "es, es;q=0, de;q=0.5" (q=0 only hides the exact tag); and it keeps items we drop
#   as malformed or ranks them differently: q=0.1234, "q=", "q = 0.9", a repeated q,
#   "fr, es;q=1.000" and "fr;q=1., es" (all give es).
# * Babel gets wrong: zh, zh-CN, zh-SG, zh-Hans-CN (its alias table maps zh to zh_CN,
#   not zh-Hans), pt, pt-PT, pt-AO and the Firefox zh-TW and pt-PT rows (no likely
#   subtags: all give en); "*, en;q=0", "en;q=0, *", "en-US;q=0, *" (no wildcard);
#   "es;q=0, es-MX" and "es, es;q=0, de;q=0.5" (it knows nothing of q=0; given only
#   the q>0 tags, es-MX still truncates to es).
HEADER_TABLE: list[tuple[str, str]] = [
    # empty and garbage
    ("", "en"),
    ("   \t ", "en"),
    (";;;,,,", "en"),
    (",,, ,es,,", "es"),
    ("xx-YY, yy", "en"),
    # exact and case / separator variants
    ("es", "es"),
    ("ES", "es"),
    ("EN-us", "en"),
    ("pt-br", "pt-BR"),
    ("pt_BR", "pt-BR"),
    ("zh-hans", "zh-Hans"),
    # RFC 4647 lookup and CLDR parents
    ("es-MX", "es"),
    ("es_mx", "es"),
    ("es-419", "es"),
    ("ar-EG", "ar"),
    ("ar-SA", "ar"),
    ("de-CH", "de"),
    ("de-AT-1996", "de"),
    ("fr-CA", "fr"),
    ("en-GB", "en"),
    ("zh-Hans-CN", "zh-Hans"),
    # CLDR likely subtags
    ("pt", "pt-BR"),
    ("pt-PT", "pt-BR"),
    ("pt-AO, en;q=0.9", "pt-BR"),
    ("zh", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-SG", "zh-Hans"),
    # never across scripts
    ("zh-TW", "en"),
    ("zh-HK", "en"),
    ("zh-Hant", "en"),
    ("zh-MO", "en"),
    ("zh-Hant-CN", "en"),
    ("zh-TW, zh-HK;q=0.9, fr;q=0.5", "fr"),
    # preference order: q first, then header order; an earlier range wins
    ("de, es-MX;q=0.9", "de"),
    ("es-MX;q=0.9, de", "de"),
    ("fr;q=0.5, de;q=0.5", "fr"),
    ("de;q=0.5, fr;q=0.5", "de"),
    ("xx, fr;q=0.1", "fr"),
    ("en-US,en;q=0.9", "en"),
    ("es;q=0.001, fr;q=0.0009", "es"),
    # q=0 and wildcard
    ("*", "en"),
    ("xx, *;q=0.1", "en"),
    ("es;q=0, *", "en"),
    ("*, en;q=0", "es"),
    ("en;q=0, *", "es"),
    ("en-US;q=0, *", "es"),
    ("*;q=0, de;q=0.1", "de"),
    ("*;q=0", "en"),
    ("fr;q=0", "en"),
    ("es;q=0, es-MX", "en"),
    ("es-MX;q=0, es", "es"),
    ("pt;q=0, pt-PT, fr;q=0.5", "fr"),
    ("es, es;q=0, de;q=0.5", "de"),
    ("es;q=0., fr;q=0.1", "fr"),
    # a malformed item is dropped alone
    ("es;q=2, fr", "fr"),
    ("es;q=abc, fr;q=0.5", "fr"),
    ("es;q=0.1234, de;q=0.05", "de"),
    ("es;q=1.001, fr;q=0.5", "fr"),
    ("es;q=-1, fr;q=0.5", "fr"),
    ("es;q=, fr;q=0.5", "fr"),
    ("es;q=.5, fr;q=0.4", "fr"),
    ("es;q = 0.9, fr;q=0.5", "fr"),
    ("es;level=1, fr", "fr"),
    ("es;q=0.5;q=0.6, fr;q=0.1", "fr"),
    ("e$, de", "de"),
    ("español, de", "de"),
    ("es-, de", "de"),
    ("es--MX, de", "de"),
    ("toolongtag, de", "de"),
    ("es\n, de", "de"),
    # optional whitespace and weight spellings
    ("es ; q=0.9 , fr;q=0.5", "es"),
    ("\tes\t;\tq=0.8\t,fr;q=0.7", "es"),
    ("fr;q=0.5, es;Q=0.6", "es"),
    ("fr, es;q=1.000", "fr"),
    ("fr;q=1., es", "fr"),
    # real-world browser headers
    ("es-419,es;q=0.9,en;q=0.8", "es"),  # Chrome, Latin America
    ("pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-BR"),  # Chrome, Brazil
    ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de"),  # Chrome, Germany
    ("ar,en-US;q=0.9,en;q=0.8", "ar"),  # Chrome, Arabic UI
    ("fr-FR,fr;q=0.9", "fr"),  # Safari, France
    ("zh-TW", "en"),  # Safari, Taiwan
    ("zh-CN,zh-Hans;q=0.9", "zh-Hans"),  # Safari, mainland China
    ("de,en-US;q=0.7,en;q=0.3", "de"),  # Firefox, German
    ("zh-TW,zh;q=0.8,en-US;q=0.5,en;q=0.3", "zh-Hans"),  # Firefox zh-TW: asks for zh
    ("pt-PT,pt;q=0.8,en;q=0.5,en-US;q=0.3", "pt-BR"),  # Firefox, Portugal
    ("en-US,en;q=0.9,es;q=0.8", "en"),
    ("es-US,es;q=0.9,en-US;q=0.8", "es"),
]


@pytest.mark.parametrize(("header", "expected"), HEADER_TABLE)
def test_header_table(project: Negotiator, header: str, expected: str) -> None:
    assert project.negotiate(header) == expected


def test_table_is_large_enough() -> None:
    assert len(HEADER_TABLE) >= 40
    assert len({header for header, _ in HEADER_TABLE}) == len(HEADER_TABLE) - 1  # zh-TW twice


def test_no_header_gives_default(project: Negotiator) -> None:
    assert project.negotiate(None) == "en"


def test_match_returns_none_when_nothing_matches(project: Negotiator) -> None:
    assert project.match(parse_accept_language("zh-TW, ko")) is None
    assert project.match([]) is None


def test_match_sorts_unsorted_ranges(project: Negotiator) -> None:
    ranges = [LanguageRange("de", 0.2), LanguageRange("fr", 0.9)]
    assert project.match(ranges) == "fr"


# ------------------------------------------------------------------ long headers


def test_long_header_is_bounded_and_fast(project: Negotiator) -> None:
    header = "xx;q=0.9," * 500_000 + "es"
    start = time.perf_counter()
    ranges = parse_accept_language(header)
    result = project.negotiate(header)
    assert time.perf_counter() - start < 1.0
    assert len(ranges) == MAX_ITEMS
    assert result == "en"  # "es" lies past the limits


def test_items_past_the_length_limit_are_ignored() -> None:
    padding = "de," * (MAX_HEADER_LENGTH // 3)
    assert [r.tag for r in parse_accept_language("es;q=0.5," + padding + "fr")][-1] == "es"
    assert "fr" not in {r.tag for r in parse_accept_language("es;q=0.5," + padding + "fr")}


def test_item_cut_by_the_length_limit_is_dropped() -> None:
    # "es;q=0.55" straddles the limit; keeping its head "es;q=0." would exclude es.
    prefix = "de;q=0.1"
    header = prefix + "," * (MAX_HEADER_LENGTH - len(prefix) - 7) + "es;q=0.55"
    assert header[:MAX_HEADER_LENGTH].endswith(",es;q=0.")
    assert parse_accept_language(header) == [LanguageRange("de", 0.1)]
    assert parse_accept_language(header + ",fr") == [LanguageRange("de", 0.1)]
    assert parse_accept_language(header[:MAX_HEADER_LENGTH] + ",fr")[-1].tag == "es"


def test_item_limit() -> None:
    assert parse_accept_language("xx," * (MAX_ITEMS - 1) + "fr")[-1] == LanguageRange("fr", 1.0)
    assert "fr" not in [r.tag for r in parse_accept_language("xx," * MAX_ITEMS + "fr")]
    # empty list elements do not count
    assert parse_accept_language("," * 1000 + "fr") == [LanguageRange("fr", 1.0)]


# ----------------------------------------------------------- parse_accept_language


def test_parse_sorts_by_q_stable() -> None:
    ranges = parse_accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.9, *;q=0.5, it;q=0")
    assert ranges == [
        LanguageRange("fr-CH", 1.0),
        LanguageRange("fr", 0.9),
        LanguageRange("de", 0.9),
        LanguageRange("en", 0.8),
        LanguageRange("*", 0.5),
        LanguageRange("it", 0.0),
    ]


def test_parse_normalizes_tags_and_weights() -> None:
    ranges = parse_accept_language(" ZH-hans ;Q=1.000 , pt_br;q=0., sr-latn-rs;q=0.25")
    assert ranges == [
        LanguageRange("zh-Hans", 1.0),
        LanguageRange("sr-Latn-RS", 0.25),
        LanguageRange("pt-BR", 0.0),
    ]


def test_parse_drops_malformed_items_alone() -> None:
    header = "en;q=2, es;q=abc, de;q=0.1234, fr;q=0.5, it;x=1, *;q=0.1, ;q=0.3, a-b"
    assert parse_accept_language(header) == [LanguageRange("fr", 0.5), LanguageRange("*", 0.1)]


@pytest.mark.parametrize("header", ["", " ", ";;;,,,", ",", ";q=1", "*-x", "=;,"])
def test_parse_garbage_gives_nothing(header: str) -> None:
    assert parse_accept_language(header) == []


def test_parse_keeps_duplicates() -> None:
    assert parse_accept_language("es, ES;q=0") == [
        LanguageRange("es", 1.0),
        LanguageRange("es", 0.0),
    ]


def test_language_range_validates() -> None:
    with pytest.raises(LocaleError, match="'PT-br'"):
        LanguageRange("PT-br", 1.0)
    with pytest.raises(LocaleError, match=r"1\.5"):
        LanguageRange("pt-BR", 1.5)
    assert LanguageRange("*", 0.0).tag == "*"


# ------------------------------------------------------------------ canonical_tag


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("PT-br", "pt-BR"),
        ("zh-hans", "zh-Hans"),
        ("zh_hans_cn", "zh-Hans-CN"),
        ("ZH-HANT-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("sl-rozaj-BISKE", "sl-rozaj-biske"),
        ("de-CH-1901", "de-CH-1901"),
        ("en-US-u-CA-Gregory", "en-US-u-ca-gregory"),
        ("en-US-x-TW", "en-US-x-tw"),
        ("X-Private", "x-private"),
        ("zh-YUE-hk", "zh-yue-HK"),
        ("I-KLINGON", "i-klingon"),
        ("en-gb-OED", "en-GB-oed"),
        ("", None),
        ("-", None),
        ("e", None),
        ("es-", None),
        ("es--MX", None),
        ("123", None),
        ("toolongtag", None),
        ("en-US-u", None),
        ("en-x", None),
        ("en-a-b-c", None),
        ("español", None),
        ("en US", None),
        ("*", None),
        ("es-MX-MX", None),
    ],
)
def test_canonical_tag(tag: str, expected: str | None) -> None:
    assert canonical_tag(tag) == expected


def test_babel_conversion() -> None:
    assert to_babel("pt-BR") == "pt_BR"
    assert to_babel("ZH-hans") == "zh_Hans"
    assert from_babel("pt_BR") == "pt-BR"
    assert from_babel("zh_Hans") == "zh-Hans"
    assert from_babel("en") == "en"
    with pytest.raises(LocaleError, match="'e\\$'"):
        to_babel("e$")
    with pytest.raises(LocaleError, match="'sr_RS@latin'"):
        from_babel("sr_RS@latin")


# ------------------------------------------------------------- other deployments


@pytest.mark.parametrize(
    ("available", "header", "expected"),
    [
        # Serbian: never across scripts
        (("en", "sr"), "sr-Latn", "en"),
        (("en", "sr"), "sr-Latn-RS", "en"),
        (("en", "sr"), "sr-Latn, sr;q=0.5", "sr"),
        (("en", "sr"), "sr-RS", "sr"),
        (("en", "sr-Latn"), "sr", "en"),
        (("en", "sr-Latn"), "sr-ME", "sr-Latn"),
        (("en", "sr", "sr-Latn"), "sr-Latn-ME", "sr-Latn"),
        # a real pt-PT locale wins for European / African Portuguese
        (("en", "pt-BR", "pt-PT"), "pt-PT", "pt-PT"),
        (("en", "pt-BR", "pt-PT"), "pt-AO", "pt-PT"),
        (("en", "pt-BR", "pt-PT"), "pt", "pt-BR"),
        (("en", "pt-BR", "pt-PT"), "pt-BR;q=0, pt", "pt-PT"),
        # CLDR parents between regional variants
        (("en", "es", "es-419"), "es-MX", "es-419"),
        (("en", "es", "es-419"), "es-ES", "es"),
        (("en", "es-MX"), "es", "es-MX"),
        (("en", "zh-Hant", "zh-Hant-HK"), "zh-MO", "zh-Hant-HK"),
        (("en", "zh-Hant", "zh-Hant-HK"), "zh-TW", "zh-Hant"),
        (("en", "zh-Hant"), "zh-CN", "en"),
        (("en", "no"), "nb", "no"),
        # a q=0 range does not hide a more specific positive one
        (("en", "es", "es-MX"), "es;q=0, es-MX", "es-MX"),
        (("en", "es", "es-MX"), "es;q=0, es-AR", "en"),
    ],
)
def test_other_deployments(available: tuple[str, ...], header: str, expected: str) -> None:
    assert Negotiator(available).negotiate(header) == expected


def test_default_other_than_en() -> None:
    negotiator = Negotiator(["fr", "es"], default="de")
    assert negotiator.available == ("de", "fr", "es")
    assert negotiator.negotiate("it") == "de"
    assert negotiator.negotiate("*, de;q=0") == "fr"


def test_equivalences() -> None:
    negotiator = Negotiator(PROJECT_LOCALES, equivalents={"zh-TW": "zh-Hans"})
    assert negotiator.negotiate("zh-TW") == "zh-Hans"
    assert negotiator.negotiate("zh-Hant-TW") == "zh-Hans"
    assert negotiator.negotiate("zh-Hant") == "zh-Hans"  # CLDR: zh-Hant means zh-Hant-TW
    assert negotiator.negotiate("zh-HK") == "en"
    assert negotiator.negotiate("zh-TW, fr;q=0.5") == "zh-Hans"
    assert negotiator.negotiate("zh-TW, zh-Hans;q=0") == "en"


def test_available_is_canonical(project: Negotiator) -> None:
    assert Negotiator(["EN", "pt_br", "zh_hans"]).available == ("en", "pt-BR", "zh-Hans")
    assert project.default == "en"


# ------------------------------------------------------------------------- chain


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", ("en",)),
        ("es", ("es", "en")),
        ("pt-BR", ("pt-BR", "en")),
        ("pt_br", ("pt-BR", "en")),
        ("zh-Hans", ("zh-Hans", "en")),
    ],
)
def test_chain_defaults(project: Negotiator, locale: str, expected: tuple[str, ...]) -> None:
    assert project.chain(locale) == expected


def test_chain_uses_cldr_parents() -> None:
    negotiator = Negotiator(["en", "es", "es-419", "es-MX", "zh", "zh-Hant", "zh-Hant-MO", "en-GB"])
    assert negotiator.chain("es-MX") == ("es-MX", "es-419", "es", "en")
    assert negotiator.chain("zh-Hant-MO") == ("zh-Hant-MO", "zh-Hant", "en")  # not zh
    assert negotiator.chain("en-GB") == ("en-GB", "en")


def test_configured_chain() -> None:
    negotiator = Negotiator(
        ["en", "es", "es-MX", "pt-BR", "fr"],
        fallbacks={"pt-BR": ["es"], "es_mx": ["es-MX", "es", "en", "fr"]},
    )
    assert negotiator.chain("pt-BR") == ("pt-BR", "es", "en")
    assert negotiator.chain("es-MX") == ("es-MX", "es", "fr", "en")
    assert negotiator.chain("fr") == ("fr", "en")
    ends_with_source = Negotiator(["en", "es", "pt-BR"], fallbacks={"pt-BR": ["en", "es"]})
    assert ends_with_source.chain("pt-BR") == ("pt-BR", "es", "en")


def test_chain_rejects_unknown_locale(project: Negotiator) -> None:
    with pytest.raises(LocaleError, match="'it'"):
        project.chain("it")
    with pytest.raises(LocaleError, match="'e\\$'"):
        project.chain("e$")


# -------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "quoted"),
    [
        ({"available": ["en", "e$"]}, "'e$'"),
        ({"available": ["en", "es", "ES"]}, "'ES'"),
        ({"available": ["en", "*"]}, "'*'"),
        ({"available": "en"}, "'en'"),
        ({"available": ["en"], "default": "english!"}, "'english!'"),
        ({"available": ["en"], "fallbacks": {"pt-PT": ["en"]}}, "'pt-PT'"),
        ({"available": ["en", "pt-BR"], "fallbacks": {"pt-BR": ["it"]}}, "'it'"),
        ({"available": ["en", "pt-BR"], "fallbacks": {"pt-BR": "en"}}, "'en'"),
        ({"available": ["en", "pt-BR"], "fallbacks": {"pt-BR": ["b@d"]}}, "'b@d'"),
        ({"available": ["en"], "equivalents": {"zh-TW": "zh-Hans"}}, "'zh-Hans'"),
        ({"available": ["en", "zh-Hans"], "equivalents": {"zh-Hans": "en"}}, "'zh-Hans'"),
        ({"available": ["en", "zh-Hans"], "equivalents": {"zh TW": "zh-Hans"}}, "'zh TW'"),
    ],
)
def test_configuration_errors(kwargs: dict[str, object], quoted: str) -> None:
    with pytest.raises(LocaleError) as info:
        Negotiator(**kwargs)  # type: ignore[arg-type]
    assert quoted in str(info.value)
