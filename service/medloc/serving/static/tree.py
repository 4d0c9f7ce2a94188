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
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import Written

__all__ = [
    "Folder",
    "Outputs",
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


class Outputs(Mapping[str, Written]):
    """Every output of a build by name, kept as a :data:`Tree` with each folder's digests
    beside it (in the same order): read from the manifest without an object per output, and
    brought up to date by a rebuild that changed a few (:meth:`put`, :meth:`drop`) without
    sorting the others again. A :class:`~.files.Written` is made when one is asked for."""

    def __init__(self, tree: Mapping[str, Folder], digests: Mapping[str, Sequence[str]]) -> None:
        if tree.keys() != digests.keys() or any(
            len(digests[k]) != len(v.names) for k, v in tree.items()
        ):
            raise ValueError("the outputs' digests do not match their folders")
        self._folders = {k: _mutable(v) for k, v in tree.items()}
        self._digests = {k: list(v) for k, v in digests.items()}
        self._count = count(self._folders)

    @classmethod
    def of(cls, outputs: Iterable[Written]) -> Outputs:
        """``outputs`` in :func:`order`."""
        listed = sorted(outputs, key=lambda w: order(w.name))
        tree = tree_of(listed)
        digests: dict[str, list[str]] = {}
        for written in listed:
            digests.setdefault(order(written.name)[0], []).append(written.digest)
        return cls(tree, digests)

    @property
    def tree(self) -> Tree:
        return self._folders

    def digests(self, folder: str) -> Sequence[str]:
        return self._digests[folder]

    def _find(self, name: str) -> tuple[str, str, int, bool]:
        """(folder, base, position in the folder, whether it is there)."""
        folder, base = order(name)
        files = self._folders.get(folder)
        if files is None:
            return folder, base, 0, False
        at = bisect_left(files.names, base)
        return folder, base, at, at < len(files.names) and files.names[at] == base

    def __getitem__(self, name: str) -> Written:
        folder, _base, at, found = self._find(name)
        if not found:
            raise KeyError(name)
        files = self._folders[folder]
        return Written(name, self._digests[folder][at], files.sizes[at], files.mtimes[at])

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(name)[3]

    def __iter__(self) -> Iterator[str]:
        for name, _size, _mtime in entries(self._folders):
            yield name

    def __len__(self) -> int:
        return self._count

    def copy(self) -> Outputs:
        return Outputs(self._folders, self._digests)

    def put(self, written: Written) -> None:
        """Record ``written`` (a new output, or a new version of one)."""
        folder, base, at, found = self._find(written.name)
        files = self._folders.setdefault(folder, Folder([], [], []))
        digests = self._digests.setdefault(folder, [])
        names, sizes, mtimes = _lists(files)
        if found:
            sizes[at], mtimes[at], digests[at] = written.size, written.mtime_ns, written.digest
            return
        names.insert(at, base)
        sizes.insert(at, written.size)
        mtimes.insert(at, written.mtime_ns)
        digests.insert(at, written.digest)
        self._count += 1

    def drop(self, name: str) -> None:
        """Forget ``name``, if it is an output."""
        folder, _base, at, found = self._find(name)
        if not found:
            return
        files = self._folders[folder]
        for values in (*_lists(files), self._digests[folder]):
            del values[at]
        self._count -= 1
        if not files.names:
            del self._folders[folder], self._digests[folder]


def _mutable(files: Folder) -> Folder:
    return Folder(list(files.names), list(files.sizes), list(files.mtimes))


def _lists(files: Folder) -> tuple[list[str], list[int], list[int]]:
    names, sizes, mtimes = files.names, files.sizes, files.mtimes
    assert isinstance(names, list) and isinstance(sizes, list) and isinstance(mtimes, list)
    return names, sizes, mtimes
