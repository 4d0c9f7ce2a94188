"""The project on disk: where content and catalogs live, and the file operations.

This is the I/O layer under the CLI: it reads files, calls the pure functions
of :mod:`medloc.catalog`, and writes results atomically (a temporary file in
the same folder, then a rename), so a file is never half-written.
"""

from __future__ import annotations

import configparser
import datetime as _dt
import functools
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch

from medloc import _parallel
from medloc import catalog as catalogs
from medloc._atomic import Replacement, replacing, write_atomic, write_pieces
from medloc.catalog import Catalog
from medloc.errors import CatalogError, ConfigError, ContentError, LocaleError, MedlocError
from medloc.formats import PYTHON_FORMAT, is_python_format
from medloc.roles import read_roles

__all__ = ["DOMAINS", "Compiled", "Project", "Replacement", "replacing", "write_atomic"]

DOMAINS = {"articles": "content", "messages": "service"}
"""Each gettext domain and the folder it is extracted from (with the same babel.cfg)."""

DEFAULT_LOCALES = ("es", "fr", "de", "ar", "zh_Hans", "pt_BR")


@dataclass(frozen=True)
class Compiled:
    """What compiling one catalog gave: the ``.mo`` written and how many messages it holds,
    or the error (with file and line) that kept it from being written."""

    po_path: Path
    mo_path: Path
    count: int = 0
    error: MedlocError | None = None


_BLOCK = 1 << 20
_RENDER_CACHE = 25_000
"""How many entries' template parts ``update`` keeps rendered for the next catalog
(:class:`medloc.catalog.RenderCache`): all of a 500-article project's, a bounded part of a
larger one's, whose cache would weigh as much as its parsed template."""


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def _new_catalog(template: Catalog, locale: str) -> Catalog:
    """A new catalog of ``locale``."""
    return catalogs.init_catalog(template, locale, revision_date=_now())


@functools.cache
def _versions() -> str:
    return f"medloc {version('medloc')}; markdown-it-py {version('markdown-it-py')}"


def _rules(root: Path) -> str:
    """What, besides the files, decides the template extraction writes: medloc's and the
    Markdown parser's versions, :data:`medloc.source.extract.RULES_VERSION` and the
    project's roles (:func:`medloc.roles.read_roles`: which role names a heading may use,
    which are safety-critical)."""
    from medloc.source.extract import RULES_VERSION  # the parser only where it is needed

    roles = read_roles(root)
    named = {"safety": roles.safety, "required": roles.required, "known": roles.known}
    return f"{_versions()}; rules {RULES_VERSION}; roles {json.dumps(named, default=sorted)}"


def _jobs(paths: list[Path], work: _parallel.Work, jobs: int | None) -> int:
    """``jobs``, or if None as many as ``work`` on ``paths`` is worth."""
    return _parallel.jobs_for(paths, work) if jobs is None else jobs


@dataclass(frozen=True)
class Project:
    """A medloc project rooted at ``root`` (content/, locales/, babel.cfg)."""

    root: Path

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    def relative(self, path: Path) -> str:
        return (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        )

    def pot_path(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"

    def po_path(self, locale: str, domain: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"

    def mo_path(self, locale: str, domain: str) -> Path:
        return self.po_path(locale, domain).with_suffix(".mo")

    def locales(self) -> list[str]:
        """The locales that have a catalog folder, sorted."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(p.name for p in self.locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir())

    def require_locale(self, locale: str) -> str:
        known = self.locales()
        if locale not in known:
            listed = ", ".join(known) or "none yet; create one with 'medloc init LOCALE'"
            raise LocaleError(f"no catalog for locale {locale!r}; known locales: {listed}")
        return locale

    # -- reading ---------------------------------------------------------------------------

    def read_text(self, path: Path) -> str:
        """A catalog's text; CatalogError when it is missing or not UTF-8."""
        return self.read_source(path)[1]

    def read_source(self, path: Path) -> tuple[bytes, str]:
        """A catalog's bytes and text; CatalogError when it is missing or not UTF-8."""
        shown = self.relative(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CatalogError("no such catalog; run 'medloc update'", path=shown) from None
        try:
            return data, data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CatalogError("not UTF-8; save the file as UTF-8", path=shown, line=line) from None

    def read_digested(self, path: Path) -> tuple[bytes, Catalog]:
        """(the SHA-256 of a catalog's bytes, the parsed catalog), never holding its whole
        bytes or text: the file is hashed, then read a slice at a time (:meth:`read_catalog`)."""
        digest = hashlib.sha256()
        for block in self._blocks(path):
            digest.update(block)
        return digest.digest(), self.read_catalog(path)

    def source_digest(self, path: Path) -> str:
        """:func:`medloc.catalog.source_digest` of a catalog's bytes, read a block at a time."""
        return catalogs.source_digest(self._blocks(path))

    def _blocks(self, path: Path) -> Iterator[bytes]:
        """A file's bytes a block at a time; CatalogError when it is missing."""
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            self.read_source(path)  # the error, with the file's name
            raise
        with handle:
            while block := handle.read(_BLOCK):
                yield block

    def read_catalog(self, path: Path, text: str | None = None) -> Catalog:
        """The catalog at ``path`` (parsed from ``text`` when the caller read it already,
        else read a slice at a time: :func:`medloc.catalog.read_po`)."""
        if text is not None:
            return catalogs.parse_po(text, path=self.relative(path))
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                return catalogs.read_po(handle, path=self.relative(path))
        except (FileNotFoundError, UnicodeDecodeError):
            self.read_source(path)  # the error, with the file's name and line
            raise

    # -- extraction ------------------------------------------------------------------------

    def _mapping(self) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
        cfg = self.root / "babel.cfg"
        try:
            with cfg.open(encoding="utf-8") as handle:
                method_map, options_map = parse_mapping_cfg(handle, str(cfg))  # type: ignore[no-untyped-call]
        except FileNotFoundError:
            raise ConfigError(
                f"no such file in {self.root}; run medloc in the project folder or pass --root",
                path="babel.cfg",
            ) from None
        except (configparser.Error, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"cannot read it ({' '.join(str(exc).split())}); restore it from version control",
                path="babel.cfg",
            ) from None
        return method_map, options_map

    def content_digest(self, domain: str) -> str:
        """The digest of everything extracting ``domain`` reads
        (:func:`medloc.catalog.content_digest`): each file of its folder that babel.cfg maps
        to an extraction method (in Babel's order, skipping the folders Babel skips),
        babel.cfg itself, and the extraction rules (:func:`_rules`). Hashing only: nothing
        is parsed."""
        folder = DOMAINS[domain]
        method_map, _options = self._mapping()
        top = self.root / folder
        cfg = (self.root / "babel.cfg").read_bytes()

        def files() -> Iterator[tuple[str, bytes]]:  # one file's bytes held at a time
            yield "babel.cfg", cfg
            for here, subdirs, names in os.walk(top):
                subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "_")))
                for name in sorted(names):
                    path = Path(here, name)
                    relative = path.relative_to(top).as_posix()
                    method = next((m for p, m in method_map if pathmatch(p, relative)), "ignore")
                    if method != "ignore":
                        yield f"{folder}/{relative}", path.read_bytes()

        return catalogs.content_digest(_rules(self.root), files())

    def extract(self, domain: str) -> Catalog:
        """The template of ``domain``, extracted with Babel through babel.cfg (the medloc
        method is told the project's root, whose ``[roles]`` it reads), with the digest of
        the content it was extracted from (:meth:`content_digest`, taken first)."""
        folder = DOMAINS[domain]
        digest = self.content_digest(domain)
        method_map, options_map = self._mapping()
        ours = {pattern for pattern, method in method_map if method == "medloc"}
        for pattern in ours:
            options_map[pattern] = {**options_map.get(pattern, {}), "root": str(self.root)}

        def messages() -> Iterator[catalogs.TemplateMessage]:  # one at a time, none held
            for filename, lineno, message, comments, context in extract_from_dir(
                str(self.root / folder),
                method_map,
                options_map,
                keywords=DEFAULT_KEYWORDS,
                comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True,
            ):
                msgid, plural = (
                    (message[0], message[1]) if isinstance(message, tuple) else (message, None)
                )
                flags = (PYTHON_FORMAT,) if is_python_format(msgid) else ()
                yield catalogs.TemplateMessage(
                    msgid=msgid,
                    context=context,
                    locations=((f"{folder}/{filename}", lineno),),
                    comments=tuple(comments),
                    flags=flags,
                    msgid_plural=plural,
                )

        try:
            pot = catalogs.make_template(messages(), creation_date=_now())
        except ContentError as exc:
            if exc.path and not exc.path.startswith(folder):
                exc.path = (
                    self.relative(Path(exc.path)) if Path(exc.path).is_absolute() else exc.path
                )
            raise
        pot.metadata[catalogs.DIGEST_FIELD] = digest
        return pot

    def save_template(self, domain: str, pot: Catalog) -> bool:
        """Write the template, sealed with its content digest (:func:`medloc.catalog.seal`),
        unless only its date or the value of its digest would change (a template without a
        digest gets one). Returns whether it wrote."""
        path = self.pot_path(domain)
        # the same messages are written up to three times (each as it is made, none held)
        cache = catalogs.RenderCache(_RENDER_CACHE)
        if path.exists():
            old = self.read_catalog(path)
            same = catalogs.same_messages(old, pot, cache=cache)
            del old
            if same:
                return False
        with replacing(path) as out:
            catalogs.write_sealed(out.handle, catalogs.po_pieces(pot, cache=cache))
        return True

    def templates(self) -> dict[str, Catalog]:
        return {domain: self.read_catalog(self.pot_path(domain)) for domain in DOMAINS}

    # -- translations ----------------------------------------------------------------------

    def init(self, locale: str) -> list[Path]:
        """Create the catalogs of a new locale from the templates."""
        catalogs.parse_locale(locale)
        written = []
        for domain, pot in self.templates().items():
            path = self.po_path(locale, domain)
            if path.exists():
                raise CatalogError(
                    "catalog exists already; use 'medloc update' to bring it up to date",
                    path=self.relative(path),
                )
            po = _new_catalog(pot, locale)
            write_atomic(path, catalogs.po_text(po).encode("utf-8"))
            written.append(path)
        return written

    def update(
        self, locales: list[str] | None = None, *, jobs: int | None = None
    ) -> Iterator[tuple[Path, bool]]:
        """Merge the templates into every catalog; yields (path, changed).

        ``jobs``: how many processes merge catalogs at once (None: as many as the catalogs'
        size is worth, :func:`medloc._parallel.jobs_for`).
        """
        templates = self.templates()
        # What depends on a template alone is done once for all locales: its keys, the
        # fuzzy ratios between two texts, the text of its comments and msgids.
        mergers = {domain: catalogs.text_updater(pot) for domain, pot in templates.items()}
        caches = {domain: catalogs.RenderCache(_RENDER_CACHE) for domain in templates}

        def update_one(task: tuple[str, str]) -> tuple[Path, bool]:
            locale, domain = task
            path = self.po_path(locale, domain)
            if not path.exists():
                po = _new_catalog(templates[domain], locale)
                write_atomic(path, catalogs.po_text(po).encode("utf-8"))
                return path, True
            # One catalog at a time, entry by entry: the merged entries are written as they
            # are made, and the file is replaced only if its bytes change.
            before, old = self.read_digested(path)
            with replacing(path) as out:
                after = write_pieces(out, mergers[domain](old, caches[domain]))
                del old
                if after == before:
                    out.discard()
            return path, after != before

        tasks = [(locale, domain) for locale in locales or self.locales() for domain in templates]
        paths = [self.po_path(locale, domain) for locale, domain in tasks]
        yield from _parallel.run(update_one, tasks, _jobs(paths, "update", jobs))

    def compile(
        self, locales: list[str] | None = None, *, jobs: int | None = None
    ) -> Iterator[Compiled]:
        """Compile every catalog to ``.mo``, one `Compiled` each, in order. A catalog that
        cannot be compiled is reported (its ``error``, with file and line) and keeps its old
        ``.mo``; the others are compiled all the same."""

        def compile_one(po_path: Path) -> Compiled:
            mo_path = po_path.with_suffix(".mo")
            try:
                # the .po's digest: the service checks that the .mo still agrees with it;
                # then the catalog, a slice at a time (neither its bytes nor text held whole)
                digest = self.source_digest(po_path)
                po = self.read_catalog(po_path)
                po.metadata[catalogs.SOURCE_FIELD] = digest
                with replacing(mo_path) as out:  # written as it is made, no copy in memory
                    count = catalogs.compile_mo(po, out.handle, path=self.relative(po_path))
                del po
            except MedlocError as exc:
                return Compiled(po_path, mo_path, error=exc)
            except OSError as exc:
                problem = f"cannot write it ({exc.strerror or exc}); check the folder's permissions"
                shown = self.relative(mo_path)
                return Compiled(po_path, mo_path, error=CatalogError(problem, path=shown))
            return Compiled(po_path, mo_path, count)

        paths = [
            self.po_path(locale, domain)
            for locale in locales or self.locales()
            for domain in DOMAINS
            if self.po_path(locale, domain).exists()
        ]
        yield from _parallel.run(compile_one, paths, _jobs(paths, "compile", jobs))
