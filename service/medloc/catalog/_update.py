"""Bringing a catalog up to date with its template (:mod:`medloc.catalog._merge` merges)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import _merge, _podump
from ._model import WRAP_WIDTH, Catalog, CatalogEntry
from ._podump import RenderCache

__all__ = ["TextUpdater", "entry_updater", "text_updater", "update_catalog", "updater"]

TextUpdater = Callable[[Catalog, RenderCache | None], Iterator[str]]


def update_catalog(po: Catalog, template: Catalog) -> Catalog:
    """Merge ``template`` into ``po`` without losing any translation.

    * an unchanged message keeps its translation, flags and translator comments; its
      format flags (``python-format``...) are the template's, as msgmerge does;
    * a message that returns exactly (same msgctxt and msgid: an edit reverted, a deleted
      paragraph restored, a section id renamed back, a paragraph moved back) gets the
      translation last made for exactly it, not fuzzy: from its obsolete entry (``#~``),
      or from a fuzzy entry whose previous msgctxt/msgid (``#|``, ``#~|``) is exactly it;
    * an obsolete entry with the msgctxt and msgid of an untranslated one (``pybabel
      update`` and git merges leave them) gives it its translation;
    * the same text moved within its article (another section, a renamed section id)
      keeps its translation, not fuzzy (fuzzy if it was);
    * a message whose text changed keeps the closest old translation of the same
      section (or of the same text elsewhere), marked fuzzy with the text that
      translation was made for as ``#|`` (previous msgid and msgctxt); the old text keeps
      its translation too, as an obsolete entry, so that it can return;
    * a message that disappears is kept as obsolete (``#~``, with its ``#~|`` previous
      msgid when it is fuzzy), never dropped (an active one that was never translated
      nor commented on is dropped: it holds nothing of a translator's).

    Every msgctxt+msgid is in the result once (``msgfmt`` rejects an obsolete twin). The
    result lists messages in template order, then obsolete entries: running it twice
    gives the same catalog. Linear time (see :mod:`medloc.catalog._merge`).
    """
    merged: Catalog = _merge.Merger(template, WRAP_WIDTH).merge(po)
    return merged


def updater(template: Catalog) -> Callable[[Catalog], Catalog]:
    """``lambda po: update_catalog(po, template)``, quicker for the second catalog on: what
    depends on the template alone is computed once. Do not change ``template`` meanwhile."""
    merger = _merge.Merger(template, WRAP_WIDTH)
    return merger.merge


def entry_updater(template: Catalog) -> Callable[[Catalog], Iterator[CatalogEntry]]:
    """Like :func:`updater`, but what it gives for a catalog is the merged entries, each
    made when it is taken (the entries of ``update_catalog(po, template)``, in order), so
    that they can be compared with the catalog's own one by one, none held. Take them all,
    or drop the iterator, before giving it the next catalog."""
    merger = _merge.Merger(template, WRAP_WIDTH)

    def entries(po: Catalog) -> Iterator[CatalogEntry]:
        return merger.stream(po)[1]

    return entries


def text_updater(template: Catalog) -> TextUpdater:
    """Like :func:`updater`, but what it gives for a catalog is the text of the merged
    catalog, piece by piece (``"".join`` of it is ``po_text(update_catalog(po, template),
    cache=cache)``, byte for byte): each merged entry is written when it is made and dropped,
    so that merging holds the template and one catalog, never the merged catalog or its
    whole text as well. Take every piece before giving it the next catalog."""
    merger = _merge.Merger(template, WRAP_WIDTH)

    def text(po: Catalog, cache: RenderCache | None = None) -> Iterator[str]:
        head, entries = merger.stream(po)
        return _podump.dump_stream(head, entries, cache)

    return text
