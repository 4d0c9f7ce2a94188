"""Format strings: which messages are python-format, and what their placeholders are.

Shared vocabulary of the pipeline (it imports nothing from the stages): extraction flags a
message with :func:`is_python_format`; the QA check compares the placeholders
:func:`percent_placeholders` and :func:`brace_fields` find on both sides; the service refuses a
UI translation whose placeholders it could not fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "PYTHON_FORMAT",
    "PercentScan",
    "Placeholder",
    "brace_fields",
    "is_python_format",
    "percent_placeholders",
]

PYTHON_FORMAT = "python-format"
"""The gettext flag of a message that is a Python %-format string."""


def is_python_format(msgid: str) -> bool:
    """Whether extraction flags ``msgid`` python-format: it holds ``%(`` or ``%s``."""
    return "%(" in msgid or "%s" in msgid


@dataclass(frozen=True)
class Placeholder:
    """One ``%`` conversion specifier of a format string, its parts as written."""

    text: str
    """The whole specifier, e.g. ``%(count)5.2f``."""
    name: str | None
    """The mapping key (``count``), None for a positional specifier."""
    flags: str
    width: str
    """Digits, ``*`` or empty."""
    precision: str
    """Digits or ``*`` after the dot, empty without a dot."""
    length: str
    """The ignored length modifier ``h``, ``l`` or ``L``, or empty."""
    conversion: str
    """The conversion type: ``s``, ``d``... or ``%`` for a literal percent sign."""

    @property
    def literal(self) -> bool:
        """Whether this is an escaped percent sign (``%%``) rather than a value."""
        return self.conversion == "%"

    @property
    def sized(self) -> bool:
        """Whether it sets a width or a precision (``%(date)5s``, ``%(n).2f``, ``%(n)*d``):
        what a translation may not add, since ``%(date)99999999999s`` pads to that size."""
        return bool(self.width or self.precision)


@dataclass(frozen=True)
class PercentScan:
    """The ``%`` specifiers of a text, in order, and whether a ``%`` started none."""

    placeholders: tuple[Placeholder, ...]
    stray: bool


_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[#0 +-]*)(?P<width>\*|\d+)?"
    r"(?:\.(?P<precision>\*|\d+))?(?P<length>[hlL])?(?P<conversion>[diouxXeEfFgGcrsa%])"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}]*)\}")


def percent_placeholders(text: str) -> PercentScan:
    """Every ``%`` specifier of ``text`` (Python's printf-style grammar), left to right."""
    found: list[Placeholder] = []
    stray = False
    position = 0
    while (index := text.find("%", position)) != -1:
        match = _PERCENT.match(text, index)
        if match is None:
            stray = True
            position = index + 1
            continue
        found.append(
            Placeholder(
                text=match.group(),
                name=match.group("name"),
                flags=match.group("flags"),
                width=match.group("width") or "",
                precision=match.group("precision") or "",
                length=match.group("length") or "",
                conversion=match.group("conversion"),
            )
        )
        position = match.end()
    return PercentScan(tuple(found), stray)


def brace_fields(text: str) -> tuple[str, ...]:
    """The ``{field}`` replacement fields of a ``str.format`` text as written (braces
    included), in order; ``{{`` and ``}}`` are escaped braces, not fields."""
    return tuple(
        "{" + m.group("field") + "}" for m in _BRACE.finditer(text) if m.group("field") is not None
    )
