"""Parse every catalog of a project and nothing else: the baseline ``medloc check`` is
compared with (``check <= 3 x parse``).

``python -m bench.parse ROOT`` reads the templates and every locale's catalogs with
medloc's reader as ``check`` and ``update`` read them (:func:`medloc.catalog.read_po` on the
open file, a slice at a time), in a process tuned as the CLI tunes a batch command
(:func:`medloc._parallel.batch_process`); ``--polib`` uses plain ``polib.pofile`` on each
file's whole text instead.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

__all__ = ["catalog_files", "main"]


def catalog_files(root: Path) -> list[Path]:
    """The ``.pot`` files, then each locale's ``.po`` files, as ``medloc check`` reads them."""
    locales = root / "locales"
    return sorted(locales.glob("*.pot")) + sorted(locales.glob("*/LC_MESSAGES/*.po"))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--polib", action="store_true", help="plain polib.pofile")
    args = parser.parse_args(argv)
    if args.polib:
        print(_count(args.root, polib_reader=True))
        return
    from medloc._parallel import batch_process

    with batch_process():
        print(_count(args.root, polib_reader=False))


def _count(root: Path, *, polib_reader: bool) -> int:
    count = 0
    for path in catalog_files(root):
        if polib_reader:
            import polib

            count += len(polib.pofile(path.read_bytes().decode("utf-8")))
        else:
            from medloc import catalog as catalogs

            with path.open(encoding="utf-8", newline="") as handle:
                count += len(catalogs.read_po(handle, path=str(path)))
    return count


if __name__ == "__main__":
    main()
