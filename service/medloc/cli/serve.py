"""``medloc serve``: the web service under gunicorn (never Flask's development server).

The app is created once in the gunicorn master, with every page rendered (``warm``), and
shared by preloading: workers fork with the Library already in memory.

Each worker polls the files every ``--reload-interval`` seconds and takes a new generation
when they changed (:mod:`medloc.serving.web.generation`). ``kill -HUP`` of the master takes
the new generation in the master at once (warmed), then forks the workers again with it. There
is no per-worker signal: after ``medloc compile``, wait for the next poll or HUP the master.

Every option can be set in the ``[serve]`` table of ``medloc.toml``
(:class:`medloc.serving.web.config.ServeConfig`); an option given overrides it.
"""

from __future__ import annotations

from pathlib import Path

import click

from .app import reports_errors, root_option

__all__ = ["serve"]


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


def _default(value: object) -> str:
    return f"(default: [serve] in medloc.toml, else {value})"


@click.command()
@click.option("--host", default=None, help=f"Address to listen on {_default('127.0.0.1')}.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=None, help=f"TCP port {_default(8000)}."
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help=f"Worker processes {_default(2)}."
)
@click.option(
    "--cache-size",
    type=click.IntRange(1),
    default=None,
    help=f"Rendered (article, locale) pairs kept in memory {_default(512)}.",
)
@click.option(
    "--fallback",
    "fallbacks",
    multiple=True,
    metavar="LOCALE=CHAIN",
    help="A fallback chain, e.g. pt-BR=es or ca=es,fr (repeatable; replaces the table's "
    "fallbacks); the source language always ends it.",
)
@click.option(
    "--public-url",
    default=None,
    help="Origin for canonical and hreflang links, e.g. https://clinic.example "
    f"{_default('root-relative links')}.",
)
@click.option(
    "--reload-interval",
    type=click.FloatRange(0),
    default=None,
    help="Seconds between each worker's checks for changed content and catalogs; 0: only "
    f"on SIGHUP to the master {_default(1)}.",
)
@click.option(
    "--health-details/--no-health-details",
    default=None,
    help=f"Show the file and line of each problem in /healthz (it is public) {_default('no')}.",
)
@click.option(
    "--access-log/--no-access-log", default=None, help=f"Log every request {_default('yes')}."
)
@root_option
@reports_errors
def serve(
    host: str | None,
    port: int | None,
    workers: int | None,
    cache_size: int | None,
    fallbacks: tuple[str, ...],
    public_url: str | None,
    reload_interval: float | None,
    health_details: bool | None,
    access_log: bool | None,
    root: Path,
) -> None:
    """Serve the articles of ROOT's content/ and locales/ over HTTP with gunicorn.

    Every option can be set in the [serve] table of ROOT's medloc.toml; an option given
    here overrides it."""
    from ._server import start  # Flask and gunicorn load only for this command

    start(
        root.resolve(),
        host=host,
        port=port,
        workers=workers,
        cache_size=cache_size,
        fallbacks=parse_fallbacks(fallbacks) if fallbacks else None,
        public_url=public_url,
        reload_interval=reload_interval,
        health_details=health_details,
        access_log=access_log,
    )
