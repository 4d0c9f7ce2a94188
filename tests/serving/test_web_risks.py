"""Every page has its risks section: the parsed document decides (medloc.source.rules), when
the article is first parsed; start-up parses nothing."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from medloc.serving.web import Settings, create_app
from webproject import build

QUOTED_ROLE = """\
+++
slug = "quoted"
title = "Quoted role"
summary = "The role attribute in quotes."
language = "en"
last_reviewed = 2026-01-02
+++

## About {#about}

Words.

## Risks {#risks role="risks"}

- A risk.
"""

FENCED_ONLY = """\
+++
slug = "fenced"
title = "Risks only in code"
summary = "The only risks heading sits in a fenced code block."
language = "en"
last_reviewed = 2026-01-02
+++

## About {#about}

Words.

```markdown
## Risks {#risks role=risks}
```
"""


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    root = build(tmp_path / "p")
    articles = root / "content" / "articles"
    (articles / "quoted.md").write_text(QUOTED_ROLE, encoding="utf-8")
    (articles / "fenced.md").write_text(FENCED_ONLY, encoding="utf-8")
    return create_app(Settings(root=root)).test_client()


def test_a_quoted_role_is_a_risks_section_and_served(client: FlaskClient) -> None:
    response = client.get("/en/articles/quoted")
    assert response.status_code == 200
    assert b'data-role="risks"' in response.data
    assert client.get("/api/v1/articles/quoted?locale=es").status_code == 200


def test_risks_heading_only_in_a_code_block_is_not_served(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="medloc.web"):
        assert client.get("/en/articles/fenced").status_code == 404
    (logged,) = [r.getMessage() for r in caplog.records if "fenced" in r.getMessage()]
    assert re.search(r"articles/fenced\.md:\d+: ", logged), logged
    assert "role=risks" in logged and "not served" in logged
    assert client.get("/api/v1/articles/fenced").status_code == 404
    listed = [a["slug"] for a in client.get("/api/v1/articles?locale=en").get_json()["articles"]]
    assert "fenced" not in listed and "quoted" in listed
    assert b"/articles/fenced" not in client.get("/en/").data
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert [p["subject"] for p in health["problems"]] == ["fenced"]
    assert "fenced.md" not in str(health)  # file and line only with health_details


def test_start_up_parses_no_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medloc.serving.web import library

    parsed: list[str] = []
    real = library.parse_document

    def counting(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parsed.append(str(kwargs.get("path")))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(library, "parse_document", counting)
    create_app(Settings(root=build(tmp_path / "p")))
    assert [p for p in parsed if "articles" in p] == []
