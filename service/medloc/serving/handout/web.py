"""The route: ``GET /<locale>/articles/<slug>.pdf`` (``?with=<locale>`` for two columns).

Like the page: an unknown locale or article is the 404 page, a broken article file the 503
page, a spelling that is not the canonical one (``/ES/…``, ``?with=EN``) a 301 to it, a
locale that is not served but negotiates to one (``/pt/`` -> ``/pt-BR/``) a 302 to that one's
handout (in one language). The PDF
comes from the generation's cache (:mod:`.handouts`) with its strong ETag (304 on a match).

Two answers are the handout's own, each a short page in the reader's language:

* **501 Not Implemented** when WeasyPrint or Pango is not installed: the server lacks the
  optional part that makes PDFs, and retrying will not help until an operator installs it
  (``pip install 'medloc[pdf]'``); the page links to the article page.
* **503 Service Unavailable** with ``Retry-After`` when the render gate is full
  (:mod:`.gate`): a temporary overload, so the client is told when to try again.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, current_app, request

from ..render import text_direction
from ..web import http
from ..web.choice import url_locale
from ..web.config import Settings, read_serve
from ..web.library import Library, current_library
from ..web.pages import error_response, withheld
from ..web.switching import nearest_redirect
from ..web.urls import article_path
from .config import read_handouts
from .engine import INSTALL_HINT, PdfUnavailable, available
from .gate import Busy
from .handouts import HandoutKey, Handouts

__all__ = ["bp", "handout_path", "handouts_of", "install"]

log = logging.getLogger("medloc.web")

bp = Blueprint("handout", __name__, template_folder="templates")

EXTENSION = "medloc.handouts"


def handout_path(locale: str, slug: str, other: str | None = None) -> str:
    """The URL path of a handout (with its ``?with=``)."""
    path = f"{article_path(locale, slug)}.pdf"
    return f"{path}?with={other}" if other is not None else path


def install(app: Flask, settings: Settings) -> None:
    """Register the route and the server's :class:`Handouts` (the ``[handouts]`` table),
    made before ``medloc serve`` forks its workers: they share its render gate."""
    config = read_handouts(settings.root)
    workers = read_serve(settings.root).workers
    if config.max_renders + config.queue >= workers:
        log.warning(
            "[handouts] max_renders + queue = %d is not below [serve] workers = %d in %s:"
            " PDF requests can hold every worker while pages wait; lower them or add workers",
            config.max_renders + config.queue,
            workers,
            settings.root / "medloc.toml",
        )
    app.extensions[EXTENSION] = Handouts(config)
    app.register_blueprint(bp)
    if settings.warm:  # medloc serve, before it forks: the workers get WeasyPrint loaded
        available()


def handouts_of(app: Flask) -> Handouts:
    handouts = app.extensions[EXTENSION]
    assert isinstance(handouts, Handouts)
    return handouts


def _page(library: Library, locale: str, slug: str, status: int, kind: str) -> Response:
    """The handout's own error pages (501: no PDF engine; 503: too busy)."""
    body = current_app.jinja_env.get_template("handout-error.html").render(
        locale=locale,
        dir=text_direction(locale),
        ui=library.ui(locale),
        kind=kind,
        article_href=article_path(locale, slug),
        install=INSTALL_HINT,
    )
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Language"] = locale
    return response


def _busy(library: Library, locale: str, slug: str) -> Response:
    response = _page(library, locale, slug, 503, "busy")
    response.headers["Retry-After"] = str(handouts_of(current_app).config.retry_after)
    return response


def _resolve(library: Library, locale: str, slug: str) -> Response | HandoutKey:
    """The handout asked for, or the answer that replaces it (404, 503, 301)."""
    served = library.locale(locale)
    known = slug.lower() if library.served(slug.lower()) else None
    if served is None:
        nearest = url_locale(library, locale).nearest  # /pt/ -> /pt-BR/, as the pages do
        if nearest is not None and known is not None:
            return nearest_redirect(library, handout_path(nearest, known))
        return error_response(library, 404)
    if known is None:
        status = 503 if library.unavailable(slug.lower()) else 404
        return error_response(library, status, served)
    asked = request.args.get("with")
    other = library.locale(asked) if asked is not None else None
    if asked is not None and other is None:
        return error_response(library, 404, served)
    if other == served:
        other = None
    key = HandoutKey(known, served, other)
    if (served, known, other) != (locale, slug, asked) or set(request.args) - {"with"}:
        return http.redirect(handout_path(served, known, other), 301)
    return key


@bp.get("/<locale>/articles/<slug>.pdf")
def handout(locale: str, slug: str) -> Response:
    library = current_library()
    key = _resolve(library, locale, slug)
    if isinstance(key, Response):
        return key
    if withheld(library, key.slug, lambda: [library.rendition(key.slug, t) for t in key.locales]):
        return error_response(library, 503, key.locale)
    if not available():
        return _page(library, key.locale, key.slug, 501, "unavailable")
    try:
        pdf = handouts_of(current_app).get(library, key)
    except Busy:
        return _busy(library, key.locale, key.slug)
    except PdfUnavailable:
        return _page(library, key.locale, key.slug, 501, "unavailable")
    response = http.respond(pdf, cache_control=f"public, max-age={library.settings.page_max_age}")
    response.headers["Content-Disposition"] = f'inline; filename="{key.filename}"'
    return response
