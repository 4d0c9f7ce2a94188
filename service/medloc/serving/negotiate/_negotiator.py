"""The :class:`Negotiator`: matching ranges to available locales, and fallback chains.

The matching rules are documented in the :mod:`medloc.serving.negotiate` package docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from medloc.errors import LocaleError
from medloc.tags import require_tag

from ._accept import WILDCARD, LanguageRange, by_preference, parse_accept_language
from ._cldr import Maximized, lookup_path, maximize, same_script

__all__ = ["Negotiator"]


@dataclass(frozen=True)
class _Locale:
    """An available locale with its maximized form."""

    tag: str
    maximized: Maximized | None


@dataclass(frozen=True)
class _Range:
    """A language range prepared for matching."""

    tag: str
    q: float
    maximized: Maximized | None
    path: tuple[str, ...]

    @classmethod
    def of(cls, language_range: LanguageRange) -> _Range:
        """Prepare ``language_range`` (its tag may be ``*``)."""
        tag = language_range.tag
        if tag == WILDCARD:
            return cls(tag, language_range.q, None, ())
        maximized = maximize(tag)
        path = lookup_path(tag)
        if maximized is not None and maximized.script and maximized.region:
            full = f"{maximized.language}-{maximized.script}-{maximized.region}"
            path = _dedupe((*path, *lookup_path(full)))
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


def _same_language_and_script(a: Maximized | None, b: Maximized | None) -> bool:
    return a is not None and b is not None and (a.language, a.script) == (b.language, b.script)


class Negotiator:
    """Chooses a served locale for an Accept-Language header.

    ``available``: the locales that can be served (BCP 47, any case, ``_`` allowed);
    ``default`` (the source language) is added if missing. ``fallbacks``: optional
    explicit fallback chains, ``{"pt-BR": ["es"]}``. ``equivalents``: optional extra
    range -> locale mappings, ``{"zh-TW": "zh-Hans"}``. Bad configuration raises
    :class:`~medloc.errors.LocaleError`.
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
        self._default = require_tag(default, "default locale")
        tags = _unique_tags(available)
        if self._default not in tags:
            tags.insert(0, self._default)
        self._locales = tuple(_Locale(t, maximize(t)) for t in tags)
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
        canonical = require_tag(tag, what)
        if canonical not in self.available:
            choices = ", ".join(self.available)
            raise LocaleError(f"{what} {tag!r} is not an available locale (available: {choices})")
        return canonical

    def _check_chains(self, fallbacks: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
        chains: dict[str, tuple[str, ...]] = {}
        for key, chain in fallbacks.items():
            if isinstance(chain, str):
                raise LocaleError(
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
            tag = require_tag(key, "equivalence")
            if tag in self.available:
                raise LocaleError(
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
        prepared = [_Range.of(r) for r in by_preference(ranges)]
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
        """Locales for one range, best first (see the package docstring)."""
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
            if locale is not None and same_script(rng.maximized, locale.maximized):
                yield locale.tag

    def _same_language(self, rng: _Range) -> Iterator[str]:
        """Same language and script, the language's default region first."""
        if rng.maximized is None:
            return
        script = rng.maximized.script
        base = maximize(f"{rng.maximized.language}-{script}" if script else rng.maximized.language)
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
        parents = [p for p in lookup_path(tag)[1:] if p in self.available]
        return _dedupe((tag, *parents, self._default))


def _unique_tags(tags: Iterable[str]) -> list[str]:
    if isinstance(tags, str):
        raise LocaleError(f"available locales must be a list of tags, not {tags!r}")
    result: list[str] = []
    for tag in tags:
        canonical = require_tag(tag, "available locale")
        if canonical in result:
            raise LocaleError(f"available locale {tag!r} is listed twice")
        result.append(canonical)
    return result


def _dedupe(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))
