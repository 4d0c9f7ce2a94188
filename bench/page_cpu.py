"""CPU per page of ``medloc build``'s article tasks, in one process, and per catalog look-up.

``python -m bench.page_cpu ROOT [--articles 20] [--rounds 5]`` renders articles in every
locale as a build worker does (:func:`medloc.serving.static.outputs.render_articles`: pages,
API documents, their variants, written to a temporary tree), a task of ``--articles`` at a
time, with the cyclic collector off as in ``medloc build``; it prints the CPU milliseconds
(user and system) per page of each round and the best. ``--lookups`` also records the
``.mo`` look-ups of one task and replays them on freshly opened catalogs (best of 7): the
microseconds per look-up. Run it under ``flock /work/briefs/bench.lock`` beside another tree
(``PYTHONPATH=OTHER/service``) to compare two versions side by side: the seconds stretch
with whatever else runs on the machine, so compare rounds run one after the other.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--articles", type=int, default=20, help="articles a task (and round)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lookups", action="store_true", help="also time .mo look-ups")
    args = parser.parse_args(argv)
    from medloc.serving.static.build import BuildOptions, _settings
    from medloc.serving.static.outputs import Job, render_articles
    from medloc.serving.web import create_app

    gc.disable()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(_settings(BuildOptions(args.root, Path(folder) / "out")))
        library = app.extensions["medloc"]
        site = Path(folder) / "site"
        site.mkdir()
        job = Job(app, library, site, {})
        slugs = tuple(library.articles)
        size = args.articles
        render_articles(job, slugs[:1])  # what every task finds made
        rounds = []
        for number in range(args.rounds):
            task = slugs[1 + size * number : 1 + size * (number + 1)]
            if not task:
                break
            before = os.times()
            render_articles(job, task)
            after = os.times()
            pages = len(task) * len(library.locales)
            rounds.append(
                ((after.user - before.user) / pages, (after.system - before.system) / pages)
            )
            shutil.rmtree(site)
            site.mkdir()
        for user, system in rounds:
            print(f"user {user * 1e3:.2f} ms + system {system * 1e3:.2f} ms a page")
        print(f"best: {min(user + system for user, system in rounds) * 1e3:.2f} ms a page")
        if args.lookups:
            task = slugs[1 + size * args.rounds : 1 + size * (args.rounds + 1)]
            print(f"look-ups: {_lookups(lambda: render_articles(job, task)):.2f} us each")


def _lookups(render: Any) -> float:
    """Microseconds per ``.mo`` look-up of ``render()``, replayed on fresh catalogs."""
    from medloc.catalog import MoCatalog

    calls: list[tuple[str, str, str | None]] = []
    get = MoCatalog.get

    def recording(catalog: MoCatalog, msgid: str, context: str | None = None) -> str | None:
        handle: Any = catalog._source
        calls.append((os.readlink(f"/proc/self/fd/{handle.fileno()}"), msgid, context))
        return get(catalog, msgid, context)

    MoCatalog.get = recording  # type: ignore[method-assign]
    try:
        render()
    finally:
        MoCatalog.get = get  # type: ignore[method-assign]
    best = float("inf")
    for _ in range(7):
        handles = {path: open(path, "rb") for path, _msgid, _context in calls}  # noqa: SIM115
        catalogs = {path: MoCatalog.from_file(handle) for path, handle in handles.items()}
        for catalog in catalogs.values():
            catalog.assume_key_order()
        asked = [(catalogs[path].get, msgid, context) for path, msgid, context in calls]
        start = time.process_time()
        for ask, msgid, context in asked:
            ask(msgid, context)
        best = min(best, time.process_time() - start)
        for handle in handles.values():
            handle.close()
    return best / max(len(calls), 1) * 1e6


if __name__ == "__main__":
    main()
