"""What a worker keeps in memory: compiled catalogs are read with pread, so no file stays
mapped (its memory holds what it rendered, not the catalogs) and no descriptor outlives the
app; QA decisions are remembered within a bound."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from medloc.project import Project
from medloc.serving.web import Settings, create_app
from medloc.serving.web.qa import make_accept
from webproject import build

LOCALES = ["ar", "de", "es", "fr", "pt-BR"]


def _open_files(root: Path) -> list[str]:
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.startswith(str(root)):
            found.append(target)
    return found


def _mapped_files(root: Path) -> list[str]:
    with open("/proc/self/maps", encoding="utf-8") as maps:
        return [line.split()[-1] for line in maps if str(root) in line]


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    root = build(tmp_path / "p")
    list(Project(root).compile())
    assert list(root.glob("locales/*/LC_MESSAGES/articles.mo"))
    return root


def test_pages_are_rendered_from_unmapped_catalogs(compiled: Path) -> None:
    app = create_app(Settings(root=compiled))
    states = {(s.locale, s.domain): s.source for s in app.extensions["medloc"].catalog_states}
    assert states[("es", "articles")] == "mo"
    client = app.test_client()
    for locale in LOCALES:
        assert client.get(f"/{locale}/articles/demo").status_code == 200
    assert "Riesgos" in client.get("/es/articles/demo").get_data(as_text=True)
    assert _mapped_files(compiled) == []
    assert any(path.endswith("articles.mo") for path in _open_files(compiled))

    del app, client
    gc.collect()
    assert _open_files(compiled) == []


def test_qa_decisions_are_remembered_within_a_bound() -> None:
    accept = make_accept({}, memo_size=8)
    good = [("es", f"a#s{i}", f"Up to {i} days.", f"Hasta {i} días.", None) for i in range(50)]
    bad = ("es", "a#risks", "Up to 30 %.", "Hasta un 3 %.", "risks")  # a number changed
    for args in good:
        assert accept(*args)
        assert not accept(*bad)
    info = accept.cache_info()  # type: ignore[attr-defined]
    assert info.currsize <= 8
    assert info.hits >= 49  # the bad one, asked again and again


def test_index_pages_and_lists_render_no_article(tmp_path: Path) -> None:
    """An index entry is made from the plan's title and summary and the article's standing,
    not from a rendition: listing every article in every locale keeps none (#15)."""
    app = create_app(Settings(root=build(tmp_path / "p")))
    library = app.extensions["medloc"]
    client = app.test_client()
    for locale in LOCALES:
        page = client.get(f"/{locale}/").get_data(as_text=True)
        listed = client.get(f"/api/v1/articles?locale={locale}").get_json()
        assert [a["slug"] for a in listed["articles"]] == list(library.slugs)
        assert all(f"/{locale}/articles/{slug}" in page for slug in library.slugs)
    assert library.health()["cached"] == 0
    client.get("/es/articles/demo")
    assert library.health()["cached"] == 1
