"""Review packets for CAT tools: XLIFF 1.2 out, sign-offs and corrections back in.

Export: one ``<file>`` per catalog, one ``<trans-unit>`` per entry (plural entries are left
out), ``approved="no"`` on every unit (a packet asks for review; earlier sign-offs are named in
a note), the entry's digest in ``extradata`` so that an import can tell an entry that changed
since the export. Import: a unit whose target changed is a corrected translation (it
replaces the msgstr and gets no sign-off: a correction needs a second review); an
``approved="yes"`` unit whose target did not change gets the importing reviewer's sign-off,
under the same checks as ``medloc review sign``. The XLIFF is untrusted input: no DTDs, and
the catalog it names must be one of the project's.
"""

from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from medloc.catalog import CatalogEntry
from medloc.errors import CatalogError
from medloc.project import DOMAINS, Project
from medloc.tags import locale_tag

from .history import LineAuthor
from .identity import Identity, parse_identity
from .normal import normal_form
from .policy import ReviewConfig, read_policy
from .sign import LoadedCatalog, add_signoff, authorship_problem, history_of, load, save
from .state import EntryReview, ReviewState, digest_of, review_state

__all__ = ["ImportResult", "Skipped", "export_xliff", "import_xliff"]

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DIGEST = "medloc-digest:"
_ORIGINAL = re.compile(r"^locales/([A-Za-z0-9_]+)/LC_MESSAGES/([a-z]+)\.po$")
_DONE_STATES = frozenset({"translated", "final", "signed-off", "needs-review-l10n"})


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _unit(index: int, entry: CatalogEntry, review: EntryReview, locale_tag: str) -> ET.Element:
    unit = ET.Element(_q("trans-unit"), {"id": str(index), "approved": "no"})
    if entry.msgctxt is not None:
        unit.set("resname", entry.msgctxt)
    unit.set("extradata", _DIGEST + digest_of(entry))
    unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    ET.SubElement(unit, _q("source"), {_XML_LANG: "en"}).text = entry.msgid
    state = "needs-review-translation" if entry.fuzzy else "translated" if entry.msgstr else "new"
    target = ET.SubElement(unit, _q("target"), {_XML_LANG: locale_tag, "state": state})
    target.text = entry.msgstr
    note = f"review: {review.state.value}"
    if review.state is ReviewState.REVIEWED and review.signoff is not None:
        note += f" (by {review.signoff.reviewer} on {review.signoff.date})"
    if review.role:
        note += f"; role: {review.role}"
    ET.SubElement(unit, _q("note"), {"from": "medloc"}).text = note
    return unit


def export_xliff(project_root: Path, locale: str, *, config: ReviewConfig | None = None) -> bytes:
    """The review packet of ``locale`` as XLIFF 1.2 (UTF-8 bytes)."""
    project = Project(Path(project_root))
    reviews = {(r.domain, r.line): r for r in review_state(project.root, locale, config=config)}
    ET.register_namespace("", NS)
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    tag = locale_tag(locale).bcp47
    for domain in DOMAINS:
        if not project.po_path(locale, domain).exists():
            continue
        loaded = load(project, locale, domain)
        file = ET.SubElement(
            root,
            _q("file"),
            {
                "original": loaded.shown,
                "source-language": "en",
                "target-language": tag,
                "datatype": "po",
                "tool-id": "medloc",
            },
        )
        header = ET.SubElement(file, _q("header"))
        ET.SubElement(header, _q("tool"), {"tool-id": "medloc", "tool-name": "medloc"})
        body = ET.SubElement(file, _q("body"))
        for index, entry in enumerate(loaded.po, start=1):
            if entry.obsolete or not entry.msgid or entry.msgid_plural:
                continue
            body.append(_unit(index, entry, reviews[(domain, entry.linenum)], tag))
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode()


@dataclass(frozen=True)
class Skipped:
    """A unit the import left alone, and why."""

    unit: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What an import did to one catalog."""

    path: str
    signed: tuple[str, ...]
    """The contexts (or msgids) of the entries that got a sign-off."""
    corrected: tuple[str, ...]
    """The contexts (or msgids) whose translation the reviewer corrected."""
    skipped: tuple[Skipped, ...]
    written: bool


def _parse(data: bytes, shown: str) -> ET.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CatalogError(
            "has a DOCTYPE or ENTITY declaration; export the XLIFF again", path=shown
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise CatalogError(f"is not well-formed XML ({exc}); export it again", path=shown) from None
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise CatalogError(
            f"is not XLIFF 1.2 (root {root.tag!r}, version {root.get('version')!r});"
            " save it from the CAT tool as XLIFF 1.2",
            path=shown,
        )
    return root


def _catalog_of(project: Project, file: ET.Element, shown: str) -> LoadedCatalog:
    original = file.get("original", "")
    m = _ORIGINAL.match(original)
    if m is None or m.group(2) not in DOMAINS:
        raise CatalogError(
            f"<file original={original!r}> names no catalog of this project; import an XLIFF"
            " that 'medloc review export' wrote",
            path=shown,
        )
    locale, domain = m.group(1), m.group(2)
    project.require_locale(locale)
    return load(project, locale, domain)


def _text(unit: ET.Element, tag: str) -> str | None:
    element = unit.find(_q(tag))
    return None if element is None else "".join(element.itertext())


@dataclass
class _Import:
    loaded: LoadedCatalog
    reviewer: str
    date: _dt.date
    config: ReviewConfig
    signed: list[str]
    corrected: list[str]
    skipped: list[Skipped]

    def run(self, units: Iterable[ET.Element]) -> None:
        by_key = {
            (e.msgctxt, normal_form(e.msgid)): e
            for e in self.loaded.po
            if not e.obsolete and e.msgid and not e.msgid_plural
        }
        history = history_of(self.loaded, self.config)
        who = parse_identity(self.reviewer)
        for unit in units:
            name = unit.get("id", "?")
            entry = by_key.get((unit.get("resname"), normal_form(_text(unit, "source") or "")))
            exported = (unit.get("extradata") or "").removeprefix(_DIGEST)
            if entry is None:
                self.skipped.append(Skipped(name, "its source is no longer in the catalog"))
            elif exported != digest_of(entry):
                self.skipped.append(
                    Skipped(name, "the entry changed since the export; export the packet again")
                )
            else:
                self._apply(name, unit, entry, who, history)

    def _apply(
        self,
        name: str,
        unit: ET.Element,
        entry: CatalogEntry,
        who: Identity,
        history: dict[int, LineAuthor] | None,
    ) -> None:
        label = entry.msgctxt or entry.msgid[:40]
        target = _text(unit, "target")
        if target is not None and normal_form(target) != normal_form(entry.msgstr):
            entry.msgstr = target
            state = unit.find(_q("target"))
            if state is not None and state.get("state") in _DONE_STATES and target.strip():
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgctxt = None
            self.corrected.append(label)
            return
        if unit.get("approved") != "yes":
            return
        if not entry.msgstr or entry.fuzzy:
            self.skipped.append(Skipped(name, "approved, but untranslated or fuzzy"))
            return
        problem = authorship_problem(self.loaded, entry, who, self.config, history)
        if problem is not None:
            self.skipped.append(Skipped(name, problem))
        elif add_signoff(entry, who, self.date):
            self.signed.append(label)


def import_xliff(
    project_root: Path,
    data: bytes,
    *,
    reviewer: str,
    date: _dt.date,
    shown: str = "<xliff>",
    config: ReviewConfig | None = None,
) -> list[ImportResult]:
    """Apply an XLIFF packet's approvals (as ``reviewer``'s sign-offs of ``date``) and
    corrected translations to the catalogs it names; each catalog written atomically."""
    project = Project(Path(project_root))
    config = read_policy(project.root) if config is None else config
    root = _parse(data, shown)
    results = []
    for file in root.iter(_q("file")):
        loaded = _catalog_of(project, file, shown)
        job = _Import(loaded, reviewer, date, config, [], [], [])
        job.run(file.iter(_q("trans-unit")))
        written = save(loaded)
        results.append(
            ImportResult(
                loaded.shown,
                tuple(job.signed),
                tuple(job.corrected),
                tuple(job.skipped),
                written,
            )
        )
    return results
