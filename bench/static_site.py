"""The built site (``medloc build``, #15): nginx against ``medloc serve``, and the build itself.

* Requests: the bundled project served by ``medloc serve`` (the product command as deployed:
  gunicorn, 2 sync workers, preloaded) and by nginx in front of ``medloc build``'s tree
  (``OUT/nginx.conf``, Debian's nginx, ``worker_processes auto``), the same article page
  from both with wrk (keep-alive, :data:`bench.requests.THREADS` x
  :data:`bench.requests.CONNECTIONS`), in interleaved rounds; the ratio of nginx's req/s to
  the service's, and of their p99 latencies.
* Build: on each corpus (:mod:`bench.corpus`, compiled to ``.mo`` first, as deployed), the
  full build, then a rebuild with nothing changed, after one article changed, and after one
  catalog changed; each timed with its peak resident memory (:func:`bench.proc.measure`: the
  largest of the command and its forked workers).

``python -m bench.run --only static`` runs this part alone.
"""

from __future__ import annotations

import os
import pwd
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .corpus import CorpusInfo, clone
from .proc import Run, command, measure
from .requests import REPO, Scenario, free_port, get, stop, wait_for, wrk

__all__ = ["build_results", "render_text", "request_results"]

PAGE = "/es/articles/thermal-rhizotomy"


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _nginx(out: Path) -> subprocess.Popen[bytes]:
    user = f" user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return subprocess.Popen(
        ["nginx", "-p", str(out), "-e", "logs/error.log", "-c", "nginx.conf",
         "-g", f"daemon off;{user}"],
        start_new_session=True,
    )  # fmt: skip


def request_results(
    work: Path, *, duration: float, warmup: float, rounds: int = 3
) -> dict[str, Any]:
    """nginx on the built page against ``medloc serve`` on the same page."""
    app_port, web_port = free_port(), free_port()
    out = work / "built"
    shutil.rmtree(out, ignore_errors=True)
    server = subprocess.Popen(
        [command("medloc"), "serve", "--root", str(REPO), "--port", str(app_port),
         "--no-access-log"],
        start_new_session=True,
    )  # fmt: skip
    web: subprocess.Popen[bytes] | None = None
    try:
        wait_for(app_port, PAGE, timeout=120, process=server)
        subprocess.run(
            [command("medloc"), "build", str(out), "--root", str(REPO),
             "--listen", f"127.0.0.1:{web_port}", "--upstream", f"127.0.0.1:{app_port}"],
            check=True, capture_output=True,
        )  # fmt: skip
        web = _nginx(out)
        wait_for(web_port, PAGE, timeout=30, process=web)
        same = get(web_port, PAGE)[2] == get(app_port, PAGE)[2]
        scenario = Scenario("page", PAGE)
        for port in (app_port, web_port):
            wrk(port, scenario, warmup)
        runs: dict[str, list[Any]] = {"service": [], "nginx": []}
        for _ in range(rounds):
            runs["service"].append(wrk(app_port, scenario, duration / rounds))
            runs["nginx"].append(wrk(web_port, scenario, duration / rounds))
    finally:
        if web is not None:
            stop(web)
        stop(server)
    figures = {
        name: {
            "rps": round(statistics.median(r.rps for r in found), 1),
            "p50_ms": round(statistics.median(r.p50_ms for r in found), 3),
            "p99_ms": round(statistics.median(r.p99_ms for r in found), 3),
            "errors": sum(r.errors for r in found),
        }
        for name, found in runs.items()
    }
    service, nginx = figures["service"], figures["nginx"]
    return {
        "path": PAGE,
        "same_body": same,
        "rounds": rounds,
        "duration_s": duration,
        **figures,
        "rps_ratio": round(nginx["rps"] / service["rps"], 2) if service["rps"] else None,
        "p99_ratio": round(nginx["p99_ms"] / service["p99_ms"], 3) if service["p99_ms"] else None,
    }


def _edit_article(root: Path) -> None:
    article = sorted((root / "content" / "articles").glob("*.md"))[0]
    text = article.read_text(encoding="utf-8")
    article.unlink()  # a hard link shared with the corpus: replace, never write in place
    article.write_text(text.replace("\n\n", "\n\nA sentence added for the benchmark.\n\n", 1))


def _edit_catalog(root: Path) -> None:
    po = sorted((root / "locales").glob("*/LC_MESSAGES/articles.po"))[0]
    text = po.read_text(encoding="utf-8")
    marker = 'msgstr "'
    at = text.index(marker, len(text) // 2)
    changed = text[: at + len(marker)] + "Bench " + text[at + len(marker) :]
    po.unlink()
    po.write_text(changed, encoding="utf-8")
    subprocess.run([command("medloc"), "compile", "--root", str(root)], check=True,
                   capture_output=True)  # fmt: skip


def _measured(argv: list[str], timeout: float) -> tuple[Run, float]:
    """The run, and the CPU seconds of the command and the workers it waited for (a figure
    that depends less on what else the machine is doing than the wall time)."""
    before = os.times()
    run = measure(argv, timeout=timeout, ok_codes=(0, 1))
    after = os.times()
    used = after.children_user - before.children_user
    return run, used + after.children_system - before.children_system


def build_results(corpus: CorpusInfo, work: Path, *, timeout: float) -> dict[str, Any]:
    """Full build, no-change rebuild, one article changed, one catalog changed."""
    root = clone(corpus.root, work / "project")
    subprocess.run([command("medloc"), "compile", "--root", str(root)], check=True,
                   capture_output=True)  # fmt: skip
    out = work / "built"
    shutil.rmtree(out, ignore_errors=True)
    argv = [command("medloc"), "build", str(out), "--root", str(root)]
    steps: dict[str, Callable[[Path], None] | None] = {
        "full": None,
        "nothing changed": None,
        "one article": _edit_article,
        "one catalog": _edit_catalog,
    }
    runs: dict[str, dict[str, Any]] = {}
    for name, prepare in steps.items():
        if prepare is not None:
            prepare(root)
        run, cpu = _measured(argv, timeout)
        runs[name] = {**run.as_dict(), "cpu_s": round(cpu, 1)}
        if not run.ok:
            break
    files = sum(1 for _ in (out / "site").rglob("*")) if (out / "site").is_dir() else 0
    shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": corpus.spec.articles,
        "locales": len(corpus.locales),
        "pages": corpus.spec.articles * (len(corpus.locales) + 1),
        "files": files,
        "runs": runs,
    }


def render_text(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    requests = results.get("requests")
    if requests:
        service, nginx = requests["service"], requests["nginx"]
        lines += [
            f"Static site: {requests['path']}, same body {requests['same_body']}",
            f"  medloc serve {service['rps']:.0f} req/s, p99 {service['p99_ms']:.2f} ms;"
            f" nginx {nginx['rps']:.0f} req/s, p99 {nginx['p99_ms']:.2f} ms;"
            f" ratio {requests['rps_ratio']} x req/s, {requests['p99_ratio']} x p99",
        ]
    for cell in results.get("builds", []):
        shown = ", ".join(
            f"{name} {run['seconds']} s ({run['cpu_s']} s CPU) {run['peak_mb']} MB"
            if run["status"] == "ok"
            else f"{name} {run['status']} {run['detail']}"
            for name, run in cell["runs"].items()
        )
        lines.append(f"  build {cell['articles']} x {cell['locales']}: {shown}")
    return lines


def run(
    out: Path, corpora: Sequence[CorpusInfo], *, duration: float, warmup: float, timeout: float
) -> dict[str, Any]:
    """Both parts: requests, then the build on each corpus (smallest first); a corpus at
    least as large as one whose full build timed out is skipped."""
    work = out / "work" / "static"
    _log("static site: nginx vs medloc serve")
    results: dict[str, Any] = {
        "requests": request_results(work, duration=duration, warmup=warmup),
        "builds": [],
    }
    timed_out: list[tuple[int, int]] = []
    for corpus in corpora:
        size = (corpus.spec.articles, len(corpus.locales))
        if any(n <= size[0] and m <= size[1] for n, m in timed_out):
            _log(f"static site: build {size} skipped (a smaller corpus timed out)")
            continue
        _log(f"static site: build {corpus.spec.articles} x {len(corpus.locales)}")
        cell = build_results(corpus, work / corpus.spec.name, timeout=timeout)
        _log("  " + render_text({"builds": [cell]})[0].strip())
        if cell["runs"]["full"]["status"] == "timeout":
            timed_out.append(size)
        results["builds"].append(cell)
    return results
