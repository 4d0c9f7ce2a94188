"""The tree a build left, folder by folder: every output's size and mtime as written (the
``outputs`` of ``build-manifest.json``), and the check that the tree is still so
(:func:`intact`: what tells a rebuild with nothing changed that nothing needs writing).

Outputs are kept by folder (``es/articles``: ``thermal-rhizotomy``, ...), each folder's
names, sizes and mtimes as three lists: about a third of the JSON to parse of a list per
output, and the check opens each folder once and looks its files up relative to it
(``os.stat`` with ``dir_fd``) instead of resolving every path from the root.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import Written

__all__ = [
    "Folder",
    "Tree",
    "altered",
    "count",
    "entries",
    "intact",
    "order",
    "read_tree",
    "tree_data",
]

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True, slots=True)
class Folder:
    """The outputs of one folder, in order: their names in it, sizes and mtimes (ns)."""

    names: Sequence[str]
    sizes: Sequence[int]
    mtimes: Sequence[int]


Tree = Mapping[str, Folder]
"""Folders (``""``: the top of the tree) in :func:`order`."""


def order(name: str) -> tuple[str, str]:
    """The order of outputs in a :data:`Tree` (by folder, then by name in the folder)."""
    folder, _slash, base = name.rpartition("/")
    return folder, base


def tree_of(outputs: Iterable[Written]) -> dict[str, Folder]:
    """The tree of ``outputs``, in :func:`order`."""
    found: dict[str, tuple[list[str], list[int], list[int]]] = {}
    for written in sorted(outputs, key=lambda w: order(w.name)):
        folder, base = order(written.name)
        names, sizes, mtimes = found.setdefault(folder, ([], [], []))
        names.append(base)
        sizes.append(written.size)
        mtimes.append(written.mtime_ns)
    return {folder: Folder(*lists) for folder, lists in found.items()}


def entries(tree: Tree) -> Iterator[tuple[str, int, int]]:
    """(name in the tree, size, mtime) of every output, in order."""
    for folder, files in tree.items():
        prefix = f"{folder}/" if folder else ""
        for base, size, mtime in zip(files.names, files.sizes, files.mtimes, strict=True):
            yield prefix + base, size, mtime


def count(tree: Tree) -> int:
    return sum(len(files.names) for files in tree.values())


def tree_data(tree: Tree) -> dict[str, list[Any]]:
    return {k: [list(v.names), list(v.sizes), list(v.mtimes)] for k, v in tree.items()}


def read_tree(data: Mapping[str, Any]) -> dict[str, Folder]:
    found = {str(k): Folder(names, sizes, mtimes) for k, (names, sizes, mtimes) in data.items()}
    for files in found.values():
        if not len(files.names) == len(files.sizes) == len(files.mtimes):
            raise ValueError("a folder of the manifest's outputs has lists of unequal length")
    return found


def intact(site: Path, tree: Tree) -> bool:
    """Whether every output of ``tree`` is still in ``site`` as it was left (its size and
    mtime; symbolic links followed, as :func:`os.stat` does)."""
    if not tree:
        return False
    for folder, files in tree.items():
        try:
            fd = os.open(site / folder if folder else site, _DIRECTORY)
        except OSError:
            return False
        try:
            if not _same(fd, files):
                return False
        finally:
            os.close(fd)
    return True


def _same(fd: int, files: Folder) -> bool:
    return next(_differing(fd, files), None) is None


def _differing(fd: int, files: Folder) -> Iterator[str]:
    """The names of ``files`` (in the folder open as ``fd``) no longer as they were left."""
    stat = os.stat
    for base, size, mtime in zip(files.names, files.sizes, files.mtimes, strict=True):
        try:
            info = stat(base, dir_fd=fd)
        except OSError:
            yield base
            continue
        if info.st_mtime_ns != mtime or info.st_size != size:
            yield base


def altered(site: Path, tree: Tree) -> frozenset[str]:
    """The outputs of ``tree`` (names in the tree) that are no longer in ``site`` as they
    were left: edited, replaced or removed since (what :func:`intact` looks for, all of them)."""
    found: list[str] = []
    for folder, files in tree.items():
        prefix = f"{folder}/" if folder else ""
        try:
            fd = os.open(site / folder if folder else site, _DIRECTORY)
        except OSError:
            found.extend(prefix + base for base in files.names)
            continue
        try:
            found.extend(prefix + base for base in _differing(fd, files))
        finally:
            os.close(fd)
    return frozenset(found)
