"""``medloc build OUT``: the site as static files, with an nginx configuration in front."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .app import reports_errors, root_option

__all__ = ["build"]


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--listen",
    default="127.0.0.1:8080",
    show_default=True,
    help="HOST:PORT nginx listens on (written into OUT/nginx.conf).",
)
@click.option(
    "--upstream",
    default="127.0.0.1:8000",
    show_default=True,
    help="HOST:PORT of the running medloc app (medloc serve) that answers what is not a file.",
)
@click.option(
    "--public-url",
    default=None,
    help="Origin for canonical, hreflang and sitemap URLs, e.g. https://clinic.example "
    "(default: [serve] public_url in medloc.toml, else root-relative links).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: one per processor, at most one per locale).",
)
@click.option(
    "--handouts",
    is_flag=True,
    help="Also write each article's PDF handout in every locale (needs medloc[pdf]; about a "
    "second per PDF, outside the build's time target).",
)
@root_option
@reports_errors
def build(
    out: Path,
    listen: str,
    upstream: str,
    public_url: str | None,
    jobs: int | None,
    handouts: bool,
    root: Path,
) -> None:
    """Write every page, API document, 404 page, the stylesheet and sitemap.xml of ROOT as
    static files into OUT/site (with .gz and .br variants), and OUT/nginx.conf to serve them
    (nginx -p OUT -c nginx.conf). Only what changed since the last build is written. An
    input that cannot be used is withheld as medloc serve withholds it and named on stderr
    (exit 1); the rest is built."""
    from medloc.serving.static import BuildOptions, NginxOptions
    from medloc.serving.static import build as build_site

    if handouts:
        from medloc.serving.handout.engine import INSTALL_HINT, PdfUnavailable, available

        if not available():
            raise PdfUnavailable(INSTALL_HINT)
    logging.getLogger("medloc").addHandler(logging.NullHandler())  # reported below, once
    options = BuildOptions(
        root=root,
        out=out,
        nginx=NginxOptions(listen=listen, upstream=upstream),
        public_url=public_url,
        jobs=jobs,
        handouts=handouts,
    )
    report = build_site(options)
    for problem in report.problems:
        click.echo(f"medloc: {problem}", err=True)
    state = "nothing changed, " if report.unchanged else ""
    click.echo(
        f"{out}: {state}{report.outputs} files, {len(report.rendered)} rendered,"
        f" {report.written} written, {report.removed} removed,"
        f" {len(report.problems)} withheld"
    )
    if report.problems:
        raise SystemExit(1)
