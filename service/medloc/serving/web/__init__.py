"""The web service: :func:`create_app` builds the Flask app from the project on disk.

Content and catalogs are loaded once, here (see :mod:`medloc.serving.web.library`); pages and
API answers are rendered once per (article, locale) and served from memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings, default_root, project_settings

if TYPE_CHECKING:
    from flask import Flask

    from .generation import Generations
    from .library import Library
    from .loading import Proofs

__all__ = ["Generations", "Library", "Settings", "create_app", "generations_of", "warm"]


def __getattr__(name: str) -> Any:
    """``Generations`` and ``Library``, imported when first asked for: a module of this
    package (``medloc build`` with nothing changed reads :mod:`.loading` and :mod:`.config`)
    is imported without Flask and the page modules."""
    if name == "Generations":
        from .generation import Generations

        return Generations
    if name == "Library":
        from .library import Library

        return Library
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger("medloc.web")

_STATIC = Path(__file__).parent / "static"


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    if config is None:
        return project_settings(default_root())
    if isinstance(config, Settings):
        return config
    return Settings.from_mapping(config)


def _css_href() -> str:
    digest = hashlib.sha256((_STATIC / "medloc.css").read_bytes()).hexdigest()[:12]
    return f"/static/medloc.css?v={digest}"


def warm(library: Library) -> None:
    """Render every page and API answer once (inside an app context).

    Only when they all fit in the caches: with a large corpus, warming would render pages
    only to evict them, so pages are then rendered on first request.
    """
    from . import api, pages

    if len(library.locales) * len(library.articles) > library.settings.cache_size:
        return
    for slug in library.slugs:
        for locale in library.locales:
            pages.withheld(library, slug, functools.partial(library.rendition, slug, locale))
    for locale in library.locales:
        library.representation(
            ("index", locale), functools.partial(pages.index_page, library, locale)
        )
        library.representation(
            ("api-list", locale), functools.partial(api.articles_json, library, locale)
        )
        for slug in library.slugs:
            library.representation(
                ("html", locale, slug), functools.partial(pages.article_page, library, slug, locale)
            )
            library.representation(
                ("api-article", locale, slug),
                functools.partial(api.article_json, library, slug, locale),
            )


def create_app(
    config: Settings | Mapping[str, Any] | None = None, *, known: Proofs | None = None
) -> Flask:
    """The Flask app serving ``content/`` and ``locales/`` (of ``config.root``, default ``.``).

    ``config`` is a :class:`Settings` (used as it is), or a mapping of its field names over
    the ``[serve]`` table of the project's ``medloc.toml`` (None: the table alone, of
    ``$MEDLOC_ROOT`` or ``.``). No input file stops
    the app: a catalog that cannot be read is served from its fallback, an article that
    cannot be read answers 503, and ``/healthz`` reports both. Changed files are picked up
    while it serves (:mod:`.generation`). ``known``: what an earlier load proved of the
    catalogs (``medloc build`` passes the last build's, see :class:`~.loading.Proof`);
    the service passes none and checks every file.
    """
    from flask import Flask

    from . import api, errors, http, i18n, routes
    from .generation import Generations
    from .library import Library
    from .replay import Replay

    settings = _settings(config)
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 86400  # the stylesheet URL carries its hash
    library = Library(settings, known=known)
    app.extensions["medloc"] = library  # the current generation

    def swapped(new: Library) -> None:
        app.extensions["medloc"] = new

    generations = Generations(settings, library, on_swap=swapped)
    app.extensions["medloc.generations"] = generations
    i18n.install(app.jinja_env)
    app.jinja_env.globals["css_href"] = _css_href()
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.register_blueprint(routes.bp)
    app.register_blueprint(api.bp)
    from ..handout.web import install as install_handouts  # imports this package's modules

    install_handouts(app, settings)  # /<locale>/articles/<slug>.pdf (docs/handouts.md)
    http.install(app)
    errors.install(app)
    # answers that depend on their URL alone are replayed without routing (see .replay)
    # (and every request is pinned to one generation first, see .generation)
    app.wsgi_app = Replay(  # type: ignore[method-assign]
        app.wsgi_app, size=settings.cache_size * 2, generations=generations
    )
    if settings.warm:
        with app.app_context():
            warm(library)
    for problem in library.problems:
        log.warning("%s", problem)
    return app


def generations_of(app: Flask) -> Generations:
    """The :class:`~.generation.Generations` of an app made by :func:`create_app`."""
    from .generation import Generations

    generations = app.extensions["medloc.generations"]
    assert isinstance(generations, Generations)
    return generations
