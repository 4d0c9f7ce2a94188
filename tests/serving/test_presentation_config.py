"""A bad ``[pages]`` or ``[site]`` value stops the service at start-up, with file and line,
and a reload onto one keeps the generation being served (the tables are read once per
generation, with ``[roles]``, never lazily on the first page that needs them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from medloc.errors import ConfigError
from medloc.serving.web import Settings, create_app, generations_of
from webproject import build

BAD = [
    ('[pages]\nfallback = "hide"\n', "medloc.toml:2"),
    ('[site]\nname = "Clinic"\ncontact_url = "javascript:alert(1)"\n', "javascript:alert(1)"),
    ('[pages]\ndigits = { ar = "roman" }\n', "medloc.toml:2"),
]


@pytest.mark.parametrize(("config", "said"), BAD)
def test_a_bad_value_stops_start_up_with_file_and_line(
    tmp_path: Path, config: str, said: str
) -> None:
    root = build(tmp_path)
    (root / "medloc.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        create_app(Settings(root=root, reload_interval=0))
    assert said in str(caught.value)


@pytest.mark.parametrize(("config", "said"), BAD)
def test_a_reload_onto_a_bad_value_keeps_the_generation_served(
    tmp_path: Path, config: str, said: str
) -> None:
    root = build(tmp_path)
    (root / "medloc.toml").write_text('[site]\nname = "Example Clinic"\n', encoding="utf-8")
    app = create_app(Settings(root=root, reload_interval=0))
    client = app.test_client()
    assert "Example Clinic" in client.get("/es/articles/demo").get_data(as_text=True)
    (root / "medloc.toml").write_text(config, encoding="utf-8")
    assert generations_of(app).reload().number == 1
    page = client.get("/es/articles/demo")
    assert page.status_code == 200
    assert "Example Clinic" in page.get_data(as_text=True)
