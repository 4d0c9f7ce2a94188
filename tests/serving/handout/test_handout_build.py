"""``medloc build --handouts``: each article's handout in every locale beside its page, the
same bytes the service sends, served by nginx as a file (``?with=`` goes to the app)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.serving.web import Settings, create_app
from webproject import build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = build(tmp_path_factory.mktemp("project") / "p")
    out = tmp_path_factory.mktemp("out")
    args = ["build", str(out), "--handouts", "--jobs", "1", "--root", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return root, out


def test_every_article_and_locale_has_its_handout_as_the_service_sends_it(
    built: tuple[Path, Path],
) -> None:
    root, out = built
    client = create_app(Settings(root=root, reload_interval=0)).test_client()
    pdfs = sorted(p.relative_to(out / "site").as_posix() for p in out.glob("site/*/articles/*.pdf"))
    assert pdfs == sorted(
        f"{locale}/articles/{slug}.pdf"
        for locale in ("en", "ar", "de", "es", "fr", "pt-BR")
        for slug in ("demo", "other")
    )
    for name in ("es/articles/demo.pdf", "ar/articles/other.pdf"):
        assert (out / "site" / name).read_bytes() == client.get(f"/{name}").data, name


def test_nginx_serves_the_built_handouts_and_sends_the_rest_to_the_app(
    built: tuple[Path, Path],
) -> None:
    _, out = built
    conf = (out / "nginx.conf").read_text(encoding="utf-8")
    assert '/articles/[a-z0-9][a-z0-9-]*\\.pdf$"' in conf
    assert "application/pdf" in conf


def test_without_the_option_no_handout_is_built(tmp_path: Path) -> None:
    root = build(tmp_path / "p")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(out), "--jobs", "1", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert not list(out.glob("site/**/*.pdf"))
    assert ".pdf" not in (out / "nginx.conf").read_text(encoding="utf-8")
