"""Markdown parity of a content message and placeholder parity of a UI string.

Both sides are parsed with the same CommonMark parser (markdown-it-py, ``commonmark`` preset with
tables): the link and image targets must be the same, exactly (in any order: `compare_targets`,
the ``link-target`` check, which nobody may ignore), and the counts of emphasis, strong
emphasis, code spans, images and hard line breaks must be equal (`compare`, the ``markdown``
check). Texts without any Markdown punctuation are compared without parsing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from markdown_it import MarkdownIt

from medloc.formats import Placeholder, brace_fields, percent_placeholders

from ._memo import SourceMemo

__all__ = [
    "Markup",
    "compare",
    "compare_placeholders",
    "compare_targets",
    "maybe_markup",
    "placeholders",
    "signature",
]

_MD = MarkdownIt("commonmark").enable("table")
MAYBE_MARKUP = re.compile(r"[\[*_`<\\]|  \n")
"""What a text holds when it may hold Markdown (`maybe_markup` answers the same, faster)."""


def maybe_markup(text: str) -> bool:
    """Whether ``text`` may hold Markdown: ``MAYBE_MARKUP.search(text) is not None``, with a
    substring test per character (the regex tries every position)."""
    return (
        "[" in text
        or "*" in text
        or "_" in text
        or "`" in text
        or "<" in text
        or "\\" in text
        or "  \n" in text
    )


class Markup(NamedTuple):
    targets: tuple[str, ...]  # sorted link and image targets
    em: int
    strong: int
    code: int
    images: int
    hardbreaks: int


_NONE = Markup((), 0, 0, 0, 0, 0)
_NAMES = {
    "em": "emphasis (*...*)",
    "strong": "strong emphasis (**...**)",
    "code": "code spans (`...`)",
    "images": "images (![...](...))",
    "hardbreaks": "line breaks",
}


def _parse(text: str) -> Markup:
    if not maybe_markup(text):
        return _NONE
    counts: Counter[str] = Counter()
    targets: list[str] = []
    for block in _MD.parseInline(text):
        for token in block.children or ():
            kind = token.type
            counts[kind] += 1
            if kind == "link_open":
                targets.append(str(token.attrGet("href") or ""))
            elif kind == "image":
                targets.append(str(token.attrGet("src") or ""))
    return Markup(
        tuple(sorted(targets)),
        counts["em_open"],
        counts["strong_open"],
        counts["code_inline"],
        counts["image"],
        counts["hardbreak"],
    )


_source_signature = SourceMemo(_parse)
_translation_signature = functools.lru_cache(maxsize=16)(_parse)
"""Two checks (`compare`, `compare_targets`) ask about the same translation in a row; a
few entries are enough (and keep next to nothing of an old catalog alive)."""


def signature(text: str) -> Markup:
    """The link targets and inline-markup counts of one inline-Markdown text."""
    return _parse(text)


def _signatures(source: str, translation: str) -> tuple[Markup, Markup] | None:
    """Both sides' signatures; None when neither may hold Markdown."""
    if not maybe_markup(translation) and not maybe_markup(source):
        return None
    return _source_signature(source), _translation_signature(translation)


def compare(source: str, translation: str) -> Iterator[str]:
    """Messages for each difference in Markdown marks (emphasis, code, images, line breaks)
    between source and translation; link targets are `compare_targets`'."""
    both = _signatures(source, translation)
    if both is None or both[0] == both[1]:
        return
    want, got = both
    for field, name in _NAMES.items():
        a, b = getattr(want, field), getattr(got, field)
        if a != b:
            yield (
                f"the source has {a} {name}, the translation {b}; keep the same Markdown marks"
                " (check for a missing or unbalanced *, ** or `)"
            )


def compare_targets(source: str, translation: str) -> Iterator[str]:
    """A message when the link and image targets of the translation are not the source's."""
    both = _signatures(source, translation)
    if both is None or both[0].targets == both[1].targets:
        return
    want, got = both[0].targets, both[1].targets
    lost = Counter(want) - Counter(got)
    added = Counter(got) - Counter(want)
    parts = []
    if lost:
        parts.append("missing " + ", ".join(repr(t) for t in sorted(lost.elements())))
    if added:
        parts.append("not in the source " + ", ".join(repr(t) for t in sorted(added.elements())))
    yield (
        "link targets differ: " + "; ".join(parts) + ". Keep every (target) of the source"
        " exactly as written; translate only the [text]"
    )


# --- UI placeholders -----------------------------------------------------------------


def placeholders(text: str) -> tuple[Counter[str], tuple[str, ...], Counter[str]]:
    """(named %-placeholders, positional %-placeholder types in order, brace fields)."""
    named: Counter[str] = Counter()
    positional: list[str] = []
    for spec in percent_placeholders(text).placeholders:
        if spec.literal:
            continue
        if spec.name is not None:
            named[f"%({spec.name}){spec.conversion}"] += 1
        else:
            positional.append(f"%{spec.conversion}")
    return named, tuple(positional), Counter(brace_fields(text))


def _specs(text: str) -> tuple[Placeholder, ...]:
    return percent_placeholders(text).placeholders


def _added_sizes(text: str, allowed: frozenset[str], form: str) -> Iterator[str]:
    """A width or precision the source's placeholders do not have: the service would pad
    the value to that size (``%(date)99999999999s`` runs it out of memory)."""
    for spec in _specs(text):
        if spec.sized and spec.text not in allowed:
            plain = "%" + ("" if spec.name is None else f"({spec.name})") + spec.conversion
            yield (
                f"placeholder {spec.text!r}{form} sets a width or precision the source does not"
                f" have; write it as the source does ({plain!r})"
            )


def _describe(c: Counter[str] | tuple[str, ...]) -> str:
    items = sorted(c.elements()) if isinstance(c, Counter) else list(c)
    return ", ".join(items) if items else "none"


def compare_placeholders(
    sources: Sequence[str], translations: Sequence[str], flags: Iterable[str] = ()
) -> Iterator[str]:
    """Messages for placeholders that differ, per translated form.

    With plural forms, a form may drop a placeholder (``one article`` for ``%(n)d articles``)
    but must not add or rename one; the last form must keep all of the plural source's.
    """
    flags = frozenset(flags)
    check_percent = "no-python-format" not in flags
    check_brace = "no-python-brace-format" not in flags
    plural = len(sources) > 1 or len(translations) > 1
    allowed_named: Counter[str] = Counter()
    allowed_braces: Counter[str] = Counter()
    for s in sources:
        n, _, b = placeholders(s)
        allowed_named |= n
        allowed_braces |= b
    sized = frozenset(s.text for source in sources for s in _specs(source) if s.sized)
    for i, (source, text) in enumerate(zip(sources, translations, strict=False)):
        if not text:
            continue
        yield from _added_sizes(text, sized, f" (form {i})" if plural else "")
        want_n, want_p, want_b = placeholders(source)
        got_n, got_p, got_b = placeholders(text)
        lenient = plural and i < len(translations) - 1
        form = f" (form {i})" if plural else ""
        if check_percent:
            bad_named = bool(+(got_n - allowed_named)) if lenient else got_n != want_n
            if bad_named or (want_p != got_p and not (lenient and not got_p)):
                yield (
                    f"python-format placeholders differ{form}: the source has"
                    f" {_describe(want_n + Counter(want_p))}, the translation"
                    f" {_describe(got_n + Counter(got_p))}; copy each %(name)s exactly"
                )
        if check_brace:
            bad_brace = bool(+(got_b - allowed_braces)) if lenient else got_b != want_b
            if bad_brace:
                yield (
                    f"brace placeholders differ{form}: the source has {_describe(want_b)}, the"
                    f" translation {_describe(got_b)}; copy each {{name}} exactly"
                )
