"""Answers replayed before routing (medloc.serving.web.replay): byte for byte what Flask sends, and
only for answers that depend on their URL alone."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from medloc.serving.web import Settings, create_app
from medloc.serving.web.replay import Replay
from webproject import build
from werkzeug.test import EnvironBuilder, run_wsgi_app

LOCALES = ["en", "ar", "de", "es", "fr", "pt-BR"]
URL_ONLY = [
    *(f"/{locale}/articles/demo" for locale in LOCALES),
    *(f"/{locale}/" for locale in LOCALES),
    "/es/articles/demo?page=2",  # another parameter: the URL decides
    "/api/v1/articles?locale=es",
    "/api/v1/articles/demo?locale=ar",
    "/api/v1/locales",
    "/openapi.json",
]


class Counting:
    """The Flask app, counting the requests that reach it."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.calls = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        return self.app(environ, start_response)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("replay"))


def _app(root: Path, size: int = 64) -> tuple[Flask, Replay, Counting]:
    app = create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))
    replay = app.wsgi_app
    assert isinstance(replay, Replay)
    counting = Counting(replay.app)
    app.wsgi_app = Replay(counting, size=size)  # type: ignore[method-assign]
    return app, app.wsgi_app, counting


def _answer(wsgi: Any, url: str, **headers: str) -> tuple[str, list[tuple[str, str]], bytes]:
    environ = EnvironBuilder(path=url, headers=headers).get_environ()
    app_iter, status, response_headers = run_wsgi_app(wsgi, environ)
    body = b"".join(app_iter)
    getattr(app_iter, "close", lambda: None)()
    return status, list(response_headers.to_wsgi_list()), body


@pytest.mark.parametrize("url", URL_ONLY)
def test_replayed_answer_is_flasks_answer(root: Path, url: str) -> None:
    _, replay, counting = _app(root)
    flask_answer = _answer(counting.app, url)
    assert flask_answer[0] == "200 OK"
    first = _answer(replay, url)
    assert counting.calls == 1 and len(replay) == 1
    second = _answer(replay, url)
    assert counting.calls == 1, "the second request must not reach Flask"
    assert first == flask_answer
    assert second == flask_answer


@pytest.mark.parametrize("url", ["/es/articles/demo", "/api/v1/articles/demo?locale=es"])
def test_revalidation_is_replayed(root: Path, url: str) -> None:
    _, replay, counting = _app(root)
    etag = dict(_answer(replay, url)[1])["ETag"]
    flask_304 = _answer(counting.app, url, **{"If-None-Match": etag})
    calls = counting.calls
    assert _answer(replay, url, **{"If-None-Match": f'"other", {etag}'}) == flask_304
    assert counting.calls == calls + 1  # the first 304 is recorded from Flask's
    assert _answer(replay, url, **{"If-None-Match": etag}) == flask_304
    assert counting.calls == calls + 1
    assert flask_304[0].startswith("304") and flask_304[2] == b""
    # a validator that does not match gets the page
    stale = _answer(replay, url, **{"If-None-Match": '"stale"'})
    assert stale[0] == "200 OK" and dict(stale[1])["ETag"] == etag
    assert counting.calls == calls + 1


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/es/articles/demo?lang=fr", {}),  # sets the cookie
        ("/api/v1/articles/demo", {"Accept-Language": "fr"}),  # negotiated
        ("/api/v1/articles", {"Accept-Language": "de"}),
        ("/articles/demo", {"Accept-Language": "es"}),  # a negotiated redirect
        ("/", {}),
        ("/es/articles/no-such-article", {}),  # 404
        ("/xx/articles/demo", {}),
        ("/ES/articles/demo", {}),  # 301 to the canonical URL
        ("/api/v1/articles?locale=", {}),  # 400
        ("/healthz", {}),
    ],
)
def test_other_answers_always_reach_flask(root: Path, url: str, headers: dict[str, str]) -> None:
    _, replay, counting = _app(root)
    answers = [_answer(replay, url, **headers) for _ in range(3)]
    assert counting.calls == 3
    assert len(replay) == 0
    assert answers[0][0] == answers[2][0]


def test_negotiated_api_follows_accept_language(root: Path) -> None:
    _, replay, _counting = _app(root)
    french = _answer(replay, "/api/v1/articles/demo", **{"Accept-Language": "fr"})
    german = _answer(replay, "/api/v1/articles/demo", **{"Accept-Language": "de"})
    assert dict(french[1])["Content-Language"] == "fr"
    assert dict(german[1])["Content-Language"] == "de"


def test_lang_query_still_sets_the_cookie(root: Path) -> None:
    _, replay, _counting = _app(root)
    _answer(replay, "/es/articles/demo")  # recorded without the query
    for _ in range(2):
        status, headers, _body = _answer(replay, "/es/articles/demo?lang=fr")
        assert status.startswith("303")  # to the URL without ?lang= (test_switching.py)
        assert any(name == "Set-Cookie" and "medloc_lang=fr" in v for name, v in headers)


def test_head_and_post_reach_flask(root: Path) -> None:
    app, replay, counting = _app(root)
    _answer(replay, "/es/articles/demo")
    client = app.test_client()
    head = client.head("/es/articles/demo")
    assert head.status_code == 200 and head.data == b""
    assert client.post("/es/articles/demo").status_code == 405
    assert counting.calls == 3


def test_recordings_are_bounded(root: Path) -> None:
    _, replay, counting = _app(root, size=2)
    urls = ["/es/articles/demo", "/fr/articles/demo", "/de/articles/demo"]
    for url in urls:
        _answer(replay, url)
    assert len(replay) == 2
    _answer(replay, urls[0])  # evicted first: recorded again
    assert counting.calls == 4
    _answer(replay, urls[2])
    assert counting.calls == 4


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1, not 0"):
        Replay(lambda environ, start_response: [], size=0)
