"""The PDF as poppler-utils reads it (pdftotext, pdftotext -bbox, pdffonts), and the few
objects the tests look at inside it (/Lang, link annotations)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass
from html import unescape
from pathlib import Path

__all__ = [
    "Word",
    "bbox_words",
    "catalog_lang",
    "fonts",
    "info",
    "link_uris",
    "normal",
    "pages_text",
    "text",
]


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def text(pdf: Path) -> str:
    """``pdftotext`` in reading order."""
    return _run("pdftotext", "-enc", "UTF-8", str(pdf), "-")


def pages_text(pdf: Path) -> list[str]:
    """``pdftotext`` of each page."""
    return text(pdf).split("\f")[:-1]


def info(pdf: Path) -> dict[str, str]:
    """``pdfinfo``: its fields."""
    lines = _run("pdfinfo", str(pdf)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def normal(value: str) -> str:
    """Compatibility forms folded, bidi marks and all white space removed (line breaks fall
    anywhere in extracted text; CJK has no spaces to keep)."""
    folded = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch) != "Cf")


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float
    page: int


_PAGE = re.compile(r"<page |<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\"[^>]*>([^<]*)</word>")


def bbox_words(pdf: Path) -> list[Word]:
    """``pdftotext -bbox``: every word with its left edge, top edge and page."""
    words: list[Word] = []
    page = 0
    for match in _PAGE.finditer(_run("pdftotext", "-bbox", str(pdf), "-")):
        if match.group(0) == "<page ":
            page += 1
            continue
        words.append(
            Word(unescape(match.group(3)), float(match.group(1)), float(match.group(2)), page)
        )
    return words


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """``pdffonts``: (name, emb) of every font."""
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    found = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object-id gen
        found.append((parts[0], parts[-5]))
    return found


def _objects(pdf: Path) -> bytes:
    """The file with every Flate stream inflated (object streams included)."""
    data = pdf.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def catalog_lang(pdf: Path) -> str | None:
    """The document's /Lang (the catalog's; set from ``<html lang>``)."""
    match = re.search(rb"/Lang\s*\(([^)]*)\)", _objects(pdf))
    return match.group(1).decode() if match else None


def link_uris(pdf: Path) -> list[str]:
    """The target of every URI action; any other action kind as ``/Launch`` etc."""
    objects = _objects(pdf)
    uris = [m.decode() for m in re.findall(rb"/URI\s*\(([^)]*)\)", objects)]
    others = re.findall(rb"/S\s*/(Launch|JavaScript|GoToR|ImportData|SubmitForm)", objects)
    return uris + [f"/{kind.decode()}" for kind in others]
