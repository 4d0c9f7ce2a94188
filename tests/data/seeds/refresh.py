"""Compare ``facts.json`` with the seeds it was made from, or rewrite it.

The seeds are not in the repository (README.md here says why), so this is a maintainer's
script rather than a test: run it where the seeds are, after a change to the figure extractor
of ``tests/source/test_content_facts.py``::

    .venv/bin/python tests/data/seeds/refresh.py ../shared/seeds           # exit 1 if it differs
    .venv/bin/python tests/data/seeds/refresh.py ../shared/seeds --write   # then review the diff
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "source"))

from test_content_facts import FACTS, STORED, seed_facts  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    try:
        derived = seed_facts(folder)
    except FileNotFoundError as exc:
        print(
            f"refresh: {exc.filename}: no such seed; give the folder of the five seeds",
            file=sys.stderr,
        )
        return 2
    if "--write" in argv[1:]:
        FACTS.write_text(json.dumps(derived, indent=2, ensure_ascii=False) + "\n", "utf-8")
        return 0
    if derived != STORED:
        changed = sorted(n for n in derived if derived[n] != STORED.get(n))
        print(f"refresh: {FACTS} differs from the seeds for {changed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
