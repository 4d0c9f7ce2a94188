"""The click group and the error handling every command shares."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from medloc import _parallel
from medloc.errors import LocaleError, MedlocError
from medloc.project import Project

P = ParamSpec("P")
R = TypeVar("R")


BATCH_COMMANDS = frozenset({"extract", "init", "update", "compile", "stats", "check", "build"})
"""The commands that do one job and end: their process is tuned for it
(:func:`medloc._parallel.batch_process`). ``serve`` is not one: the long-running service
must free what it no longer uses. ``build`` renders pages that leave no reference cycle
(``tests/serving/test_pages_cycles.py``, ``tests/serving/static/test_build_cycles.py``)."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="medloc")
@click.pass_context
def main(ctx: click.Context) -> None:
    """medloc: localize patient-information articles with gettext catalogs."""
    if ctx.invoked_subcommand in BATCH_COMMANDS:
        ctx.with_resource(_parallel.batch_process())


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder (with content/, locales/ and babel.cfg).",
)


def project_of(root: Path) -> Project:
    return Project(root.resolve())


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`MedlocError` into one ``medloc: path:line: message`` line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except LocaleError as exc:
            click.echo(f"medloc: {exc}", err=True)
            raise SystemExit(2) from None
        except MedlocError as exc:
            click.echo(f"medloc: {exc}", err=True)
            raise SystemExit(1) from None

    return wrapper
