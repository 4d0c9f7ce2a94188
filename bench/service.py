"""The service on a corpus: start-up time to its first 200, then memory once every page
has been requested.

``medloc serve`` (the product command, its default settings: 2 sync workers, preloaded,
every page rendered before forking) is started on the corpus; the time until an article
page answers 200 is the start-up time. Then every article page (every article in every
locale, the source language included) is requested once, and the memory of the master and
its workers is read from ``/proc``: the sum of their PSS (shared pages counted once, split
between the processes sharing them) and of their RSS (shared pages counted in each).
"""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from medloc.tags import locale_tag

from .corpus import CorpusInfo
from .proc import command
from .requests import free_port, get, stop, wait_for

__all__ = ["ServiceRun", "measure_service", "memory"]


@dataclass(frozen=True)
class ServiceRun:
    status: str
    """``ok``, ``timeout`` (start-up) or ``error``."""
    startup_s: float | None = None
    pages: int = 0
    """Pages requested (all of them unless the time budget ran out)."""
    pages_total: int = 0
    pages_s: float | None = None
    pss_mb: float | None = None
    rss_mb: float | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "startup_s": None if self.startup_s is None else round(self.startup_s, 3),
            "pages": self.pages,
            "pages_total": self.pages_total,
            "pages_s": None if self.pages_s is None else round(self.pages_s, 2),
            "pss_mb": None if self.pss_mb is None else round(self.pss_mb, 1),
            "rss_mb": None if self.rss_mb is None else round(self.rss_mb, 1),
            "detail": self.detail,
        }


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rollup(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of one process in MiB."""
    values = {"Pss:": 0.0, "Rss:": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(" ")
            if name in values:
                values[name] = float(rest.split()[0]) / 1024
    except OSError:
        pass
    return values["Pss:"], values["Rss:"]


def memory(pid: int) -> tuple[float, float]:
    """(PSS, RSS) in MiB of a process and all its descendants."""
    pss = rss = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        p, r = _rollup(current)
        pss += p
        rss += r
        pending += _children(current)
    return pss, rss


def _locales(corpus: CorpusInfo) -> list[str]:
    return ["en", *(locale_tag(locale).bcp47 for locale in corpus.locales)]


def _slugs(corpus: CorpusInfo) -> list[str]:
    return sorted(p.stem for p in (corpus.root / "content" / "articles").glob("*.md"))


def measure_service(
    corpus: CorpusInfo, *, startup_timeout: float, pages_budget: float
) -> ServiceRun:
    """Start ``medloc serve`` on ``corpus``, time its first 200, request every page once
    (for at most ``pages_budget`` seconds) and read its memory."""
    slugs = _slugs(corpus)
    locales = _locales(corpus)
    port = free_port()
    argv = [
        command("medloc"), "serve", "--root", str(corpus.root),
        "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
    ]  # fmt: skip
    server = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    first = f"/{locales[1]}/articles/{slugs[0]}"
    try:
        try:
            startup = wait_for(port, first, timeout=startup_timeout, process=server)
        except TimeoutError:
            pss, rss = memory(server.pid)
            return ServiceRun(
                "timeout",
                pages_total=len(slugs) * len(locales),
                pss_mb=pss,
                rss_mb=rss,
                detail=f"no 200 within {startup_timeout:g} s (memory then: {pss:.0f} MB PSS)",
            )
        except RuntimeError as exc:
            return ServiceRun("error", detail=str(exc))
        paths = [f"/{locale}/articles/{slug}" for slug in slugs for locale in locales]
        start = time.perf_counter()
        deadline = start + pages_budget
        done = 0
        failures = 0

        def fetch(path: str) -> int:
            if time.perf_counter() > deadline:
                return -1
            status, _headers, _body = get(port, path, timeout=60)
            return status

        with ThreadPoolExecutor(max_workers=4) as pool:
            for status in pool.map(fetch, paths):
                if status == -1:
                    continue
                done += 1
                failures += status != 200
        elapsed = time.perf_counter() - start
        pss, rss = memory(server.pid)
        detail = f"{failures} pages did not answer 200" if failures else ""
        if done < len(paths):
            detail = f"time budget {pages_budget:g} s: {done} of {len(paths)} pages requested"
        return ServiceRun("ok", startup, done, len(paths), elapsed, pss, rss, detail.strip())
    finally:
        stop(server)
