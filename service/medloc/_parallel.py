"""Run one function over a list of tasks, in forked worker processes when it pays.

``medloc update`` and ``compile`` handle each catalog alone (read, merge or compile,
write); with many large catalogs that is CPU-bound work a second core halves.
:func:`run` forks the workers after the caller has prepared what every task shares (the
parsed templates, say): they inherit it, nothing is pickled but the tasks and results.
Results come back in task order. If a task raises, no new task is handed out, the ones
handed out already finish (each writes its file whole or not at all), and the error is
raised.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

__all__ = ["cpus", "run"]

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


def _start_worker() -> None:
    # A worker only builds catalogs, without reference cycles (see _po.without_gc), and
    # lives for one command: reference counting frees everything.
    gc.disable()


def _call(task: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(task)


def run(function: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """``function(task)`` for every task, in order; in ``jobs`` forked processes when
    ``jobs`` > 1, there are two tasks or more and the platform can fork."""
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            yield function(task)
        return
    global _FUNCTION
    _FUNCTION = function
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker)
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
