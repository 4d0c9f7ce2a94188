"""Child processes measured one by one: wall time and peak resident memory.

``os.wait4`` gives the rusage of exactly the child waited for (``ru_maxrss``, in KiB on
Linux), unlike ``RUSAGE_CHILDREN``, which keeps the maximum over every child so far.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "command", "measure", "measure_all"]

_BIN = Path(sys.executable).parent
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
"""GNU time reports the peak memory of the command alone: ``ru_maxrss`` of a child forked
from this Python process would include this process's own memory (copied at fork)."""


def command(name: str) -> str:
    """A console script of this virtualenv (``medloc``, ``pybabel``, ``gunicorn``), else PATH."""
    local = _BIN / name
    return str(local) if local.exists() else name


@dataclass(frozen=True)
class Run:
    """How one step went: ``ok``, ``timeout``, ``error`` or ``skipped``."""

    status: str
    seconds: float | None = None
    peak_mb: float | None = None
    detail: str = ""
    cpu_seconds: float | None = None
    """User and system CPU seconds of the command and every process it waited for (its
    workers): unlike the wall seconds, hardly changed by other work on the machine."""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "seconds": None if self.seconds is None else round(self.seconds, 4),
            "peak_mb": None if self.peak_mb is None else round(self.peak_mb, 1),
            "detail": self.detail,
            "cpu_seconds": None if self.cpu_seconds is None else round(self.cpu_seconds, 4),
        }


def measure(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    timeout: float = 600.0,
    ok_codes: Sequence[int] = (0,),
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``argv`` to completion (killed after ``timeout`` seconds); output is discarded,
    apart from the end of stderr when the exit code is not in ``ok_codes``."""
    handle, report_name = tempfile.mkstemp(prefix="bench-rss-")
    os.close(handle)
    report = Path(report_name)
    wrapped = [GNU_TIME, "-f", "%M", "-o", report_name, *argv] if GNU_TIME else list(argv)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            wrapped,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
            start_new_session=True,
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        if killed.is_set():
            child.returncode = -9
            report.unlink(missing_ok=True)
            return Run("timeout", detail=f"timeout > {timeout:g} s")
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code
        errors.seek(max(0, errors.seek(0, os.SEEK_END) - 4000))
        tail = errors.read()
    peak_kib = usage.ru_maxrss
    if GNU_TIME:
        text = report.read_text().strip().splitlines()
        peak_kib = int(text[-1]) if text and text[-1].isdigit() else peak_kib
    report.unlink(missing_ok=True)
    peak = peak_kib / 1024
    if code not in ok_codes:
        message = tail.decode("utf-8", "replace").strip().splitlines()
        return Run("error", seconds, peak, f"exit {code}: {' | '.join(message[-3:])}")
    # wait4's usage counts the child and the descendants it waited for (GNU time waits for
    # the command, the command for its workers)
    return Run("ok", seconds, peak, cpu_seconds=usage.ru_utime + usage.ru_stime)


def measure_all(
    argvs: Sequence[Sequence[str]], *, cwd: Path | None = None, timeout: float = 600.0
) -> Run:
    """Several commands one after the other: total time, the largest peak memory."""
    total = 0.0
    peak = 0.0
    cpu = 0.0
    for argv in argvs:
        left = timeout - total
        if left <= 0:
            return Run("timeout", detail=f"timeout > {timeout:g} s")
        run = measure(argv, cwd=cwd, timeout=left)
        if not run.ok:
            if run.status == "timeout":
                return Run("timeout", detail=f"timeout > {timeout:g} s")
            return run
        total += run.seconds or 0.0
        peak = max(peak, run.peak_mb or 0.0)
        cpu += run.cpu_seconds or 0.0
    return Run("ok", total, peak, cpu_seconds=cpu)
