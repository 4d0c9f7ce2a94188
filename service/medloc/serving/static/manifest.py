"""The build's memory of itself: what it read and what it wrote (``OUT/build-manifest.json``,
and ``OUT/build-state.json`` for what only a rebuild reads).

* ``inputs``: every file the service reads (:func:`medloc.serving.web.generation.fingerprint`:
  ``medloc.toml``, the articles, the disclaimer, every catalog) with its stamp (inode, size,
  mtime) and the sha256 of its bytes. A stamp that did not change means the file did not
  (the cheap check, a few ``stat`` calls); a file whose stamp changed is read and its digest
  compared, so a file touched but not changed changes nothing.
* ``code``: a digest of medloc's own files (code, templates, stylesheet) and of the versions
  of the libraries that shape a page (Babel's CLDR data, the Markdown parser, the sanitizer):
  a new medloc renders everything again.
* ``outputs``: every file of the tree with the sha256, size and mtime it was written with
  (the sizes and mtimes folder by folder, :mod:`.tree`); a body that renders to the same
  digest, over a file still as it was left, is not written.
* ``problems``: what the build reported (a rebuild with nothing changed reports them again),
  and ``headers``: the headers the service sends for each kind of file (for nginx).
* in ``build-state.json``: the outputs' digests, every article's marks, every page's
  links and what loading proved of the catalogs (:class:`~..web.loading.Proof`: a ``.mo``
  sound, a ``.po``'s digest and markers, with the file's stamp), which the next build trusts
  for a file whose stamp did not change (or whose digest did not). A build with nothing
  changed reads the first file only (:func:`read_head`: three lists per folder of the tree,
  no object per output).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import medloc
from medloc._atomic import replacing

from ..plan import Standing
from ..web.config import Settings
from ..web.generation import fingerprint
from ..web.loading import Proof, Proofs
from .files import Written
from .links import Links, PageLinks
from .nginx import Site
from .tree import Outputs, Tree, count, read_tree, tree_data

__all__ = [
    "FILE",
    "STATE",
    "Head",
    "Inputs",
    "Manifest",
    "Mark",
    "carried",
    "code_digest",
    "read_head",
    "read_inputs",
    "read_manifest",
]

FILE = "build-manifest.json"
STATE = "build-state.json"
FORMAT = 7
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


@dataclass(frozen=True, slots=True)
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


def carried(proofs: Proofs, before: Inputs, now: Inputs) -> dict[str, Proof]:
    """The last build's ``proofs`` for the files as they are ``now``: a proof holds for the
    bytes it was made of, so it goes with a file whose stamp changed but whose digest did not
    (``medloc compile`` writes every ``.mo`` again, byte for byte the same but new files)."""
    found: dict[str, Proof] = {}
    for path, proof in proofs.items():
        old, new = before.get(path), now.get(path)
        if old is None or new is None or new.stamp is None or old.stamp != proof.stamp:
            continue
        if new.stamp == old.stamp:
            found[path] = proof
        elif new.digest is not None and new.digest == old.digest:
            found[path] = replace(proof, stamp=new.stamp)
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
    proofs: Proofs = field(default_factory=dict)
    """What loading proved of the catalogs, trusted by the next build where stamps match."""

    def write(self, out: Path) -> Head:
        """Two files, each whole or not at all: :data:`STATE` (the outputs' digests, the
        marks and the links: what only a rebuild reads), then :data:`FILE` (the rest: what
        tells that nothing changed); a token in both says they belong together. Returns
        the head written."""
        token = secrets.token_hex(8)
        outputs = _outputs(self.outputs)
        head = self._head(outputs.tree)
        links = self.links if isinstance(self.links, Links) else Links.of(self.links)
        _dump(
            out / STATE,
            {
                "format": FORMAT,
                "token": token,
                "digests": {folder: outputs.digests(folder) for folder in outputs.tree},
                "marks": _marks_data(self.marks),
                "links": links.data(),
                "proofs": {k: _proof_data(v) for k, v in sorted(self.proofs.items())},
            },
        )
        _dump(out / FILE, {"format": FORMAT, "token": token, **_head_data(head)})
        return replace(head, token=token)

    def head(self) -> Head:
        return self._head(_outputs(self.outputs).tree)

    def _head(self, tree: Tree) -> Head:
        site = Site(self.locales, self.unavailable, self.headers)
        return Head(self.code, self.options, self.inputs, tree, self.problems, site)


def _outputs(outputs: Mapping[str, Written]) -> Outputs:
    return outputs if isinstance(outputs, Outputs) else Outputs.of(outputs.values())


@dataclass(frozen=True)
class Head:
    """What the build reads first (:data:`FILE`): enough to tell that nothing changed and to
    write ``nginx.conf`` again, without the outputs' digests, the marks and the links."""

    code: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    inputs: Inputs = field(default_factory=dict)
    tree: Tree = field(default_factory=dict)
    """Every output's size and mtime, by folder (the :data:`STATE` file's digests are in
    this order)."""
    problems: tuple[str, ...] = ()
    site: Site = field(default_factory=lambda: Site((), (), {}))
    token: str = ""
    """The token of the :data:`STATE` file written with it."""

    @property
    def count(self) -> int:
        """The outputs (not counting their compressed variants)."""
        return count(self.tree)


def _head_data(head: Head) -> dict[str, Any]:
    return {
        "code": head.code,
        "options": dict(head.options),
        "inputs": {k: [*(v.stamp or ()), v.digest] for k, v in head.inputs.items()},
        "outputs": tree_data(head.tree),
        "problems": list(head.problems),
        "headers": {k: dict(v) for k, v in head.site.headers.items()},
        "locales": list(head.site.locales),
        "unavailable": list(head.site.unavailable),
    }


_CHUNK = 4096
"""Items of a list or a large object encoded at once by :func:`_pieces`."""
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _pieces(value: Any) -> Iterator[str]:
    """``value`` as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, byte for
    byte, in pieces of at most :data:`_CHUNK` items, each encoded by json's C encoder (the
    pieces of ``JSONEncoder.iterencode`` come from its Python encoder: 5 to 10 times
    slower). The keys of objects are strings."""
    if isinstance(value, dict) and len(value) <= 16:  # a structure: its parts in turn
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield ("," if number else "") + _dumps(key) + ":"
            yield from _pieces(item)
        yield "}"
    elif isinstance(value, dict):
        items = list(value.items())
        for lo in range(0, len(items), _CHUNK):
            yield ("{" if not lo else ",") + _dumps(dict(items[lo : lo + _CHUNK]))[1:-1]
        yield "}"
    elif isinstance(value, list) and len(value) > _CHUNK:
        for lo in range(0, len(value), _CHUNK):
            yield ("[" if not lo else ",") + _dumps(value[lo : lo + _CHUNK])[1:-1]
        yield "]"
    else:
        yield _dumps(value)


def _dump(path: Path, data: dict[str, Any]) -> None:
    """``data`` as JSON, written as it is encoded (the manifest of 10^5 pages is tens of MB:
    never held whole as text, a piece of a few thousand items at a time)."""
    with replacing(path) as out:
        for piece in _pieces(data):
            out.write(piece.encode("utf-8"))


def _input(value: list[Any]) -> Input:
    *stamp, sha = value
    return Input((int(stamp[0]), int(stamp[1]), int(stamp[2])) if stamp else None, sha)


def _marks_data(marks: Mapping[str, Mark]) -> dict[str, Any]:
    """``locales``: each list of locales once; ``standings``: each distinct standing once
    ([whole, coverage]); ``articles``: slug -> [number of its locales, number of its
    standing in each]."""
    tables: dict[tuple[str, ...], int] = {}
    numbers: dict[Standing, int] = {}
    articles = {}
    for slug, mark in marks.items():
        tags = tuple(tag for tag, _standing in mark.standings)
        found = [numbers.setdefault(s, len(numbers)) for _tag, s in mark.standings]
        articles[slug] = [tables.setdefault(tags, len(tables)), found]
    return {
        "locales": [list(tags) for tags in tables],
        "standings": [[int(s.whole), s.coverage] for s in numbers],
        "articles": articles,
    }


def _marks(data: Mapping[str, Any]) -> dict[str, Mark]:
    """From :func:`_marks_data` (each distinct standing made once)."""
    tables = [tuple(str(tag) for tag in tags) for tags in data["locales"]]
    made = [Standing(bool(whole), float(coverage)) for whole, coverage in data["standings"]]
    found: dict[str, Mark] = {}
    for slug, (number, standings) in data["articles"].items():
        tags = tables[number]
        if len(tags) != len(standings):
            raise ValueError(f"the marks of {slug!r} do not match their locales")
        found[str(slug)] = Mark(tuple(zip(tags, map(made.__getitem__, standings), strict=True)))
    return found


def _proof_data(proof: Proof) -> list[Any]:
    flags = [int(proof.valid), int(proof.ordered)]
    return [*proof.stamp, *flags, proof.digest, sorted(proof.marks)]


def _proof(value: list[Any]) -> Proof:
    ino, size, mtime, valid, ordered, digest, marks = value
    stamp = (int(ino), int(size), int(mtime))
    digest = None if digest is None else str(digest)
    found = frozenset(str(m) for m in marks)
    return Proof(stamp, bool(valid), digest, found, bool(ordered))


_UNREADABLE = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError)
"""What reading a manifest of the wrong shape raises (a value not the list or table it
should be): it is then taken as no manifest at all."""


def _load(path: Path, token: str | None = None) -> dict[str, Any]:
    data = json.loads(path.read_bytes())
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a manifest of format {FORMAT}")
    if token is not None and data.get("token") != token:
        raise ValueError(f"{path}: written by another build than {FILE}")
    return data


def _read_head(data: Mapping[str, Any]) -> Head:
    site = Site(tuple(data["locales"]), tuple(data["unavailable"]), data["headers"])
    return Head(
        code=data["code"],
        options=data["options"],
        inputs={k: _input(v) for k, v in data["inputs"].items()},
        tree=read_tree(data["outputs"]),
        problems=tuple(data["problems"]),
        site=site,
        token=str(data["token"]),
    )


def read_head(out: Path) -> Head:
    """The first part of the last build's manifest; an empty one when there is none or it
    cannot be read."""
    try:
        return _read_head(_load(out / FILE))
    except _UNREADABLE:
        return Head()


def read_manifest(out: Path, head: Head | None = None) -> Manifest:
    """The last build's manifest; an empty one when there is none or it cannot be read (then
    everything is rendered and compared again: nothing is lost but time). ``head``: its
    first part, when already read (:func:`read_head`): not read again."""
    try:
        if head is None or not head.token:
            head = _read_head(_load(out / FILE))
        state = _load(out / STATE, head.token)
        return Manifest(
            code=head.code,
            options=head.options,
            inputs=head.inputs,
            outputs=Outputs(head.tree, state["digests"]),
            problems=head.problems,
            headers=head.site.headers,
            locales=tuple(head.site.locales),
            unavailable=tuple(head.site.unavailable),
            marks=_marks(state["marks"]),
            links=Links.read(state["links"]),
            proofs={str(k): _proof(v) for k, v in state["proofs"].items()},
        )
    except _UNREADABLE:
        return Manifest()


def by_name(outputs: Iterable[Written]) -> dict[str, Written]:
    return {w.name: w for w in outputs}
