"""``medloc review``: review packets out and back in, and signing one section."""

from __future__ import annotations

from pathlib import Path

import click

from medloc.errors import CatalogError
from medloc.project import write_atomic
from medloc.review import sheet, sign, xliff
from medloc.review.sign import today

from .app import project_of, reports_errors, root_option


@click.group()
def review() -> None:
    """A second linguist's review: packets (HTML, XLIFF) and sign-offs (docs/review.md)."""


@review.command("export")
@click.argument("locale")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write to (default: review/ in the project).",
)
@root_option
@reports_errors
def export_command(locale: str, out: Path | None, root: Path) -> None:
    """Write LOCALE's review packet: a printable bilingual HTML sheet and an XLIFF 1.2 file."""
    project = project_of(root)
    project.require_locale(locale)
    folder = out if out is not None else project.root / "review"
    html_path = folder / f"{locale}.review.html"
    xliff_path = folder / f"{locale}.review.xlf"
    write_atomic(html_path, sheet.export_sheet(project.root, locale).encode("utf-8"))
    write_atomic(xliff_path, xliff.export_xliff(project.root, locale))
    for path in (html_path, xliff_path):
        click.echo(f"{project.relative(path)}: written")


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--reviewer", required=True, help="Who approved the units: 'Name <email>' as git knows them."
)
@root_option
@reports_errors
def import_command(file: Path, reviewer: str, root: Path) -> None:
    """Apply an XLIFF packet: approved units get REVIEWER's sign-off, changed targets replace
    the translation (and need a review of their own)."""
    project = project_of(root)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot be read ({exc})", path=str(file)) from None
    results = xliff.import_xliff(
        project.root, data, reviewer=reviewer, date=today(), shown=str(file)
    )
    for result in results:
        state = "written" if result.written else "unchanged"
        click.echo(
            f"{result.path}: {len(result.signed)} signed, {len(result.corrected)} corrected,"
            f" {len(result.skipped)} skipped, {state}"
        )
        for skipped in result.skipped:
            click.echo(f"  unit {skipped.unit}: {skipped.reason}", err=True)


@review.command("sign")
@click.argument("locale")
@click.option("--reviewer", required=True, help="Who signs: 'Name <email>' as git knows them.")
@click.option("--section", required=True, help="The section to sign: SLUG#SECTION-ID.")
@click.option("--yes", is_flag=True, help="Sign without asking (for use without a terminal).")
@root_option
@reports_errors
def sign_command(locale: str, reviewer: str, section: str, yes: bool, root: Path) -> None:
    """Sign one SECTION of LOCALE as REVIEWER, after showing it."""
    project = project_of(root)
    plan = sign.plan_section(project.root, locale, section, reviewer)
    for entry in plan.entries:
        click.echo(f"\n{plan.loaded.shown}:{entry.linenum}")
        click.echo(f"  en: {entry.msgid}")
        click.echo(f"  {locale}: {entry.msgstr}")
    click.echo("")
    if not yes and not click.confirm(
        f"Sign these {len(plan.entries)} entries as {plan.reviewer}?", default=False
    ):
        raise SystemExit(1)
    added = plan.sign(today())
    click.echo(
        f"{plan.loaded.shown}: {added} sign-offs added for {section}; commit them as"
        f" {plan.reviewer} for them to count"
    )
