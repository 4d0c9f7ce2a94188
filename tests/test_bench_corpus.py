"""The benchmark's synthetic corpora are valid medloc projects of the requested make-up.

Only what is cheap and deterministic: no timings here (the benchmark is ``python -m bench.run``).
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.comments import role_of
from medloc.qa import language, negation, numbers

from bench.corpus import LOCALES, CorpusSpec, build, clone
from bench.report import exponent
from bench.requests import parse_wrk
from bench.translate import localize, translate

SPEC = CorpusSpec(articles=4, locales=2, untranslated=0.2, fuzzy=0.1, edits=0.1)


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "corpus"
    build(root, SPEC)
    return root


def catalog(root: Path, locale: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / locale / "LC_MESSAGES" / "articles.po"))


def test_layout(corpus: Path) -> None:
    assert len(list((corpus / "content" / "articles").glob("*.md"))) == SPEC.articles
    assert (corpus / "content" / "disclaimer.md").is_file()
    assert (corpus / "babel.cfg").is_file()
    assert sorted(p.name for p in (corpus / "locales").iterdir() if p.is_dir()) == sorted(
        LOCALES[: SPEC.locales]
    )


def test_articles_look_like_the_real_ones(corpus: Path) -> None:
    text = next((corpus / "content" / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert text.startswith("+++\nslug = ")
    assert "{#risks role=risks}" in text and "{#faq role=faq}" in text
    assert "\n- " in text and "\n| --- |" in text and "](" in text
    po = catalog(corpus, LOCALES[0])
    per_article = (len(po) - 2) / SPEC.articles  # the disclaimer has two messages
    words = sum(len(e.msgid.split()) for e in po) / len(po)
    assert 40 <= per_article <= 60
    assert 10 <= words <= 20


@pytest.mark.parametrize("locale", LOCALES[: SPEC.locales])
def test_requested_fractions_untranslated_and_fuzzy(corpus: Path, locale: str) -> None:
    po = catalog(corpus, locale)
    entries = [e for e in po if not e.obsolete]
    untranslated = [e for e in entries if not e.msgstr]
    fuzzy = [e for e in entries if e.fuzzy]
    assert len(untranslated) == round(SPEC.untranslated * len(entries))
    assert len(fuzzy) == round(SPEC.fuzzy * len(entries))
    # a clinic publishes its safety sections translated
    assert all(e.msgstr and not e.fuzzy for e in entries if role_of(e.comment) is not None)
    assert po.metadata["Language"] == locale


def test_medloc_accepts_it(corpus: Path, tmp_path: Path) -> None:
    original = corpus / "locales" / LOCALES[0] / "LC_MESSAGES" / "articles.po"
    before = original.read_bytes()
    root = clone(corpus, tmp_path / "work")
    code, output = run(root, "check", "--format", "json")
    found = json.loads(output)
    # the sources were edited after the last update, as the benchmark wants: only that
    assert code == 1
    assert {f["code"] for f in found["findings"] if f["severity"] == "error"} == {"out-of-date"}
    assert run(root, "extract")[0] == 0
    assert run(root, "update")[0] == 0
    code, output = run(root, "check", "--format", "json")
    assert code == 0, output
    assert run(root, "compile")[0] == 0
    # the clone's files were replaced, never written through: the corpus is as it was
    assert original.read_bytes() == before
    assert (root / "locales" / LOCALES[0] / "LC_MESSAGES" / "articles.po").read_bytes() != before
    assert not original.with_suffix(".mo").exists()


def test_same_spec_same_files(tmp_path: Path, corpus: Path) -> None:
    again = build(tmp_path / "again", SPEC).root
    for path in sorted((corpus / "content").rglob("*.md")):
        assert (again / path.relative_to(corpus)).read_bytes() == path.read_bytes()


def test_wrk_output_is_read() -> None:
    output = """Running 3s test @ http://127.0.0.1:8000/bench/constant
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.26ms  245.05us   4.81ms   89.13%
    Req/Sec     6.34k   191.55     6.62k    80.00%
  Latency Distribution
     50%    1.21ms
     75%    1.31ms
     90%    1.49ms
     99%  850.00us
  18950 requests in 3.00s, 161.84MB read
  Non-2xx or 3xx responses: 2
Requests/sec:   6316.72
Transfer/sec:     53.95MB
"""
    result = parse_wrk(output)
    assert (result.rps, result.p50_ms, result.p99_ms) == (6316.72, 1.21, 0.85)
    assert (result.requests, result.errors) == (18950, 2)


def test_growth_exponent() -> None:
    assert exponent([(5, 1.0), (50, 10.0), (500, 100.0)]) == pytest.approx(1.0)
    assert exponent([(10, 3.0), (100, 300.0)]) == pytest.approx(2.0)
    assert exponent([(10, 3.0)]) is None


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_say_what_the_source_says(locale: str) -> None:
    """Quantities in the locale's units, a negation of the locale for each English one: what
    the gate asks of a real translation (every locale, not only the module corpus's two)."""
    source = "Relief lasts 3 to 13 months. It does not replace advice; never stop. Wait 1 week."
    text = localize(translate(source), locale)
    assert "\ue000" not in text and "\ue001" not in text
    assert numbers.compare(source, text, locale) is None, text
    assert negation.compare(source, text, locale) is None, text
    assert language.sentence_count(text, locale) == 3, text


def test_markdown_and_placeholders_stay() -> None:
    source = "See [the nerve](nerve-block) and %(name)s or {count}; do not wait.\n\n1. Rest."
    text = localize(translate(source), "zh_Hans")
    assert "[" in text and "](nerve-block)" in text and "%(name)s" in text and "{count}" in text
    assert "\n1. " in text and "不" in text
