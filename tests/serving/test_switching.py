"""Switching languages (#13): ``?lang=`` sets the cookie and leaves the address; a URL locale
that is not served redirects to the one it negotiates to, or says in the reader's language
that the page is not available in it, with links to the served languages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from medloc.serving.web import Settings, create_app
from medloc.tags import canonical_tag
from webproject import ES_UI, Msg, build, dom, po_text, write_catalog

NOT_AVAILABLE = "This page is not available in %(language)s"
READ_IT_IN = "You can read it in one of these languages:"
# Served: en (source), ar, de, es, fr, pt-BR, zh-Hans.
SERVED = ["en", "ar", "de", "es", "fr", "pt-BR", "zh-Hans"]
ZH_ARTICLES = [
    Msg("Nerve treatment", "神经治疗", "demo:title"),
    Msg("Risks", "风险", "demo#risks"),
]


def _project(root: Path) -> Path:
    build(root)
    spanish_ui = [
        *ES_UI,
        Msg(NOT_AVAILABLE, "Esta página no está disponible en %(language)s"),
        Msg(READ_IT_IN, "Puede leerla en uno de estos idiomas:"),
    ]
    write_catalog(root, "es", "messages", po_text("es", spanish_ui))
    write_catalog(
        root, "zh_Hans", "articles", po_text("zh_Hans", ZH_ARTICLES, "nplurals=1; plural=0;")
    )
    return root


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = _project(tmp_path_factory.mktemp("switching"))
    return create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _cookie(response: object) -> str | None:
    header = getattr(response, "headers").get("Set-Cookie")  # noqa: B009
    return header.split(";", 1)[0].removeprefix("medloc_lang=") if header else None


# ------------------------------------------------------------------ ?lang= leaves the URL


@pytest.mark.parametrize(
    ("url", "location", "cookie"),
    [
        ("/es/articles/demo?lang=ar", "/es/articles/demo", "ar"),
        ("/es/?lang=ar", "/es/", "ar"),
        (
            "/es/articles/demo?lang=ar&page=2&utm_source=x",
            "/es/articles/demo?page=2&utm_source=x",
            "ar",
        ),
        ("/es/articles/demo?a=1&lang=fr&b=%20c&c", "/es/articles/demo?a=1&b=%20c&c", "fr"),
        ("/es/articles/demo?lang=de&lang=ar", "/es/articles/demo", "de"),  # the first counts
        ("/es/articles/demo?%6Cang=de&x=%6Cang", "/es/articles/demo?x=%6Cang", "de"),
        ("/es/articles/demo?lang=PT_br", "/es/articles/demo", "pt-BR"),
        ("/es/articles/demo?lang=pt", "/es/articles/demo", "pt-BR"),  # negotiated
        ("/es/articles/demo?lang=zh-CN", "/es/articles/demo", "zh-Hans"),
        # names nothing served: ignored (no cookie, no error), the address cleaned all the same
        ("/es/articles/demo?lang=ja", "/es/articles/demo", None),
        ("/es/articles/demo?lang=zh-Hant", "/es/articles/demo", None),  # never zh-Hans
        ("/es/articles/demo?lang=&page=2", "/es/articles/demo?page=2", None),
        ("/es/articles/demo?lang=%3Cscript%3E", "/es/articles/demo", None),
        ("/es/articles/demo?lang=%FF%FE", "/es/articles/demo", None),
        # error pages too: the 404 and the "not available" page
        ("/es/articles/no-such-article?lang=ar", "/es/articles/no-such-article", "ar"),
        ("/ja/?lang=es", "/ja/", "es"),
        ("/not%20a%20tag/?lang=es", "/not%20a%20tag/", "es"),
        ("/es/articles/%C3%A9?lang=es", "/es/articles/%C3%A9", "es"),
        # a slash redirect and a canonical spelling come after
        ("/es?lang=ar", "/es", "ar"),
        ("/ES/articles/Demo?lang=ar", "/ES/articles/Demo", "ar"),
    ],
)
def test_lang_sets_the_cookie_and_redirects_to_the_url_without_it(
    client: FlaskClient, url: str, location: str, cookie: str | None
) -> None:
    response = client.get(url, headers={"Accept-Language": "fr"})
    assert response.status_code == 303
    assert response.headers["Location"] == location
    assert _cookie(response) == cookie
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data == b""


def test_the_cookie_has_the_switchers_attributes(client: FlaskClient) -> None:
    cookie = client.get("/es/?lang=ar").headers["Set-Cookie"]
    assert cookie.startswith("medloc_lang=ar;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_a_shared_link_keeps_the_recipients_language(client: FlaskClient) -> None:
    """Reader A switches to Arabic and shares the page; reader B, who reads German, opens it."""
    sharer = client.get("/ar/articles/demo?lang=ar&page=2", follow_redirects=True)
    assert sharer.status_code == 200
    assert sharer.request.url.endswith("/ar/articles/demo?page=2")  # what A copies
    assert client.get("/").headers["Location"] == "/ar/"  # A's choice is remembered
    recipient = FlaskClient(client.application)
    recipient.set_cookie("medloc_lang", "de")
    shared = recipient.get("/ar/articles/demo?page=2")
    assert shared.status_code == 200 and "Set-Cookie" not in shared.headers
    assert recipient.get("/articles/other").headers["Location"] == "/de/articles/other"


def test_the_switcher_links_land_on_clean_urls(client: FlaskClient) -> None:
    page = dom(client.get("/es/articles/demo").data)
    (nav,) = page.find_all("nav")
    for link in nav.find_all("a"):
        href = str(link.attrs["href"])
        response = client.get(href)
        tag = link.attrs["hreflang"]
        assert response.status_code == 303, href
        assert response.headers["Location"] == f"/{tag}/articles/demo"
        assert _cookie(response) == tag
        assert client.get(response.headers["Location"]).status_code == 200


def test_head_is_redirected_too(client: FlaskClient) -> None:
    response = client.head("/es/articles/demo?lang=ar")
    assert response.status_code == 303 and response.headers["Location"] == "/es/articles/demo"


def test_negotiating_urls_go_to_the_chosen_locale_at_once(client: FlaskClient) -> None:
    home = client.get("/?lang=ar&utm_source=x", headers={"Accept-Language": "de"})
    assert home.status_code == 302 and home.headers["Location"] == "/ar/?utm_source=x"
    assert _cookie(home) == "ar"
    article = client.get("/articles/demo?page=2&lang=pt", headers={"Accept-Language": "de"})
    assert article.headers["Location"] == "/pt-BR/articles/demo?page=2"
    assert _cookie(article) == "pt-BR"
    ignored = FlaskClient(client.application).get("/articles/demo?lang=ja&x=1")
    assert ignored.headers["Location"] == "/en/articles/demo?x=1" and _cookie(ignored) is None


@pytest.mark.parametrize(
    "url", ["/api/v1/articles?locale=es&lang=ar", "/api/v1/locales?lang=ar", "/healthz?lang=ar"]
)
def test_lang_means_nothing_outside_pages(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_a_redirect_never_leaves_the_site(client: FlaskClient) -> None:
    response = client.get("/%2F%2Fevil.example/?lang=es")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")


# ------------------------------------------------------------- URL locales not served

NEAREST = [
    ("pt", "pt-BR"),
    ("PT", "pt-BR"),
    ("pt-PT", "pt-BR"),  # same language and script: closer than English (the negotiator)
    ("pt-AO", "pt-BR"),
    ("de-AT", "de"),
    ("de-CH", "de"),
    ("de-1996", "de"),
    ("es-MX", "es"),
    ("es-419", "es"),
    ("es_ES", "es"),
    ("fr-CA", "fr"),
    ("en-GB", "en"),
    ("en-US", "en"),
    ("ar-EG", "ar"),
    ("ar-Arab", "ar"),
    ("zh", "zh-Hans"),
    ("zh-CN", "zh-Hans"),
    ("zh-SG", "zh-Hans"),
    ("zh-Hans-CN", "zh-Hans"),
]


@pytest.mark.parametrize(("requested", "served"), NEAREST)
def test_a_url_locale_that_negotiates_redirects_to_the_same_page(
    client: FlaskClient, requested: str, served: str
) -> None:
    for path, expected in [
        (f"/{requested}/", f"/{served}/"),
        (f"/{requested}/articles/demo", f"/{served}/articles/demo"),
        (f"/{requested}/articles/DEMO?page=2", f"/{served}/articles/demo?page=2"),
    ]:
        for header in ("ja", "es", None):  # the answer depends on the URL alone
            response = client.get(path, headers={"Accept-Language": header} if header else {})
            assert response.status_code == 302, path
            assert response.headers["Location"] == expected
            assert "Accept-Language" not in response.headers.get("Vary", "")
            assert "Cookie" not in response.headers.get("Vary", "")
            assert response.headers["Cache-Control"] == "public, max-age=300"
            assert "Set-Cookie" not in response.headers
        assert client.get(expected).status_code == 200


def test_an_unknown_article_under_a_negotiated_locale_is_a_404_in_that_locale(
    client: FlaskClient,
) -> None:
    response = client.get("/pt/articles/no-such-article")
    assert response.headers["Location"] == "/pt-BR/articles/no-such-article"
    final = client.get(response.headers["Location"])
    assert final.status_code == 404 and final.headers["Content-Language"] == "pt-BR"


UNAVAILABLE = ["ja", "zh-Hant", "zh-TW", "zh-HK", "zh-Hant-CN", "sr-Latn", "ko-KR", "JA"]


@pytest.mark.parametrize("requested", UNAVAILABLE)
@pytest.mark.parametrize("kind", ["index", "article"])
def test_a_language_not_served_gets_the_not_available_page(
    client: FlaskClient, requested: str, kind: str
) -> None:
    path = f"/{requested}/" if kind == "index" else f"/{requested}/articles/demo"
    response = client.get(path, headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "es"
    assert response.headers["Cache-Control"] == "no-cache"
    vary = {v.strip() for v in response.headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    page = dom(response.data)
    (html,) = page.find_all("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("es", "ltr")
    (heading,) = page.find_all("h1")
    assert heading.text().startswith("Esta página no está disponible en ")
    assert "Set-Cookie" not in response.headers
    assert not [a for a in page.find_all("a") if "aria-current" in a.attrs]  # none is this page
    (links,) = page.find_all("ul", **{"class": "unavailable-languages"})
    anchors = links.find_all("a")
    assert [a.attrs["hreflang"] for a in anchors] == SERVED
    for a in anchors:
        tag = str(a.attrs["hreflang"])
        assert a.attrs["lang"] == tag
        assert a.attrs["dir"] == ("rtl" if tag == "ar" else "ltr")
        same_page = f"/{tag}/" if kind == "index" else f"/{tag}/articles/demo"
        assert str(a.attrs["href"]).split("?")[0] == same_page
        target = client.get(str(a.attrs["href"]), follow_redirects=True)
        assert target.status_code == 200 and target.request.path == same_page


@pytest.mark.parametrize(
    ("requested", "reader", "name"),
    [
        ("ja", "es", "japonés"),
        ("zh-Hant", "es", "chino (tradicional)"),
        ("zh-TW", "es", "chino (tradicional, Taiwán)"),
        ("ja", "en", "Japanese"),
        ("tlh", "es", "klingon"),  # CLDR names the language, Babel has no locale for it
    ],
)
def test_the_language_is_named_in_the_readers_words(
    client: FlaskClient, requested: str, reader: str, name: str
) -> None:
    response = client.get(f"/{requested}/", headers={"Accept-Language": reader})
    (heading,) = dom(response.data).find_all("h1")
    assert heading.text().endswith(f" {name}")


def test_the_reader_without_that_string_gets_it_in_english_marked_as_such(
    client: FlaskClient,
) -> None:
    """German has no UI catalog here: the sentence falls back to English, in a span lang=en,
    and the language name inside it is English too."""
    response = client.get("/ja/articles/demo", headers={"Accept-Language": "de"})
    assert response.headers["Content-Language"] == "de"
    (heading,) = dom(response.data).find_all("h1")
    (span,) = heading.find_all("span")
    assert (span.attrs["lang"], span.text()) == ("en", "This page is not available in Japanese")


@pytest.mark.parametrize(
    ("cookie", "header", "reader"),
    [("ar", "es", "ar"), (None, "es-MX", "es"), (None, None, "en"), ("pt", "fr", "pt-BR")],
)
def test_the_not_available_page_follows_cookie_then_accept_language(
    client: FlaskClient, cookie: str | None, header: str | None, reader: str
) -> None:
    if cookie is not None:
        client.set_cookie("medloc_lang", cookie)
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/zh-Hant/articles/other", headers=headers)
    assert response.status_code == 404 and response.headers["Content-Language"] == reader
    (html,) = dom(response.data).find_all("html")
    assert html.attrs["lang"] == reader
    assert html.attrs["dir"] == ("rtl" if reader == "ar" else "ltr")


@pytest.mark.parametrize(
    "path",
    [
        "/not%20a%20tag/",
        "/x!/articles/demo",
        "/es-/",
        "/x-private/",  # well-formed, but names no language
        "/i-klingon/",
        "/admin/",  # well-formed, but CLDR knows no such language
        "/wp-admin/articles/demo",
        "/" + "a" * 70 + "/",
        "/ja/articles/no-such-article",  # a language, but no such page in any
    ],
)
def test_junk_in_the_locale_position_is_a_plain_localized_404(
    client: FlaskClient, path: str
) -> None:
    response = client.get(path, headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "es"
    (heading,) = dom(response.data).find_all("h1")
    assert heading.text() == "Página no encontrada"


@pytest.mark.parametrize(
    "path",
    [
        "/ja-u-ca-japanese/",
        "/zh-yue/articles/demo",
        "/sgn-CH-DE/",
        "/en-XX/articles/demo",
        "/ja/articles/%FF%FE",
        "/qaa/",
        "/root/",
        "/und/articles/demo",
        "/" + "-".join(["abcdefgh"] * 8) + "/",
        "/zh-Hant/articles/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_odd_url_locales_never_yield_a_500(client: FlaskClient, path: str) -> None:
    for headers in ({}, {"Accept-Language": "ar"}, {"Cookie": "medloc_lang=zz"}):
        response = client.get(path, headers=headers)
        assert response.status_code in (302, 404), (path, response.status_code)


SUBTAG = st.text(alphabet="abcdefghijklmnopqrstuvwxyzHANTLATN0123456789", min_size=1, max_size=9)
TAGS = st.lists(SUBTAG, min_size=1, max_size=4).map("-".join)


@settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(tag=st.one_of(TAGS, st.text(max_size=20)), lang=st.one_of(st.none(), TAGS))
def test_any_url_locale_is_served_redirected_or_a_404_never_a_500(
    client: FlaskClient, tag: str, lang: str | None
) -> None:
    if not tag.strip() or "/" in tag:
        return
    path = f"/{quote(tag, safe='')}/articles/demo" + (f"?lang={lang}" if lang else "")
    response = client.get(path, headers={"Accept-Language": "ar, es;q=0.5"})
    if lang:
        assert response.status_code == 303
        return
    assert response.status_code in (200, 301, 302, 404), (path, response.status_code)
    if response.status_code == 302:  # only a well-formed tag is negotiated
        assert canonical_tag(tag) is not None
        assert response.headers["Location"].split("/")[1] in SERVED
    if response.status_code == 404:
        assert response.headers["Content-Language"] == "ar"
