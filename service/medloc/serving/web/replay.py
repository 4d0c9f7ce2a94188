"""Answers that depend on their URL alone, replayed before Flask routes the request.

The Library renders each page once; this carries "render once, serve many times" down to
the WSGI layer. A route whose answer depends on the URL only (not on cookies or
Accept-Language, and setting no cookie) marks it with :func:`mark`; :class:`Replay`, wrapped
around ``app.wsgi_app``, records that answer's status line, headers and body the first time
Flask sends it, and answers later ``GET`` requests for the same URL (path and query string)
with the recording, without routing, request objects or hooks. ``If-None-Match`` is
honoured: a matching validator gets the recorded ``304``.

Everything else goes to Flask: other methods (``HEAD`` too), URLs not recorded, answers not
marked. Recordings are bounded (oldest first out); an evicted URL is simply recorded again.

With ``generations`` (:class:`~.generation.Generations`), every request is first pinned to
the current generation, and the recordings are that generation's: a new generation starts
with none, and the old ones go away with it.
Tests check that a replayed answer equals Flask's byte for byte.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from flask import request

from .http import etag_matches

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["ENVIRON_KEY", "Replay", "mark"]

ENVIRON_KEY = "medloc.replay"
"""Where :func:`mark` leaves the answer's ETag for :class:`Replay`."""

Headers: TypeAlias = list[tuple[str, str]]
ExcInfo: TypeAlias = (
    "tuple[type[BaseException], BaseException, TracebackType] | tuple[None, None, None] | None"
)


class _Generation(Protocol):
    recordings: dict[str, Any]


class _Pinning(Protocol):
    def pin(self, environ: WSGIEnvironment) -> _Generation: ...


def mark(etag: str) -> None:
    """Say that the current request's answer depends on its URL alone (and carries ``etag``)."""
    request.environ[ENVIRON_KEY] = etag


@dataclass(slots=True)
class _Recording:
    etag: str
    headers: Headers
    body: bytes
    not_modified: Headers | None = None


def _key(environ: WSGIEnvironment) -> str:
    path: str = environ.get("PATH_INFO", "")
    query: str = environ.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


class Replay:
    """WSGI middleware: ``app.wsgi_app = Replay(app.wsgi_app, size=1024)``."""

    def __init__(
        self, app: WSGIApplication, size: int, generations: _Pinning | None = None
    ) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, not {size!r}")
        self.app = app
        self.size = size
        self.generations = generations
        self._own: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._own)

    def _store(self, environ: WSGIEnvironment) -> dict[str, Any]:
        if self.generations is None:
            return self._own
        return self.generations.pin(environ).recordings

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        recordings = self._store(environ)
        if environ.get("REQUEST_METHOD") != "GET":
            return self.app(environ, start_response)
        key = _key(environ)
        recording = recordings.get(key)
        if recording is not None:
            condition = environ.get("HTTP_IF_NONE_MATCH")
            if condition is None or not etag_matches(condition, recording.etag):
                start_response("200 OK", list(recording.headers))
                return [recording.body]
            if recording.not_modified is not None:
                start_response("304 NOT MODIFIED", list(recording.not_modified))
                return []
        return self._record(recordings, key, environ, start_response)

    def _record(
        self,
        recordings: dict[str, Any],
        key: str,
        environ: WSGIEnvironment,
        start_response: StartResponse,
    ) -> Iterable[bytes]:
        sent: list[Any] = []

        def capture(status: str, headers: Headers, exc_info: ExcInfo = None) -> Callable[..., Any]:
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        etag = environ.get(ENVIRON_KEY)
        if etag is None or not sent:
            return result
        status: str = sent[0]
        headers: Headers = list(sent[1])
        if ("ETag", etag) not in headers or status[:3] not in ("200", "304"):
            return result
        if status[:3] == "304":
            with self._lock:
                recorded = recordings.get(key)
                if recorded is not None and recorded.etag == etag:
                    recorded.not_modified = headers
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        with self._lock:
            recordings[key] = _Recording(etag, headers, body)
            while len(recordings) > self.size:
                del recordings[next(iter(recordings))]
        return [body]
