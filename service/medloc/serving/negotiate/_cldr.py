"""CLDR helpers over Babel's bundled data: likely subtags, parent locales, lookup paths.

Pure and cached (bounded: tags come from request headers); the data loads lazily on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel.core import get_global

from medloc.tags import locale_tag, parse_tag

__all__ = ["Maximized", "lookup_path", "maximize", "same_script"]

_CACHE_SIZE = 1024  # distinct tags remembered by the pure CLDR helpers (bounded: tags are input)


@dataclass(frozen=True)
class Maximized:
    """Language, script and region after CLDR "add likely subtags"."""

    language: str
    script: str | None
    region: str | None


@lru_cache(maxsize=_CACHE_SIZE)
def maximize(tag: str) -> Maximized | None:
    """CLDR likely-subtags maximization of ``tag`` (canonical), None without a language."""
    parsed = parse_tag(tag)
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
        return Maximized(language, script, region)
    best = parse_tag(found)
    if best is None or best.language is None:
        return Maximized(language, script, region)
    return Maximized(
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
    parent = exceptions.get(locale_tag(tag).babel)
    if parent == "root":
        return None
    return locale_tag(parent).bcp47 if parent is not None else _truncate(tag)


def same_script(a: Maximized | None, b: Maximized | None) -> bool:
    """Whether ``a`` and ``b`` have the same script (true when either is unknown)."""
    return a is None or b is None or a.script == b.script


@lru_cache(maxsize=_CACHE_SIZE)
def lookup_path(tag: str) -> tuple[str, ...]:
    """``tag`` and its parents, never changing script: the RFC 4647 lookup order."""
    origin = maximize(tag)
    path, seen = [tag], {tag}
    parent = _parent(tag)
    while parent is not None and parent not in seen:
        seen.add(parent)
        if same_script(origin, maximize(parent)):
            path.append(parent)
        parent = _parent(parent)
    return tuple(path)
