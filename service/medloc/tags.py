"""Locale tags, the shared vocabulary of every stage: :class:`LocaleTag` and its two spellings.

A locale has two spellings: BCP 47 (``pt-BR``, ``zh-Hans``) in URLs, headers and HTML
``lang`` attributes, and Babel's (``pt_BR``, ``zh_Hans``) in the ``locales/`` folders and in
catalogs' ``Language`` header. :class:`LocaleTag` holds both and is built from either;
:func:`canonical_tag` only normalizes case (RFC 5646 well-formedness, no alias replacement).

This module imports nothing from the pipeline's stages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from medloc.errors import LocaleError

__all__ = [
    "LocaleTag",
    "canonical_tag",
    "from_babel",
    "locale_tag",
    "parse_tag",
    "require_tag",
    "to_babel",
]

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


def parse_tag(tag: str) -> _Tag | None:
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
    parsed = parse_tag(tag)
    return parsed.render() if parsed is not None else None


def require_tag(tag: str, what: str) -> str:
    """``tag`` canonical; :class:`~medloc.errors.LocaleError` naming ``what`` if it is not
    well-formed."""
    canonical = canonical_tag(tag)
    if canonical is None:
        raise LocaleError(
            f"{what} {tag!r} is not a well-formed BCP 47 language tag;"
            " write it like 'es', 'pt-BR' or 'zh-Hans' (or pt_BR, zh_Hans)"
        )
    return canonical


@dataclass(frozen=True)
class LocaleTag:
    """A locale in its two spellings, built from either: ``LocaleTag("pt_br")`` and
    ``LocaleTag("PT-BR")`` are both ``pt-BR`` / ``pt_BR``.

    Raises :class:`~medloc.errors.LocaleError` for a tag that is not well formed or that
    carries a Babel modifier (``sr_RS@latin``), which BCP 47 cannot spell.
    """

    bcp47: str
    """The BCP 47 spelling in canonical case (``pt-BR``): URLs, headers, ``lang``."""
    babel: str = field(init=False, compare=False)
    """Babel's spelling (``pt_BR``): folders, catalogs' ``Language`` header."""

    def __post_init__(self) -> None:
        if "@" in self.bcp47:
            raise LocaleError(
                f"locale {self.bcp47!r} has a Babel modifier (@...), which a BCP 47 tag cannot"
                " spell; name the folder with a script subtag instead (sr_Latn_RS)"
            )
        canonical = require_tag(self.bcp47, "locale")
        object.__setattr__(self, "bcp47", canonical)
        object.__setattr__(self, "babel", canonical.replace("-", "_"))

    @property
    def language(self) -> str:
        """The primary language subtag, lower case (``pt`` for ``pt-BR``)."""
        return self.bcp47.split("-", 1)[0]

    def __str__(self) -> str:
        return self.bcp47


@functools.lru_cache(maxsize=256)  # called per message when rendering: a handful of tags
def locale_tag(text: str) -> LocaleTag:
    """:class:`LocaleTag` of ``text`` (either spelling), remembered for the few tags in use."""
    return LocaleTag(text)


def to_babel(tag: str) -> str:
    """BCP 47 tag -> Babel identifier: ``pt-BR`` -> ``pt_BR``, ``zh-hans`` -> ``zh_Hans``."""
    return locale_tag(tag).babel


def from_babel(identifier: str) -> str:
    """Babel identifier -> BCP 47 tag: ``pt_BR`` -> ``pt-BR``, ``zh_Hans`` -> ``zh-Hans``."""
    return locale_tag(identifier).bcp47
