"""The translator workflow: extract, init, update, compile, stats."""

from __future__ import annotations

from pathlib import Path

import click

from medloc.catalog.stats import StatRow, catalog_rows
from medloc.project import DOMAINS

from . import _format
from .app import project_of, reports_errors, root_option


@click.command()
@root_option
@reports_errors
def extract(root: Path) -> None:
    """Extract the templates (locales/*.pot) from content/ and service/ with babel.cfg."""
    project = project_of(root)
    for domain in DOMAINS:
        pot = project.extract(domain)
        wrote = project.save_template(domain, pot)
        state = "written" if wrote else "unchanged"
        click.echo(f"{project.relative(project.pot_path(domain))}: {len(pot)} messages, {state}")


@click.command()
@click.argument("locale")
@root_option
@reports_errors
def init(locale: str, root: Path) -> None:
    """Create the catalogs of a new LOCALE (for example es, pt_BR, zh_Hans)."""
    project = project_of(root)
    for path in project.init(locale):
        click.echo(f"{project.relative(path)}: created")


@click.command()
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option("--no-extract", is_flag=True, help="Merge the existing templates without extracting.")
@root_option
@reports_errors
def update(locales: tuple[str, ...], no_extract: bool, root: Path) -> None:
    """Extract, then merge the templates into every catalog without losing a translation."""
    project = project_of(root)
    for locale in locales:
        project.require_locale(locale)
    if not no_extract:
        for domain in DOMAINS:
            project.save_template(domain, project.extract(domain))
    changed = [path for path, did in project.update(list(locales) or None) if did]
    for path in changed:
        click.echo(f"{project.relative(path)}: updated")
    if not changed:
        click.echo("all catalogs up to date")


@click.command("compile")
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable).")
@root_option
@reports_errors
def compile_command(locales: tuple[str, ...], root: Path) -> None:
    """Compile every catalog to .mo (translated, non-fuzzy messages only).

    A catalog that cannot be compiled is named with its line and keeps its old .mo; the
    others are compiled all the same, and the exit status is 1."""
    project = project_of(root)
    for locale in locales:
        project.require_locale(locale)
    failed = total = 0
    for result in project.compile(list(locales) or None):
        total += 1
        if result.error is None:
            click.echo(f"{project.relative(result.mo_path)}: {result.count} messages")
        else:
            failed += 1
            click.echo(f"medloc: {result.error}", err=True)
    if failed:
        click.echo(
            f"medloc: {failed} of {total} catalogs not compiled (their .mo files are left as"
            " they were); fix the lines named above and run 'medloc compile' again",
            err=True,
        )
        raise SystemExit(1)


@click.command()
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--articles", is_flag=True, help="Also list every article (text format).")
@root_option
@reports_errors
def stats(locales: tuple[str, ...], fmt: str, articles: bool, root: Path) -> None:
    """Translation progress per locale, role and article: messages and words."""
    project = project_of(root)
    for locale in locales:
        project.require_locale(locale)
    rows: list[StatRow] = []
    for locale in locales or project.locales():
        for domain in DOMAINS:
            path = project.po_path(locale, domain)
            if path.exists():
                rows.extend(catalog_rows(locale, domain, project.read_catalog(path)))
    click.echo(
        _format.stats_json(rows) if fmt == "json" else _format.stats_text(rows, detail=articles)
    )
