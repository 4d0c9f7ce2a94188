"""The entries and catalogs the reader builds: polib's, without a ``__dict__`` per entry.

A ``polib.POEntry`` keeps its fifteen fields in a dictionary of its own, about 650 bytes
before any text: at 240,000 messages a parsed catalog weighed about 390 MB, most of it
those dictionaries. :class:`CompactEntry` is a ``polib.POEntry`` whose fields are slots
(about 190 bytes), so everything polib does with an entry (writing it, comparing it,
``translated()``, ``fuzzy``...) works unchanged and it satisfies
:class:`medloc.catalog.CatalogEntry`; :class:`CompactCatalog` is the ``polib.POFile`` that
holds them. The reader (:mod:`medloc.catalog._poentry`) also interns the strings that
repeat from one catalog of a template to the next (contexts, msgids, extracted comments,
references, flags: :func:`sys.intern`, freed with the last catalog that uses them), so a
catalog read while its template is held shares those strings with it.
"""

from __future__ import annotations

from typing import Any, NoReturn

import polib

__all__ = [
    "EMPTY_FORMS",
    "EMPTY_LIST",
    "FIELDS",
    "CompactCatalog",
    "CompactEntry",
    "ReadOnlyEmptyDict",
    "ReadOnlyEmptyList",
]

FIELDS = (
    "msgid",
    "msgstr",
    "msgid_plural",
    "msgstr_plural",
    "msgctxt",
    "obsolete",
    "comment",
    "tcomment",
    "occurrences",
    "flags",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
    "linenum",
)
"""The fields of an entry (``polib.POEntry``'s, but ``encoding``: the same for every
entry, a class attribute here), in polib's order."""


class CompactEntry(polib.POEntry):  # type: ignore[misc]  # polib is untyped
    """A ``polib.POEntry`` with its fields in slots (see the module's documentation).

    Made by the reader with every field given (:meth:`blank` for a new one); ``encoding``
    is polib's default, as for every entry polib's parser makes."""

    __slots__ = FIELDS
    encoding = polib.default_encoding

    msgid: str
    msgstr: str
    msgid_plural: str
    msgstr_plural: dict[int, str]
    msgctxt: str | None
    obsolete: int
    comment: str
    tcomment: str
    occurrences: list[tuple[str, str]]
    flags: list[str]
    previous_msgctxt: str | None
    previous_msgid: str | None
    previous_msgid_plural: str | None
    linenum: int | None
    """None for an entry that was not read from a file (as polib's)."""

    def __init__(  # one argument per field, in order: the reader's hot path
        self,
        msgid: str,
        msgstr: str,
        msgid_plural: str,
        msgstr_plural: dict[int, str],
        msgctxt: str | None,
        obsolete: int,
        comment: str,
        tcomment: str,
        occurrences: list[tuple[str, str]],
        flags: list[str],
        previous_msgctxt: str | None,
        previous_msgid: str | None,
        previous_msgid_plural: str | None,
        linenum: int | None,
    ) -> None:
        # not polib.POEntry.__init__: it would set its fields one keyword look-up at a time
        self.msgid = msgid
        self.msgstr = msgstr
        self.msgid_plural = msgid_plural
        self.msgstr_plural = msgstr_plural
        self.msgctxt = msgctxt
        self.obsolete = obsolete
        self.comment = comment
        self.tcomment = tcomment
        self.occurrences = occurrences
        self.flags = flags
        self.previous_msgctxt = previous_msgctxt
        self.previous_msgid = previous_msgid
        self.previous_msgid_plural = previous_msgid_plural
        self.linenum = linenum

    @classmethod
    def blank(cls, linenum: int) -> CompactEntry:
        """What ``polib.POEntry(linenum=linenum)`` holds."""
        return cls("", "", "", {}, None, False, "", "", [], [], None, None, None, linenum)

    def __reduce__(self) -> tuple[type[CompactEntry], tuple[object, ...]]:
        return (CompactEntry, tuple(getattr(self, name) for name in FIELDS))


class CompactCatalog(polib.POFile):  # type: ignore[misc]  # polib is untyped
    """The ``polib.POFile`` the reader returns, holding :class:`CompactEntry` objects."""


def _refuse(_self: object, *_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError(
        "this empty field is shared by every entry of a catalog read only to be checked"
        " (medloc.catalog.read_only_entries): assign a new list or dict to the entry instead"
    )


class ReadOnlyEmptyList(list[Any]):
    """An empty list that refuses to change: :data:`EMPTY_LIST`, the flags or references
    of every entry without any, read inside :func:`medloc.catalog.read_only_entries`
    (one object instead of a 72-byte list per entry). Equal to ``[]``."""

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


class ReadOnlyEmptyDict(dict[int, str]):
    """An empty dict that refuses to change: :data:`EMPTY_FORMS`, the plural translations
    (``msgstr_plural``) of every singular entry read inside
    :func:`medloc.catalog.read_only_entries` (one object instead of an 80-byte dict per
    entry). Equal to ``{}``."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse


EMPTY_LIST = ReadOnlyEmptyList()
EMPTY_FORMS = ReadOnlyEmptyDict()
