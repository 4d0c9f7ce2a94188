"""The route: cached per generation with an ETag, canonical URLs, its own clear answers when
WeasyPrint is missing (501) or the render gate is full (503), and ``medloc handout``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from medloc.cli import main
from medloc.serving.handout import engine, handouts
from medloc.serving.handout.web import handouts_of
from medloc.serving.web import Settings, create_app, generations_of
from pdftools import normal
from webproject import build

PDF = "/es/articles/demo.pdf"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return build(tmp_path / "p")


@pytest.fixture
def app(root: Path) -> Flask:
    return create_app(Settings(root=root, reload_interval=0))


def _text(pdf: bytes, tmp_path: Path) -> str:
    from pdftools import text

    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return text(path)


def test_a_handout_is_rendered_once_per_generation_with_an_etag(
    app: Flask, root: Path, tmp_path: Path
) -> None:
    client = app.test_client()
    first = client.get(PDF)
    assert first.status_code == 200
    assert first.content_type == "application/pdf"
    assert first.data.startswith(b"%PDF-")
    assert first.headers["Content-Language"] == "es"
    assert 'filename="demo-es.pdf"' in first.headers["Content-Disposition"]
    etag = first.headers["ETag"]
    again = client.get(PDF, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get(PDF).data == first.data
    assert handouts_of(app).rendered == 1
    assert normal("Tratamiento de nervios") in normal(_text(first.data, tmp_path))

    # a catalog update: a new generation, a new handout (like the page)
    po = root / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("Tratamiento de nervios", "Terapia nerviosa"),
        encoding="utf-8",
    )
    generations_of(app).reload()
    after = client.get(PDF, headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert after.headers["ETag"] != etag
    assert normal("Terapia nerviosa") in normal(_text(after.data, tmp_path))
    assert handouts_of(app).rendered == 2


def test_the_same_input_gives_the_same_bytes(app: Flask) -> None:
    """Workers on one generation send the same ETag: WeasyPrint's output is deterministic."""
    library = generations_of(app).current
    key = handouts.HandoutKey("demo", "ar", "en")
    config = handouts_of(app).config
    first = handouts.make_handout(library, key, config)
    assert handouts.make_handout(library, key, config).body == first.body


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/ES/articles/demo.pdf", PDF),
        ("/es/articles/DEMO.pdf", PDF),
        ("/es/articles/demo.pdf?with=ES", PDF),
        ("/es/articles/demo.pdf?with=ar&x=1", f"{PDF}?with=ar"),
        ("/pt_br/articles/demo.pdf?with=en", "/pt-BR/articles/demo.pdf?with=en"),
    ],
)
def test_other_spellings_redirect_to_the_canonical_url(app: Flask, url: str, location: str) -> None:
    response = app.test_client().get(url)
    assert response.status_code == 301
    assert response.headers["Location"] == location


def test_a_locale_that_negotiates_to_a_served_one_redirects_like_the_page(app: Flask) -> None:
    response = app.test_client().get("/pt/articles/demo.pdf")
    assert response.status_code == 302
    assert response.headers["Location"] == "/pt-BR/articles/demo.pdf"


@pytest.mark.parametrize(
    "url", ["/es/articles/nothing.pdf", "/es/articles/demo.pdf?with=xx", "/xx/articles/demo.pdf"]
)
def test_unknown_articles_and_locales_are_404_pages(app: Flask, url: str) -> None:
    response = app.test_client().get(url)
    assert response.status_code == 404
    assert response.content_type.startswith("text/html")


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real = engine.importlib.import_module

    def refuse(name: str, package: str | None = None) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, package)

    engine._weasyprint.cache_clear()
    monkeypatch.setattr(engine.importlib, "import_module", refuse)
    yield
    engine._weasyprint.cache_clear()


@pytest.mark.usefixtures("no_weasyprint")
def test_without_weasyprint_the_route_explains_with_a_501_page(app: Flask) -> None:
    response = app.test_client().get(PDF)
    assert response.status_code == 501
    assert response.content_type.startswith("text/html")
    page = response.get_data(as_text=True)
    assert "pip install &#39;medloc[pdf]&#39;" in page or "pip install 'medloc[pdf]'" in page
    assert "Pango" in page
    assert 'href="/es/articles/demo"' in page
    assert app.test_client().get("/es/articles/demo").status_code == 200  # pages unaffected


@pytest.mark.usefixtures("no_weasyprint")
def test_without_weasyprint_the_command_exits_1_with_the_install_line(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(
        main, ["handout", "es", "demo", "-o", str(out), "--root", str(root)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("medloc: " + engine.INSTALL_HINT)
    assert not out.exists()


def test_the_command_writes_a_bilingual_handout(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    args = ["handout", "es", "demo", "--with", "en", "-o", str(out), "--root", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    extracted = normal(_text(out.read_bytes(), tmp_path))
    assert normal("Tratamiento de nervios") in extracted
    assert normal("Nerve treatment") in extracted


@pytest.mark.parametrize(
    ("args", "code", "bad"), [(["xx", "demo"], 2, "xx"), (["es", "nothing"], 1, "nothing")]
)
def test_the_command_names_what_is_not_served(
    root: Path, tmp_path: Path, args: list[str], code: int, bad: str
) -> None:
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(main, ["handout", *args, "-o", str(out), "--root", str(root)])
    assert result.exit_code == code
    assert repr(bad) in result.output


def test_beyond_the_queue_the_answer_is_503_with_retry_after(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (root / "medloc.toml").write_text(
        "[handouts]\nmax_renders = 1\nqueue = 0\nretry_after = 7\n", encoding="utf-8"
    )
    app = create_app(Settings(root=root, reload_interval=0))
    started, release = threading.Event(), threading.Event()
    real = handouts.make_handout

    def slow(*args: object, **kwargs: object) -> object:
        started.set()
        release.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(handouts, "make_handout", slow)
    answers: list[int] = []
    worker = threading.Thread(target=lambda: answers.append(app.test_client().get(PDF).status_code))
    worker.start()
    try:
        assert started.wait(30)
        busy = app.test_client().get("/ar/articles/demo.pdf")
        assert busy.status_code == 503
        assert busy.headers["Retry-After"] == "7"
        assert busy.headers["Cache-Control"] == "no-store"
        assert "/ar/articles/demo" in busy.get_data(as_text=True)
        assert app.test_client().get("/es/articles/demo").status_code == 200  # pages go on
    finally:
        release.set()
        worker.join(60)
    assert answers == [200]
    assert app.test_client().get("/ar/articles/demo.pdf").status_code == 200


def test_a_gate_that_can_hold_every_worker_is_reported(
    root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (root / "medloc.toml").write_text(
        "[serve]\nworkers = 3\n[handouts]\nmax_renders = 1\nqueue = 2\n", encoding="utf-8"
    )
    with caplog.at_level("WARNING", logger="medloc.web"):
        create_app(Settings(root=root, reload_interval=0))
    assert "max_renders + queue = 3 is not below [serve] workers = 3" in caplog.text
