"""Language negotiation: Accept-Language parsing, locale matching, fallback chains.

Pure functions and a small :class:`Negotiator`; no I/O beyond Babel's bundled CLDR
data (loaded lazily on first use) and no Flask.

Tags are written in BCP 47 form (``pt-BR``, ``zh-Hans``) everywhere in this module;
:func:`to_babel` / :func:`from_babel` convert to and from the on-disk form (``pt_BR``).

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

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel.core import get_global

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

MAX_HEADER_LENGTH = 4096
"""Characters of an Accept-Language header that are looked at; the rest is ignored."""

MAX_ITEMS = 64
"""Non-empty list items of an Accept-Language header that are looked at."""

WILDCARD = "*"

_CACHE_SIZE = 1024  # distinct tags remembered by the pure CLDR helpers (bounded: tags are input)

_OWS = " \t"
_ITEM_RE = re.compile(r"(?P<range>[^;, \t]+)(?:[ \t]*;[ \t]*[qQ]=(?P<q>[^; \t]*))?")
_QVALUE_RE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")
_SUBTAG_RE = re.compile(r"[A-Za-z0-9]{1,8}")
_ALPHA_RE = re.compile(r"[a-z]+")
_DIGIT_RE = re.compile(r"[0-9]+")

# RFC 5646 irregular grandfathered tags: well-formed, but not by the langtag grammar.
_IRREGULAR = {
    tag.lower(): tag
    for tag in (
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
    )
}


@dataclass(frozen=True)
class LanguageRange:
    """One Accept-Language item: a canonical tag (or ``*``) and its weight."""

    tag: str
    q: float

    def __post_init__(self) -> None:
        if self.tag != WILDCARD and canonical_tag(self.tag) != self.tag:
            raise ValueError(f"language range {self.tag!r} is not a canonical BCP 47 tag")
        if not 0.0 <= self.q <= 1.0:
            raise ValueError(f"weight {self.q!r} of {self.tag!r} is not between 0 and 1")


# --------------------------------------------------------------------------- tags


@dataclass(frozen=True)
class _Tag:
    """A tag split into its BCP 47 parts, already in canonical case."""

    language: str | None  # None for a private-use-only tag (x-...)
    extlangs: tuple[str, ...] = ()
    script: str | None = None
    region: str | None = None
    variants: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()  # extensions and private use, lower case

    def render(self) -> str:
        """The tag as a string."""
        head = (self.language, *self.extlangs, self.script, self.region)
        parts = [p for p in head if p is not None]
        return "-".join((*parts, *self.variants, *self.tail))


def _is_alpha(text: str, low: int, high: int) -> bool:
    return low <= len(text) <= high and _ALPHA_RE.fullmatch(text) is not None


def _is_variant(text: str) -> bool:
    return 5 <= len(text) <= 8 or (len(text) == 4 and text[0].isdigit())


def _is_region(text: str) -> bool:
    return _is_alpha(text, 2, 2) or (len(text) == 3 and _DIGIT_RE.fullmatch(text) is not None)


def _valid_tail(parts: Sequence[str]) -> bool:
    """Extensions (``u-ca-buddhist``) then optional private use (``x-foo``)."""
    i = 0
    while i < len(parts):
        if len(parts[i]) != 1:
            return False
        if parts[i] == "x":
            return i + 1 < len(parts)
        j = i + 1
        while j < len(parts) and len(parts[j]) >= 2:
            j += 1
        if j == i + 1:
            return False
        i = j
    return True


def _take(parts: list[str], test: bool) -> str | None:
    return parts.pop(0) if parts and test else None


def _parse(tag: str) -> _Tag | None:
    """Parse a langtag or private-use tag (RFC 5646 §2.1), ``_`` accepted as ``-``."""
    raw = tag.replace("_", "-").split("-")
    if not all(_SUBTAG_RE.fullmatch(p) for p in raw):
        return None
    parts = [p.lower() for p in raw]
    if parts[0] == "x":
        return _Tag(None, tail=tuple(parts)) if _valid_tail(parts) else None
    language = parts.pop(0)
    if not _is_alpha(language, 2, 8):
        return None
    extlangs: list[str] = []
    while len(language) <= 3 and len(extlangs) < 3 and parts and _is_alpha(parts[0], 3, 3):
        extlangs.append(parts.pop(0))
    script = _take(parts, bool(parts) and _is_alpha(parts[0], 4, 4))
    region = _take(parts, bool(parts) and _is_region(parts[0]))
    variants: list[str] = []
    while parts and _is_variant(parts[0]):
        variants.append(parts.pop(0))
    if not _valid_tail(parts):
        return None
    return _Tag(
        language,
        tuple(extlangs),
        script.title() if script else None,
        region.upper() if region else None,
        tuple(variants),
        tuple(parts),
    )


def canonical_tag(tag: str) -> str | None:
    """``tag`` with BCP 47 case conventions, or None if it is not well-formed.

    ``PT-br`` -> ``pt-BR``, ``zh_hans_cn`` -> ``zh-Hans-CN``, ``en-us-x-Foo`` ->
    ``en-US-x-foo``. Only case (and ``_``) is normalized: no alias replacement.
    """
    if not tag.isascii():
        return None
    irregular = _IRREGULAR.get(tag.replace("_", "-").lower())
    if irregular is not None:
        return irregular
    parsed = _parse(tag)
    return parsed.render() if parsed is not None else None


def _require_tag(tag: str, what: str) -> str:
    canonical = canonical_tag(tag)
    if canonical is None:
        raise ValueError(f"{what} {tag!r} is not a well-formed BCP 47 language tag")
    return canonical


def to_babel(tag: str) -> str:
    """BCP 47 tag -> Babel identifier: ``pt-BR`` -> ``pt_BR``, ``zh-hans`` -> ``zh_Hans``."""
    return _require_tag(tag, "language tag").replace("-", "_")


def from_babel(identifier: str) -> str:
    """Babel identifier -> BCP 47 tag: ``pt_BR`` -> ``pt-BR``, ``zh_Hans`` -> ``zh-Hans``."""
    if "@" in identifier:
        raise ValueError(f"Babel locale identifier {identifier!r} is not supported")
    return _require_tag(identifier, "Babel locale identifier")


# ---------------------------------------------------------------- Accept-Language


def _bounded_items(header: str) -> Iterator[str]:
    """The first :data:`MAX_ITEMS` non-empty items of the first MAX_HEADER_LENGTH chars."""
    head = header[: MAX_HEADER_LENGTH + 1]
    if len(head) > MAX_HEADER_LENGTH:
        head = head[: max(head.rfind(","), 0)]  # never keep a cut-off item
    count = 0
    for piece in head.split(","):
        item = piece.strip(_OWS)
        if not item:
            continue
        yield item
        count += 1
        if count == MAX_ITEMS:
            return


def _parse_item(item: str) -> LanguageRange | None:
    """One ``language-range [weight]`` item, or None if it is malformed."""
    found = _ITEM_RE.fullmatch(item)
    if found is None:
        return None
    q_text = found.group("q")
    if q_text is not None and _QVALUE_RE.fullmatch(q_text) is None:
        return None
    tag = found.group("range")
    canonical = WILDCARD if tag == WILDCARD else canonical_tag(tag)
    if canonical is None:
        return None
    return LanguageRange(canonical, 1.0 if q_text is None else float(q_text))


def parse_accept_language(header: str) -> list[LanguageRange]:
    """Parse an Accept-Language field value (RFC 9110 §12.5.4).

    Malformed items (bad tag, bad or extra parameters, ``q`` outside 0..1 or with
    more than three decimals) are dropped alone. Only the first
    :data:`MAX_HEADER_LENGTH` characters and :data:`MAX_ITEMS` items are read.
    The result is sorted by ``q`` descending, header order on ties; ``q=0`` items
    are kept (they mean "not acceptable").
    """
    ranges = [r for r in map(_parse_item, _bounded_items(header)) if r is not None]
    return _by_preference(ranges)


def _by_preference(ranges: Iterable[LanguageRange]) -> list[LanguageRange]:
    return sorted(ranges, key=lambda r: -r.q)


# ------------------------------------------------------------------------- CLDR


@dataclass(frozen=True)
class _Maximized:
    """Language, script and region after CLDR "add likely subtags"."""

    language: str
    script: str | None
    region: str | None


@lru_cache(maxsize=_CACHE_SIZE)
def _maximize(tag: str) -> _Maximized | None:
    """CLDR likely-subtags maximization of ``tag`` (canonical), None without a language."""
    parsed = _parse(tag)
    if parsed is None or parsed.language is None:
        return None
    language = parsed.extlangs[0] if parsed.extlangs else parsed.language
    script, region = parsed.script, parsed.region
    likely: Mapping[str, str] = get_global("likely_subtags")
    keys = [
        f"{language}_{script}_{region}" if script and region else None,
        f"{language}_{region}" if region else None,
        f"{language}_{script}" if script else None,
        language,
        f"und_{script}" if script else None,
    ]
    found = next((likely[k] for k in keys if k is not None and k in likely), None)
    if found is None:
        return _Maximized(language, script, region)
    best = _parse(found)
    if best is None or best.language is None:
        return _Maximized(language, script, region)
    return _Maximized(
        language if language != "und" else best.language,
        script or best.script,
        region or best.region,
    )


def _truncate(tag: str) -> str | None:
    """RFC 4647 §3.4 truncation: drop the last subtag, and a singleton left before it."""
    parts = tag.split("-")[:-1]
    if parts and len(parts[-1]) == 1:
        parts.pop()
    return "-".join(parts) if parts else None


def _parent(tag: str) -> str | None:
    """The CLDR parent locale of ``tag`` (``es-MX`` -> ``es-419``), else its truncation."""
    exceptions: Mapping[str, str] = get_global("parent_exceptions")
    parent = exceptions.get(tag.replace("-", "_"))
    if parent == "root":
        return None
    return from_babel(parent) if parent is not None else _truncate(tag)


def _same_script(a: _Maximized | None, b: _Maximized | None) -> bool:
    return a is None or b is None or a.script == b.script


@lru_cache(maxsize=_CACHE_SIZE)
def _lookup_path(tag: str) -> tuple[str, ...]:
    """``tag`` and its parents, never changing script: the RFC 4647 lookup order."""
    origin = _maximize(tag)
    path, seen = [tag], {tag}
    parent = _parent(tag)
    while parent is not None and parent not in seen:
        seen.add(parent)
        if _same_script(origin, _maximize(parent)):
            path.append(parent)
        parent = _parent(parent)
    return tuple(path)


# ------------------------------------------------------------------- negotiator


@dataclass(frozen=True)
class _Locale:
    """An available locale with its maximized form."""

    tag: str
    maximized: _Maximized | None


@dataclass(frozen=True)
class _Range:
    """A language range prepared for matching."""

    tag: str
    q: float
    maximized: _Maximized | None
    path: tuple[str, ...]

    @classmethod
    def of(cls, language_range: LanguageRange) -> _Range:
        """Prepare ``language_range`` (its tag may be ``*``)."""
        tag = language_range.tag
        if tag == WILDCARD:
            return cls(tag, language_range.q, None, ())
        maximized = _maximize(tag)
        path = _lookup_path(tag)
        if maximized is not None and maximized.script and maximized.region:
            full = f"{maximized.language}-{maximized.script}-{maximized.region}"
            path = _dedupe((*path, *_lookup_path(full)))
        return cls(tag, language_range.q, maximized, path)

    @property
    def specificity(self) -> int:
        """Number of subtags."""
        return self.tag.count("-") + 1

    def names(self, locale: _Locale) -> bool:
        """Whether this range names ``locale``: itself, a more specific variant, or equal
        once maximized."""
        if self.tag == WILDCARD:
            return False
        wanted, tag = self.tag.lower(), locale.tag.lower()
        if tag == wanted or tag.startswith(wanted + "-"):
            return True
        return self.maximized is not None and self.maximized == locale.maximized


@dataclass(frozen=True)
class _Equivalence:
    """A configured range -> locale mapping (``zh-TW`` -> ``zh-Hans``)."""

    key: _Range
    target: str

    def applies_to(self, rng: _Range) -> bool:
        """Whether ``rng`` is the key, more specific than it, or equal once maximized."""
        if self.key.tag.lower() in (step.lower() for step in rng.path):
            return True
        return self.key.maximized is not None and self.key.maximized == rng.maximized


def _same_language_and_script(a: _Maximized | None, b: _Maximized | None) -> bool:
    return a is not None and b is not None and (a.language, a.script) == (b.language, b.script)


class Negotiator:
    """Chooses a served locale for an Accept-Language header.

    ``available``: the locales that can be served (BCP 47, any case, ``_`` allowed);
    ``default`` (the source language) is added if missing. ``fallbacks``: optional
    explicit fallback chains, ``{"pt-BR": ["es"]}``. ``equivalents``: optional extra
    range -> locale mappings, ``{"zh-TW": "zh-Hans"}``. Bad configuration raises
    :class:`ValueError`.
    """

    __slots__ = ("_by_lower", "_chains", "_default", "_equivalents", "_locales")

    def __init__(
        self,
        available: Iterable[str],
        default: str = "en",
        *,
        fallbacks: Mapping[str, Sequence[str]] | None = None,
        equivalents: Mapping[str, str] | None = None,
    ) -> None:
        self._default = _require_tag(default, "default locale")
        tags = _unique_tags(available)
        if self._default not in tags:
            tags.insert(0, self._default)
        self._locales = tuple(_Locale(t, _maximize(t)) for t in tags)
        self._by_lower = {loc.tag.lower(): loc for loc in self._locales}
        self._chains = self._check_chains(fallbacks or {})
        self._equivalents = self._check_equivalents(equivalents or {})

    @property
    def available(self) -> tuple[str, ...]:
        """The available locales, canonical, in configuration order."""
        return tuple(loc.tag for loc in self._locales)

    @property
    def default(self) -> str:
        """The default (source) locale."""
        return self._default

    # -- configuration

    def _known(self, tag: str, what: str) -> str:
        canonical = _require_tag(tag, what)
        if canonical not in self.available:
            choices = ", ".join(self.available)
            raise ValueError(f"{what} {tag!r} is not an available locale (available: {choices})")
        return canonical

    def _check_chains(self, fallbacks: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
        chains: dict[str, tuple[str, ...]] = {}
        for key, chain in fallbacks.items():
            if isinstance(chain, str):
                raise ValueError(
                    f"fallback chain of {key!r} must be a list of locales, not {chain!r}"
                )
            locale = self._known(key, "fallback chain locale")
            steps = [self._known(step, f"fallback of {key!r}") for step in chain]
            middle = [step for step in steps if step != self._default]
            chains[locale] = _dedupe((locale, *middle, self._default))
        return chains

    def _check_equivalents(self, equivalents: Mapping[str, str]) -> tuple[_Equivalence, ...]:
        checked: list[_Equivalence] = []
        for key, target in equivalents.items():
            tag = _require_tag(key, "equivalence")
            if tag in self.available:
                raise ValueError(
                    f"equivalence {key!r} names an available locale; it would never apply"
                )
            known = self._known(target, f"target of {key!r}")
            checked.append(_Equivalence(_Range.of(LanguageRange(tag, 1.0)), known))
        return tuple(checked)

    # -- matching

    def negotiate(self, header: str | None) -> str:
        """The locale to serve for an Accept-Language header; the default if none matches."""
        if header is None:
            return self._default
        return self.match(parse_accept_language(header)) or self._default

    def match(self, ranges: Sequence[LanguageRange]) -> str | None:
        """The best available locale for ``ranges`` (any order), or None."""
        prepared = [_Range.of(r) for r in _by_preference(ranges)]
        excluded = self._excluded(prepared)
        for rng in prepared:
            if rng.q <= 0:
                break
            found = self._first_allowed(self._candidates(rng), excluded)
            if found is not None:
                return found
        return None

    def _excluded(self, ranges: Sequence[_Range]) -> frozenset[str]:
        """Locales whose most specific naming range has q=0 (q=0 wins ties)."""
        excluded: set[str] = set()
        for locale in self._locales:
            naming = [r for r in ranges if r.names(locale)]
            if naming and max(naming, key=lambda r: (r.specificity, r.q <= 0)).q <= 0:
                excluded.add(locale.tag)
        return frozenset(excluded)

    @staticmethod
    def _first_allowed(candidates: Iterable[str], excluded: frozenset[str]) -> str | None:
        return next((c for c in candidates if c not in excluded), None)

    def _candidates(self, rng: _Range) -> Iterator[str]:
        """Locales for one range, best first (see the module docstring)."""
        if rng.tag == WILDCARD:
            yield self._default
            yield from self.available
            return
        yield from self._lookup(rng)
        yield from (
            loc.tag for loc in self._locales if rng.maximized and loc.maximized == rng.maximized
        )
        yield from (eq.target for eq in self._equivalents if eq.applies_to(rng))
        yield from self._same_language(rng)

    def _lookup(self, rng: _Range) -> Iterator[str]:
        for step in rng.path:
            locale = self._by_lower.get(step.lower())
            if locale is not None and _same_script(rng.maximized, locale.maximized):
                yield locale.tag

    def _same_language(self, rng: _Range) -> Iterator[str]:
        """Same language and script, the language's default region first."""
        if rng.maximized is None:
            return
        script = rng.maximized.script
        base = _maximize(f"{rng.maximized.language}-{script}" if script else rng.maximized.language)
        matching = [
            loc for loc in self._locales if _same_language_and_script(rng.maximized, loc.maximized)
        ]
        matching.sort(key=lambda loc: loc.maximized != base)
        yield from (loc.tag for loc in matching)

    # -- fallback chains

    def chain(self, locale: str) -> tuple[str, ...]:
        """Fallback chain for a served locale, ending with the default locale.

        The configured chain if there is one, else the locale and its available CLDR
        parents of the same script (``es-MX`` -> ``es-419`` -> ``es``).
        """
        tag = self._known(locale, "locale")
        configured = self._chains.get(tag)
        if configured is not None:
            return configured
        parents = [p for p in _lookup_path(tag)[1:] if p in self.available]
        return _dedupe((tag, *parents, self._default))


def _unique_tags(tags: Iterable[str]) -> list[str]:
    if isinstance(tags, str):
        raise ValueError(f"available locales must be a list of tags, not {tags!r}")
    result: list[str] = []
    for tag in tags:
        canonical = _require_tag(tag, "available locale")
        if canonical in result:
            raise ValueError(f"available locale {tag!r} is listed twice")
        result.append(canonical)
    return result


def _dedupe(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))
