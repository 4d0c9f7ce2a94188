"""``medloc check``: the translation QA gate."""

from __future__ import annotations

from pathlib import Path

import click

from medloc.errors import LocaleError, MedlocError
from medloc.qa.gate import format_json, format_sarif, format_text, run_gate

from .app import root_option

_FORMATTERS = {"text": format_text, "json": format_json, "sarif": format_sarif}


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
    click.echo(_FORMATTERS[fmt](report))
    raise SystemExit(report.exit_code(strict=strict))
