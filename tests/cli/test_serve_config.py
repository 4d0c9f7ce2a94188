"""The ``[serve]`` table of ``medloc.toml``: the service's settings in the one configuration
file; ``medloc serve``'s options override it; a misspelt key is an error with file and line."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest
from medloc.errors import ConfigError
from medloc.serving.web import Settings, create_app
from medloc.serving.web.config import project_settings
from webproject import build, medloc_command, serving

TABLE = """\
# the service
[serve]
page_max_age = 7
public_url = "https://clinic.example/"
health_details = true
fallbacks = { "pt-BR" = ["es"] }
"""


def project(tmp_path: Path, table: str = TABLE) -> Path:
    root = build(tmp_path / "p")
    (root / "medloc.toml").write_text(table, encoding="utf-8")
    return root


def test_the_table_sets_the_service(tmp_path: Path) -> None:
    root = project(tmp_path)
    settings = project_settings(root, cache_size=3)
    assert (settings.page_max_age, settings.public_url) == (7, "https://clinic.example")
    assert settings.health_details and settings.cache_size == 3
    assert dict(settings.fallbacks) == {"pt-BR": ("es",)}
    client = create_app({"root": root, "cache_size": 3}).test_client()
    response = client.get("/es/articles/demo")
    assert "max-age=7" in response.headers["Cache-Control"]
    assert 'href="https://clinic.example/es/articles/demo"' in response.get_data(as_text=True)
    # Settings given whole read no file
    assert Settings(root=root).page_max_age == 300


def test_medloc_serve_reads_the_table_and_options_override_it(tmp_path: Path) -> None:
    root = project(tmp_path)
    with (
        serving(root, "--public-url", "https://other.example") as base,
        urllib.request.urlopen(f"{base}/es/articles/demo") as response,
    ):
        assert "max-age=7" in response.headers["Cache-Control"]
        body = response.read().decode()
    assert "https://other.example/es/articles/demo" in body
    assert "clinic.example" not in body


@pytest.mark.parametrize(
    ("table", "line", "says"),
    [
        ("[serve]\npage_max_age = 7\ncache_sise = 3\n", 3, "unknown setting 'cache_sise'"),
        ("\n[serve]\ncache_size = 0\n", 3, "cache_size must be at least 1"),
        ("[serve]\nreload_interval = 'soon'\n", 2, "is not a number"),
    ],
)
def test_a_bad_key_names_the_file_and_line(
    tmp_path: Path, table: str, line: int, says: str
) -> None:
    root = project(tmp_path, table)
    with pytest.raises(ConfigError, match=says) as raised:
        project_settings(root)
    assert str(raised.value).startswith(f"medloc.toml:{line}:"), raised.value
    result = subprocess.run(
        [*medloc_command(), "serve", "--root", str(root), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result
    assert result.stderr.splitlines() == [f"medloc: {raised.value}"], result.stderr
