"""``medloc update`` against a model: random edits of a small project, checked after every update.

A hypothesis ``RuleBasedStateMachine`` keeps one short article (three sections, one of them
``role=risks``) and two locales in a temporary folder. Every step changes the article (edits
a paragraph, deletes one, restores an earlier version, inserts a duplicate, moves one to the
next section, renames a section id or renames it back) or plays the translator (fills
untranslated entries, reviews fuzzy ones: a new msgstr, no ``fuzzy`` flag, no ``#|`` lines),
then runs the real ``extract`` + ``update`` (:class:`medloc.project.Project`) and checks:

* no msgstr ever written is gone: each is in the catalog, active or obsolete;
* a message whose (msgctxt, msgid) had a settled translation (translated, not fuzzy) is,
  when it is in the template, active, not fuzzy and has exactly that translation;
* every (msgctxt, msgid) is in the file once (``msgfmt`` rejects an obsolete twin), and
  ``msgfmt -c`` accepts the catalog (when GNU gettext is installed);
* a second update changes nothing: the files are byte-identical.

Profiles, chosen with the environment variable ``MEDLOC_HYPOTHESIS_PROFILE``:

* ``ci`` (the default): 30 examples of up to 25 steps, derandomized (the same examples on
  every run) and without an example database: about 540 updates checked (a step that finds
  nothing to change is skipped), 15-25 s on two cores.
* ``release``: 200 examples of up to 50 steps, random (a new sample on each run): about
  7,800 updates checked, 2.5 minutes on two cores. For release checks:
  ``MEDLOC_HYPOTHESIS_PROFILE=release pytest tests/catalog/test_merge_stateful.py``

Against the merge before issue #10 the ``ci`` profile fails within its first examples
(a translation reviewed after a move is gone; a paragraph moved back comes back
untranslated; a second update after a rename and a delete changes the catalog).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import polib
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from medloc import catalog as catalogs
from medloc.project import Project, write_atomic

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("es", "fr")
WORDS = [
    "heat",
    "nerve",
    "pain",
    "probe",
    "numb",
    "skin",
    "days",
    "weeks",
    "relief",
    "root",
    "spine",
    "leg",
    "back",
    "the",
    "a",
    "of",
]
MAX_PARAGRAPHS = 4
MSGFMT = shutil.which("msgfmt")

PROFILES = {
    "ci": settings(
        max_examples=30,
        stateful_step_count=25,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ),
    "release": settings(
        max_examples=200,
        stateful_step_count=50,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ),
}
PROFILE = PROFILES[os.environ.get("MEDLOC_HYPOTHESIS_PROFILE", "ci")]

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Section:
    """One ``##`` section of the article: its heading, current id, ids so far, paragraphs."""

    heading: str
    ident: str
    ids: tuple[str, ...]
    paragraphs: tuple[str, ...]
    role: str | None = None


FRONT = (
    '+++\nslug = "a"\ntitle = "An article"\nsummary = "A short summary."\n'
    'language = "en"\nlast_reviewed = 2026-01-01\n+++\n'
)


def render(sections: tuple[Section, ...]) -> str:
    parts = [FRONT]
    for section in sections:
        role = f" role={section.role}" if section.role else ""
        parts.append(f"## {section.heading} {{#{section.ident}{role}}}\n")
        parts.extend(f"{paragraph}\n" for paragraph in section.paragraphs)
    return "\n".join(parts)


def sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def initial_sections() -> tuple[Section, ...]:
    def paragraphs(seed: int) -> tuple[str, ...]:
        return tuple(
            sentence([WORDS[(seed + i * 3 + j) % len(WORDS)] for j in range(6)]) for i in range(2)
        )

    return (
        Section("Part one", "one", ("one",), paragraphs(0)),
        Section("Risks", "risks", ("risks",), paragraphs(5), role="risks"),
        Section("Part three", "three", ("three",), paragraphs(9)),
    )


def make_project(root: Path) -> Project:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "service").mkdir()
    (root / "service" / "ui.py").write_text('_("Hello")\n', encoding="utf-8")
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    (root / "content" / "articles" / "a.md").write_text(
        render(initial_sections()), encoding="utf-8"
    )
    project = Project(root)
    for domain in ("articles", "messages"):
        project.save_template(domain, project.extract(domain))
    for locale in LOCALES:
        project.init(locale)
    return project


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in (root / "locales").rglob("*.po*")}


class MergeMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.mkdtemp(prefix="medloc-merge-")
        self.project = make_project(Path(self.tmp))
        self.sections = initial_sections()
        self.versions: list[tuple[int, str]] = [
            (i, p) for i, s in enumerate(self.sections) for p in s.paragraphs
        ]
        self.counter = 0
        self.written: dict[str, set[str]] = {locale: set() for locale in LOCALES}
        self.settled: dict[str, dict[Key, str]] = {locale: {} for locale in LOCALES}

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- the project ---------------------------------------------------------------------

    def path(self, locale: str) -> Path:
        return self.project.po_path(locale, "articles")

    def catalog(self, locale: str) -> polib.POFile:
        return self.project.read_catalog(self.path(locale))

    def update(self) -> None:
        self.project.save_template("articles", self.project.extract("articles"))
        for _path, _changed in self.project.update():
            pass

    def set_sections(self, sections: tuple[Section, ...]) -> None:
        self.sections = sections
        for index, section in enumerate(sections):
            self.versions.extend((index, p) for p in section.paragraphs)
        article = Path(self.tmp) / "content" / "articles" / "a.md"
        article.write_text(render(sections), encoding="utf-8")
        self.update_and_check()

    def with_paragraphs(self, index: int, paragraphs: list[str]) -> tuple[Section, ...]:
        sections = list(self.sections)
        sections[index] = replace(sections[index], paragraphs=tuple(paragraphs))
        return tuple(sections)

    # -- the translator ------------------------------------------------------------------

    def translate(self, locale: str, count: int, *, review: bool) -> None:
        po = self.catalog(locale)
        todo = [
            e
            for e in po
            if not e.obsolete and (e.fuzzy if review else not e.msgstr and not e.fuzzy)
        ]
        for entry in todo[:count]:
            self.counter += 1
            entry.msgstr = f"T{self.counter} [{locale}] {entry.msgid[:12]}"
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = entry.previous_msgctxt = None
            self.written[locale].add(entry.msgstr)
            self.settled[locale][(entry.msgctxt, entry.msgid)] = entry.msgstr
        write_atomic(self.path(locale), catalogs.po_text(po).encode("utf-8"))
        self.update_and_check()

    @initialize()
    def translate_everything(self) -> None:
        for locale in LOCALES:
            self.translate(locale, 10**6, review=False)

    @rule(locale=st.sampled_from(LOCALES), count=st.integers(1, 4))
    def fill(self, locale: str, count: int) -> None:
        self.translate(locale, count, review=False)

    @rule(locale=st.sampled_from(LOCALES), count=st.integers(1, 4))
    def review(self, locale: str, count: int) -> None:
        self.translate(locale, count, review=True)

    # -- the author ----------------------------------------------------------------------

    @rule(
        s=st.integers(0, 2),
        p=st.integers(0, 9),
        word=st.sampled_from(WORDS),
        at=st.integers(0, 9),
        append=st.booleans(),
    )
    def change(self, s: int, p: int, word: str, at: int, append: bool) -> None:
        paragraphs = list(self.sections[s].paragraphs)
        if not paragraphs:
            return
        words = paragraphs[p % len(paragraphs)].rstrip(".").lower().split(" ")
        if append:
            words.append(word)
        else:
            words[at % len(words)] = word
        paragraphs[p % len(paragraphs)] = sentence(words)
        self.set_sections(self.with_paragraphs(s, paragraphs))

    @rule(s=st.integers(0, 2), p=st.integers(0, 9))
    def delete(self, s: int, p: int) -> None:
        paragraphs = list(self.sections[s].paragraphs)
        if paragraphs:
            del paragraphs[p % len(paragraphs)]
            self.set_sections(self.with_paragraphs(s, paragraphs))

    @rule(version=st.integers(0, 10**6), p=st.integers(0, 9))
    def restore(self, version: int, p: int) -> None:
        """An earlier text back in the section it was in: instead of paragraph ``p``."""
        s, text = self.versions[version % len(self.versions)]
        paragraphs = list(self.sections[s].paragraphs)
        if paragraphs and (len(paragraphs) >= MAX_PARAGRAPHS or p % 2):
            paragraphs[p % len(paragraphs)] = text
        else:
            paragraphs.insert(p % (len(paragraphs) + 1), text)
        self.set_sections(self.with_paragraphs(s, paragraphs))

    @rule(s=st.integers(0, 2), p=st.integers(0, 9), to=st.integers(0, 2))
    def duplicate(self, s: int, p: int, to: int) -> None:
        source = self.sections[s].paragraphs
        target = list(self.sections[to].paragraphs)
        if source and len(target) < MAX_PARAGRAPHS:
            target.append(source[p % len(source)])
            self.set_sections(self.with_paragraphs(to, target))

    @rule(s=st.integers(0, 2), p=st.integers(0, 9))
    def move_to_next_section(self, s: int, p: int) -> None:
        source = list(self.sections[s].paragraphs)
        to = (s + 1) % len(self.sections)
        if not source:
            return
        moved = source.pop(p % len(source))
        sections = list(self.with_paragraphs(s, source))
        sections[to] = replace(sections[to], paragraphs=(moved, *sections[to].paragraphs))
        self.set_sections(tuple(sections))

    @rule(s=st.integers(0, 2), back=st.integers(0, 10))
    def rename_section(self, s: int, back: int) -> None:
        """A new id for section ``s``, or one of its earlier ids (a rename reverted)."""
        section = self.sections[s]
        earlier = [i for i in section.ids if i != section.ident]
        if earlier and back % 3:
            ident = earlier[back % len(earlier)]
        else:
            ident = f"{section.ids[0]}-{len(section.ids)}"
        ids = section.ids if ident in section.ids else (*section.ids, ident)
        sections = list(self.sections)
        sections[s] = replace(section, ident=ident, ids=ids)
        self.set_sections(tuple(sections))

    # -- the checks ----------------------------------------------------------------------

    def update_and_check(self) -> None:
        self.update()
        first = snapshot(Path(self.tmp))
        for locale in LOCALES:
            self.check_catalog(locale)
        self.update()
        assert snapshot(Path(self.tmp)) == first, "a second update changed the catalogs"

    def check_catalog(self, locale: str) -> None:
        if MSGFMT:
            done = subprocess.run(
                [MSGFMT, "-c", "-o", os.devnull, str(self.path(locale))], capture_output=True
            )
            assert done.returncode == 0, done.stderr.decode()
        po = self.catalog(locale)
        keys = Counter((e.msgctxt, e.msgid) for e in po)
        twice = [key for key, count in keys.items() if count > 1]
        assert not twice, f"{locale}: in the file twice: {twice}"
        present = {e.msgstr for e in po if e.msgstr}
        lost = self.written[locale] - present
        assert not lost, f"{locale}: translations gone: {sorted(lost)}"
        settled = self.settled[locale]
        for entry in po:
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or key not in settled:
                continue
            assert not entry.fuzzy and entry.msgstr == settled[key], (
                f"{locale}: returned text not restored: {key} is "
                f"{'fuzzy ' if entry.fuzzy else ''}{entry.msgstr!r}, was {settled[key]!r}"
            )
        for entry in po:
            if not entry.obsolete and entry.msgstr and not entry.fuzzy:
                settled[(entry.msgctxt, entry.msgid)] = entry.msgstr

    @invariant()
    def article_is_current(self) -> None:
        article = Path(self.tmp) / "content" / "articles" / "a.md"
        assert article.read_text(encoding="utf-8") == render(self.sections)


MergeMachine.TestCase.settings = PROFILE
test_update_against_the_model = MergeMachine.TestCase
