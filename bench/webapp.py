"""The app the request benchmark serves: the product's app plus two routes of the bench only.

``create_bench_app()`` is :func:`service.create_app` (every page warmed, as ``medloc serve``
does) with a blueprint that is never part of the product:

* ``/bench/constant``: the bytes of the reference article page, kept in memory and sent as
  they are: the fastest a Flask route can answer a page of that size in this app (same
  after-request hooks, same headers);
* ``/bench/reference``: which article and locales the scenarios use;
* ``/bench/naive/<locale>/<slug>``: what a Flask-Babel style app does on every request:
  parse the article's Markdown, look each message up with ``pgettext``, render it, sanitize
  it and fill a template. Its translations are loaded once (as Flask-Babel caches them).

``gunicorn 'bench.webapp:create_bench_app()'`` serves it (``MEDLOC_ROOT``: the project).
"""

from __future__ import annotations

import functools
import io
import json
import os
from pathlib import Path

from babel.support import Translations
from flask import Blueprint, Flask, Response, abort, render_template_string
from medloc import catalog as catalogs
from medloc.serving.render import render_document, sanitize
from medloc.serving.web import Settings, create_app, pages
from medloc.serving.web.library import Library
from medloc.serving.web.markup import page_parser
from medloc.source.content import Article
from medloc.source.extract import block_contexts
from medloc.source.markdown import Block, parse_document
from medloc.tags import locale_tag

__all__ = ["REFERENCE", "create_bench_app", "reference_target"]

REPO = Path(__file__).resolve().parent.parent
HTML = "text/html; charset=utf-8"
REFERENCE = ("es", "de")
"""The locale of the reference page (fully translated) and of the fallback page."""

_NAIVE_PAGE = """<!doctype html>
<html lang="{{ locale }}" dir="{{ dir }}"><head><meta charset="utf-8">
<title>{{ title }}</title><meta name="description" content="{{ summary }}">
<link rel="stylesheet" href="/static/medloc.css"></head>
<body><main><article><h1>{{ title }}</h1><p class="summary">{{ summary }}</p>
{{ body | safe }}{{ disclaimer | safe }}</article></main></body></html>
"""


def reference_target(library: Library) -> str:
    """The reference article: the first one served whole in the reference locale (no
    fallback) and with fallback in the fallback locale."""
    full, partial = REFERENCE
    for slug in library.slugs:
        if not library.rendition(slug, full).fallback_languages and (
            partial not in library.locales or library.rendition(slug, partial).fallback_languages
        ):
            return slug
    return library.slugs[0]


def _translations(locales_dir: Path, tag: str) -> Translations:
    po_path = locales_dir / locale_tag(tag).babel / "LC_MESSAGES" / "articles.po"
    po = catalogs.read_po(io.StringIO(po_path.read_text(encoding="utf-8")), path=str(po_path))
    buffer = io.BytesIO()
    catalogs.compile_mo(po, buffer)
    buffer.seek(0)
    return Translations(fp=buffer, domain="articles")


def _blueprint(app: Flask, library: Library) -> Blueprint:
    bp = Blueprint("bench", __name__)
    with app.app_context():
        slug = reference_target(library)
        locale = REFERENCE[0]
        constant = library.representation(
            ("html", locale, slug), functools.partial(pages.article_page, library, slug, locale)
        ).body
    md = page_parser()
    catalogs_by_tag = {
        tag: _translations(library.settings.locales_path, tag)
        for tag in library.locales
        if tag != library.default
    }

    @bp.get("/bench/reference")
    def reference_page() -> Response:
        return Response(
            json.dumps({"slug": slug, "locale": REFERENCE[0], "fallback": REFERENCE[1]}),
            content_type="application/json",
        )

    @bp.get("/bench/constant")
    def constant_page() -> Response:
        return Response(constant, content_type=HTML)

    @bp.get("/bench/naive/<locale>/<name>")
    def naive_page(locale: str, name: str) -> str:
        translations = catalogs_by_tag.get(locale)
        if translations is None or name not in library.articles:
            abort(404)
        known = library.articles[name]
        article: Article = known[0] if isinstance(known, tuple) else known

        def page_body(text: str, slug: str, path: str, line: int) -> str:
            document = parse_document(text, md, path=path, first_line=line)
            contexts = dict(
                zip(
                    (b.token_index for b in document.blocks),
                    block_contexts(document, slug),
                    strict=True,
                )
            )

            def texts(block: Block) -> tuple[str, str | None]:
                return str(translations.pgettext(contexts[block.token_index], block.text)), None

            return sanitize(render_document(document, md, texts))

        disclaimer = library.disclaimer_article
        return render_template_string(
            _NAIVE_PAGE,
            locale=locale,
            dir="ltr",
            title=translations.pgettext(f"{name}:title", article.title),
            summary=translations.pgettext(f"{name}:summary", article.summary),
            body=page_body(article.body, name, article.path, article.body_line),
            disclaimer=page_body(
                disclaimer.body, disclaimer.slug, disclaimer.path, disclaimer.body_line
            ),
        )

    return bp


def create_bench_app(root: str | None = None) -> Flask:
    """The product's app for ``root`` (default ``$MEDLOC_ROOT`` or this repository), warmed,
    with the bench blueprint."""
    settings = Settings(root=Path(root or os.environ.get("MEDLOC_ROOT") or REPO), warm=True)
    app = create_app(settings)
    library = app.extensions["medloc"]
    app.register_blueprint(_blueprint(app, library))
    return app
