"""Compiling a catalog to ``.mo``: the messages it holds, each once (:mod:`medloc.catalog._mo`
writes them)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from medloc.errors import CatalogError, MoFileError

from ._mo import MoMessage, write_mo
from ._model import Catalog, CatalogEntry
from ._moformat import describe
from ._mowrite import Writable

__all__ = ["SOURCE_FIELD", "compile_mo", "mo_header", "mo_messages", "source_digest"]

SOURCE_FIELD = "X-Medloc-Source"
"""The header field of a ``.mo`` written by ``medloc compile``: the digest of the ``.po`` it
was compiled from (:func:`source_digest`), so that the service can tell cheaply whether a
``.mo`` still agrees with its ``.po``."""


def source_digest(po_bytes: bytes | memoryview | Iterable[bytes]) -> str:
    """``sha256:<hex>`` of a ``.po`` file's bytes (or of its blocks, in order)."""
    if isinstance(po_bytes, bytes | memoryview):
        return f"sha256:{hashlib.sha256(po_bytes).hexdigest()}"
    digest = hashlib.sha256()
    for block in po_bytes:
        digest.update(block)
    return f"sha256:{digest.hexdigest()}"


def _compiled(po: Iterable[CatalogEntry]) -> Iterator[CatalogEntry]:
    """The entries a compiled catalog holds: translated, not fuzzy, not obsolete."""
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if forms and all(forms.values()):
                yield entry
        elif entry.msgstr:
            yield entry


def _message(entry: CatalogEntry) -> MoMessage:
    if not entry.msgid_plural:
        return MoMessage(entry.msgid, entry.msgstr, entry.msgctxt)
    forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return MoMessage(
        msgid=entry.msgid,
        msgstr=forms[0],
        context=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=forms,
    )


def mo_messages(po: Iterable[CatalogEntry]) -> list[MoMessage]:
    """The messages a compiled catalog holds: translated, not fuzzy, not obsolete."""
    return [_message(entry) for entry in _compiled(po)]


def mo_header(po: Catalog) -> str:
    """The msgstr of a compiled catalog's header entry: the catalog's metadata."""
    return "".join(f"{key}: {value}\n" for key, value in po.metadata.items())


def _reject_duplicates(entries: list[CatalogEntry], path: str | None) -> None:
    """A CatalogError at the second entry of the first message found twice."""
    seen: dict[tuple[str | None, str], CatalogEntry] = {}
    for entry in entries:
        first = seen.setdefault((entry.msgctxt, entry.msgid), entry)
        if first is not entry:
            context = "" if entry.msgctxt is None else f" (msgctxt {entry.msgctxt!r})"
            raise CatalogError(
                f"duplicate message: msgid {entry.msgid!r}{context} is also at line "
                f"{first.linenum}; keep one of the two entries",
                path=path,
                line=entry.linenum,
            )


def _nul_in(entry: CatalogEntry) -> str | None:
    """The field of ``entry`` that a ``.mo`` cannot hold (a NUL, or an EOT in a key)."""
    keys = {"msgid": entry.msgid, "msgctxt": entry.msgctxt or ""}
    for name, text in keys.items():
        if "\x00" in text or "\x04" in text:
            return f"{name} contains a NUL or EOT (\\x04) character"
    texts = {"msgid_plural": entry.msgid_plural or "", "msgstr": entry.msgstr}
    texts.update((f"msgstr[{i}]", form) for i, form in entry.msgstr_plural.items())
    for name, text in texts.items():
        if "\x00" in text:
            return f"{name} contains a NUL character at character {text.index(chr(0)) + 1}"
    return None


def _reject_nul(entries: list[CatalogEntry], path: str | None) -> None:
    """A MoFileError at the first entry a ``.mo`` cannot hold."""
    for entry in entries:
        problem = _nul_in(entry)
        if problem is not None:
            raise MoFileError(
                f"{describe(entry.msgctxt, entry.msgid)}: {problem}; delete it (a NUL ends"
                " a compiled string)",
                path=path,
                line=entry.linenum,
            )


def compile_mo(po: Catalog, fileobj: Writable, *, path: str | None = None) -> int:
    """Write ``po`` as a ``.mo`` (linear time); returns the number of messages written.

    A message found twice, or one the format cannot hold, is a :class:`CatalogError` that
    names ``path`` (the catalog's, for the message)."""
    entries = list(_compiled(po))
    _reject_duplicates(entries, path)
    _reject_nul(entries, path)
    try:
        write_mo(fileobj, [_message(entry) for entry in entries], mo_header(po))
    except MoFileError as exc:
        exc.path = exc.path or path
        raise
    return len(entries)
