"""Synthetic corpora: N articles in medloc's format, translated into M locales.

A corpus is a medloc project folder (``content/``, ``locales/``, ``babel.cfg`` and a
``service`` link to this repository's UI sources, so that the UI domain is the real one).
Articles look like the real ones: front matter, ``##`` sections with ``{#id}``, one
``{#risks role=risks}`` section, an FAQ with ``###`` questions, lists, a table, links to
other articles, about 50 messages of about 15 words each.

The catalogs are made with medloc's own code (extract, ``init_catalog``) from a first
version of the articles and filled with pseudo-translations that are right where the gate reads
meaning (:mod:`bench.translate`: quantities, negations and full stops in each locale's forms); a
fraction of the messages is left untranslated and a fraction fuzzy (never in a safety
section, as a clinic would publish). The articles are then edited slightly (a word changed
in a fraction of paragraphs), so that ``extract`` and ``update`` have real work to do: the
state of a project whose writers moved on since the translators' last update.

Every locale's catalog holds the same translations but for those forms; the body is written
once, localized by one pass over its markers and spliced under each locale's header, which keeps
the largest corpus quick to build.

``python -m bench.corpus --articles 50 --locales 6 OUT`` writes one.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from medloc import catalog as catalogs
from medloc.comments import role_of
from medloc.project import Project, write_atomic

from .translate import localize, translate

__all__ = [
    "LOCALES",
    "CorpusInfo",
    "CorpusSpec",
    "article_lines",
    "build",
    "clone",
    "subset",
]

REPO = Path(__file__).resolve().parent.parent
LOCALES = (
    "es", "fr", "de", "ar", "zh_Hans", "pt_BR", "it", "nl", "pl", "sv",
    "ru", "uk", "tr", "ja", "ko", "hi", "he", "el", "cs", "ro",
)  # fmt: skip
"""The first six are the project's own locales; twenty in all."""

_DATE = "2026-01-01 00:00+0000"
_STAMP = ".bench-corpus"

# --------------------------------------------------------------------------- words

_NOUNS = (
    "pain", "nerve", "joint", "spine", "back", "neck", "procedure", "treatment", "doctor",
    "patient", "clinic", "therapy", "needle", "probe", "image", "scan", "heat", "signal", "fiber",
    "muscle", "tissue", "recovery", "session", "week", "month", "dose", "medicine", "injection",
    "infection", "numbness", "weakness", "relief", "result", "risk", "benefit", "option",
    "surgeon", "nurse", "appointment", "question", "answer", "exercise", "movement", "posture",
    "sleep", "activity", "skin", "area", "side", "leg", "arm", "hip", "shoulder", "knee", "face",
    "head", "condition", "symptom", "cause", "test", "anesthesia", "sedation", "bandage", "wound",
    "follow-up", "plan", "goal", "choice", "decision", "family",
)  # fmt: skip
_VERBS = (
    "reduces", "eases", "blocks", "targets", "treats", "helps", "supports", "protects", "improves",
    "changes", "affects", "numbs", "relieves", "controls", "measures", "checks", "guides",
    "lowers", "prevents", "shows", "explains", "describes", "suits", "follows", "replaces",
    "needs",
)  # fmt: skip
_ADJECTIVES = (
    "chronic", "mild", "severe", "local", "minimal", "careful", "common", "rare", "small", "thin",
    "precise", "temporary", "lasting", "gentle", "usual", "typical", "specific", "damaged",
    "painful", "healthy", "normal", "short", "long", "daily", "regular", "safe", "effective",
)  # fmt: skip
_ADVERBS = (
    "often", "usually", "sometimes", "rarely", "slowly", "quickly", "carefully", "gently",
    "mostly",
)  # fmt: skip
_CONNECTORS = ("and", "but", "so", "because", "while", "although", "when")
_TOPICS = (
    "rhizotomy", "ablation", "block", "denervation", "stimulation", "injection", "decompression",
    "fusion", "therapy", "neurotomy",
)  # fmt: skip
_AREAS = (
    "lumbar", "cervical", "thoracic", "sacral", "facet", "trigeminal", "knee", "hip", "shoulder",
    "genicular",
)  # fmt: skip

_SECTIONS = (
    ("what-is-it", "What is {topic}?"),
    ("procedure", "How the procedure works"),
    ("conditions", "Conditions it can treat"),
    ("comparison", "How it compares with other options"),
    ("recovery", "Recovery and aftercare"),
)


def _sentence(rng: random.Random, words: int) -> str:
    """A plain sentence of whole clauses, about ``words`` words, ending with a full stop."""
    parts: list[str] = []
    while not parts or len(parts) + 4 <= words:
        if parts:
            parts.append(rng.choice(_CONNECTORS))
        parts += ["the", rng.choice(_ADJECTIVES), rng.choice(_NOUNS), rng.choice(_ADVERBS)]
        parts += [rng.choice(_VERBS), "the", rng.choice(_NOUNS)]
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _prose(rng: random.Random, words: int, *, slugs: Sequence[str] = ()) -> str:
    """One message of prose: sentences, sometimes a number, bold text or a link."""
    sentences: list[str] = []
    left = words
    while left > 0:
        size = min(left, rng.randint(10, 16))
        sentences.append(_sentence(rng, max(size, 4)))
        left -= size
    roll = rng.random()
    if roll < 0.15:
        sentences.insert(
            rng.randrange(len(sentences) + 1),
            f"Relief lasts {rng.randint(3, 12)} to {rng.randint(13, 24)} months.",
        )
    elif roll < 0.30:
        index = rng.randrange(len(sentences))
        words_of = sentences[index].rstrip(".").split(" ")
        cut = rng.randrange(1, len(words_of))
        words_of[cut] = f"**{words_of[cut]}**"
        sentences[index] = " ".join(words_of) + "."
    elif roll < 0.40 and slugs:
        target = rng.choice(slugs)
        sentences.append(f"See [{target.replace('-', ' ')}]({target}).")
    return " ".join(sentences)


def article_lines(index: int, slugs: Sequence[str], seed: int = 6) -> tuple[str, list[str]]:
    """(slug, the article's lines) for article ``index`` of a corpus whose slugs are ``slugs``."""
    rng = random.Random(f"{seed}:{index}")
    topic = f"{rng.choice(_AREAS)} {rng.choice(_TOPICS)}"
    slug = slugs[index]
    others = [s for s in (slugs[index - 1], slugs[(index + 1) % len(slugs)]) if s != slug]
    lines = [
        "+++",
        f'slug = "{slug}"',
        f'title = "{topic.capitalize()} for {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"',
        f'summary = "{_prose(rng, 24)}"',
        'language = "en"',
        f"last_reviewed = 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "+++",
        "",
    ]

    def heading(section_id: str, text: str, role: str | None = None) -> None:
        attrs = f"#{section_id}" + (f" role={role}" if role else "")
        lines.extend([f"## {text} {{{attrs}}}", ""])

    def paragraph(words: int) -> None:
        lines.extend([_prose(rng, words * 5 // 4, slugs=others), ""])

    def bullets(count: int, words: int) -> None:
        lines.extend(f"- {_prose(rng, words * 5 // 4)}" for _ in range(count))
        lines.append("")

    (what_id, what), (proc_id, proc), (cond_id, cond), (cmp_id, cmp_), (rec_id, rec) = _SECTIONS
    heading(what_id, what.format(topic=topic))
    paragraph(30)
    paragraph(24)
    heading(proc_id, proc)
    bullets(4, 14)
    paragraph(22)
    heading(cond_id, cond)
    paragraph(16)
    bullets(3, 10)
    paragraph(20)
    heading(cmp_id, cmp_)
    paragraph(18)
    lines.append("| Option | Recovery | Relief |")
    lines.append("| --- | --- | --- |")
    for _ in range(3):
        lines.append(
            f"| {rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} "
            f"| {rng.randint(1, 6)} {rng.choice(['days', 'weeks'])} "
            f"| {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} |"
        )
    lines.append("")
    heading(rec_id, rec)
    paragraph(26)
    paragraph(22)
    paragraph(20)
    paragraph(18)
    heading("faq", "Questions people ask", "faq")
    for number in range(3):
        question = _sentence(rng, 8).rstrip(".") + "?"
        lines.extend([f"### {question} {{#question-{number + 1}}}", ""])
        paragraph(24)
    heading("risks", "Risks and side effects", "risks")
    bullets(3, 16)
    paragraph(28)
    return slug, lines


_EDITABLE = re.compile(r"^(?:- )?[A-Z][^|#]*\.$")


def _edit(lines: list[str], rng: random.Random, fraction: float) -> list[str]:
    """Change one word in a fraction of the prose lines (paragraphs and list items)."""
    edited = list(lines)
    for number, line in enumerate(lines):
        plain = _EDITABLE.match(line) and "**" not in line and "](" not in line
        if plain and rng.random() < fraction:
            words = line.split(" ")
            spot = rng.randrange(1, len(words) - 1)
            words[spot] = rng.choice(_ADJECTIVES)
            edited[number] = " ".join(words)
    return edited


_DISCLAIMER = """+++
slug = "disclaimer"
language = "en"
+++

## Medical disclaimer {#disclaimer role=disclaimer}

This article is for general information only. It does not replace professional medical \
advice, diagnosis or treatment. Talk to a healthcare provider for advice about any medical \
procedure.
"""

# ----------------------------------------------------------------------- the project


@dataclass(frozen=True)
class CorpusSpec:
    articles: int
    locales: int
    untranslated: float = 0.10
    """Fraction of each locale's article messages left untranslated."""
    fuzzy: float = 0.05
    """Fraction of each locale's article messages marked fuzzy."""
    edits: float = 0.02
    """Fraction of prose messages changed in the source after translation."""
    seed: int = 6

    @property
    def name(self) -> str:
        return f"n{self.articles}-m{self.locales}"

    def stamp(self) -> str:
        return (
            f"{self.articles} {self.locales} {self.untranslated} {self.fuzzy} {self.edits} "
            f"{self.seed} v2\n"
        )


@dataclass(frozen=True)
class CorpusInfo:
    root: Path
    spec: CorpusSpec
    messages: int
    """Messages per locale in the articles domain (the committed template)."""
    locales: tuple[str, ...]


def _slugs(count: int, seed: int) -> list[str]:
    rng = random.Random(f"{seed}:slugs")
    return [f"{rng.choice(_AREAS)}-{rng.choice(_TOPICS)}-{i:05d}" for i in range(count)]


def write_articles(root: Path, count: int, *, seed: int = 6, edits: float = 0.0) -> list[str]:
    """Write ``content/`` (``count`` articles and the disclaimer); returns the slugs."""
    folder = root / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    slugs = _slugs(count, seed)
    for index in range(count):
        slug, lines = article_lines(index, slugs, seed)
        if edits:
            lines = _edit(lines, random.Random(f"{seed}:edit:{index}"), edits)
        (folder / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
    (root / "content" / "disclaimer.md").write_text(_DISCLAIMER, encoding="utf-8")
    return slugs


def _fill(po: polib.POFile, spec: CorpusSpec, *, ui: bool) -> None:
    """Translate every entry, then leave a fraction untranslated and a fraction fuzzy."""
    entries = [e for e in po if not e.obsolete]
    for entry in entries:
        if entry.msgid_plural:
            entry.msgstr_plural = {
                i: translate(entry.msgid if i == 0 else entry.msgid_plural)
                for i in entry.msgstr_plural
            }
        else:
            entry.msgstr = translate(entry.msgid)
    if ui:
        return
    rng = random.Random(f"{spec.seed}:fill")
    pool = [e for e in entries if role_of(e.comment) is None and not e.msgid_plural]
    wanted_untranslated = round(spec.untranslated * len(entries))
    wanted_fuzzy = round(spec.fuzzy * len(entries))
    chosen = rng.sample(pool, min(len(pool), wanted_untranslated + wanted_fuzzy))
    for entry in chosen[:wanted_untranslated]:
        entry.msgstr = ""
    for entry in chosen[wanted_untranslated:]:
        entry.flags.append("fuzzy")
        words = entry.msgid.split(" ")
        entry.previous_msgid = " ".join(words[:-2] + words[-1:]) if len(words) > 2 else "Old."


def _split_header(text: str) -> tuple[str, str]:
    head, _, body = text.partition("\n\n")
    return head, body


def _catalog_texts(
    project: Project, spec: CorpusSpec, locales: Sequence[str]
) -> dict[str, dict[str, str]]:
    """domain -> locale -> the .po text. One locale is filled; the others get its body."""
    result: dict[str, dict[str, str]] = {}
    for domain in ("articles", "messages"):
        pot = project.read_catalog(project.pot_path(domain))
        base = catalogs.init_catalog(pot, locales[0], revision_date=_DATE)
        _fill(base, spec, ui=domain == "messages")
        _head, body = _split_header(catalogs.po_text(base))
        empty = polib.POFile(wrapwidth=catalogs.WRAP_WIDTH)
        empty.metadata = dict(pot.metadata)
        texts: dict[str, str] = {}
        for locale in locales:
            header = catalogs.po_text(catalogs.init_catalog(empty, locale, revision_date=_DATE))
            texts[locale] = (
                header.rstrip("\n") + "\n\n" + localize(body, locale) if body else header
            )
        result[domain] = texts
    return result


def build(root: Path, spec: CorpusSpec) -> CorpusInfo:
    """Write the corpus ``spec`` into ``root`` (reused when ``root`` holds it already)."""
    root = Path(root)
    locales = LOCALES[: spec.locales]
    stamp = root / _STAMP
    if stamp.is_file() and stamp.read_text() == spec.stamp():
        return _info(root, spec, locales)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    (root / "service").symlink_to(REPO / "service", target_is_directory=True)
    write_articles(root, spec.articles, seed=spec.seed)
    project = Project(root)
    for domain in ("articles", "messages"):
        project.save_template(domain, project.extract(domain))
    for domain, texts in _catalog_texts(project, spec, locales).items():
        for locale, text in texts.items():
            write_atomic(project.po_path(locale, domain), text.encode("utf-8"))
    if spec.edits:
        write_articles(root, spec.articles, seed=spec.seed, edits=spec.edits)
    stamp.write_text(spec.stamp())
    return _info(root, spec, locales)


def _info(root: Path, spec: CorpusSpec, locales: Sequence[str]) -> CorpusInfo:
    pot = root / "locales" / "articles.pot"
    messages = pot.read_text(encoding="utf-8").count("\nmsgid ") - 1  # minus the header
    return CorpusInfo(root, spec, messages, tuple(locales))


def clone(source: Path, target: Path, locales: Sequence[str] | None = None) -> Path:
    """A copy of a corpus made of hard links (files are replaced, never written in place, by
    medloc and pybabel), with only ``locales`` if given."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in os.listdir(source):
        if name in ("locales", _STAMP):
            continue
        src = source / name
        if src.is_symlink():
            (target / name).symlink_to(os.readlink(src))
        elif src.is_dir():
            shutil.copytree(src, target / name, copy_function=os.link)
        else:
            os.link(src, target / name)
    (target / "locales").mkdir()
    for name in os.listdir(source / "locales"):
        src = source / "locales" / name
        if src.is_dir():
            if locales is None or name in locales:
                shutil.copytree(src, target / "locales" / name, copy_function=os.link)
        else:
            os.link(src, target / "locales" / name)
    return target


def subset(source: CorpusInfo, target: Path, locales: int) -> CorpusInfo:
    """The corpus with its first ``locales`` locales only (hard links, made once)."""
    spec = CorpusSpec(
        source.spec.articles,
        locales,
        source.spec.untranslated,
        source.spec.fuzzy,
        source.spec.edits,
        source.spec.seed,
    )
    stamp = target / _STAMP
    if not (stamp.is_file() and stamp.read_text() == spec.stamp()):
        clone(source.root, target, source.locales[:locales])
        stamp.write_text(spec.stamp())
    return _info(target, spec, source.locales[:locales])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--locales", type=int, default=6, choices=range(1, len(LOCALES) + 1))
    parser.add_argument("--untranslated", type=float, default=0.10)
    parser.add_argument("--fuzzy", type=float, default=0.05)
    parser.add_argument("--edits", type=float, default=0.02)
    args = parser.parse_args(argv)
    info = build(
        args.out,
        CorpusSpec(args.articles, args.locales, args.untranslated, args.fuzzy, args.edits),
    )
    print(f"{info.root}: {args.articles} articles, {info.messages} messages x {info.locales}")


if __name__ == "__main__":
    main()
