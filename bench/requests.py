"""Requests per second and latency under gunicorn, with wrk, against a constant route.

One gunicorn server (:mod:`bench.webapp` on this repository's project, fixed worker count,
the same settings for every scenario) on 127.0.0.1, and wrk with fixed threads,
connections and duration for each scenario, after a short warm-up run of the same URL:

* ``article``: a localized article page (the reference of the targets);
* ``article 304``: the same URL revalidated with its ETag (``If-None-Match``);
* ``fallback``: an article in a locale where parts fall back to English;
* ``api``: the JSON API for the article;
* ``constant``: the same number of bytes from memory (the fastest a route can be here);
* ``naive``: the article rendered per request, each message looked up (Flask-Babel style).

wrk's ``--latency`` distribution gives p50 and p99.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .proc import command

__all__ = ["Scenario", "WrkResult", "parse_wrk", "run_requests", "wait_for"]

REPO = Path(__file__).resolve().parent.parent
WORKERS = 2
THREADS = 1
CONNECTIONS = 8

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY_RE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
_RPS_RE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_TOTAL_RE = re.compile(r"^\s*(\d+) requests in", re.M)
_NON_2XX_RE = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS_RE = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200


@dataclass(frozen=True)
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    """Socket errors plus answers that were not 2xx/3xx."""

    def as_dict(self) -> dict[str, float | int]:
        return {
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
            "requests": self.requests,
            "errors": self.errors,
        }


def parse_wrk(output: str) -> WrkResult:
    """Requests/sec, the 50% and 99% latencies (ms) and the errors from wrk's output."""
    latencies = {p: float(v) * _UNITS[u] for p, v, u in _LATENCY_RE.findall(output)}
    rps = _RPS_RE.search(output)
    total = _TOTAL_RE.search(output)
    if rps is None or "50" not in latencies or "99" not in latencies or total is None:
        raise ValueError(f"cannot read wrk's output:\n{output}")
    errors = sum(int(n) for n in (_ERRORS_RE.search(output) or _NONE).groups())
    non_2xx = _NON_2XX_RE.search(output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return WrkResult(
        float(rps.group(1)), latencies["50"], latencies["99"], int(total.group(1)), errors
    )


class _NoMatch:
    @staticmethod
    def groups() -> tuple[str, ...]:
        return ()


_NONE = _NoMatch()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(
    port: int, path: str, headers: Mapping[str, str] | None = None, timeout: float = 30.0
) -> tuple[int, dict[str, str], bytes]:
    """One GET on 127.0.0.1:port: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=dict(headers or {}))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_for(
    port: int, path: str, *, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> float:
    """Seconds until ``path`` answers 200 (polling every 10 ms); TimeoutError after
    ``timeout``, RuntimeError if ``process`` exits first."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            status, _headers, _body = get(port, path, timeout=timeout)
            if status == 200:
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.01)
    raise TimeoutError(f"no 200 from {path} within {timeout:g} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own session (gunicorn master and workers)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start_bench_server(port: int, root: Path = REPO) -> subprocess.Popen[bytes]:
    """gunicorn serving :func:`bench.webapp.create_bench_app` (preloaded, sync workers)."""
    argv = [
        command("gunicorn"),
        "--workers", str(WORKERS),
        "--worker-class", "sync",
        "--preload",
        "--bind", f"127.0.0.1:{port}",
        "--timeout", "30",
        "--log-level", "warning",
        "bench.webapp:create_bench_app()",
    ]  # fmt: skip
    env = {**os.environ, "MEDLOC_ROOT": str(root), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(argv, cwd=REPO, env=env, start_new_session=True)


def wrk(port: int, scenario: Scenario, duration: float) -> WrkResult:
    argv = [
        "wrk",
        "--threads", str(THREADS),
        "--connections", str(CONNECTIONS),
        "--duration", f"{max(1, round(duration))}s",
        "--timeout", "10s",
        "--latency",
    ]  # fmt: skip
    for name, value in scenario.headers.items():
        argv += ["--header", f"{name}: {value}"]
    argv.append(f"http://127.0.0.1:{port}{scenario.path}")
    output = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def scenarios(port: int) -> list[Scenario]:
    """The scenarios, with the reference article and its current ETag."""
    status, _headers, body = get(port, "/bench/reference")
    if status != 200:
        raise RuntimeError(f"/bench/reference answered {status}")
    reference = json.loads(body)
    slug, full, partial = reference["slug"], reference["locale"], reference["fallback"]
    page = f"/{full}/articles/{slug}"
    status, headers, _body = get(port, page)
    etag = next(v for k, v in headers.items() if k.lower() == "etag")
    return [
        Scenario("constant", "/bench/constant"),
        Scenario("article", page),
        Scenario("article 304", page, {"If-None-Match": etag}, status=304),
        Scenario("fallback", f"/{partial}/articles/{slug}"),
        Scenario("api", f"/api/v1/articles/{slug}?locale={full}"),
        Scenario("naive", f"/bench/naive/{full}/{slug}"),
    ]


def run_requests(
    *, duration: float, warmup: float, rounds: int = 3, log: bool = True
) -> dict[str, object]:
    """Every scenario against one server, in ``rounds`` interleaved rounds of
    ``duration / rounds`` seconds each (so that a slow spell of the machine hits every
    scenario alike); figures are medians over the rounds, and ratios to the constant route."""
    port = free_port()
    server = start_bench_server(port)
    per_round = duration / rounds
    try:
        started = wait_for(port, "/bench/constant", timeout=120, process=server)
        plan = scenarios(port)
        sizes: dict[str, tuple[int, int]] = {}
        for scenario in plan:
            status, _headers, body = get(port, scenario.path, scenario.headers)
            if status != scenario.status:
                raise RuntimeError(f"{scenario.name}: {scenario.path} answered {status}")
            sizes[scenario.name] = (status, len(body))
            wrk(port, scenario, warmup)
        measured: dict[str, list[WrkResult]] = {s.name: [] for s in plan}
        for _ in range(rounds):
            for scenario in plan:
                measured[scenario.name].append(wrk(port, scenario, per_round))
    finally:
        stop(server)
    results: dict[str, dict[str, object]] = {}
    for scenario in plan:
        runs = measured[scenario.name]
        status, size = sizes[scenario.name]
        results[scenario.name] = {
            "path": scenario.path,
            "status": status,
            "bytes": size,
            "rps": round(statistics.median(r.rps for r in runs), 1),
            "p50_ms": round(statistics.median(r.p50_ms for r in runs), 3),
            "p99_ms": round(statistics.median(r.p99_ms for r in runs), 3),
            "requests": sum(r.requests for r in runs),
            "errors": sum(r.errors for r in runs),
            "rounds_rps": [round(r.rps, 1) for r in runs],
        }
        if log:
            figures = results[scenario.name]
            print(
                f"  {scenario.name:12} {figures['rps']:9.0f} req/s  p50 {figures['p50_ms']:.2f} ms"
                f"  p99 {figures['p99_ms']:.2f} ms",
                file=sys.stderr,
            )
    reference = results["constant"]
    for figures in results.values():
        figures["rps_ratio"] = _ratio(figures["rps"], reference["rps"])
        figures["p50_ratio"] = _ratio(figures["p50_ms"], reference["p50_ms"])
        figures["p99_ratio"] = _ratio(figures["p99_ms"], reference["p99_ms"])
    naive_vs_article = _ratio(results["naive"]["rps"], results["article"]["rps"])
    return {
        "server": {
            "workers": WORKERS,
            "worker_class": "sync",
            "preload": True,
            "startup_s": round(started, 3),
        },
        "wrk": {
            "threads": THREADS,
            "connections": CONNECTIONS,
            "duration_s": duration,
            "rounds": rounds,
            "warmup_s": warmup,
        },
        "scenarios": results,
        "naive_vs_article_rps": naive_vs_article,
    }


def _ratio(value: object, reference: object) -> float | None:
    if not isinstance(value, int | float) or not isinstance(reference, int | float):
        return None
    return round(value / reference, 3) if reference else None
