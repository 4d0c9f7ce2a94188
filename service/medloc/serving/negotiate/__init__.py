"""Language negotiation: Accept-Language parsing, locale matching, fallback chains.

Pure functions and a small :class:`Negotiator`; no I/O beyond Babel's bundled CLDR
data (loaded lazily on first use) and no Flask.

Tags are written in BCP 47 form (``pt-BR``, ``zh-Hans``) everywhere in this module;
:class:`medloc.tags.LocaleTag` holds both spellings (``pt-BR``, on disk ``pt_BR``);
:func:`to_babel` / :func:`from_babel` are re-exported from :mod:`medloc.tags`.

Matching rules (:meth:`Negotiator.match`):

* Ranges are tried by descending ``q``, header order on ties. The first range that
  yields a usable locale wins, even if a later range would match exactly
  (``de, es-MX;q=0.9`` gives ``de``).
* For one range, candidates are tried in this order:

  1. RFC 4647 §3.4 lookup, with CLDR parent locales taking precedence over plain
     truncation (``es-MX`` -> ``es-419`` -> ``es``; ``en-GB`` -> ``en-001`` -> ``en``),
     then the same for the maximized range (``zh-MO`` -> ``zh-Hant-MO`` ->
     ``zh-Hant-HK`` -> ``zh-Hant``); a step that would change the script is skipped
     (``zh-Hant`` never reaches ``zh``).
  2. A locale whose CLDR-maximized form (likely subtags) equals the range's
     (``zh-CN`` = ``zh-Hans-CN`` = ``zh-Hans``; ``pt`` = ``pt-Latn-BR`` = ``pt-BR``).
  3. A configured equivalence (``zh-TW -> zh-Hans``), if the deployment set one.
  4. Any locale with the same language and script, the language's default region
     first (``pt-PT`` -> ``pt-BR``: CLDR keeps them distinct, but a Portuguese reader
     still prefers Brazilian Portuguese to English; a ``pt-PT`` locale, once
     available, wins at step 1; ``zh-SG`` -> ``zh-Hans``).

  Scripts are never crossed: ``zh-TW``, ``zh-HK`` and ``zh-Hant`` do not get
  ``zh-Hans`` and ``sr-Latn`` does not get a Cyrillic ``sr`` (except through an
  explicit equivalence).
* ``q=0`` makes what a range names unacceptable: the locale itself, its more specific
  variants (``es;q=0`` also excludes ``es-MX``) and locales with the same maximized
  form (``en-US;q=0`` excludes ``en``). When several ranges name a locale, the most
  specific (most subtags) decides, ``q=0`` winning ties (``es;q=0, es-MX`` accepts
  an ``es-MX`` locale but not ``es``).
* ``*`` gives the default locale unless it is excluded, else the first available locale
  not excluded; ``*;q=0`` only disables the wildcard.
* :meth:`Negotiator.negotiate` returns the default locale when nothing matches, even if
  the header excluded it: something must be served.
"""

from __future__ import annotations

from medloc.tags import canonical_tag, from_babel, to_babel

from ._accept import MAX_HEADER_LENGTH, MAX_ITEMS, WILDCARD, LanguageRange, parse_accept_language
from ._negotiator import Negotiator

__all__ = [
    "MAX_HEADER_LENGTH",
    "MAX_ITEMS",
    "WILDCARD",
    "LanguageRange",
    "Negotiator",
    "canonical_tag",
    "from_babel",
    "parse_accept_language",
    "to_babel",
]
