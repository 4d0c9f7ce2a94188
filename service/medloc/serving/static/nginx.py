"""The nginx configuration written beside the built tree (``OUT/nginx.conf``).

nginx serves every built file with the headers the service sends for it (recorded from the
app by the build: ``Content-Type``, ``Content-Language``, ``Cache-Control``; the security
headers of :data:`medloc.serving.web.http.SECURITY_HEADERS`), the prebuilt ``.br`` and
``.gz`` variants (``brotli_static``, ``gzip_static``, with ``Vary: Accept-Encoding``), and
the localized 404 page of the URL's locale for an article URL that has no file. Everything
else goes to the medloc app at ``--upstream``: the bare URLs that negotiate (``/``,
``/articles/<slug>``), any query string (``?lang=``), locales that redirect, the API's
negotiated forms, ``/healthz``, methods other than GET and HEAD, withheld articles (503),
PDF handouts not built (``medloc build --handouts`` builds those in one language; ``?with=``
always goes to the app). Negotiation stays one implementation, in Python.

ETags are nginx's own (mtime and size of the file sent, so each encoding has its own, as a
strong validator must): ``If-None-Match`` gets a ``304`` from nginx's not-modified filter.
They differ from the service's (a hash of the body), which is harmless because each URL is
answered by one of the two; an unchanged file keeps its mtime across incremental builds, so
its ETag stays valid.

Paths are relative to nginx's prefix: ``nginx -p OUT -c nginx.conf`` serves ``OUT/site``
and keeps its pid file, logs and temporary files in ``OUT/run``, ``OUT/logs`` and
``OUT/tmp``, outside the served tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from medloc.errors import ConfigError

from ..web.http import SECURITY_HEADERS
from . import layout

__all__ = ["BROTLI_MODULE", "NginxOptions", "Site", "nginx_conf"]

BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
"""Debian's ``libnginx-mod-http-brotli-static``."""

_ADDRESS = re.compile(r"^(?:(?:\[[0-9A-Fa-f:.]+\])|[A-Za-z0-9.-]+):(\d{1,5})$")


def _address(value: str, option: str) -> str:
    match = _ADDRESS.match(value)
    if match is None or not 0 < int(match.group(1)) < 65536:
        raise ConfigError(f"{option} {value!r} must be HOST:PORT, e.g. 127.0.0.1:8080")
    return value


@dataclass(frozen=True)
class NginxOptions:
    listen: str = "127.0.0.1:8080"
    """Where nginx listens (``--listen``)."""
    upstream: str = "127.0.0.1:8000"
    """The running medloc app (``medloc serve``) that answers what is not a file."""
    brotli_module: str = BROTLI_MODULE

    def __post_init__(self) -> None:
        _address(self.listen, "--listen")
        _address(self.upstream, "--upstream")


@dataclass(frozen=True)
class Site:
    """What the configuration needs to know about the tree."""

    locales: Sequence[str]
    unavailable: Sequence[str]
    """Articles withheld because a file is broken: the app answers them (503)."""
    headers: Mapping[str, Mapping[str, str]]
    """The headers the app sent for each kind of file (:data:`.layout.Output.kind`)."""


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _alternation(values: Iterable[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(values, key=lambda v: (-len(v), v)))


def _headers(sent: Mapping[str, str], language: str | None) -> list[str]:
    lines = ["types { }", f"default_type {_quote(sent.get('Content-Type', 'text/plain'))};"]
    for name in ("Cache-Control",):
        if name in sent:
            lines.append(f"add_header {name} {_quote(sent[name])} always;")
    if language is not None:
        lines.append(f"add_header Content-Language {language} always;")
    for name, value in SECURITY_HEADERS.items():
        lines.append(f"add_header {name} {_quote(value)} always;")
    return lines


def _block(match: str, sent: Mapping[str, str], language: str | None, body: list[str]) -> str:
    inner = [*_headers(sent, language), *body]
    lines = "".join(f"            {line}\n" for line in inner)
    return f"        location {match} {{\n{lines}        }}\n"


_STATIC_ONLY = ["error_page 418 = @medloc;", "if ($medloc_static = 0) { return 418; }"]


_PROXY = """\
            proxy_pass http://medloc;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
"""


_TRY_FILE = [*_STATIC_ONLY, "try_files $uri @medloc;"]
_API_FILE = f"/{layout.API_LOCALE_DIR}/$medloc_api_locale/articles$medloc_rest.json"
_LIST_FIRST = f"/{layout.API_LOCALE_DIR}/$tag/articles.json"
_LIST_PAGE = f"/{layout.API_LOCALE_DIR}/$tag/{layout.API_PAGE_DIR}/$page.json"


def _rules(langs: str) -> list[tuple[str, str, str | None, list[str]]]:
    """(location match, kind of file, Content-Language, directives), in nginx's order."""
    return [
        (
            f'~ "^/(?<medloc_lang>{langs})/articles/[a-z0-9][a-z0-9-]*$"',
            "article",
            "$medloc_lang",
            [
                *_STATIC_ONLY,
                f"error_page 404 /{layout.NOT_FOUND_DIR}/$medloc_lang.html;",
                "try_files $uri =404;",
            ],
        ),
        (
            f'~ "^/(?<medloc_lang>{langs})/articles/[a-z0-9][a-z0-9-]*\\.pdf$"',
            "handout",
            "$medloc_lang",
            _TRY_FILE,
        ),
        (
            f'~ "^/{layout.NOT_FOUND_DIR}/(?<medloc_lang>{langs})\\.html$"',
            "not-found",
            "$medloc_lang",
            ["internal;"],
        ),
        (
            f'~ "^/(?<medloc_lang>{langs})/$"',
            "index",
            "$medloc_lang",
            [*_STATIC_ONLY, "try_files /$medloc_lang/index.html @medloc;"],
        ),
        (  # page 2 on; /page/1/, a page beyond the last, 02: the app (301, 404)
            f'~ "^/(?<medloc_lang>{langs})/page/[1-9][0-9]*/$"',
            "index",
            "$medloc_lang",
            [*_STATIC_ONLY, "try_files ${uri}index.html @medloc;"],
        ),
        (  # the list: ?locale=<tag>, or ?locale=<tag>&page=<n> (n from 2, as built)
            "= /api/v1/articles",
            "api-list",
            "$medloc_api_locale",
            ["try_files $medloc_api_list @medloc;"],
        ),
        (
            '~ "^/api/v1/articles(?<medloc_rest>/[a-z0-9][a-z0-9-]*)?$"',
            "api-list",
            "$medloc_api_locale",
            [f"try_files {_API_FILE} @medloc;"],
        ),
        (f"= {layout.LOCALES_API.url}", "locales", "", _TRY_FILE),
        (f"= {layout.OPENAPI.url}", "openapi", "", _TRY_FILE),
        # the stylesheet's URL carries its digest as a query: served whatever the query
        (f"= {layout.CSS.url}", "css", None, ["try_files $uri @medloc;"]),
        ('~ "^/sitemap(?:-[0-9]+)?\\.xml$"', "sitemap", None, _TRY_FILE),
    ]


def _locations(site: Site) -> list[str]:
    """The server's locations for built files; a kind the app sent no headers for (no
    article is served, say) has none, and its URLs go to the app."""
    blocks: list[str] = []
    if site.unavailable:
        slugs = _alternation(site.unavailable)
        match = f'~ "^/[^/]+/articles/(?:{slugs})$"'
        blocks.append(f"        location {match} {{\n{_PROXY}        }}\n")
    for match, kind, language, body in _rules(_alternation(site.locales)):
        sent = site.headers.get(kind)
        if sent is None:
            continue
        if language == "":  # a fixed one: the app's
            language = sent.get("Content-Language")
        blocks.append(_block(match, sent, language, body))
    return blocks


def nginx_conf(options: NginxOptions, site: Site) -> str:
    """The text of ``nginx.conf`` for the built tree."""
    return f"""\
# Written by medloc build (docs/static.md); rewritten by every build, do not edit.
# Start: nginx -p OUT -c nginx.conf   (-g 'daemon off;' to keep it in the foreground)
load_module {options.brotli_module};
worker_processes auto;
pid run/nginx.pid;
error_log logs/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log logs/access.log;
    client_body_temp_path tmp/client_body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    keepalive_requests 100000;
    types {{ }}
    default_type application/octet-stream;
    gzip off;
    gzip_static on;
    gzip_vary on;
    brotli_static on;
    etag on;

    # GET or HEAD without a query: a built file may answer; anything else goes to the app
    map "$request_method$is_args" $medloc_static {{
        GET 1;
        HEAD 1;
        default 0;
    }}
    # /api/v1/articles[/<slug>]?locale=<tag>[&page=<n>]: the file built for that exact tag
    map "$request_method:$args" $medloc_api_locale {{
        "~^(?:GET|HEAD):locale=(?<tag>[A-Za-z0-9-]{{1,64}})(?:&page=[1-9][0-9]{{0,17}})?$" $tag;
        default "-";
    }}
    # /api/v1/articles?locale=<tag>[&page=<n>]: the page of the list built for that query
    map "$request_method:$args" $medloc_api_list {{
        "~^(?:GET|HEAD):locale=(?<tag>[A-Za-z0-9-]{{1,64}})$" {_LIST_FIRST};
        "~^(?:GET|HEAD):locale=(?<tag>[A-Za-z0-9-]{{1,64}})&page=(?<page>[1-9][0-9]{{0,17}})$"
            {_LIST_PAGE};
        default /-;
    }}

    upstream medloc {{
        server {options.upstream};
        keepalive 16;
    }}

    server {{
        listen {options.listen};
        root site;

        location / {{
{_PROXY}        }}
        location @medloc {{
{_PROXY}        }}
{"".join(_locations(site))}    }}
}}
"""
