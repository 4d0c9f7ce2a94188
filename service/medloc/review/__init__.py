"""Review: a second linguist's sign-off, kept in the catalog and tied to the text it approved.

This face holds the pure parts only, so that the catalog stage's merge may import it
without a cycle: the normal form and digest a sign-off is taken over (:mod:`.normal`) and
the kinds of source change (:mod:`.changes`). The parts that read the project are modules of
their own:

* :mod:`.state`: ``review_state(root, locale)``, per entry reviewed / missing / lapsed /
  untrusted, for the gate, ``stats`` and the service; :mod:`.policy` the ``[review]`` table;
* :mod:`.trust`, :mod:`.history`, :mod:`.identity`: the trust model (docs/review.md);
* :mod:`.sign`: ``medloc review sign``; :mod:`.xliff` and :mod:`.sheet`: review packets;
* :mod:`.stats`: reviewed / translated / fuzzy per locale, article and role;
* :mod:`.provenance`: what a served page says (source revision, review), without git.
"""

from __future__ import annotations

from .changes import ChangeKind, classify_change, describe_change, is_meaning_neutral
from .normal import DIGEST_HEX, entry_digest, normal_form

__all__ = [
    "DIGEST_HEX",
    "ChangeKind",
    "classify_change",
    "describe_change",
    "entry_digest",
    "is_meaning_neutral",
    "normal_form",
]
