"""The one check runner, and the gate's fast paths that give exactly what the slow ones give.

* the runner with the checks' preconditions against the runner without them, on the real
  catalogs, on many defects seeded into them and on generated texts;
* source analyses remembered for a run (`remember_sources`) against fresh ones;
* `run_gate` with forked workers against one process;
* extraction without the inline parse against the full parse.
"""

# ruff: noqa: RUF001  (look-alike characters are the point of some seeded defects)

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from medloc import catalog as catalogs
from medloc.qa import Entry, Finding, check_entry, check_po, entry_from_po
from medloc.qa._memo import SourceMemo, remember_sources
from medloc.qa.gate import format_json, run_gate
from medloc.source.content import load_content
from medloc.source.extract import parse_article_body
from medloc.source.markdown import article_parser, block_parser, parse_document

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
SPEC = ROOT / "tests" / "data" / "commonmark-spec.json"  # see tests/data/README.md

Mutation = Callable[[str, str], str]

# (source, translation) -> a new translation: each can set off one check or more.
MUTATIONS: dict[str, Mutation] = {
    "as is": lambda s, t: t,
    "the source": lambda s, t: s,
    "the source, padded": lambda s, t: f"  {s} ",
    "blank": lambda s, t: "",
    "spaces": lambda s, t: "   ",
    "no digits": lambda s, t: "".join(c for c in t if not c.isdigit()),
    "a number more": lambda s, t: t + " 42",
    "decimal comma": lambda s, t: t.replace(".", ",") + " 0.5",
    "a range": lambda s, t: t + " 60–80 %",
    "spelled": lambda s, t: t + " two dos deux zwei اثنان 两",
    "native digits": lambda s, t: t.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    "html": lambda s, t: t + " <b>bold</b>",
    "comment": lambda s, t: "<!-- x --> " + t,
    "script link": lambda s, t: t + " [x](javascript:alert(1))",
    "autolink": lambda s, t: t + " <data:text/html,x>",
    "bidi": lambda s, t: t + "\u202e",
    "zero width": lambda s, t: t[:3] + "\u200b" + t[3:],
    "damaged": lambda s, t: t + "\ufffd",
    "rtl mark": lambda s, t: "\u200f" + t,
    "a star": lambda s, t: t + " *",
    "strong": lambda s, t: "**" + t + "**",
    "no stars": lambda s, t: t.replace("*", ""),
    "no backticks": lambda s, t: t.replace("`", ""),
    "code": lambda s, t: t + " `x`",
    "target": lambda s, t: t.replace("](", "](x-"),
    "hard break": lambda s, t: t + "  \nmore",
    "image": lambda s, t: t + " ![a](b.png)",
    "twice": lambda s, t: t + " " + t,
    "cut": lambda s, t: t[:5],
    "a sentence more": lambda s, t: t + " Extra sentence. Another one!",
    "no full stops": lambda s, t: t.replace(".", "").replace("。", ""),
    "no negation": lambda s, t: " ".join(
        w for w in t.split() if w.lower() not in {"no", "not", "ne", "pas", "nicht", "não", "لا"}
    ),
    "placeholder dropped": lambda s, t: t.replace("%(", "(").replace("{", "("),
    "placeholder added": lambda s, t: t + " %(extra)s {other} %d",
    "entity": lambda s, t: t + " &amp; &#106;avascript:x",
}

IGNORES = (
    "",
    "medloc-ignore: same-as-source it is a drug name",
    "medloc-ignore: numbers the source says a dozen\nmedloc-ignore: length fine",
    "medloc-ignore: safety-incomplete nope",
    "medloc-ignore: no-such-code reason",
    "medloc-ignore: markdown",
    "a plain translator comment",
)


def _entries(path: Path) -> list[polib.POEntry]:
    return list(catalogs.parse_po(path.read_text(encoding="utf-8"), path=str(path)))


def _where(path: Path) -> tuple[str, str]:
    return path.parent.parent.name, path.stem


def _reference(entry: polib.POEntry, locale: str, domain: str, path: str) -> list[Finding]:
    """Every check on the entry, none skipped by its precondition."""
    built = entry_from_po(entry, locale=locale, domain=domain, path=path)
    return check_entry(built, preconditions=False)


def _quick(entry: polib.POEntry, locale: str, domain: str, path: str) -> list[Finding]:
    return check_entry(entry_from_po(entry, locale=locale, domain=domain, path=path))


def _variants(entry: polib.POEntry, index: int, every: int = 1) -> Iterator[polib.POEntry]:
    """The entry with each mutation of its translation (every ``every``-th one), and with
    flags, roles, translator comments and plural forms changed in turn (chosen by ``index``,
    so that a catalog sees every combination without multiplying them all)."""
    source = entry.msgid
    text = entry.msgstr or entry.msgid
    for number, mutate in enumerate(MUTATIONS.values()):
        if (index + number) % every:
            continue
        variant = copy.copy(entry)
        variant.flags = list(entry.flags)
        variant.msgstr = mutate(source, text)
        turn = index + number
        if turn % 5 == 0:
            variant.flags = [*variant.flags, "fuzzy"]
        if turn % 7 == 0:
            variant.comment = (entry.comment or "") + "\nrole: risks (safety-critical)"
        elif turn % 11 == 0:
            variant.comment = "role: disclaimer (safety-critical)"
        elif turn % 13 == 0:
            variant.comment = ""
        variant.tcomment = IGNORES[turn % len(IGNORES)]
        yield variant
        if turn % 3 == 0:
            plural = copy.copy(variant)
            plural.msgid_plural = source + " (many)"
            plural.msgstr = ""
            plural.msgstr_plural = {0: variant.msgstr, 1: mutate(source, text + " 2")}
            yield plural


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(_where(p)))
def test_preconditions_change_nothing_on_the_real_catalogs(path: Path) -> None:
    locale, domain = _where(path)
    entries = [e for e in _entries(path) if not e.obsolete and e.msgid]
    expected = [f for e in entries for f in _reference(e, locale, domain, "x.po")]
    slow, _ = check_po(
        _entries(path), locale=locale, domain=domain, path="x.po", preconditions=False
    )
    assert slow == expected
    with remember_sources():
        found, count = check_po(_entries(path), locale=locale, domain=domain, path="x.po")
    assert found == expected
    assert count == len(entries)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(_where(p)))
def test_preconditions_change_nothing_on_seeded_defects(path: Path) -> None:
    locale, domain = _where(path)
    variants = [v for i, e in enumerate(_entries(path)) if e.msgid for v in _variants(e, i, 12)]
    expected = [_reference(v, locale, domain, "x.po") for v in variants]
    assert {f.code for fs in expected for f in fs} >= {"numbers", "unsafe", "length"}
    # once as the service would (bounded memory), once as the gate does (a run's memory)
    assert [_quick(v, locale, domain, "x.po") for v in variants] == expected
    with remember_sources():
        for _ in range(2):  # the second time every source is known already
            assert [_quick(v, locale, domain, "x.po") for v in variants] == expected


def test_seeded_defects_set_off_every_entry_check() -> None:
    codes: set[str] = set()
    for path in CATALOGS:
        locale, domain = _where(path)
        if locale not in ("es", "ar"):
            continue
        for i, entry in enumerate(_entries(path)):
            for variant in _variants(entry, i, 2):
                codes |= {f.code for f in _quick(variant, locale, domain, "")}
    assert codes >= {
        "safety-incomplete", "numbers", "markdown", "unsafe", "placeholders", "same-as-source",
        "length", "sentences", "negation", "bad-ignore",
    }  # fmt: skip


_TOKENS = [*"ab 1.,:<>*_`[]()%{}sd\n\\", "0.5", "80 %", "٨", "\u202e", "no", "  \n", "%(n)s"]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=16).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    source=_TEXT,
    text=_TEXT,
    locale=st.sampled_from(["es", "de", "ar", "zh_Hans"]),
    domain=st.sampled_from(["articles", "messages"]),
    role=st.sampled_from([None, "risks", "faq"]),
    plural=st.none() | _TEXT,
)
def test_preconditions_change_nothing_on_generated_texts(
    source: str, text: str, locale: str, domain: str, role: str | None, plural: str | None
) -> None:
    entry = Entry(
        source,
        text,
        locale,
        domain=domain,
        role=role,
        msgid_plural=plural,
        msgstr_plural=(text, text + " 2") if plural is not None else (),
    )
    assert check_entry(entry) == check_entry(entry, preconditions=False)


def test_source_memo_remembers_for_a_run_only() -> None:
    calls: list[str] = []

    def analyse(text: str) -> int:
        calls.append(text)
        return len(text)

    memo = SourceMemo(analyse, maxsize=2)
    with remember_sources():
        with remember_sources():  # nested: the same memory
            assert [memo(t) for t in ("a", "bb", "ccc", "a", "bb", "ccc")] == [1, 2, 3] * 2
        assert [memo(t) for t in ("a", "bb", "ccc")] == [1, 2, 3]
        assert calls == ["a", "bb", "ccc"]
    calls.clear()
    assert [memo(t) for t in ("a", "bb", "ccc", "a")] == [1, 2, 3, 1]  # an LRU of two
    assert calls == ["a", "bb", "ccc", "a"]
    calls.clear()
    nothing = SourceMemo(calls.append)  # an analysis worth None is remembered too
    with remember_sources():
        assert [nothing(t) for t in ("a", "a", "bb", "a")] == [None] * 4
    assert calls == ["a", "bb"]


def _defects(root: Path) -> None:
    """Seed defects of every kind into a copy of the project's catalogs."""
    for number, path in enumerate(sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))):
        po = polib.pofile(path.read_text(encoding="utf-8"))
        mutations = list(MUTATIONS.values())
        for i, entry in enumerate(e for e in po if e.msgstr):
            entry.msgstr = mutations[(i + number) % len(mutations)](entry.msgid, entry.msgstr)
        path.write_text(catalogs.po_text(po), encoding="utf-8")


def _no_catalog(root: Path) -> None:
    (root / "locales" / "de" / "LC_MESSAGES" / "messages.po").unlink()


def _broken_catalogs(root: Path) -> None:
    fr = root / "locales" / "fr" / "LC_MESSAGES" / "articles.po"
    fr.write_text(fr.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    ar = root / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    ar.write_bytes(ar.read_bytes() + b'\n#. caf\xe9\nmsgid "x"\nmsgstr "y"\n')


def _stale(root: Path) -> None:
    (root / "content" / "articles" / "extra.md").write_text(
        '+++\nslug = "extra"\ntitle = "Extra"\nsummary = "New."\nlanguage = "en"\n'
        "last_reviewed = 2026-11-21\n+++\n\n## Risks {#risks role=risks}\n\nDo not run.\n",
        encoding="utf-8",
    )
    es = root / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    po = polib.pofile(es.read_text(encoding="utf-8"))
    es.with_suffix(".mo").write_bytes(b"")  # unreadable: stale-mo
    po.remove(po[3])
    es.write_text(catalogs.po_text(po), encoding="utf-8")


@pytest.mark.parametrize(
    ("jobs", "locales", "extract"),
    [
        (2, None, True),  # the template, then the catalogs two at a time
        (7, None, True),  # the template side and each catalog's side at once
        (2, ["es"], False),  # the same with one locale
    ],
)
def test_forked_workers_report_what_one_process_reports(
    project_copy: Path, jobs: int, locales: list[str] | None, extract: bool
) -> None:
    for damage in (_defects, _no_catalog, _broken_catalogs, _stale):
        damage(project_copy)
    alone = run_gate(project_copy, jobs=1, locales=locales, extract=extract)
    codes = {f.code for f in alone.findings}
    assert codes >= {"numbers", "markdown", "out-of-date", "stale-mo"}
    together = run_gate(project_copy, jobs=jobs, locales=locales, extract=extract)
    assert together == alone
    assert format_json(together) == format_json(alone)
    assert json.loads(format_json(alone))["summary"]["files"][0] == "locales/articles.pot"


def _blocks(document: object) -> list[tuple[object, ...]]:
    return [(b.kind, b.text, b.line, b.section) for b in document.blocks]  # type: ignore[attr-defined]


def test_extraction_without_inline_parse_finds_the_same_blocks() -> None:
    content = load_content(ROOT)
    assert content.disclaimer is not None
    for article in (*content.articles, content.disclaimer):
        full = parse_article_body(article)
        quick = parse_document(
            article.body,
            block_parser(),
            path=article.path,
            first_line=article.body_line,
            inline=False,
        )
        assert _blocks(quick) == _blocks(full) and quick.sections == full.sections
    assert (
        article_parser().core.ruler.get_active_rules()
        != block_parser().core.ruler.get_active_rules()
    )


@pytest.mark.skipif(not SPEC.exists(), reason="no CommonMark corpus")
def test_block_parser_blocks_on_every_commonmark_example() -> None:
    quick_md = block_parser()
    for example in json.loads(SPEC.read_text(encoding="utf-8")):
        markdown = example["markdown"]
        full = parse_document(markdown, article_parser(), attributes=False)
        quick = parse_document(markdown, quick_md, attributes=False, inline=False)
        assert [(b.kind, b.line, b.section) for b in quick.blocks] == [
            (b.kind, b.line, b.section) for b in full.blocks
        ]
        assert [b.text for b in quick.blocks] == [b.text for b in full.blocks], example["example"]


def test_stale_mo_by_bytes_agrees_with_reading_the_messages() -> None:
    from medloc.catalog import _mo
    from medloc.qa.catalog import mo_mismatches, stale_mo

    path = ROOT / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    po = catalogs.parse_po(path.read_text(encoding="utf-8"), path="es.po")
    fresh = io.BytesIO()
    catalogs.compile_mo(po, fresh)
    with_hash = io.BytesIO()
    _mo.write_mo(with_hash, catalogs.mo_messages(po), catalogs.mo_header(po), hash_table=True)
    edited = copy.deepcopy(po)
    next(e for e in edited if e.msgstr).msgstr += " (edited)"
    doubled = copy.deepcopy(po)
    doubled.append(copy.copy(next(e for e in po if e.msgstr)))  # the writer refuses it
    for catalog, data, stale in [
        (po, fresh.getvalue(), False),
        (po, with_hash.getvalue(), False),  # msgfmt's layout: other bytes, same messages
        (edited, fresh.getvalue(), True),
        (doubled, fresh.getvalue(), False),
        (po, b"", True),
    ]:
        found = stale_mo(catalog, data, "es.po", "es.mo", "es")
        assert bool(found) is stale
        if data:
            assert bool(mo_mismatches(catalog, list(_mo.MoCatalog(data)))) is stale
