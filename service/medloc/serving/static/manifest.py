"""The build's memory of itself: what it read and what it wrote (``OUT/build-manifest.json``).

* ``inputs``: every file the service reads (:func:`medloc.serving.web.generation.fingerprint`:
  ``medloc.toml``, the articles, the disclaimer, every catalog) with its stamp (inode, size,
  mtime) and the sha256 of its bytes. A stamp that did not change means the file did not
  (the cheap check, a few ``stat`` calls); a file whose stamp changed is read and its digest
  compared, so a file touched but not changed changes nothing.
* ``code``: a digest of medloc's own files (code, templates, stylesheet) and of the versions
  of the libraries that shape a page (Babel's CLDR data, the Markdown parser, the sanitizer):
  a new medloc renders everything again.
* ``outputs``: every file of the tree with the sha256, size and mtime it was written with; a
  body that renders to the same digest, over a file still as it was left, is not written.
* ``problems``: what the build reported (a rebuild with nothing changed reports them again),
  and ``headers``: the headers the service sends for each kind of file (for nginx).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import medloc
from medloc.project import write_atomic

from ..plan import Standing
from ..web.config import Settings
from ..web.generation import fingerprint
from .files import Written
from .links import PageLinks

__all__ = ["FILE", "Inputs", "Manifest", "Mark", "code_digest", "read_inputs", "read_manifest"]

FILE = "build-manifest.json"
FORMAT = 3
_SHAPING = ("babel", "flask", "jinja2", "markdown-it-py", "mdit-py-plugins", "nh3", "markupsafe")
_CODE_SUFFIXES = (".py", ".html", ".css", ".json", ".txt")


def code_digest() -> str:
    """What, besides the project's files, decides the bytes of a page."""
    package = Path(medloc.__file__).parent
    sha = hashlib.sha256(medloc.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            sha.update(str(path.relative_to(package)).encode() + b"\0")
            sha.update(path.read_bytes())
    for name in _SHAPING:
        try:
            sha.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            sha.update(f"{name}=-".encode())
    return sha.hexdigest()


@dataclass(frozen=True)
class Input:
    stamp: tuple[int, int, int] | None
    digest: str | None


Inputs = Mapping[str, Input]


@dataclass(frozen=True)
class Mark:
    """What other pages show of an article: its :class:`~..plan.Standing` (whole or
    not, coverage) in every locale offered, whence its ``hreflang`` alternates, its coverages
    and its index entries' marks (see :mod:`.scope`). A rebuild takes the marks of an article
    whose inputs did not change from here instead of planning it again."""

    standings: tuple[tuple[str, Standing], ...]


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_inputs(settings: Settings, before: Inputs) -> dict[str, Input]:
    """Every input file with its stamp and digest; a digest is computed only for a file whose
    stamp is not the one recorded in ``before``."""
    found: dict[str, Input] = {}
    for path, stamp in fingerprint(settings):
        old = before.get(path)
        if old is not None and old.stamp == stamp:
            found[path] = old
        else:
            found[path] = Input(stamp, _file_digest(Path(path)) if stamp else None)
    return found


def same_content(a: Inputs, b: Inputs) -> bool:
    return a.keys() == b.keys() and all(a[k].digest == b[k].digest for k in a)


@dataclass(frozen=True)
class Manifest:
    code: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    inputs: Inputs = field(default_factory=dict)
    outputs: Mapping[str, Written] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    locales: tuple[str, ...] = ()
    unavailable: tuple[str, ...] = ()
    """Articles the service withholds because a file is broken (it answers them 503)."""
    marks: Mapping[str, Mark] = field(default_factory=dict)
    """Every served article's marks, to tell which changed."""
    links: Mapping[str, PageLinks] = field(default_factory=dict)
    """Every page's canonical URL and alternates, for a sitemap of pages not rendered again."""

    def write(self, out: Path) -> None:
        data = {
            "format": FORMAT,
            "code": self.code,
            "options": dict(self.options),
            "inputs": {k: [*(v.stamp or ()), v.digest] for k, v in self.inputs.items()},
            "outputs": {
                w.name: [w.digest, w.size, w.mtime_ns]
                for w in sorted(self.outputs.values(), key=lambda w: w.name)
            },
            "problems": list(self.problems),
            "headers": {k: dict(v) for k, v in self.headers.items()},
            "locales": list(self.locales),
            "unavailable": list(self.unavailable),
            "marks": {
                k: [[tag, int(s.whole), s.coverage] for tag, s in v.standings]
                for k, v in self.marks.items()
            },
            "links": _links_data(self.links),
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomic(out / FILE, text.encode("utf-8"))


def _input(value: list[Any]) -> Input:
    *stamp, sha = value
    return Input((int(stamp[0]), int(stamp[1]), int(stamp[2])) if stamp else None, sha)


def _mark(value: list[Any]) -> Mark:
    return Mark(tuple((str(tag), Standing(bool(whole), float(c))) for tag, whole, c in value))


def _links_data(links: Mapping[str, PageLinks]) -> dict[str, Any]:
    """Pages -> [canonical, alternates' number]: the pages of one article in every locale
    share their alternates, kept once."""
    table: dict[tuple[tuple[str, str], ...], int] = {}
    pages = {
        name: [page.canonical, table.setdefault(page.alternates, len(table))]
        for name, page in sorted(links.items())
    }
    return {"alternates": [[list(pair) for pair in alt] for alt in table], "pages": pages}


def _links(data: Mapping[str, Any]) -> dict[str, PageLinks]:
    table = [tuple((str(lang), str(href)) for lang, href in alt) for alt in data["alternates"]]
    return {name: PageLinks(value[0], table[value[1]]) for name, value in data["pages"].items()}


def read_manifest(out: Path) -> Manifest:
    """The last build's manifest; an empty one when there is none or it cannot be read (then
    everything is rendered and compared again: nothing is lost but time)."""
    try:
        data = json.loads((out / FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return Manifest()
        return Manifest(
            code=data["code"],
            options=data["options"],
            inputs={k: _input(v) for k, v in data["inputs"].items()},
            outputs={k: Written(k, v[0], v[1], v[2]) for k, v in data["outputs"].items()},
            problems=tuple(data["problems"]),
            headers=data["headers"],
            locales=tuple(data["locales"]),
            unavailable=tuple(data["unavailable"]),
            marks={k: _mark(v) for k, v in data["marks"].items()},
            links=_links(data["links"]),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return Manifest()


def by_name(outputs: Iterable[Written]) -> dict[str, Written]:
    return {w.name: w for w in outputs}
