"""``medloc check``: the translation QA gate."""

from __future__ import annotations

from pathlib import Path

import click

from medloc.errors import LocaleError, MedlocError
from medloc.qa.gate import run_gate
from medloc.qa.report import json_pieces, sarif_pieces, text_pieces

from .app import root_option

_FORMATTERS = {"text": text_pieces, "json": json_pieces, "sarif": sarif_pieces}
"""Each format a piece at a time: a large report is written as it is rendered, never whole."""


@click.command("check")
@click.option(
    "--locale",
    "locales",
    multiple=True,
    metavar="LOCALE",
    help="Only this locale (repeatable); default: every locale.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(_FORMATTERS)),
    default="text",
    show_default=True,
    help="text: 'path:line: CODE message'; json and sarif list ignored findings too.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@root_option
def check(locales: tuple[str, ...], fmt: str, strict: bool, root: Path) -> None:
    """Check every catalog: safety completeness, numbers, Markdown, unsafe text, placeholders,
    catalog validity. Exit 1 on an error (or a warning with --strict), 2 on bad usage."""
    try:
        report = run_gate(root, locales=list(locales) or None)
    except LocaleError as exc:
        raise click.UsageError(str(exc)) from None
    except MedlocError as exc:
        click.echo(f"medloc: {exc}", err=True)
        raise SystemExit(1) from None
    for piece in _FORMATTERS[fmt](report):
        click.echo(piece, nl=False)
    click.echo()
    raise SystemExit(report.exit_code(strict=strict))
