"""Loading one locale's catalog for the service, never failing because of it.

Per locale and domain: the ``.mo`` when it is present, not older than its ``.po`` and agreeing
with it (:func:`_agreeing`: the ``.po``'s digest recorded by ``medloc compile``, else the
messages compared), kept open and read with ``pread`` (content catalogs) or read whole (the
small UI catalogs); else the ``.po`` compiled in memory (fuzzy and untranslated entries are
then absent, exactly as in a ``.mo``). A catalog that cannot be read is reported in its
:class:`CatalogState` and its locale is served from its fallback chain. ``# medloc-ignore``
comments are read from the ``.po`` only when it has any.

What a load proves of a file (a ``.mo`` that validated whole; a ``.po``'s digest and the
markers it holds) is a :class:`Proof`, recorded with the file's stamp. A caller may pass the
proofs of an earlier load (``known``: ``medloc build`` passes those of the last build); a file
whose stamp is the one recorded is then not validated or scanned again. Without them (``medloc
serve``) every file is checked.
"""

from __future__ import annotations

import io
import logging
import mmap
import os
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Literal

import polib

from medloc import catalog as catalogs
from medloc.catalog import MoCatalog
from medloc.errors import CatalogError, MedlocError
from medloc.qa import parse_ignores
from medloc.tags import LocaleTag

__all__ = [
    "CatalogState",
    "Loaded",
    "Proof",
    "Proofs",
    "Source",
    "absent",
    "load_catalog",
    "locale_folders",
    "mentions",
    "mo_lookup",
    "proven",
    "stamp",
]

log = logging.getLogger("medloc.web")

Source = Literal["mo", "po", "missing", "error"]

DISAGREES = "its messages differ from those of its .po"
"""Part of the warning of a ``.mo`` newer than its ``.po`` that does not agree with it."""


@dataclass(frozen=True)
class CatalogState:
    """How one catalog of one locale was loaded."""

    locale: str
    domain: str
    source: Source
    messages: int = 0
    error: str | None = None
    """Why the catalog is not served (``path:line: message``)."""
    warning: str | None = None
    """Served, but not as found: a corrupt ``.mo`` replaced by its ``.po`` compiled in
    memory, a ``.mo`` older than its ``.po``, a last good version kept."""


Stamp = tuple[int, int, int]
"""A file's (inode, size, mtime in ns): it changed when its stamp did."""


def stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


MARKERS = ("medloc-ignore", "medloc-review")
"""The markers a ``.po`` scan records (the catalog's ignores; its sign-offs)."""


@dataclass(frozen=True)
class Proof:
    """What a load found of one file as it was (``stamp``)."""

    stamp: Stamp
    valid: bool = False
    """A ``.mo``: every entry checked (:meth:`MoCatalog.validate`) and sound."""
    digest: str | None = None
    """A ``.po``: :func:`medloc.catalog.source_digest` of its bytes."""
    marks: frozenset[str] = frozenset()
    """A ``.po``: which :data:`MARKERS` it holds."""
    ordered: bool = False
    """A sound ``.mo``: its originals lie in key order (:attr:`MoCatalog.in_key_order`)."""


Proofs = Mapping[str, Proof]
"""Proofs by the file's path (as the loader names it: ``str(path)``)."""


def proven(known: Proofs, path: Path, now: Stamp | None) -> Proof | None:
    """The proof in ``known`` of ``path`` as it is now (its stamp ``now``), if any."""
    found = known.get(str(path))
    return found if found is not None and now is not None and found.stamp == now else None


class _Guarded(MoCatalog):
    """A catalog read with ``pread`` that answers nothing once its file has changed in place
    (``cp``, ``rsync --inplace``): garbage or another generation's text is never served; the
    service's poll then loads the new file (see :mod:`medloc.serving.web.generation`)."""

    __slots__ = ("_stamp",)
    _stamp: tuple[int, int]

    def unchanged(self) -> bool:
        handle: IO[bytes] = self._source  # type: ignore[assignment]
        try:
            info = os.fstat(handle.fileno())
        except (OSError, ValueError):
            return False
        return (info.st_size, info.st_mtime_ns) == self._stamp


def _open_mo(path: Path, known: Proofs) -> tuple[MoCatalog, Proof]:
    """The compiled catalog at ``path``, kept open and read with ``pread`` when a lookup
    needs a string, so that a worker holds only what it rendered, never the file's pages
    (see :class:`medloc.catalog.MoCatalog`). The descriptor is shared by the workers forked from the
    master (pread keeps no file position) and closed when the catalog is collected. Every
    entry is checked once here (a truncated or corrupt file is refused, not served), unless
    ``known`` proves the file, as it is, sound."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    handle = os.fdopen(fd, "rb", closefd=False)  # the catalog keeps it
    weakref.finalize(handle, os.close, fd)
    info = os.fstat(fd)
    catalog = _Guarded.from_file(handle)
    assert isinstance(catalog, _Guarded)
    catalog._stamp = (info.st_size, info.st_mtime_ns)
    return catalog, _validated(catalog, path, _stamp_of(info), known)


def _validated(catalog: MoCatalog, path: Path, now: Stamp, known: Proofs) -> Proof:
    """``catalog`` (the file at ``path``, stamped ``now``) validated, unless already proven."""
    found = proven(known, path, now)
    if found is not None and found.valid:
        if found.ordered:
            catalog.assume_key_order()  # its first look-up reads a key in 64, not every key
        return found
    catalog.validate()
    return Proof(now, valid=True, ordered=bool(catalog.in_key_order))


@dataclass(frozen=True)
class _Compiled:
    catalog: MoCatalog
    data: bytes | None
    """The compiled bytes, when read whole."""
    source: Source
    po: polib.POFile | None
    warning: str | None = None
    proofs: tuple[tuple[str, Proof], ...] = ()
    """What was proven of the files read (the ``.mo`` sound, the ``.po``'s scan)."""
    scan: Proof | None = None
    """The ``.po``'s scan, when made (or known)."""


def _read_mo(mo_path: Path, known: Proofs, *, in_memory: bool) -> _Compiled:
    if not in_memory:
        catalog, proof = _open_mo(mo_path, known)
        return _Compiled(catalog, None, "mo", None, proofs=((str(mo_path), proof),))
    with mo_path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read()
    whole = MoCatalog(data)
    proof = _validated(whole, mo_path, _stamp_of(info), known)
    return _Compiled(whole, data, "mo", None, proofs=((str(mo_path), proof),))


def _compiled(
    po_path: Path, mo_path: Path, shown: str, known: Proofs, *, in_memory: bool
) -> _Compiled:
    """The compiled catalog and where it came from. Raises on an unreadable catalog."""
    warning = None
    mo_shown = shown.removesuffix(".po") + ".mo"
    if mo_path.is_file() and (
        not po_path.is_file() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        try:
            found = _read_mo(mo_path, known, in_memory=in_memory)
        except ValueError as exc:
            if not po_path.is_file():
                raise CatalogError(f"{exc}; run medloc compile", path=mo_shown) from None
            warning = (
                f"{mo_shown}: {exc}; served from the .po compiled in memory; run medloc compile"
            )
            log.warning("%s", warning)
        else:
            return _agreeing(found, po_path, shown, known) if po_path.is_file() else found
    elif mo_path.is_file():
        warning = f"{mo_shown}: older than its .po; served from the .po; run medloc compile"
    return replace(_compile_po(po_path, shown), warning=warning)


def _compile_po(po_path: Path, shown: str) -> _Compiled:
    raw = po_path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError("not UTF-8", path=shown, line=line) from None
    po = catalogs.read_po(io.StringIO(text), path=shown)
    buffer = io.BytesIO()
    catalogs.compile_mo(po, buffer, path=shown)
    data = buffer.getvalue()
    return _Compiled(MoCatalog(data), data, "po", po)


def _agreeing(found: _Compiled, po_path: Path, shown: str, known: Proofs) -> _Compiled:
    """``found`` (the ``.mo``) if it agrees with its ``.po``, else the ``.po`` compiled.

    Cheap when ``medloc compile`` wrote the ``.mo``: its header holds the digest of the
    ``.po`` it came from, compared with the ``.po``'s (one pass over the file, which also
    tells whether it has ``medloc-ignore`` comments). Otherwise (another compiler, or a
    ``.po`` changed since) the ``.po`` is compiled and its messages compared. The scan is
    not made again when ``known`` has it."""
    scan = proven(known, po_path, stamp(po_path))
    if scan is None or scan.digest is None:
        scan = _scan_po(po_path)
    if found.catalog.header.get(catalogs.SOURCE_FIELD) == scan.digest:
        return replace(found, scan=scan, proofs=(*found.proofs, (str(po_path), scan)))
    compiled = _compile_po(po_path, shown)
    if set(compiled.catalog) == set(found.catalog):
        return replace(found, po=compiled.po)
    mo_shown = shown.removesuffix(".po") + ".mo"
    warning = f"{mo_shown}: {DISAGREES}; served from the .po compiled in memory; run medloc compile"
    log.warning("%s", warning)
    return replace(compiled, warning=warning)


def _scan_po(path: Path) -> Proof:
    """The digest of the file and which :data:`MARKERS` it holds (mapped, not read into
    memory)."""
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size == 0:
            return Proof(_stamp_of(info), digest=catalogs.source_digest(b""))
        with (
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
            memoryview(mapped) as view,
        ):
            marks = frozenset(m for m in MARKERS if mapped.find(m.encode()) != -1)
            return Proof(_stamp_of(info), digest=catalogs.source_digest(view), marks=marks)


def mentions(path: Path, marker: bytes) -> bool:
    """Whether the file holds ``marker`` anywhere (``b"medloc-ignore"``, ``b"medloc-review"``),
    scanned without reading it whole."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return mapped.find(marker) != -1


def _ignores(po: polib.POFile) -> dict[tuple[str | None, str], dict[str, str]]:
    found: dict[tuple[str | None, str], dict[str, str]] = {}
    for entry in po:
        if entry.tcomment and "medloc-ignore" in entry.tcomment:
            ignores, _problems = parse_ignores(entry.tcomment.splitlines())
            if ignores:
                found[(entry.msgctxt, entry.msgid)] = ignores
    return found


@dataclass(frozen=True)
class Loaded:
    catalog: MoCatalog | None
    data: bytes | None
    """The compiled bytes, when read whole."""
    state: CatalogState
    ignores: dict[tuple[str | None, str], dict[str, str]]
    stamps: tuple[Stamp | None, Stamp | None] = (None, None)
    """The ``.po`` and ``.mo`` as they were when read."""
    proofs: tuple[tuple[str, Proof], ...] = ()
    """What the load proved of its files (see :class:`Proof`)."""

    def lookup(self) -> Callable[[str, str], str | None]:
        return mo_lookup(self.catalog) if self.catalog is not None else absent


def load_catalog(
    locales_dir: Path,
    locale: LocaleTag,
    domain: str,
    *,
    in_memory: bool = False,
    known: Proofs | None = None,
) -> Loaded:
    """``locale``'s catalog of ``domain`` (its folder has Babel's spelling, ``pt_BR``);
    ``known``: proofs of an earlier load (files whose stamps match are not checked again)."""
    tag = locale.bcp47
    po_path = locales_dir / locale.babel / "LC_MESSAGES" / f"{domain}.po"
    mo_path = po_path.with_suffix(".mo")
    shown = f"locales/{locale.babel}/LC_MESSAGES/{domain}.po"
    stamps = (stamp(po_path), stamp(mo_path))
    if stamps == (None, None):
        return Loaded(None, None, CatalogState(tag, domain, "missing"), {})
    try:
        found = _compiled(po_path, mo_path, shown, known or {}, in_memory=in_memory)
        po = found.po
        if found.scan is not None:
            has_ignores = "medloc-ignore" in found.scan.marks
        else:
            has_ignores = po is None and po_path.is_file() and mentions(po_path, b"medloc-ignore")
        if po is None and has_ignores:
            # only then is the .po worth parsing
            text = po_path.read_bytes().decode("utf-8")
            po = catalogs.read_po(io.StringIO(text), path=shown)
        ignores = _ignores(po) if po is not None else {}
    except Exception as exc:  # any unreadable catalog: log it, serve the fallback
        message = str(exc) if isinstance(exc, MedlocError) else f"{shown}: {exc}"
        log.error("catalog not loaded, %s is served from its fallback: %s", tag, message)
        state = CatalogState(tag, domain, "error", error=message)
        return Loaded(None, None, state, {}, stamps)
    state = CatalogState(tag, domain, found.source, len(found.catalog), warning=found.warning)
    return Loaded(found.catalog, found.data, state, ignores, stamps, found.proofs)


def locale_folders(locales_dir: Path) -> list[str]:
    if not locales_dir.is_dir():
        return []
    return sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir())


def mo_lookup(catalog: MoCatalog) -> Callable[[str, str], str | None]:
    """Lookups in ``catalog``; nothing (the fallback) from a file changed in place."""
    guarded = catalog if isinstance(catalog, _Guarded) else None

    def lookup(context: str, msgid: str) -> str | None:
        if guarded is not None and not guarded.unchanged():
            return None
        try:
            return catalog.get(msgid, context)
        except (ValueError, OSError):  # a file cut short under us: the fallback
            return None

    return lookup


def absent(_context: str, _msgid: str) -> str | None:
    return None
