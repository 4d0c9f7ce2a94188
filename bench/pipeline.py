"""The pipeline on one corpus: medloc's steps and its peers', each in its own process.

Every step runs as a command in a fresh process, timed (wall clock) with its peak resident
memory (:mod:`bench.proc`), on its own hard-linked copy of the corpus, so that each tool
starts from the same files:

* medloc: ``extract`` (both domains), ``update --no-extract`` (merge only, like
  ``pybabel update``), ``compile``, ``check``;
* peers: ``pybabel extract`` (both domains), ``pybabel update --previous``,
  ``pybabel compile``, and GNU ``msgfmt`` on every ``.po`` that ``medloc compile`` read.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .corpus import CorpusInfo, clone
from .proc import Run, command, measure, measure_all

__all__ = ["MEDLOC_STEPS", "PEER_STEPS", "compile_target", "medloc_steps", "peer_steps"]

MEDLOC_STEPS = ("extract", "update", "compile", "check")
PEER_STEPS = ("pybabel extract", "pybabel update", "pybabel compile", "msgfmt")
DOMAINS = ("articles", "messages")


def _po_files(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


def _msgfmt(root: Path, out: Path) -> list[list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    return [
        ["msgfmt", "-o", str(out / f"{po.parent.parent.name}-{po.stem}.mo"), str(po)]
        for po in _po_files(root)
    ]


def medloc_steps(
    corpus: CorpusInfo,
    work: Path,
    *,
    timeout: float,
    skip: Callable[[str], str | None] = lambda _step: None,
) -> dict[str, Run]:
    """medloc's steps in order on a copy of ``corpus``; the copy's ``.po`` files are left
    (updated) for :func:`peer_steps`' msgfmt and the copy is what the service serves."""
    root = clone(corpus.root, work)
    medloc = command("medloc")
    at = ["--root", str(root)]
    argvs: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "extract": ([medloc, "extract", *at], (0,)),
        "update": ([medloc, "update", "--no-extract", *at], (0,)),
        "compile": ([medloc, "compile", *at], (0,)),
        "check": ([medloc, "check", "--format", "json", *at], (0, 1)),
    }
    runs: dict[str, Run] = {}
    for step, (argv, ok_codes) in argvs.items():
        reason = skip(step)
        runs[step] = (
            Run("skipped", detail=reason)
            if reason is not None
            else measure(argv, timeout=timeout, ok_codes=ok_codes)
        )
    return runs


def peer_steps(
    corpus: CorpusInfo,
    work: Path,
    compiled_from: Path,
    *,
    timeout: float,
    skip: Callable[[str], str | None] = lambda _step: None,
) -> dict[str, Run]:
    """pybabel's steps on a fresh copy of ``corpus``, and msgfmt on the catalogs under
    ``compiled_from`` (medloc's copy after its update: the files medloc compiled).

    ``skip(step)`` returns a reason to skip a step (a smaller corpus timed out already).
    """
    root = clone(corpus.root, work)
    pybabel = command("pybabel")
    argvs: dict[str, list[list[str]]] = {
        "pybabel extract": [
            [
                pybabel, "-q", "extract", "-F", "babel.cfg", "-c", "TRANSLATORS:",
                "-o", f"locales/{domain}.pot", folder,
            ]
            for domain, folder in (("articles", "content/"), ("messages", "service/"))
        ],
        "pybabel update": [
            [
                pybabel, "-q", "update", "--previous", "-i", f"locales/{domain}.pot",
                "-d", "locales", "-D", domain,
            ]
            for domain in DOMAINS
        ],
        "pybabel compile": [
            [pybabel, "-q", "compile", "-d", "locales", "-D", domain] for domain in DOMAINS
        ],
        "msgfmt": _msgfmt(compiled_from, work.parent / f"{work.name}-msgfmt"),
    }  # fmt: skip
    runs: dict[str, Run] = {}
    for step, commands in argvs.items():
        reason = skip(step)
        if reason is not None:
            runs[step] = Run("skipped", detail=reason)
            continue
        runs[step] = measure_all(commands, cwd=root, timeout=timeout)
    shutil.rmtree(work.parent / f"{work.name}-msgfmt", ignore_errors=True)
    return runs


def _median(runs: Sequence[Run]) -> Run:
    good = [r for r in runs if r.ok]
    if len(good) < len(runs):
        return next(r for r in runs if not r.ok)
    return Run(
        "ok",
        statistics.median(r.seconds or 0.0 for r in good),
        max(r.peak_mb or 0.0 for r in good),
        cpu_seconds=statistics.median(r.cpu_seconds or 0.0 for r in good),
    )


def compile_target(
    corpus: CorpusInfo, work: Path, *, repeat: int = 3, timeout: float = 300.0
) -> dict[str, Run]:
    """One large catalog (one locale): ``medloc compile`` against GNU ``msgfmt`` on the same
    files, and ``medloc check`` (on every processor, and pinned to one) against parsing the
    same catalogs (``python -m bench.parse``: medloc's reader, and polib's for reference);
    medians of ``repeat``."""
    root = clone(corpus.root, work)
    medloc = command("medloc")
    at = ["--root", str(root)]
    msgfmt = _msgfmt(root, work.parent / f"{work.name}-msgfmt")
    # Bring the templates up to date first, as before a release: check then finds the
    # catalogs merely behind (fuzzy/untranslated), not stale. The templates are written
    # afresh, sealed with the digest of the content as it is now: the corpus's `service/`
    # is the repository's, and a template whose messages have not changed keeps an old
    # digest (extract rewrites it only for new messages), which would make every check
    # below extract that domain again.
    for pot in (root / "locales").glob("*.pot"):
        pot.unlink()
    measure([medloc, "update", *at], timeout=timeout)
    results = {
        "medloc compile": _median(
            [measure([medloc, "compile", *at], timeout=timeout) for _ in range(repeat)]
        ),
        "msgfmt": _median([measure_all(msgfmt, timeout=timeout) for _ in range(repeat)]),
        "medloc check": _median(
            [
                measure([medloc, "check", *at], timeout=timeout, ok_codes=(0, 1))
                for _ in range(repeat)
            ]
        ),
        # the gate splits its work over the processors it may use: pinned to one, the same
        # command shows what that is worth
        "medloc check (1 CPU)": _median(
            [
                measure(
                    ["taskset", "--cpu-list", "0", medloc, "check", *at],
                    timeout=timeout,
                    ok_codes=(0, 1),
                )
                for _ in range(repeat)
            ]
        ),
        # one process either way; pinned to the same processor as the one-CPU check, so
        # that the ratio compares the two on the same core
        "parse": _median(
            [
                measure(
                    ["taskset", "--cpu-list", "0", sys.executable, "-m", "bench.parse", str(root)],
                    timeout=timeout,
                )
                for _ in range(repeat)
            ]
        ),
        "parse (polib)": _median(
            [
                measure(
                    [sys.executable, "-m", "bench.parse", "--polib", str(root)], timeout=timeout
                )
                for _ in range(repeat)
            ]
        ),
        "medloc extract": _median(
            [measure([medloc, "extract", *at], timeout=timeout) for _ in range(repeat)]
        ),
    }
    shutil.rmtree(work.parent / f"{work.name}-msgfmt", ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return results
