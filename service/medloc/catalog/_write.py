"""Writing ``.po``/``.pot`` files: deterministic text (quicker than polib,
:mod:`medloc.catalog._podump`) and the comparison that leaves a template's date alone."""

from __future__ import annotations

from collections.abc import Iterator

import polib

from . import _podump
from ._digest import DIGEST_FIELD
from ._model import WRAP_WIDTH, Catalog
from ._podump import RenderCache

__all__ = ["RenderCache", "po_pieces", "po_text", "same_messages"]

_DATES = frozenset({"POT-Creation-Date", "PO-Revision-Date"})


def po_text(po: Catalog, *, cache: RenderCache | None = None) -> str:
    """The file's text, deterministic: the same catalog always gives the same bytes.

    ``cache`` (a :class:`RenderCache`) makes the next catalog of the same template quicker
    to write: what comes from the template is written once."""
    return "".join(po_pieces(po, cache=cache))


def po_pieces(po: Catalog, *, cache: RenderCache | None = None) -> Iterator[str]:
    """:func:`po_text` piece by piece (an entry's text each), none held once given."""
    po.wrapwidth = WRAP_WIDTH
    last = ""
    for piece in _podump.pieces(po, cache):  # str(po), quicker
        if piece:
            last = piece
            yield piece
    if not last.endswith("\n"):
        yield "\n"


def same_messages(a: Catalog, b: Catalog, *, cache: RenderCache | None = None) -> bool:
    """Whether two catalogs are equal apart from their header dates and the value of their
    content digest (:data:`DIGEST_FIELD`: whether they have one counts; ``cache``: see
    :func:`po_text`). A template is rewritten when its messages change, not when only the
    files it was extracted from did (a source file edited without changing a message)."""

    def strip(po: Catalog) -> Iterator[str]:
        copy = polib.POFile(wrapwidth=WRAP_WIDTH)
        copy.header = po.header
        copy.metadata = {k: v for k, v in po.metadata.items() if k not in _DATES}
        if DIGEST_FIELD in copy.metadata:
            copy.metadata[DIGEST_FIELD] = ""
        copy.extend(po)
        return _podump.pieces(copy, cache)

    return _same_text(strip(a), strip(b))


def _same_text(a: Iterator[str], b: Iterator[str]) -> bool:
    """Whether ``"".join(a) == "".join(b)``, reading both a piece at a time."""
    ahead = ""  # what b gave beyond what a gave so far
    for piece in a:
        while len(ahead) < len(piece):
            more = next(b, None)
            if more is None:
                return False
            ahead += more
        if not ahead.startswith(piece):
            return False
        ahead = ahead[len(piece) :]
    return not ahead and not any(b)
