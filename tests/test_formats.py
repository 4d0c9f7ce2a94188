"""`medloc.formats`: the one python-format rule and the one placeholder parser, held to what
the QA check and the service each parsed before they shared it (the regular expressions of
the commit before, kept here as the reference)."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from medloc.formats import Placeholder, brace_fields, is_python_format, percent_placeholders
from medloc.qa.markup import placeholders
from medloc.serving.web.i18n import _specs

_OLD_QA = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)
_OLD_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}]*)\}")
_OLD_WEB = re.compile(
    r"%(?:(?P<literal>%)|\((?P<name>\w+)\)[-#0 +]*(?P<width>\d*)(?:\.(?P<precision>\d+))?"
    r"(?P<conv>[diouxXeEfFgGcrsa]))"
)


def _old_qa(text: str) -> tuple[Counter[str], tuple[str, ...], Counter[str]]:
    named: Counter[str] = Counter()
    positional: list[str] = []
    for m in _OLD_QA.finditer(text):
        if m.group("type") == "%":
            continue
        if m.group("name") is not None:
            named[f"%({m.group('name')}){m.group('type')}"] += 1
        else:
            positional.append(f"%{m.group('type')}")
    braces = Counter(
        "{" + m["field"] + "}" for m in _OLD_BRACE.finditer(text) if m["field"] is not None
    )
    return named, tuple(positional), braces


def _old_web(text: str) -> frozenset[tuple[str, str, str, str]] | None:
    found: set[tuple[str, str, str, str]] = set()
    position = 0
    while (index := text.find("%", position)) != -1:
        match = _OLD_WEB.match(text, index)
        if match is None:
            return None
        if match.group("name"):
            parts = match.group("name", "conv", "width")
            found.add((*parts, match.group("precision") or ""))
        position = match.end()
    return frozenset(found)


_TOKENS = [*"%()sdl.*5 -a{}x\n", "%%", "%(n)s", "%(num)d", "%5.2f", "{name}", "é", "%(a-b)s"]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=14).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_the_shared_parser_reads_what_the_check_and_the_service_read(text: str) -> None:
    assert placeholders(text) == _old_qa(text)
    assert _specs(text) == _old_web(text)


def test_a_placeholder_has_its_parts() -> None:
    scan = percent_placeholders("%(count)+5.2lf of %s, 100%% and 5%!")
    assert scan.stray
    first, second, literal = scan.placeholders
    assert first == Placeholder("%(count)+5.2lf", "count", "+", "5", "2", "l", "f")
    assert (second.name, second.conversion, second.literal) == (None, "s", False)
    assert literal.literal and literal.text == "%%"
    assert not percent_placeholders("%(n)d items").stray
    assert brace_fields("{a} {{b}} {c!r:>5}") == ("{a}", "{c!r:>5}")


def test_python_format_is_one_rule() -> None:
    assert is_python_format("%(n)d articles") and is_python_format("Hello %s")
    assert not is_python_format("60% of people") and not is_python_format("%d items")
