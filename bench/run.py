"""The benchmark, in one command: ``.venv/bin/python -m bench.run [--quick] [--out bench/out]``.

1. Requests (:mod:`bench.requests`): gunicorn + wrk, the product's routes against a
   constant route and a naive (render per request) route.
2. One catalog of ~50,000 messages (:func:`bench.pipeline.compile_target`): ``medloc
   compile`` against GNU msgfmt, ``medloc check`` against parsing the same catalogs.
3. Scale (:mod:`bench.corpus`, :mod:`bench.pipeline`, :mod:`bench.service`): synthetic
   corpora of N articles x M locales; every step of medloc and its peers, then the service
   on the compiled result.
4. PDF handouts (:mod:`bench.handout`): time to the first PDF and from the cache, as a ratio.
5. The static site (:mod:`bench.static_site`): nginx in front of ``medloc build``'s tree
   against ``medloc serve`` on the same page, and the build's time and peak memory on each
   corpus of the scale grid (full, nothing changed, one article, one catalog changed).

Prints a table and writes ``results.json`` and ``results.png`` to ``--out``. Corpora are
kept in ``<out>/corpora`` for the next run (delete the folder to rebuild them). Installs
``wrk``, ``gettext`` (msgfmt) and ``time`` with apt-get when they are missing.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import corpus as corpora
from . import pipeline, report, static_site
from .handout import measure_handouts
from .memory import memory_results
from .proc import Run
from .requests import run_requests
from .service import ServiceRun, measure_service

__all__ = ["Settings", "main"]

REPO = Path(__file__).resolve().parent.parent
TARGET_MESSAGES = 50_000


@dataclass(frozen=True)
class Settings:
    """How much to measure and for how long at most."""

    articles: tuple[int, ...]
    locales: tuple[int, ...]
    duration: float
    """wrk seconds per scenario."""
    warmup: float
    step_timeout: float
    """Any one pipeline command of medloc."""
    peer_timeout: float
    """Any one peer step (pybabel is quadratic in places)."""
    startup_timeout: float
    pages_budget: float
    """Seconds for requesting every page once."""
    repeat: int
    """Runs of each command on the 50,000-message catalog (the median is kept)."""
    build_timeout: float = 1200.0
    """One ``medloc build`` of a corpus (the static site)."""


FULL = Settings(
    articles=(5, 50, 500, 5000),
    locales=(6, 20),
    duration=12,
    warmup=2,
    step_timeout=180,
    peer_timeout=45,
    startup_timeout=150,
    pages_budget=480,
    repeat=3,
)
"""About 20 minutes on 2 cores (and a few more to build the corpora the first time); every page
of every corpus is requested once (about 5 minutes at 5,000 x 20). The caps
keep N=5,000 x 20 from taking an hour: a step is skipped where its linear estimate exceeds
them. Raise them (``--step-timeout`` ...) to measure everything."""
QUICK = Settings(
    articles=(5, 50),
    locales=(6,),
    duration=4,
    warmup=1,
    step_timeout=120,
    peer_timeout=20,
    startup_timeout=60,
    pages_budget=30,
    repeat=1,
)

TOOLS = {"wrk": "wrk", "msgfmt": "gettext", "/usr/bin/time": "time", "taskset": "util-linux"}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_tools() -> None:
    """Install the Debian packages of missing tools (as .ci/run does)."""
    missing = sorted({package for tool, package in TOOLS.items() if not shutil.which(tool)})
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    log(f"installing {' '.join(missing)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def _machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"


def compile_target_results(out: Path, settings: Settings) -> dict[str, Any]:
    articles = 1042  # 48 messages per article and the disclaimer's 2: ~50,000 messages
    info = corpora.build(out / "corpora" / f"n{articles}-m1", corpora.CorpusSpec(articles, 1))
    log(f"one catalog of {info.messages} messages: compile, check, parse")
    runs = pipeline.compile_target(info, out / "work" / "target", repeat=settings.repeat)

    def seconds(name: str) -> float | None:
        run = runs[name]
        return run.seconds if run.ok else None

    def cpu(name: str) -> float | None:
        run = runs[name]
        return run.cpu_seconds if run.ok else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a is not None and b else None

    check = seconds("medloc check")
    return {
        "messages": info.messages,
        "repeat": settings.repeat,
        "runs": {name: run.as_dict() for name, run in runs.items()},
        "compile_ratio": ratio(seconds("medloc compile"), seconds("msgfmt")),
        "check_ratio": ratio(check, seconds("parse")),
        "check_polib_ratio": ratio(check, seconds("parse (polib)")),
        "check_one_cpu_ratio": ratio(seconds("medloc check (1 CPU)"), seconds("parse")),
        # #15's target, in CPU seconds: the wall seconds of a pinned command stretch with
        # whatever else runs on that processor
        "check_one_cpu_cpu_ratio": ratio(cpu("medloc check (1 CPU)"), cpu("parse")),
    }


PER_LOCALE = frozenset(
    {"update", "compile", "check", "pybabel update", "pybabel compile", "msgfmt"}
)
"""Steps whose work is done once per locale (the others once per corpus)."""


class _Skips:
    """Steps not worth running on a corpus: one that timed out on a smaller corpus (fewer or
    as many articles, in fewer or as many locales) can only take longer; and one whose
    linear estimate from the largest smaller corpus measured exceeds the cap (the estimate
    is reported instead, marked as such)."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.failed: dict[str, list[tuple[int, int]]] = {}
        self.seconds: dict[str, dict[tuple[int, int], float]] = {}

    def note(self, step: str, articles: int, locales: int, run: Run | ServiceRun) -> None:
        if run.status in ("timeout", "skipped"):
            self.failed.setdefault(step, []).append((articles, locales))
        elif isinstance(run, Run) and run.ok and run.seconds is not None:
            self.seconds.setdefault(step, {})[(articles, locales)] = run.seconds

    def at(self, step: str, *, articles: int, locales: int) -> str | None:
        for n, m in self.failed.get(step, []):
            if n <= articles and m <= locales:
                return f"timeout > {self.limit:g} s at N={n} x M={m}"
        smaller = [
            (n * m, n, m, t)
            for (n, m), t in self.seconds.get(step, {}).items()
            if n <= articles and m <= locales
        ]
        if not smaller:
            return None
        _, n, m, seconds = max(smaller)
        estimate = seconds * articles / n * (locales / m if step in PER_LOCALE else 1)
        if estimate <= self.limit:
            return None
        return (
            f"estimated {estimate:.0f} s (linear from {seconds:.1f} s at N={n} x M={m})"
            f" > cap {self.limit:g} s"
        )


def scale_results(out: Path, settings: Settings) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = []
    medloc_skips = _Skips(settings.step_timeout)
    peer_skips = _Skips(settings.peer_timeout)
    service_skips = _Skips(settings.startup_timeout)
    work = out / "work"
    for articles in settings.articles:
        largest = max(settings.locales)
        started = time.perf_counter()
        full = corpora.build(
            out / "corpora" / f"n{articles}-m{largest}", corpora.CorpusSpec(articles, largest)
        )
        log(f"corpus {articles} x {largest}: {full.messages} messages per locale "
            f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
        for locales in sorted(settings.locales):
            info = (
                full
                if locales == largest
                else corpora.subset(full, out / "corpora" / f"n{articles}-m{locales}", locales)
            )
            log(f"N={articles} M={locales}: medloc extract, update, compile, check")
            medloc_dir = work / "medloc"
            steps = pipeline.medloc_steps(
                info,
                medloc_dir,
                timeout=settings.step_timeout,
                skip=functools.partial(medloc_skips.at, articles=articles, locales=locales),
            )
            _log_runs(steps)
            log(f"N={articles} M={locales}: service start-up and memory")
            reason = service_skips.at("service", articles=articles, locales=locales)
            if reason is None:
                compiled = corpora.CorpusInfo(medloc_dir, info.spec, info.messages, info.locales)
                service = measure_service(
                    compiled,
                    startup_timeout=settings.startup_timeout,
                    pages_budget=settings.pages_budget,
                )
            else:
                service = ServiceRun("skipped", detail=reason)
            log(f"  service: {service.as_dict()}")
            log(f"N={articles} M={locales}: pybabel extract, update, compile; msgfmt")
            peers = pipeline.peer_steps(
                info,
                work / "peer",
                medloc_dir,
                timeout=settings.peer_timeout,
                skip=functools.partial(peer_skips.at, articles=articles, locales=locales),
            )
            _log_runs(peers)
            for step, run in steps.items():
                medloc_skips.note(step, articles, locales, run)
            for step, peer_run in peers.items():
                peer_skips.note(step, articles, locales, peer_run)
            service_skips.note("service", articles, locales, service)
            shutil.rmtree(work, ignore_errors=True)
            cells.append(
                {
                    "articles": articles,
                    "locales": locales,
                    "messages": info.messages,
                    "steps": {k: v.as_dict() for k, v in {**steps, **peers}.items()},
                    "service": service.as_dict(),
                }
            )
    return cells


def static_results(out: Path, settings: Settings) -> dict[str, Any]:
    """The built site behind nginx, and ``medloc build`` on each corpus of the grid
    (:mod:`bench.static_site`)."""
    cells: list[corpora.CorpusInfo] = []
    largest = max(settings.locales)
    for articles in settings.articles:
        full = corpora.build(
            out / "corpora" / f"n{articles}-m{largest}", corpora.CorpusSpec(articles, largest)
        )
        for locales in sorted(settings.locales):
            cells.append(
                full
                if locales == largest
                else corpora.subset(full, out / "corpora" / f"n{articles}-m{locales}", locales)
            )
    return static_site.run(
        out,
        cells,
        duration=settings.duration,
        warmup=settings.warmup,
        timeout=settings.build_timeout,
    )


def _log_runs(runs: dict[str, Any]) -> None:
    for name, run in runs.items():
        figures = f"{run.seconds:.2f} s, {run.peak_mb:.0f} MB" if run.ok else run.detail
        log(f"  {name}: {run.status} {figures}")


def streaming_results(out: Path, settings: Settings) -> dict[str, Any]:
    """Peak memory of update and check on the largest corpus of the grid (the issue's
    5,000 x 20 in a full run), and check on one CPU against the parse (:mod:`bench.memory`)."""
    articles, locales = max(settings.articles), max(settings.locales)
    spec = corpora.CorpusSpec(articles, locales)
    info = corpora.build(out / "corpora" / f"n{articles}-m{locales}", spec)
    log(f"memory: update and check at N={articles} x M={locales}, check on one CPU")
    results = memory_results(info, out / "work" / "memory", timeout=settings.step_timeout * 5)
    for name, run in results["runs"].items():
        log(f"  {name}: {run['seconds']} s, {run['peak_mb']} MB (tree {run['tree_mb']} MB)")
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="N = 5, 50 and M = 6, short wrk runs")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument(
        "--only",
        choices=("requests", "target", "scale", "handouts", "static", "memory"),
        action="append",
        help="Run only this part (repeatable); default: all.",
    )
    parser.add_argument("--articles", type=int, nargs="+", help="N of the scale grid")
    parser.add_argument("--locales", type=int, nargs="+", help="M of the scale grid")
    parser.add_argument("--step-timeout", type=float, help="seconds for one medloc command")
    parser.add_argument("--peer-timeout", type=float, help="seconds for one peer step")
    parser.add_argument("--startup-timeout", type=float, help="seconds for the service start")
    parser.add_argument("--pages-budget", type=float, help="seconds for requesting every page")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    overrides = {
        "articles": tuple(args.articles) if args.articles else None,
        "locales": tuple(args.locales) if args.locales else None,
        "step_timeout": args.step_timeout,
        "peer_timeout": args.peer_timeout,
        "startup_timeout": args.startup_timeout,
        "pages_budget": args.pages_budget,
    }
    settings = dataclasses.replace(
        settings, **{k: v for k, v in overrides.items() if v is not None}
    )
    parts = set(args.only or ("requests", "target", "scale", "handouts", "static", "memory"))
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "mode": "quick" if args.quick else "full",
        "machine": _machine(),
        "settings": dataclasses.asdict(settings),
    }
    if "requests" in parts:
        log("requests: gunicorn + wrk")
        results["requests"] = run_requests(duration=settings.duration, warmup=settings.warmup)
    if "target" in parts:
        results["compile_target"] = compile_target_results(out, settings)
    if "scale" in parts:
        results["scale"] = scale_results(out, settings)
        results["growth"] = report.growth(results["scale"])
        results["peer_ratios"] = report.peer_ratios(results["scale"])
    if "handouts" in parts:
        log("handouts: the first PDF (rendered) and from the cache")
        results["handouts"] = measure_handouts(REPO)
        log(f"  handouts: first/cached >= {results['handouts']['first_over_cached_min']}")
    if "static" in parts:
        results["static"] = static_results(out, settings)
    if "memory" in parts:
        results["memory"] = streaming_results(out, settings)
    results["targets"] = report.targets(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    report.write_json(results, out / "results.json")
    try:
        report.write_chart(results, out / "results.png")
        chart = f", {out / 'results.png'}"
    except ModuleNotFoundError as exc:  # the chart needs the bench extra; the numbers do not
        chart = f" (no chart: {exc.name} is missing; pip install -e '.[bench]')"
    print(report.render_text(results))
    print("\n".join(static_site.render_text(results.get("static", {}))))
    print(f"\n{out / 'results.json'}{chart} ({results['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
