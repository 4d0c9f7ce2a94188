"""Whether a domain's committed template is current with the content: what ``medloc
check`` reads as the template, and its ``out-of-date`` findings about it.

A template sealed with the digest of the content as it is now is current without extracting
(:func:`medloc.catalog.sealed`: hashing, no Markdown parse); otherwise the content is
extracted and the committed file compared with the extraction as text, at the line of the
first difference. The gate (:mod:`medloc.qa.gate`) reads the files through here.
"""

from __future__ import annotations

import re
from typing import Any

import polib

from medloc import catalog as catalogs
from medloc.errors import CatalogError, MedlocError
from medloc.project import Project

from . import Finding
from . import catalog as file_checks

__all__ = ["is_current", "syntax_finding", "template_of"]


def syntax_finding(exc: CatalogError, path: str, locale: str | None) -> Finding:
    return Finding(
        "catalog-syntax", "error", exc.message, exc.path or path, exc.line or 1, locale=locale
    )


def _parse_template(text: str, shown: str) -> tuple[Any | None, list[Finding]]:
    try:
        committed = catalogs.parse_po(text, path=shown)
    except CatalogError as exc:
        return None, [syntax_finding(exc, shown, None)]
    return committed, file_checks.duplicates(committed, shown)


_CREATION_DATE = re.compile(r'^"POT-Creation-Date: (.*)\\n"$', re.MULTILINE)
_DIGEST = re.compile(rf'^"{catalogs.DIGEST_FIELD}: (.*)\\n"$', re.MULTILINE)


def _stamp_as(extracted: Any, text: str) -> None:
    """Give the template ``extracted`` the header fields that record when and from which
    files the committed template ``text`` was extracted (its date; its content digest, or
    none): they are not what makes a template current."""
    for field, pattern in (("POT-Creation-Date", _CREATION_DATE), (catalogs.DIGEST_FIELD, _DIGEST)):
        found = pattern.search(text)
        if found is not None:
            extracted.metadata[field] = found.group(1)
        elif field == catalogs.DIGEST_FIELD:
            extracted.metadata.pop(field, None)  # a template from before content digests


def _first_difference(po: Any, text: str) -> int | None:
    """The first line of the first entry where ``text`` differs from ``catalogs.po_text(po)``,
    or None when they are equal. Compares entry by entry (entries are separated by one blank
    line and hold none), so an early difference costs little.

    The usual case, an up-to-date template, is one whole-text comparison with the fast
    writer's output; only a difference is then located entry by entry."""
    rendered = catalogs.po_text(po)
    if rendered == text:
        return None
    if po.obsolete_entries():
        return 1
    head = polib.POFile(wrapwidth=catalogs.WRAP_WIDTH)
    head.header, head.metadata = po.header, po.metadata
    expected = [catalogs.po_text(head)]
    blocks = text.split("\n\n")
    offset = 0
    for index, block in enumerate(blocks):
        if index == len(expected):
            if index > len(po):
                break
            expected.append(po[index - 1].__unicode__(catalogs.WRAP_WIDTH))
        if block.removesuffix("\n") != expected[index].removesuffix("\n"):
            return text.count("\n", 0, offset) + 1
        offset += len(block) + 2
    if len(blocks) != len(po) + 1:
        return text.count("\n", 0, min(offset, len(text))) + 1
    return None


def template_of(
    project: Project, domain: str, *, extract: bool
) -> tuple[Any | None, list[Finding]]:
    """(the template to check the catalogs against, findings about the template).

    With ``extract`` the committed ``.pot`` must be what extraction gives for the content as
    it is: proved by its seal (:func:`_sealed`: hashing the content, no parse) or, when that
    fails, by a fresh extraction that it is compared with as text (not parsed): a generated
    file differing in any way is out of date, at the line of the first difference."""
    path = project.pot_path(domain)
    shown = project.relative(path)
    findings: list[Finding] = []
    text: str | None = None
    if path.exists():
        data = path.read_bytes()
        text, findings = file_checks.decode(data, shown, None)
        extract = extract and not _sealed(project, domain, data)
    if text is not None:
        findings += file_checks.conflict_markers(text, shown)
    extracted = None
    if extract:
        try:
            extracted = project.extract(domain)
        except MedlocError as exc:
            message = f"cannot extract the {domain} domain: {exc.message}; fix the source"
            findings.append(
                Finding("out-of-date", "error", message, exc.path or shown, exc.line or 1)
            )
    if extracted is None:
        committed, found = _parse_template(text, shown) if text is not None else (None, [])
        return committed, findings + found
    if text is None:
        if not path.exists():
            message = f"no template for the {domain} domain; run 'medloc extract'"
            findings.append(Finding("out-of-date", "error", message, shown, 1))
        return extracted, findings
    _stamp_as(extracted, text)
    line = _first_difference(extracted, text)
    if line is not None:
        message = (
            "the template is out of date with the content: 'medloc extract' would change"
            " this entry; run 'medloc extract' and 'medloc update' and commit the result"
        )
        findings.append(Finding("out-of-date", "error", message, shown, line))
    return extracted, findings


def _sealed(project: Project, domain: str, data: bytes) -> bool:
    """Whether the template ``data`` of ``domain`` is sealed with the digest of the content as
    it is now (:func:`medloc.catalog.sealed`); False when the digest cannot be computed (the
    extraction then says what is wrong)."""
    try:
        digest = project.content_digest(domain)
    except (MedlocError, OSError):
        return False
    return catalogs.sealed(data, digest)


def is_current(project: Project, domain: str) -> bool:
    """Whether the committed template of ``domain`` is proved current by its seal alone
    (no extraction needed to check it)."""
    path = project.pot_path(domain)
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return _sealed(project, domain, data)
