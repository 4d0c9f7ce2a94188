"""The catalog stage: templates (.pot), translations (.po) and compiled catalogs (.mo).

This package is the stage's one public face: everything outside it imports from here,
never from its private modules, each of which has one job:

* ``_model``: :class:`CatalogEntry` and :class:`Catalog`, the fields the pipeline uses;
* ``_template``: a template from the messages extraction found;
* ``_digest``: the content digest a template records, and its seal;
* ``_read``: reading ``.po``/``.pot``, a slice of a file at a time (``_po``, ``_poentry`` and
  ``_posyntax`` parse into ``_compact``'s entries: polib's, with slots instead of a dict;
  ``read_only_entries`` shares their empty fields for a command that changes none);
* ``_write``: writing them (``_podump`` renders);
* ``_update`` and ``_locale``: merging a template into a catalog (``_merge``), a new locale;
* ``_compile``: compiling to ``.mo`` (``_mo``: ``_mowrite``, ``_moread``, ``_motable``).

Everything here is pure: it takes and returns catalogs, strings and file objects.
:mod:`medloc.project` does the file system work.

polib is used for reading and writing ``.po`` because it keeps everything a
translator wrote: previous msgids (``#|``), obsolete entries with their
context, flags and translator comments (Babel's reader turns ``#|`` lines into
plain comments).
"""

from __future__ import annotations

from ._compile import SOURCE_FIELD, compile_mo, mo_header, mo_messages, source_digest
from ._digest import DIGEST_FIELD, content_digest, seal, sealed, write_sealed
from ._locale import init_catalog, parse_locale
from ._mo import MoCatalog, MoMessage
from ._model import WRAP_WIDTH, Catalog, CatalogEntry
from ._poentry import read_only_entries
from ._read import parse_po, read_po
from ._template import TemplateMessage, make_template
from ._update import TextUpdater, entry_updater, text_updater, update_catalog, updater
from ._write import RenderCache, po_pieces, po_text, same_messages

__all__ = [
    "DIGEST_FIELD",
    "SOURCE_FIELD",
    "WRAP_WIDTH",
    "Catalog",
    "CatalogEntry",
    "MoCatalog",
    "MoMessage",
    "RenderCache",
    "TemplateMessage",
    "TextUpdater",
    "compile_mo",
    "content_digest",
    "entry_updater",
    "init_catalog",
    "make_template",
    "mo_header",
    "mo_messages",
    "parse_locale",
    "parse_po",
    "po_pieces",
    "po_text",
    "read_only_entries",
    "read_po",
    "same_messages",
    "seal",
    "sealed",
    "source_digest",
    "text_updater",
    "update_catalog",
    "updater",
    "write_sealed",
]
