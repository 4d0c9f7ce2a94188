"""Peak memory of ``medloc update`` and ``medloc check`` on a large corpus, and ``check``
pinned to one CPU as a ratio to parsing the same catalogs (issue #15's targets).

Three figures per command (the command forks workers):

* ``peak_mb``: the largest resident set of any one process of the tree, as GNU ``time``
  reports it (``ru_maxrss``: a forked worker counts the pages it shares with its parent);
* ``processes_mb``: the same figure for each process (``parent``: the command's own,
  ``workers``: each forked worker's, in the order they started), read from ``/proc``
  (``VmHWM``, the kernel's high-water mark of the resident set: what ``ru_maxrss``
  reports) every 10 ms while the process lives, so a worker's last 10 ms may be missed.
  Like ``ru_maxrss`` it counts every resident page a process maps, so a worker counts the
  pages it inherited from the parent at the fork (copy-on-write, shared until written)
  once more: the figures of the processes do not add up;
* ``tree_mb``: the largest sum of the resident sets of every process of the tree at once,
  sampled every 50 ms from ``/proc`` (what the machine must hold, shared pages counted
  in each process).

``python -m bench.memory --articles 5000 --locales 20 OUT`` measures one corpus (built in
``OUT/corpora`` when missing, as :mod:`bench.run` builds it); :func:`memory_results` is the
``streaming`` part of :mod:`bench.run`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import corpus as corpora
from .proc import Run, command, measure

__all__ = ["memory_results", "tree_rss_mb"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def tree_rss_mb(pid: int) -> float:
    """The resident memory of ``pid`` and all its descendants now, in MB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
        pending += _children(current)
    return total / (1 << 20)


def _high_water_mb(pid: int) -> float | None:
    """The largest resident set of ``pid`` so far (``VmHWM``), in MB; None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class _Processes:
    """The high-water mark of each process below this one, by pid, and their parents."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self.parents: dict[int, int] = {}
        self.names: dict[int, str] = {}

    def sample(self, root: int) -> None:
        pending = [root]
        while pending:
            pid = pending.pop()
            mark = _high_water_mb(pid)
            if mark is not None:
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), mark)
            for child in _children(pid):
                self.parents.setdefault(child, pid)
                pending.append(child)
            if pid not in self.names:
                try:
                    with open(f"/proc/{pid}/comm") as handle:
                        self.names[pid] = handle.read().strip()
                except OSError:
                    self.names[pid] = ""

    def as_dict(self) -> dict[str, Any]:
        """``parent``: the command's process (under GNU ``time``, if any); ``workers``: the
        processes it forked, in the order they were seen."""
        measured = [pid for pid in self.peaks if self.names.get(pid) != "time"]
        command = next((pid for pid in measured if self.parents.get(pid) not in measured), None)
        workers = [pid for pid in measured if pid != command]
        return {
            "parent": None if command is None else round(self.peaks[command], 1),
            "workers": [round(self.peaks[pid], 1) for pid in workers],
        }


def _sampled(
    argv: list[str], *, timeout: float, ok_codes: tuple[int, ...]
) -> tuple[Run, float, dict[str, Any]]:
    """:func:`bench.proc.measure` of ``argv``, the largest tree RSS sampled meanwhile and
    each process's peak (:class:`_Processes`)."""
    peak = 0.0
    done = threading.Event()
    me = os.getpid()
    processes = _Processes()

    def sample() -> None:
        nonlocal peak
        ticks = 0
        while not done.wait(0.01):
            for child in _children(me):
                processes.sample(child)
                if ticks % 5 == 0:
                    peak = max(peak, tree_rss_mb(child))
            ticks += 1

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run = measure(argv, timeout=timeout, ok_codes=ok_codes)
    finally:
        done.set()
        sampler.join()
    return run, peak, processes.as_dict()


def memory_results(
    corpus: corpora.CorpusInfo, work: Path, *, timeout: float = 900.0
) -> dict[str, Any]:
    """update (merge only) and check on a copy of ``corpus``: time, peak memory (one process
    and the tree); then check pinned to one CPU and the parse of the same catalogs."""
    root = corpora.clone(corpus.root, work)
    medloc = command("medloc")
    at = ["--root", str(root)]
    steps: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "extract": ([medloc, "extract", *at], (0,)),  # the templates sealed, as committed
        "update": ([medloc, "update", "--no-extract", *at], (0,)),
        "check": ([medloc, "check", "--format", "json", *at], (0, 1)),
        "check (1 CPU)": (["taskset", "--cpu-list", "0", medloc, "check", *at], (0, 1)),
        # pinned to the same processor as the one-CPU check, so that both share its load
        "parse": (
            ["taskset", "--cpu-list", "0", sys.executable, "-m", "bench.parse", str(root)],
            (0,),
        ),
    }
    runs: dict[str, Any] = {}
    for name, (argv, ok_codes) in steps.items():
        run, tree, processes = _sampled(argv, timeout=timeout, ok_codes=ok_codes)
        runs[name] = {**run.as_dict(), "tree_mb": round(tree, 1), "processes_mb": processes}
    shutil.rmtree(root, ignore_errors=True)
    one, parse = runs["check (1 CPU)"]["seconds"], runs["parse"]["seconds"]
    return {
        "articles": corpus.spec.articles,
        "locales": len(corpus.locales),
        "messages": corpus.messages,
        "runs": runs,
        "check_one_cpu_ratio": round(one / parse, 3) if one and parse else None,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--locales", type=int, default=20)
    args = parser.parse_args(argv)
    spec = corpora.CorpusSpec(args.articles, args.locales)
    info = corpora.build(args.out / "corpora" / f"n{args.articles}-m{args.locales}", spec)
    results = memory_results(info, args.out / "work" / "memory")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
