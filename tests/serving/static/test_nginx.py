"""The built site behind a real nginx, against ``medloc serve`` on the same project.

The bundled project is copied into a temporary folder, with two articles a page of the index
and of the API list (three pages), and served by ``medloc serve``;
``medloc build`` writes the tree and an nginx configuration whose upstream is that service;
nginx (Debian's, with the brotli static module) is started on another loopback port. Every
page and API document is then requested from both: same status, same body, same headers
(Vary apart from nginx's ``Accept-Encoding``), working ``304``s and compressed variants, and
the negotiation table of ``tests/serving/test_negotiate.py`` answered alike.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import importlib.util
import os
import pwd
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from medloc.serving.web import Settings, create_app
from medloc.serving.web.paging import page_count
from pagedproject import paged_project
from webproject import HOST, free_port, medloc_command, serving

REPO = Path(__file__).resolve().parents[3]
NEGOTIATE = REPO / "tests" / "serving" / "test_negotiate.py"
COMPARED = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
    "Location",
)

Answer = tuple[int, dict[str, str], bytes]


def get(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    connection = http.client.HTTPConnection(HOST, port, timeout=90)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        found: dict[str, str] = {}
        for name, value in response.getheaders():  # repeated headers joined, as RFC 9110 allows
            key = name.title()
            found[key] = f"{found[key]}, {value}" if key in found else value
        return response.status, found, response.read()
    finally:
        connection.close()


def user_directive() -> str:
    """nginx's workers run as the current user (as root, its master would switch them to
    ``nobody``, who cannot read a private temporary folder)."""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""


@contextlib.contextmanager
def nginx(out: Path, port: int) -> Iterator[None]:
    process = subprocess.Popen(
        ["nginx", "-p", str(out), "-e", "logs/error.log", "-c", "nginx.conf",
         "-g", f"daemon off; {user_directive()}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise AssertionError(f"nginx exited with {process.returncode}:\n{output}")
            try:
                get(port, "/sitemap.xml")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def ports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int, Path]]:
    """(nginx port, medloc serve port, the project) with both running."""
    root = paged_project(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("built")
    # no access log: nobody reads the service's output while it runs, and a full pipe blocks it
    with serving(root, "--no-access-log") as base:
        app_port = int(base.rsplit(":", 1)[1])
        web_port = free_port()
        done = subprocess.run(
            [*medloc_command(), "build", str(out), "--root", str(root),
             "--listen", f"{HOST}:{web_port}", "--upstream", f"{HOST}:{app_port}"],
            capture_output=True,
            text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        with nginx(out, web_port):
            yield web_port, app_port, root


def urls(root: Path) -> list[str]:
    """Every page and API document of the project (as tests/test_golden_site.py lists them)."""
    library = create_app(Settings(root=root, warm=False, reload_interval=0)).extensions["medloc"]
    found = ["/openapi.json", "/api/v1/locales", "/static/medloc.css"]
    pages = page_count(len(library.slugs), library.pages.per_page)
    assert pages == 3
    for locale in library.locales:
        found += [f"/{locale}/", f"/{locale}/articles/no-such-article"]
        found.append(f"/api/v1/articles?locale={locale}")
        for page in range(2, pages + 1):
            found += [f"/{locale}/page/{page}/", f"/api/v1/articles?locale={locale}&page={page}"]
        for slug in library.slugs:
            found += [f"/{locale}/articles/{slug}", f"/api/v1/articles/{slug}?locale={locale}"]
    return found


def compared(headers: dict[str, str]) -> dict[str, str]:
    shown = {name: headers[name] for name in COMPARED if name in headers}
    vary = [v.strip() for v in headers.get("Vary", "").split(",") if v.strip()]
    shown["Vary"] = ", ".join(v for v in vary if v.lower() != "accept-encoding")
    return shown


def assert_same(web: Answer, app: Answer, url: str) -> None:
    assert web[0] == app[0], url
    assert compared(web[1]) == compared(app[1]), url
    assert web[2] == app[2], url


def test_every_page_and_document_is_the_service_answer(ports: tuple[int, int, Path]) -> None:
    web_port, app_port, root = ports
    every = urls(root)
    assert len(every) > 50
    for url in every:
        web = get(web_port, url)
        assert_same(web, get(app_port, url), url)
        assert "Accept-Encoding" in web[1].get("Vary", ""), f"{url} not served by nginx"


def test_built_files_are_served_by_nginx_and_the_rest_by_the_app(
    ports: tuple[int, int, Path],
) -> None:
    web_port, app_port, _root = ports
    status, headers, _body = get(web_port, "/es/articles/thermal-rhizotomy")
    assert status == 200 and headers["Vary"] == "Accept-Encoding"  # a file: nginx's gzip_vary
    assert "Last-Modified" in headers and "Accept-Ranges" in headers
    for url in ("/", "/articles/thermal-rhizotomy", "/es/?lang=fr", "/healthz", "/pt/", "/ES/"):
        web, app = get(web_port, url), get(app_port, url)
        assert web[0] == app[0] and compared(web[1]) == compared(app[1]), url
        assert web[0] != 200 or url == "/healthz", url
    status, headers, _body = get(web_port, "/es/page/2/")
    assert status == 200 and headers["Vary"] == "Accept-Encoding"
    status, headers, _body = get(web_port, "/api/v1/articles?locale=es&page=3")
    assert status == 200 and headers["Vary"] == "Accept-Encoding"


UNUSUAL = ["/es/page/1/", "/es/page/4/", "/es/page/02/", "/es/page/x/", "/pt/page/2/",
           "/ja/page/2/", "/ES/page/2/", "/es/page/2/?lang=fr",
           "/api/v1/articles?locale=es&page=1", "/api/v1/articles?locale=es&page=x",
           "/api/v1/articles?locale=es&page=4", "/api/v1/articles?page=2&locale=es",
           "/api/v1/articles?locale=es&page=02", "/api/v1/articles?locale=ES&page=2",
           "/api/v1/articles?locale=es&page=0", "/api/v1/articles/demo?locale=es&page=2",
           "/api/v1/articles/thermal-rhizotomy?locale=es&page=2"]  # fmt: skip


def test_unusual_page_urls_are_answered_as_the_service_answers(
    ports: tuple[int, int, Path],
) -> None:
    web_port, app_port, _root = ports
    for url in UNUSUAL:
        assert_same(get(web_port, url), get(app_port, url), url)


def test_etag_revalidates_with_304(ports: tuple[int, int, Path]) -> None:
    web_port, _app_port, _root = ports
    for url in ("/fr/", "/fr/articles/thermal-rhizotomy", "/api/v1/articles?locale=fr"):
        _status, headers, _body = get(web_port, url)
        etag = headers["Etag"]
        again = get(web_port, url, {"If-None-Match": f'"other", {etag}'})
        assert again[0] == 304 and again[2] == b"", url
        assert get(web_port, url, {"If-None-Match": '"other"'})[0] == 200


@pytest.mark.parametrize(
    ("encoding", "decode"), [("gzip", gzip.decompress), ("br", brotli.decompress)]
)
def test_compressed_variants_decode_to_the_same_body(
    ports: tuple[int, int, Path], encoding: str, decode: object
) -> None:
    web_port, app_port, root = ports
    assert callable(decode)
    for url in urls(root)[:40]:
        plain = get(app_port, url)
        status, headers, body = get(web_port, url, {"Accept-Encoding": encoding})
        assert status == plain[0], url
        assert headers.get("Content-Encoding") == encoding, url
        assert decode(body) == plain[2], url


def _header_table() -> list[tuple[str, str]]:
    spec = importlib.util.spec_from_file_location("negotiate_table", NEGOTIATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table: list[tuple[str, str]] = module.HEADER_TABLE
    return table


def test_negotiation_table_through_nginx(ports: tuple[int, int, Path]) -> None:
    web_port, app_port, _root = ports
    # a value with a line break cannot be sent over HTTP/1.1
    table = [(h, e) for h, e in _header_table() if h.isprintable() and h.isascii()]
    assert len(table) >= 40
    for header, _expected in table:
        for url in ("/", "/articles/thermal-rhizotomy", "/api/v1/articles"):
            asked = {"Accept-Language": header}
            assert_same(get(web_port, url, asked), get(app_port, url, asked), f"{url} {header}")
