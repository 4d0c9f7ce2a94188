"""Strings for the terminal: built here, printed by the commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from medloc.catalog.stats import Counts, StatRow, summarize


def _line(label: str, counts: Counts) -> str:
    return (
        f"{label:<44} {counts.percent:5.1f}%  {counts.translated:5d} translated"
        f" {counts.fuzzy:4d} fuzzy {counts.untranslated:5d} untranslated"
        f"  | words {counts.translated_words:6d} / {counts.fuzzy_words:5d} / "
        f"{counts.untranslated_words:6d}"
    )


def stats_text(rows: Sequence[StatRow], *, detail: bool) -> str:
    """Per locale a total line, then per domain and role, and (with detail) per article."""
    lines: list[str] = []
    per_locale = summarize(rows, by=("locale",))
    per_role = summarize(rows, by=("locale", "role"))
    per_article = summarize(rows, by=("locale", "article"))
    for (locale,), total in per_locale.items():
        lines.append(_line(f"{locale}", total))
        for (loc, role), counts in per_role.items():
            if loc == locale:
                lines.append(_line(f"  role {role}", counts))
        if detail:
            for (loc, article), counts in per_article.items():
                if loc == locale:
                    lines.append(_line(f"  article {article}", counts))
    return "\n".join(lines)


def stats_json(rows: Sequence[StatRow]) -> str:
    locales: dict[str, dict[str, object]] = {}
    for (locale,), total in summarize(rows, by=("locale",)).items():
        locales[locale] = {"total": total.as_dict(), "roles": {}, "articles": {}, "rows": []}
    for (locale, role), counts in summarize(rows, by=("locale", "role")).items():
        locales[locale]["roles"][role] = counts.as_dict()  # type: ignore[index]
    for (locale, article), counts in summarize(rows, by=("locale", "article")).items():
        locales[locale]["articles"][article] = counts.as_dict()  # type: ignore[index]
    for row in rows:
        locales[row.locale]["rows"].append(  # type: ignore[attr-defined]
            {"domain": row.domain, "article": row.article, "role": row.role, **row.counts.as_dict()}
        )
    return json.dumps({"locales": locales}, indent=2, ensure_ascii=False)
