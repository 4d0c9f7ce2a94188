"""Linear-time GNU ``.mo`` writer and a lazy, mmap-friendly ``.mo`` reader.

Babel's ``write_mo`` concatenates with ``bytes +=`` and is quadratic; this writer
encodes every string once, sorts once and joins once. It writes the same layout
as GNU msgfmt (revision 0, little-endian, UTF-8, originals sorted by their
encoded key, header entry first). Optionally it adds msgfmt's hash table, and
then its output is byte-identical to ``msgfmt`` for the same messages and
header; without it (the default, and the faster) it is byte-identical to Babel
for catalogs that Babel sorts correctly, i.e. without msgctxt.

``MoCatalog`` reads a buffer (``bytes``, ``memoryview`` or ``mmap.mmap``) without
decoding it up front: a lookup probes the hash table when there is one, and
otherwise binary-searches the table of originals, decoding only what it returns.

Format reference: the GNU gettext manual, "The Format of GNU MO Files".

This module is the import path; the code lives in ``_mowrite`` (writer),
``_moread`` (reader) and ``_moformat`` (what both share).
"""

from __future__ import annotations

from ._moformat import MoMessage, hashpjw
from ._moread import Buffer, MoCatalog
from ._mowrite import write_mo

__all__ = ["Buffer", "MoCatalog", "MoMessage", "hashpjw", "write_mo"]
