"""The translator workflow: extract, init, update, compile, stats."""

from __future__ import annotations

import json
from pathlib import Path

import click

from medloc.catalog.stats import StatRow, catalog_rows
from medloc.project import DOMAINS
from medloc.review.policy import ReviewConfig, read_policy
from medloc.review.state import review_state
from medloc.review.stats import ReviewCounts, ReviewRow, review_rows, summarize_review

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
    """Translation progress per locale, role and article: messages and words; then review by
    a second linguist: reviewed / translated / fuzzy messages."""
    project = project_of(root)
    for locale in locales:
        project.require_locale(locale)
    rows: list[StatRow] = []
    reviews: list[ReviewRow] = []
    policy = read_policy(project.root)
    for locale in locales or project.locales():
        for domain in DOMAINS:
            path = project.po_path(locale, domain)
            if path.exists():
                rows.extend(catalog_rows(locale, domain, project.read_catalog(path)))
        reviews += review_rows(review_state(project.root, locale, config=policy))
    if fmt == "json":
        data = json.loads(_format.stats_json(rows))
        for locale, review in _review_json(reviews, policy).items():
            data["locales"][locale]["review"] = review
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(_format.stats_text(rows, detail=articles))
    click.echo(_review_text(reviews, policy, detail=articles))


def _review_line(label: str, counts: ReviewCounts) -> str:
    return (
        f"{label:<44} {counts.reviewed:5d} reviewed {counts.translated:5d} translated"
        f" {counts.fuzzy:4d} fuzzy  | {counts.lapsed} lapsed, {counts.untrusted} untrusted"
    )


def _review_text(rows: list[ReviewRow], policy: ReviewConfig, *, detail: bool) -> str:
    """Per locale a total line, then per role, and (with detail) per article."""
    required = "required" if policy.required else "not required"
    lines = [f"review by a second linguist ({required} for: {', '.join(policy.roles) or '-'})"]
    by_role = summarize_review(rows, ("locale", "role"))
    by_article = summarize_review(rows, ("locale", "article"))
    for (locale,), total in summarize_review(rows, ("locale",)).items():
        lines.append(_review_line(locale, total))
        lines += [
            _review_line(f"  role {r}", c) for (loc, r), c in by_role.items() if loc == locale
        ]
        if detail:
            lines += [
                _review_line(f"  article {a}", c)
                for (loc, a), c in by_article.items()
                if loc == locale
            ]
    return "\n".join(lines)


def _review_json(rows: list[ReviewRow], policy: ReviewConfig) -> dict[str, dict[str, object]]:
    """Per locale: the policy, the total, per role, per article, and every row."""
    found: dict[str, dict[str, object]] = {}
    for (locale,), total in summarize_review(rows, ("locale",)).items():
        found[locale] = {
            "required": policy.required,
            "required_roles": list(policy.roles),
            "total": total.as_dict(),
            "roles": {},
            "articles": {},
            "rows": [row.as_dict() for row in rows if row.locale == locale],
        }
    for part in ("role", "article"):
        for (locale, name), counts in summarize_review(rows, ("locale", part)).items():
            found[locale][f"{part}s"][name] = counts.as_dict()  # type: ignore[index]
    return found
