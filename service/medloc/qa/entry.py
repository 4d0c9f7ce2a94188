"""What the checks look at and what they report: an `Entry` (one translated message with what
the checks need to know about it) and a `Finding`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import InitVar, dataclass, field
from types import MappingProxyType
from typing import Any

from medloc.comments import IGNORE_MARKER, role_of
from medloc.roles import DEFAULT_ROLES, Roles

from .codes import Severity, parse_ignores

__all__ = ["Entry", "Finding", "entry_from_po"]

_NO_IGNORES: Mapping[str, str] = MappingProxyType({})
_NO_FLAGS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entry:
    """One message of one locale, as the checks see it.

    ``msgstr`` is the (first) translation; for a plural message ``msgid_plural`` is set and
    ``msgstr_plural`` holds every form. ``ignores`` maps a finding code to the translator's reason.
    """

    msgid: str
    msgstr: str
    locale: str
    domain: str = "articles"
    context: str | None = None
    role: str | None = None
    flags: frozenset[str] = frozenset()
    path: str = ""
    line: int = 0
    ignores: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    bad_ignores: tuple[str, ...] = ()
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)
    """(source, translation) for every translated form; plural forms after the first are
    compared with ``msgid_plural``."""

    roles: InitVar[Roles | None] = None
    """The project's roles (:func:`medloc.roles.read_roles`; None: the floor), which say
    whether ``role`` is safety-critical."""
    safety: bool = field(init=False, repr=False, compare=False)
    """Whether the message belongs to a safety section (``roles.is_safety(role)``)."""

    def __post_init__(self, roles: Roles | None) -> None:
        object.__setattr__(self, "pairs", self._pairs())
        object.__setattr__(self, "safety", (roles or DEFAULT_ROLES).is_safety(self.role))

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def _pairs(self) -> tuple[tuple[str, str], ...]:
        if self.msgid_plural is None:
            return ((self.msgid, self.msgstr),)
        if not self.msgstr_plural:
            return ((self.msgid_plural, ""),)
        return tuple(
            (self.msgid if i == 0 and len(self.msgstr_plural) > 1 else self.msgid_plural, s)
            for i, s in enumerate(self.msgstr_plural)
        )

    def translated(self) -> bool:
        """True when every form is non-blank and the entry is not fuzzy."""
        if "fuzzy" in self.flags:
            return False
        pairs = self.pairs
        if len(pairs) == 1:  # asked of every entry: no generator for the usual one form
            return bool(pairs[0][1].strip())
        return all(text.strip() for _, text in pairs)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at ``path``:``line``. ``ignored`` is the translator's reason when a
    ``medloc-ignore`` comment covers it. A finding about a message also names the message
    (``domain``, ``context`` = its msgctxt, ``msgid``): what identifies it across edits, where
    the line does not (`medloc.qa.report`'s SARIF fingerprints)."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int
    ignored: str | None = None
    locale: str | None = None
    context: str | None = None
    msgid: str | None = None
    domain: str | None = None


def entry_from_po(
    po_entry: Any, *, locale: str, domain: str, path: str, roles: Roles | None = None
) -> Entry:
    """Build an `Entry` from a `polib.POEntry` (``comment`` holds the extracted comments,
    ``tcomment`` the translator's, ``linenum`` the entry's first line; ``roles``: the
    project's, None for the floor)."""
    tcomment = po_entry.tcomment
    ignores: Mapping[str, str]
    problems: tuple[str, ...]
    if tcomment and IGNORE_MARKER in tcomment:  # every ignore starts so: skip the reading
        ignores, problems = parse_ignores(tcomment.splitlines())
    else:
        ignores, problems = _NO_IGNORES, ()
    if po_entry.msgid_plural:
        forms = po_entry.msgstr_plural or {}
        msgstr = po_entry.msgstr or forms.get(0, "")
        plural, translations = po_entry.msgid_plural, tuple(forms[i] for i in sorted(forms))
    else:
        msgstr, plural, translations = po_entry.msgstr or "", None, ()
    flags = po_entry.flags
    return Entry(  # the fields in order: called for every message of every catalog
        po_entry.msgid,
        msgstr,
        locale,
        domain,
        po_entry.msgctxt,
        role_of(po_entry.comment),
        frozenset(flags) if flags else _NO_FLAGS,
        path,
        int(po_entry.linenum or 0),
        ignores,
        problems,
        plural,
        translations,
        roles,
    )
