"""``medloc build OUT``: the service's answers written as a static tree, incrementally.

``OUT/site/`` is the tree (see :mod:`.layout`), ``OUT/nginx.conf`` the server in front of
it (:mod:`.nginx`), ``OUT/build-manifest.json`` what the build read and wrote
(:mod:`.manifest`). The service's own app is created once, with the service's settings
(``[serve]``), and its Library renders every file; each locale is one task, spread over the
processors (:func:`medloc._parallel.run`: the workers fork with the app and the catalogs
loaded). Singletons and the localized 404 pages are requested from the app itself, which
also says which headers each kind of file carries.

Nothing changed (every input's stamp or digest as recorded, the same medloc, the same
options): nothing is rendered and nothing written. Otherwise what can have changed is
rendered (:mod:`.scope` says what depends on what; everything after a global change) and only
the files whose bytes changed are written (:class:`.outputs.Writer`); files of the last build
that are no longer produced are removed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from medloc import _parallel
from medloc.project import write_atomic

from ..web import create_app
from ..web.config import Settings, project_settings
from . import layout
from .files import Written
from .links import Links, PageLinks
from .manifest import (
    Manifest,
    Mark,
    carried,
    code_digest,
    read_head,
    read_inputs,
    read_manifest,
    same_content,
)
from .nginx import NginxOptions, Site, nginx_conf
from .tree import Outputs, altered, intact

if TYPE_CHECKING:  # imported where used: a build with nothing changed needs none of them
    from flask import Flask

    from ..web.library import Library
    from .outputs import Job, Result

__all__ = ["BuildOptions", "BuildReport", "build"]

SITE = "site"
CONF = "nginx.conf"
SITEMAP_TYPE = "application/xml; charset=utf-8"
_RECORDED = ("Content-Type", "Content-Language", "Cache-Control", "Vary")


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    nginx: NginxOptions = field(default_factory=NginxOptions)
    public_url: str | None = None
    """Overrides ``[serve] public_url`` (absolute URLs in pages and the sitemap)."""
    jobs: int | None = None
    """Worker processes (default: every processor, at most one per locale)."""
    handouts: bool = False
    """Also every article's PDF handout in each locale (the ``pdf`` extra; slow)."""


@dataclass(frozen=True)
class BuildReport:
    outputs: int
    """Files in the tree (not counting the ``.gz`` and ``.br`` variants)."""
    written: int
    """Files written by this build (each with its two variants)."""
    removed: int
    problems: tuple[str, ...]
    """``path:line: message`` of every input withheld, as the service reports them."""
    unchanged: bool
    """Nothing changed since the last build: nothing was rendered."""
    rendered: tuple[str, ...] = ()
    """The outputs rendered by this build (written or not), singletons and sitemap included."""


def _settings(options: BuildOptions) -> Settings:
    """The service's settings (``[serve]``), not watching files."""
    overrides: dict[str, object] = {"reload_interval": 0, "warm": False}
    if options.public_url is not None:
        overrides["public_url"] = options.public_url
    return project_settings(options.root.resolve(), **overrides)


def _render(
    job: Job, jobs: int, marks: Mapping[str, Mark] | None
) -> tuple[list[Result], frozenset[str]]:
    """Every article in every locale (tasks of a few articles: each one's plans are made once
    for its pages in every locale; in a rebuild, those kept whole need no task), then every
    locale's index page and list, from the marks of every article (given, else as the first
    tasks found them). Also the articles kept whole."""
    from .outputs import kept_articles, render_articles, render_lists
    from .scope import assume_marks, chunks

    library = job.library
    kept = kept_articles(job, marks if marks is not None else {})
    tasks = chunks(tuple(s for s in library.articles if s not in kept), jobs)
    results = list(_parallel.run(functools.partial(render_articles, job), tasks, jobs))
    if marks is None:
        marks = {slug: mark for result in results for slug, mark in result.marks.items()}
    assume_marks(library, marks)  # the lists' workers fork with them: nothing planned again
    lists = functools.partial(render_lists, job)
    results += _parallel.run(lists, library.locales, min(jobs, len(library.locales)))
    return results, kept


def _current(
    job: Job, previous: Manifest, results: list[Result], kept: frozenset[str]
) -> tuple[Outputs, Links, list[str]]:
    """Every output and page link of this build but the singletons, and the names of the
    last build's outputs that this build had to produce again (stale unless it did). After
    a full build, ``results``; after a rebuild, the last build's, those of the articles
    ``kept`` whole carried over as they were (not an object made for each) and the rest
    replaced by ``results``."""
    from .outputs import article_folders, article_names

    if not kept:  # everything produced: sorted once
        links = Links.of({n: page for r in results for n, page in r.links})
        fresh = (w for result in results for w in result.outputs)
        return Outputs.of(fresh), links, list(previous.outputs)
    last, pages = previous.outputs, previous.links
    assert isinstance(last, Outputs) and isinstance(pages, Links)  # a manifest read back
    outputs, links = last.copy(), pages.copy()
    articles = article_folders(job)
    others: list[str] = []
    for folder, files in outputs.tree.items():
        if folder not in articles:  # the lists, singletons, sitemap: produced by every build
            prefix = f"{folder}/" if folder else ""
            others.extend(prefix + base for base in files.names)
    for slug in previous.marks.keys() - kept:  # rendered again, or no longer served
        others.extend(n for tag in previous.locales for n in article_names(job, slug, tag))
    for name in others:
        outputs.drop(name)
        links.drop(name)
    for result in results:
        for output in result.outputs:
            outputs.put(output)
        for name, page in result.links:
            links.put(name, page)
    return outputs, links, others


def build(options: BuildOptions) -> BuildReport:
    """Build (or bring up to date) ``options.out``."""
    out = options.out.resolve()
    settings = _settings(options)
    head = read_head(out)
    inputs = read_inputs(settings, head.inputs)
    code = code_digest()
    keyed = {"public_url": settings.public_url, "page_max_age": settings.page_max_age}
    if options.handouts:
        keyed["handouts"] = True
    same = head.code == code and dict(head.options) == keyed
    if same and same_content(head.inputs, inputs) and intact(out / SITE, head.tree):
        _write_conf(out, options.nginx, head.site)
        if head.inputs != inputs:  # touched, not changed: remember the new stamps
            replace(read_manifest(out, head), inputs=inputs).write(out)
        return BuildReport(head.count, 0, 0, head.problems, unchanged=True)
    from ..handout.config import read_handouts
    from .outputs import Job
    from .scope import Decision, changed_paths, decide

    previous = read_manifest(out, head)  # its head already read
    jobs = options.jobs or _parallel.cpus()
    trusted = carried(previous.proofs, previous.inputs, inputs) if same else None
    app = create_app(settings, known=trusted)  # what the last build proved of the catalogs
    library: Library = app.extensions["medloc"]
    site = out / SITE
    handouts = read_handouts(settings.root) if options.handouts else None
    decision = (
        decide(library, previous, changed_paths(previous.inputs, inputs), jobs)
        if same
        else Decision(None, None)
    )
    scope = decision.scope
    if scope is not None:  # an output no longer as the last build left it: rendered again
        scope = replace(scope, altered=altered(site, head.tree))
    job = Job(app, library, site, previous.outputs, handouts, scope)
    results, kept = _render(job, jobs, decision.marks)
    current, links, others = _current(job, previous, results, kept)
    known = previous.headers if same else {}  # the same code and options: the same headers
    before = previous.links if scope is not None else None
    singles, headers = _singletons(
        app, library, site, previous.outputs, results, known, links, before
    )
    for output in singles.outputs:
        current.put(output)
    removed = _remove_stale(site, others, current)
    problems = _problems(library, results)
    broken = (slug for slug in library.inputs.broken if library.unavailable(slug))
    unavailable = tuple(dict.fromkeys((*(s for r in results for s in r.unavailable), *broken)))
    marks = {slug: mark for result in results for slug, mark in result.marks.items()}
    manifest = Manifest(
        code, keyed, inputs, current, problems, headers, library.locales, unavailable,
        decision.marks if decision.marks is not None else marks, links,
        library.catalogs.proofs,
    )  # fmt: skip
    written = sum(len(r.rewritten) for r in results) + singles.count
    _write_conf(out, options.nginx, manifest.write(out).site)
    rendered = (*(n for r in results for n in r.rendered), *singles.rendered)
    return BuildReport(len(current), written, removed, problems, False, rendered)


@dataclass(frozen=True)
class _Singles:
    outputs: tuple[Written, ...]
    count: int
    rendered: tuple[str, ...]


def _get(app: Flask, url: str) -> tuple[int, bytes, dict[str, str]]:
    response = app.test_client().get(url)
    try:
        headers = {k: v for k, v in response.headers.items() if k in _RECORDED}
        return response.status_code, response.get_data(), headers
    finally:
        response.close()


def _singletons(
    app: Flask,
    library: Library,
    site: Path,
    previous: Mapping[str, Written],
    results: list[Result],
    known: Mapping[str, Mapping[str, str]],
    pages: Links,
    before: Mapping[str, PageLinks] | None = None,
) -> tuple[_Singles, dict[str, dict[str, str]]]:
    """The files answered by the app itself (404 pages, the stylesheet, the locales and the
    OpenAPI documents), the sitemap (its parts whose pages are as ``before`` kept), and the
    headers of each kind of file (those not ``known`` asked of the app for one file of the
    kind)."""
    from .outputs import Writer
    from .sitemap import sitemap_names, sitemaps

    writer = Writer(site, previous)
    rendered: list[str] = []
    headers: dict[str, dict[str, str]] = {}
    fixed = [layout.LOCALES_API, layout.OPENAPI, layout.CSS]
    for output in (*fixed, *(layout.not_found(tag) for tag in library.locales)):
        _status, body, sent = _get(app, output.url)
        writer.emit(output.name, body)
        rendered.append(output.name)
        headers.setdefault(output.kind, sent)
    samples = _samples(library, results)
    for output in samples:
        found = known.get(output.kind)
        headers[output.kind] = dict(found) if found else _get(app, output.url)[2]
    names = sitemap_names(len(pages))
    if isinstance(before, Links) and pages.same(before) and all(map(writer.unchanged, names)):
        for name in names:  # the same pages and links: every part as the last build left it
            writer.keep(name)
    else:
        old = before.values() if before is not None else ()
        for name, part in sitemaps(
            list(pages.values()), library.settings.public_url, old, writer.keep
        ):
            if part is not None:  # else kept as the last build left it
                writer.emit(name, part)
                rendered.append(name)
    cache = headers.get("index", {}).get("Cache-Control", "no-cache")
    headers["sitemap"] = {"Content-Type": SITEMAP_TYPE, "Cache-Control": cache}
    outputs = writer.commit()
    return _Singles(outputs, len(writer.written), tuple(rendered)), headers


def _samples(library: Library, results: list[Result]) -> list[layout.Output]:
    """One URL of each kind rendered by the workers, to ask the app for its headers."""
    names = {w.name for result in results for w in result.outputs}
    tag = library.default
    found = [layout.index(tag), layout.api_list(tag)]
    for slug in library.articles:
        page = layout.article(tag, slug)
        if page.name in names:
            found += [page, layout.api_article(slug, tag)]
            handout = layout.handout(tag, slug)
            if handout.name in names:
                found.append(handout)
            break
    return found


def _remove_stale(site: Path, before: Iterable[str], now: Mapping[str, Written]) -> int:
    """Remove the outputs ``before`` that are not ``now``."""
    removed = 0
    for name in (name for name in before if name not in now):
        for suffix in ("", ".gz", ".br"):
            (site / (name + suffix)).unlink(missing_ok=True)
        removed += 1
    return removed


def _problems(library: Library, results: list[Result]) -> tuple[str, ...]:
    found = dict.fromkeys(str(p) for p in library.problems)
    for result in results:
        found.update(dict.fromkeys(result.problems))
    return tuple(found)


def _write_conf(out: Path, options: NginxOptions, site: Site) -> None:
    text = nginx_conf(options, site).encode("utf-8")
    path = out / CONF
    if not path.is_file() or path.read_bytes() != text:
        write_atomic(path, text)
    for folder in ("run", "logs", "tmp"):
        (out / folder).mkdir(parents=True, exist_ok=True)
