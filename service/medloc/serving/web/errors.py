"""Error answers: a localized page for people, problem JSON for the API, never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .api import problem
from .library import current_library
from .pages import error_response

__all__ = ["install"]

log = logging.getLogger("medloc.web")


def _is_api() -> bool:
    return request.path.startswith("/api/") or request.path == "/openapi.json"


def _answer(status: int, detail: str) -> Response:
    if _is_api():
        return problem(status, detail)
    return error_response(current_library(), status)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = _answer(status, error.description or "")
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _crash(error: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    try:
        return _answer(500, "internal error")
    except Exception:  # the error page itself failed: a plain answer still goes out
        log.exception("error page failed")
        return Response("Internal Server Error\n", status=500, content_type="text/plain")


def install(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _crash)
