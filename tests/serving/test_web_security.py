"""Translators are untrusted input: hostile translations end up inert in the final HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from medloc.serving.web import Settings, create_app
from webproject import Msg, Node, build, dom, po_text, write_catalog

SCRIPT = "<script>alert(1)</script>"

HOSTILE = [
    Msg("Hostile", "</title><script>alert(1)</script>", "hostile:title"),
    Msg("Summary.", '" onmouseover="alert(1)', "hostile:summary"),
    Msg("Section", "<iframe src=javascript:alert(1)></iframe>", "hostile#section"),
    Msg("Alpha.", SCRIPT),
    Msg("Beta.", "<img src=x onerror=alert(1)>"),
    Msg("Gamma.", "[clic](javascript:alert(1))"),
    Msg("Delta.", "[clic](data:text/html,<script>alert(1)</script>)"),
    Msg("Epsilon.", "<a href=javascript:alert(1)>clic</a>"),
    Msg("Zeta.", "[x](JaVaScRiPt:alert(1)) <javascript:alert(1)> [y](vbscript:msgbox(1))"),
    Msg("Eta.", "[ok](https://example.org) [m](mailto:a@example.org) [t](tel:+15550100) [r](demo)"),
    Msg("Theta.", "<svg onload=alert(1)>", "hostile#risks", comment="role: risks"),
    Msg("Risks", "Rischi <b onclick=alert(1)>!</b>", "hostile#risks", comment="role: risks"),
]
for message in list(HOSTILE):
    if message.context is None:
        HOSTILE[HOSTILE.index(message)] = Msg(message.msgid, message.msgstr, "hostile#section")

HOSTILE_UI = [
    Msg("Languages", SCRIPT),
    Msg("Patient information", '<b onclick="alert(1)">Informazioni</b>'),
    Msg("Skip to the content", "%(oops)s salta"),  # unknown placeholder: not used
    Msg("Last reviewed: %(date)s", "50% rivisto %(date)s"),  # stray %: not used
    Msg(
        "Parts of this page are not yet translated and are shown in %(languages)s.",
        "<img src=x onerror=alert(1)> %(languages)s",
    ),
]

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def build_hostile(root: Path) -> Path:
    build(root, hostile=True)
    write_catalog(root, "it", "articles", po_text("it", HOSTILE))
    write_catalog(root, "it", "messages", po_text("it", HOSTILE_UI))
    return root


@pytest.fixture(scope="module", params=[False, True], ids=["render-only", "with-qa"])
def app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = build_hostile(tmp_path_factory.mktemp("hostile"))
    return create_app(Settings(root=root, blocking_checks=request.param))


def assert_inert(document: Node) -> None:
    for node in document.iter():
        assert node.tag not in {"script", "iframe", "svg", "object", "embed", "img", "style"}, (
            node.tag
        )
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name, value)
            assert name != "style"
            if name in ("href", "src", "action", "formaction") and value:
                head = value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
                if ":" in head:
                    assert value.lower().startswith(SAFE_SCHEMES), value


def test_hostile_article_page_is_inert(app: Flask) -> None:
    response = app.test_client().get("/it/articles/hostile")
    assert response.status_code == 200
    document = dom(response.data)
    assert_inert(document)
    for node in document.iter():
        for name in ("href", "src"):
            value = (node.attrs.get(name) or "").lower()
            assert "javascript" not in value and "vbscript" not in value and "data:" not in value
    (title,) = document.find_all("title")
    page_title, _, site_name = title.text().rpartition(" - ")  # "Article - Site name"
    assert page_title in ("</title><script>alert(1)</script>", "Hostile")
    assert site_name in ('<b onclick="alert(1)">Informazioni</b>', "Patient information")
    assert len(document.find_all("title")) == 1
    (meta,) = document.find_all("meta", name="description")
    assert set(meta.attrs) == {"name", "content"}


def test_raw_html_is_shown_as_text_not_emitted(tmp_path: Path) -> None:
    root = build_hostile(tmp_path / "p")
    client = create_app(Settings(root=root, blocking_checks=False)).test_client()
    body = client.get("/it/articles/hostile").data.decode()
    document = dom(body)
    text = document.text()
    assert "<script>alert(1)</script>" in text  # visible as text...
    assert "&lt;script&gt;" in body  # ...because it is escaped
    assert "<img src=x onerror=alert(1)>" in text
    links = {a.text(): a.attrs.get("href") for a in document.find_all("a")}
    assert links["ok"] == "https://example.org"
    assert links["m"] == "mailto:a@example.org"
    assert links["t"] == "tel:+15550100"
    assert links["r"] == "demo"
    assert "clic" not in links and "x" not in links and "y" not in links
    # the hostile UI strings are escaped or not used at all
    assert "Informazioni" in text and "<b onclick=" in text
    assert "%(oops)s" not in body and "Skip to the content" in text
    assert "50%" not in text and "Last reviewed:" in text


def test_blocking_checks_withhold_hostile_translations(tmp_path: Path) -> None:
    root = build_hostile(tmp_path / "p")
    client = create_app(Settings(root=root)).test_client()
    document = dom(client.get("/it/articles/hostile").data)
    text = document.text()
    for source in ("Alpha.", "Beta.", "Gamma.", "Delta.", "Epsilon.", "Zeta."):
        assert document.containing(source).lang() == ("en", "ltr"), source
    # the risks section mixes nothing: a hostile message -> all of it in English
    (risks,) = document.find_all("section", data_role="risks")
    assert "Theta." in risks.text() and "Rischi" not in risks.text()
    assert "<script>" not in text


def test_api_html_is_sanitized_too(app: Flask) -> None:
    data = app.test_client().get("/api/v1/articles/hostile?locale=it").get_json()
    for section in data["sections"]:
        assert_inert(dom(section["html"]))
        assert_inert(dom(section["heading"]["html"]))


def test_content_security_policy_forbids_inline_script(app: Flask) -> None:
    response = app.test_client().get("/it/articles/hostile")
    csp = {
        part.split()[0]: part.split()[1:]
        for part in response.headers["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert csp["script-src"] == ["'none'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert "style-src-attr" not in csp
