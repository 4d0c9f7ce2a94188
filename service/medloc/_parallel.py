"""Run one function over a list of tasks, in forked worker processes when it pays.

``medloc update`` and ``compile`` handle each catalog alone (read, merge or compile,
write); with many large catalogs that is CPU-bound work a second core halves.
:func:`run` forks the workers after the caller has prepared what every task shares (the
parsed templates, say): they inherit it, nothing is pickled but the tasks and results.
Results come back in task order. If a task raises, no new task is handed out, the ones
handed out already finish (each writes its file whole or not at all), and the error is
raised.

:func:`jobs_for` is the one rule for how many processes a command's catalogs are worth, and
:func:`batch_process` the one place where a batch command tunes its process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any, Literal, TypeVar

__all__ = [
    "MAX_JOBS",
    "PARALLEL_BYTES",
    "Work",
    "batch_process",
    "cpus",
    "forks",
    "jobs_for",
    "run",
]

Work = Literal["update", "compile", "check"]
PARALLEL_BYTES: dict[Work, int] = {"update": 64 << 20, "compile": 64 << 20, "check": 8 << 20}
"""From this many bytes of catalogs on, each command uses every processor (up to MAX_JOBS):
below, forking costs more than it saves. The gate's work per byte is larger."""
MAX_JOBS = 4
"""At most this many processes (each holds one catalog and its merge in memory)."""

T = TypeVar("T")
R = TypeVar("R")

_FUNCTION: Callable[[Any], Any] | None = None
"""The function of the pool being started: the workers inherit it when they fork."""


def cpus() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(paths: Iterable[Path], work: Work) -> int:
    """How many processes ``work`` on the catalogs at ``paths`` is worth: one for small
    catalogs, else every processor up to :data:`MAX_JOBS`."""
    size = sum(path.stat().st_size for path in paths if path.exists())
    return min(cpus(), MAX_JOBS) if size >= PARALLEL_BYTES[work] else 1


@contextlib.contextmanager
def batch_process() -> Iterator[None]:
    """Tune this process for a batch command (extract, update, compile, check) while it
    runs; enter it once, where the command starts (the CLI does), never in the
    long-running service.

    No cyclic garbage collection: building 10^5 catalog entries (dicts, lists, strings, none
    in a cycle) otherwise sets off full collections that walk every live object, again and
    again. Reference counting still frees everything, and the process ends with its command.
    The workers of :func:`run` fork from it and inherit the setting. Collection resumes
    on exit (a command run in-process, by tests, leaves the process as it was)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _call(task: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(task)


def forks(jobs: int, tasks: int) -> bool:
    """Whether :func:`run` with ``jobs`` and that many ``tasks`` runs them in forked
    processes (their results then come back pickled) rather than in this one."""
    return jobs > 1 and tasks > 1 and "fork" in multiprocessing.get_all_start_methods()


def run(function: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """``function(task)`` for every task, in order; in ``jobs`` forked processes when
    ``jobs`` > 1, there are two tasks or more and the platform can fork (:func:`forks`)."""
    if not forks(jobs, len(tasks)):
        for task in tasks:
            yield function(task)
        return
    global _FUNCTION
    _FUNCTION = function
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs)
    finally:
        _FUNCTION = None  # the workers have forked: they keep their copy
    try:
        pending: deque[AsyncResult[R]] = deque()
        waiting = iter(tasks)
        window = 2 * jobs  # tasks queued ahead, so that no worker waits for the slowest
        for task in waiting:
            pending.append(pool.apply_async(_call, (task,)))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().get()  # a task's exception is raised here
            for task in waiting:
                pending.append(pool.apply_async(_call, (task,)))
                break
            yield result
    finally:
        pool.close()  # no new task; the ones under way finish
        pool.join()
