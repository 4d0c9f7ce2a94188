"""HTTP semantics shared by every blueprint: validators, caching, Vary, security headers.

* :func:`respond` sends a cached :class:`~medloc.serving.web.library.Representation` with its strong
  ETag, ``Content-Language`` and ``Cache-Control``, or ``304`` when ``If-None-Match``
  matches (RFC 9110 §13.1.2: ``*`` or a list of entity tags, weak comparison).
* :func:`install` adds the security headers to every response, errors included: a
  Content-Security-Policy without any inline script or style, ``nosniff``, no framing,
  and a referrer policy that keeps a patient's reading off other sites' logs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from flask import Flask, Response, current_app, request

from .renditions import Representation

__all__ = [
    "CSP",
    "NEGOTIATED",
    "QUERY_SAFE",
    "etag_matches",
    "install",
    "location_with_query",
    "redirect",
    "respond",
]

CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
NEGOTIATED = ("Accept-Language", "Cookie")
"""What a negotiated answer depends on, beyond its URL."""

_ETAG_RE = re.compile(r'\s*(?:W/)?"([^"]*)"\s*(?:,|$)')
_MAX_IF_NONE_MATCH = 8192
QUERY_SAFE = "=&;%+/?:@!$'()*,~-._"
"""Characters a redirect keeps as they are in a query string it passes on."""


def etag_matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match value matches ``etag`` (weak comparison); junk never matches."""
    header = header[:_MAX_IF_NONE_MATCH].strip()
    if header == "*":
        return True
    wanted = etag.removeprefix("W/").strip('"')
    position = 0
    while position < len(header):
        match = _ETAG_RE.match(header, position)
        if match is None:
            # skip one malformed item and go on with the next
            comma = header.find(",", position)
            if comma == -1:
                return False
            position = comma + 1
            continue
        if match.group(1) == wanted:
            return True
        position = match.end()
    return False


def respond(
    representation: Representation,
    *,
    cache_control: str,
    vary: Iterable[str] = (),
    status: int = 200,
) -> Response:
    """The representation, or 304 when the client has it already (for 200 answers)."""
    if_none_match = request.headers.get("If-None-Match")
    fresh = status == 200 and if_none_match is not None
    if fresh and etag_matches(if_none_match or "", representation.etag):
        response = Response(status=304)
    else:
        response = Response(representation.body, status=status)
        response.headers["Content-Type"] = representation.media_type
    response.headers["ETag"] = representation.etag
    response.headers["Cache-Control"] = cache_control
    response.headers["Content-Language"] = representation.language
    for header in vary:
        response.vary.add(header)
    return response


def location_with_query(path: str) -> str:
    """``path`` followed by the request's query string, kept byte for byte (re-quoted)."""
    query = request.query_string
    if not query:
        return path
    return f"{path}?{quote(query, safe=QUERY_SAFE)}"


def redirect(location: str, status: int, *, negotiated: bool = False) -> Response:
    """A redirect; a negotiated one says what it depends on and is never shared."""
    response = Response(status=status)
    response.headers["Location"] = location
    if negotiated:
        response.headers["Cache-Control"] = "private, no-cache"
        for header in NEGOTIATED:
            response.vary.add(header)
    else:
        response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def own_location(location: str, public_url: str) -> str:
    """``location`` without the scheme and host a client chose: Werkzeug's own redirects
    (a missing slash: ``/es`` -> ``/es/``) build them from the request's Host header. The
    path alone (``//`` collapsed, never a host), or on ``public_url`` when configured."""
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc and not location.startswith("//"):
        return location
    path = "/" + parts.path.lstrip("/")
    relative = f"{path}?{parts.query}" if parts.query else path
    return f"{public_url}{relative}" if public_url else relative


def _safe_redirect(response: Response) -> Response:
    """Every redirect: a Location of ours, and a Cache-Control."""
    if 300 <= response.status_code < 400 and response.status_code != 304:
        location = response.headers.get("Location")
        if location is not None:
            library = current_app.extensions.get("medloc")
            public = getattr(getattr(library, "settings", None), "public_url", "")
            response.headers["Location"] = own_location(location, public)
        response.headers.setdefault("Cache-Control", "public, max-age=86400")
    return response


def install(app: Flask) -> None:
    app.after_request(_security_headers)
    app.after_request(_safe_redirect)
