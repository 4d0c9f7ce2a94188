"""``medloc serve``: the web service under gunicorn (never Flask's development server).

The app is created once in the gunicorn master, with every page rendered (``warm``), and
shared by preloading: workers fork with the Library already in memory.

Each worker polls the files every ``--reload-interval`` seconds and takes a new generation
when they changed (:mod:`medloc.serving.web.generation`). ``kill -HUP`` of the master takes
the new generation in the master at once (warmed), then forks the workers again with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from medloc.serving.web import Settings, create_app, generations_of, warm

from .app import reports_errors, root_option

__all__ = ["serve"]


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn running an app object made beforehand (``preload_app``)."""

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def reload_hook(app: Flask) -> Any:
    """gunicorn's ``on_reload`` (the master got ``SIGHUP``): take the files as they are now,
    render them, then gunicorn forks the new workers from this generation."""

    def on_reload(_arbiter: object) -> None:
        library = generations_of(app).reload()
        if library.settings.warm:
            with app.app_context():
                warm(library)

    return on_reload


def bind_address(host: str, port: int) -> str:
    """``host:port``; an IPv6 address gets its brackets."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def parse_fallbacks(values: tuple[str, ...]) -> dict[str, list[str]]:
    """``("pt-BR=es", "ca=es,fr")`` -> ``{"pt-BR": ["es"], "ca": ["es", "fr"]}``."""
    chains: dict[str, list[str]] = {}
    for value in values:
        locale, sep, chain = value.partition("=")
        steps = [step.strip() for step in chain.split(",") if step.strip()]
        if not sep or not locale.strip() or not steps:
            raise click.BadParameter(
                f"{value!r}: write LOCALE=FALLBACK[,FALLBACK...], e.g. pt-BR=es",
                param_hint="--fallback",
            )
        chains[locale.strip()] = steps
    return chains


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes.",
)
@click.option(
    "--cache-size",
    type=click.IntRange(1),
    default=512,
    show_default=True,
    help="Rendered (article, locale) pairs kept in memory.",
)
@click.option(
    "--fallback",
    "fallbacks",
    multiple=True,
    metavar="LOCALE=CHAIN",
    help="A fallback chain, e.g. pt-BR=es or ca=es,fr (repeatable); the source language "
    "always ends it.",
)
@click.option(
    "--public-url",
    default="",
    help="Origin for canonical and hreflang links, e.g. https://clinic.example "
    "(default: root-relative links).",
)
@click.option(
    "--reload-interval",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between checks for changed content and catalogs (0: only on SIGHUP).",
)
@click.option(
    "--health-details/--no-health-details",
    default=False,
    show_default=True,
    help="Show the file and line of each problem in /healthz (it is public).",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
@root_option
@reports_errors
def serve(
    host: str,
    port: int,
    workers: int,
    cache_size: int,
    fallbacks: tuple[str, ...],
    public_url: str,
    reload_interval: float,
    health_details: bool,
    access_log: bool,
    root: Path,
) -> None:
    """Serve the articles of ROOT's content/ and locales/ over HTTP with gunicorn."""
    settings = Settings(
        root=root.resolve(),
        cache_size=cache_size,
        fallbacks=parse_fallbacks(fallbacks),
        public_url=public_url,
        warm=True,
        reload_interval=reload_interval,
        health_details=health_details,
    )
    try:
        app = create_app(settings)
    except ValueError as exc:  # a fallback chain naming a locale that is not served
        raise click.UsageError(str(exc)) from None
    options: dict[str, Any] = {
        "bind": bind_address(host, port),
        "workers": workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "medloc",
        "limit_request_line": 4094,
        "limit_request_field_size": 8190,
        "on_reload": reload_hook(app),
    }
    if access_log:
        options["accesslog"] = "-"
    Server(app, options).run()
