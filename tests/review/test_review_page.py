"""Each translated page and the API say which English the translation follows (a digest of
the English article's messages and its date) and whether its safety sections were reviewed
by a second linguist: the bundled project has no sign-off, so its pages say it has not yet
been; after a second person signs, the page shows the date."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from medloc.cli import main
from medloc.comments import read_signoffs
from medloc.serving.web import Settings, create_app
from reviewgit import REVIEWER, SECTION, commit_all

ROOT = Path(__file__).resolve().parents[2]
SLUG = SECTION.split("#")[0]
UNREVIEWED = {
    "es": "Esta traducción aún no ha sido revisada por un segundo lingüista.",
    "ar": "لم يراجع لغوي ثانٍ هذه الترجمة بعد.",
}


def app_for(root: Path) -> Flask:
    return create_app(Settings(root=root, warm=False))


def page(app: Flask, locale: str) -> str:
    response = app.test_client().get(f"/{locale}/articles/{SLUG}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def article(app: Flask, locale: str) -> dict[str, object]:
    response = app.test_client().get(f"/api/v1/articles/{SLUG}?locale={locale}")
    assert response.status_code == 200
    data = json.loads(response.get_data(as_text=True))
    assert isinstance(data, dict)
    return data


def test_bundled_pages_say_unreviewed_in_the_readers_language() -> None:
    app = app_for(ROOT)
    for locale, line in UNREVIEWED.items():
        html = page(app, locale)
        direction = "rtl" if locale == "ar" else "ltr"
        assert f'<html lang="{locale}" dir="{direction}">' in html
        (shown,) = re.findall(r'<p class="review-state unreviewed"[^>]*>(.*?)</p>', html)
        assert shown == line  # in the page's language: no lang of its own
        assert 'class="provenance"' in html and "2026" in html
        data = article(app, locale)
        assert data["review"] == {"state": "unreviewed", "date": None}
    english = page(app, "en")
    assert "review-state" not in english and "provenance" not in english
    data = article(app, "en")
    assert data["review"] is None
    source = data["source"]
    assert isinstance(source, dict) and source["date"] == "2026-11-21"
    assert re.fullmatch(r"[0-9a-f]{16}", source["digest"])
    assert article(app, "es")["source"] == source  # the English it follows


def test_after_a_signoff_the_page_shows_the_date(git_project: Path) -> None:
    for section in (SECTION, "disclaimer#disclaimer"):
        args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", section, "--yes"]
        result = CliRunner().invoke(main, [*args, "--root", str(git_project)])
        assert result.exit_code == 0, result.output
    commit_all(git_project, REVIEWER, "review")
    po = (git_project / "locales/es/LC_MESSAGES/articles.po").read_text(encoding="utf-8")
    (signoff, *_) = read_signoffs(line[2:] for line in po.splitlines() if line.startswith("# "))
    app = app_for(git_project)
    data = article(app, "es")
    assert data["review"] == {"state": "reviewed", "date": signoff.date.isoformat()}
    html = page(app, "es")
    assert "review-state unreviewed" not in html
    assert 'class="review-state reviewed">' in html
    assert f'<time datetime="{signoff.date.isoformat()}">' in html
    # a locale nobody signed still says it is not reviewed
    assert article(app, "fr")["review"] == {"state": "unreviewed", "date": None}


def test_the_digest_follows_the_english_text(project_copy: Path) -> None:
    before = article(app_for(project_copy), "es")["source"]
    path = project_copy / "content" / "articles" / f"{SLUG}.md"
    text = path.read_text(encoding="utf-8")
    assert "It works by disrupting" in text
    path.write_text(text.replace("It works by disrupting", "It  works by disrupting"), "utf-8")
    assert article(app_for(project_copy), "es")["source"] == before  # whitespace only
    path.write_text(text.replace("It works by disrupting", "It works by changing"), "utf-8")
    after = article(app_for(project_copy), "es")["source"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert after["digest"] != before["digest"] and after["date"] == before["date"]
