"""Bringing a catalog up to date with its template (:mod:`medloc.catalog._merge` merges)."""

from __future__ import annotations

from collections.abc import Callable

from . import _merge
from ._model import WRAP_WIDTH, Catalog

__all__ = ["update_catalog", "updater"]


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
