"""``medloc handout``: one article as a PDF leaflet, in one locale or two side by side."""

from __future__ import annotations

from pathlib import Path

import click

from medloc.project import write_atomic

from .app import reports_errors, root_option

__all__ = ["handout"]


@click.command()
@click.argument("locale")
@click.argument("slug")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PDF file to write.",
)
@click.option(
    "--with",
    "other",
    metavar="LOCALE",
    default=None,
    help="A second locale, shown beside the first, section by section (e.g. en).",
)
@root_option
@reports_errors
def handout(locale: str, slug: str, output: Path, other: str | None, root: Path) -> None:
    """Write the handout of article SLUG in LOCALE to a PDF file (needs medloc[pdf]).

    The same text as the page: the same fallbacks, safety sections whole, the disclaimer,
    the last-reviewed date and the source revision; [handouts] in medloc.toml sets the paper.
    """
    from medloc.serving.handout.handouts import project_handout  # loads Flask and WeasyPrint

    key, pdf = project_handout(root.resolve(), locale, slug, other)
    write_atomic(output, pdf.body)
    click.echo(f"{output}: {key.filename.removesuffix('.pdf')} ({len(pdf.body)} bytes)")
