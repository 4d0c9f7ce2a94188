"""`medloc check` on a small project: each kind of defect is caught with its file and line."""

# ruff: noqa: RUF001  (the tests are about look-alike digits, dashes and letters)

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from click.testing import CliRunner
from gatedemo import article, disclaimer, make_project
from medloc import catalog as catalogs
from medloc.cli import main
from medloc.project import Project
from medloc.qa import catalog as catalog_checks
from medloc.qa import sections
from medloc.qa.catalog import out_of_date
from medloc.qa.gate import format_json, format_sarif, format_text, run_gate
from medloc.source.content import parse_article

pytestmark = pytest.mark.cldr  # the gate reads CLDR number symbols and plural rules (Babel)

ROOT = Path(__file__).resolve().parents[2]
ES = "locales/es/LC_MESSAGES/articles.po"
AR = "locales/ar/LC_MESSAGES/articles.po"
ES_UI = "locales/es/LC_MESSAGES/messages.po"

ARTICLE = article(
    """\
## What is it? {#what-is-it}

Relief lasts 6 to 12 months. See [thermal rhizotomy](thermal-rhizotomy).

The probe is heated to 80 °C and 60% to 80% of patients improve.

## Risks {#risks role=risks}

- Do not drive for 24 hours.
- **Infection** can occur in under 1% of cases.
"""
)

DISCLAIMER = disclaimer("This article is general information. It does not replace medical advice.")

TRANSLATIONS = {
    "es": {
        "Relief lasts 6 to 12 months. See [thermal rhizotomy](thermal-rhizotomy).": (
            "El alivio dura de 6 a 12 meses. Vea [rizotomía térmica](thermal-rhizotomy)."
        ),
        "The probe is heated to 80 °C and 60% to 80% of patients improve.": (
            "La sonda se calienta a 80 grados y del 60 % al 80 % de los pacientes mejora."
        ),
        "Risks": "Riesgos",
        "Do not drive for 24 hours.": "No conduzca durante 24 horas.",
        "**Infection** can occur in under 1% of cases.": (
            "La **infección** puede ocurrir en menos del 1 % de los casos."
        ),
        "Medical disclaimer": "Aviso médico",
        "This article is general information. It does not replace medical advice.": (
            "Este artículo es información general. No sustituye el consejo médico."
        ),
        "Hello, %(name)s!": "¡Hola, %(name)s!",
    },
    "ar": {
        "Relief lasts 6 to 12 months. See [thermal rhizotomy](thermal-rhizotomy).": (
            "يستمر التخفيف من ٦ إلى ١٢ شهرًا. انظر [بضع الجذور الحراري](thermal-rhizotomy)."
        ),
        "The probe is heated to 80 °C and 60% to 80% of patients improve.": (
            "يُسخَّن المسبار إلى ٨٠ درجة مئوية ويتحسن ٦٠٪ إلى ٨٠٪ من المرضى."
        ),
        "Risks": "المخاطر",
        "Do not drive for 24 hours.": "لا تقد السيارة لمدة ٢٤ ساعة.",
        "**Infection** can occur in under 1% of cases.": (
            "قد تحدث **العدوى** في أقل من ١٪ من الحالات."
        ),
        "Medical disclaimer": "إخلاء المسؤولية الطبية",
        "This article is general information. It does not replace medical advice.": (
            "هذه المقالة معلومات عامة. وهي لا تغني عن المشورة الطبية."
        ),
        "Hello, %(name)s!": "مرحبًا، %(name)s!",
    },
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A clean project: two articles, one UI string, es and ar translated where it matters."""
    return make_project(
        tmp_path / "demo",
        ARTICLE,
        disclaimer_text=DISCLAIMER,
        locales=TRANSLATIONS,
        translations=TRANSLATIONS,
    )


def check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--root", str(root), *args])
    return result.exit_code, result.output


def entry_line(root: Path, rel: str, msgid_text: str) -> int:
    """The first line of the entry whose msgid contains ``msgid_text`` (maybe wrapped)."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    keyword, index = "", -1
    for number, line in enumerate(lines):
        if not line.startswith('"'):
            keyword = line.split(" ", 1)[0]
        if keyword == "msgid" and msgid_text in line:
            index = number
            break
    assert index >= 0, f"no msgid with {msgid_text!r} in {rel}"
    while index > 0 and lines[index - 1].strip():
        index -= 1
    return index + 1


def add_comment(root: Path, rel: str, msgid_text: str, comment: str) -> int:
    """Put a translator comment first in the entry; returns the entry's first line."""
    line = entry_line(root, rel, msgid_text)
    path = root / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, f"# {comment}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return line


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the clean project ------------------------------------------------------------------


def test_clean_project_passes_even_strict(project: Path) -> None:
    code, out = check(project, "--strict")
    assert code == 0, out
    assert out.splitlines()[-1].startswith("medloc check: 0 errors, 0 warnings")


# --- each seeded defect: (edit, file, code, line finder) ----------------------------------

Seed = Callable[[Path], tuple[str, int]]


def seed_safety_blank(root: Path) -> tuple[str, int]:
    edit(root, ES, 'msgstr "No conduzca durante 24 horas."', 'msgstr ""')
    return ES, entry_line(root, ES, "Do not drive")


def seed_safety_fuzzy(root: Path) -> tuple[str, int]:
    edit(root, AR, 'msgid "Risks"', '#, fuzzy\nmsgid "Risks"')
    return AR, entry_line(root, AR, '"Risks"')


def seed_safety_english(root: Path) -> tuple[str, int]:
    edit(root, ES, 'msgstr "Aviso médico"', 'msgstr "Medical disclaimer"')
    return ES, entry_line(root, ES, "Medical disclaimer")


def seed_syntax(root: Path) -> tuple[str, int]:
    edit(root, ES, 'msgstr "Riesgos"', 'msgstr "Riesgos"\nthis is not po syntax')
    return ES, line_of(root, ES, "this is not po syntax")


def seed_plural_forms(root: Path) -> tuple[str, int]:
    edit(root, AR, "nplurals=6;", "nplurals=2;")
    return AR, line_of(root, AR, "Plural-Forms:")


def seed_plural_forms_missing(root: Path) -> tuple[str, int]:
    path = root / ES
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "Plural-Forms" not in x), encoding="utf-8")
    return ES, 1


def seed_charset(root: Path) -> tuple[str, int]:
    edit(root, ES, "charset=UTF-8", "charset=ISO-8859-1")
    return ES, line_of(root, ES, "Content-Type:")


def seed_not_utf8(root: Path) -> tuple[str, int]:
    path = root / ES
    data = path.read_bytes().replace(b"Riesgos", b"Riesgos \xe9", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    return ES, line


def seed_duplicate(root: Path) -> tuple[str, int]:
    path = root / ES
    text = path.read_text(encoding="utf-8")
    start = entry_line(root, ES, '"Risks"')
    block = "\n".join(text.splitlines()[start - 1 : start + 6]).split("\n\n")[0]
    path.write_text(text + "\n" + block + "\n", encoding="utf-8")
    return ES, len(text.splitlines()) + 2


def seed_conflict_marker(root: Path) -> tuple[str, int]:
    edit(root, ES, 'msgstr "Riesgos"', 'msgstr ""\n"#-#-#-#-#  es.po  #-#-#-#-#\\n"\n"Riesgos"')
    return ES, line_of(root, ES, "#-#-#-#-#")


def seed_stale_mo(root: Path) -> tuple[str, int]:
    list(Project(root).compile())
    edit(root, ES, 'msgstr "Riesgos"', 'msgstr "Peligros"')
    return ES, entry_line(root, ES, '"Risks"')


def seed_out_of_date(root: Path) -> tuple[str, int]:
    article = root / "content" / "articles" / "demo.md"
    article.write_text(
        ARTICLE.replace("## Risks", "A new paragraph.\n\n## Risks"), encoding="utf-8"
    )
    return "locales/articles.pot", 0  # line checked separately


def seed_po_out_of_date(root: Path) -> tuple[str, int]:
    edit(root, ES, "#. block: heading\n", "")  # an extracted comment update would restore
    return ES, 0


def seed_numbers(root: Path) -> tuple[str, int]:
    edit(root, ES, "de 6 a 12 meses", "6 meses")
    return ES, entry_line(root, ES, "Relief lasts")


def seed_numbers_ar(root: Path) -> tuple[str, int]:
    edit(root, AR, "٨٠ درجة مئوية", "٦٠ درجة مئوية")
    return AR, entry_line(root, AR, "The probe")


def seed_link_target(root: Path) -> tuple[str, int]:
    edit(root, ES, "(thermal-rhizotomy)", "(rizotomia-termica)")
    return ES, entry_line(root, ES, "Relief lasts")


def seed_markdown_strong(root: Path) -> tuple[str, int]:
    edit(root, AR, "**العدوى**", "**العدوى")
    return AR, entry_line(root, AR, "Infection")


def seed_unsafe(root: Path) -> tuple[str, int]:
    edit(root, ES, "Riesgos", "Riesgos<script>alert(1)</script>")
    return ES, entry_line(root, ES, '"Risks"')


def seed_unsafe_bidi(root: Path) -> tuple[str, int]:
    edit(root, AR, "المخاطر", "\u202eالمخاطر")
    return AR, entry_line(root, AR, '"Risks"')


def seed_placeholder(root: Path) -> tuple[str, int]:
    edit(root, ES_UI, "%(name)s!", "%(nombre)s!")
    return ES_UI, entry_line(root, ES_UI, "Hello")


def seed_bad_ignore(root: Path) -> tuple[str, int]:
    return ES, add_comment(root, ES, '"Risks"', "medloc-ignore: numbers")


SEEDS: list[tuple[Seed, str]] = [
    (seed_safety_blank, "safety-incomplete"),
    (seed_safety_fuzzy, "safety-incomplete"),
    (seed_safety_english, "safety-incomplete"),
    (seed_syntax, "catalog-syntax"),
    (seed_plural_forms, "plural-forms"),
    (seed_plural_forms_missing, "plural-forms"),
    (seed_charset, "charset"),
    (seed_not_utf8, "charset"),
    (seed_duplicate, "duplicate"),
    (seed_conflict_marker, "conflict-marker"),
    (seed_stale_mo, "stale-mo"),
    (seed_out_of_date, "out-of-date"),
    (seed_po_out_of_date, "out-of-date"),
    (seed_numbers, "numbers"),
    (seed_numbers_ar, "numbers"),
    (seed_link_target, "link-target"),
    (seed_markdown_strong, "markdown"),
    (seed_unsafe, "unsafe"),
    (seed_unsafe_bidi, "unsafe"),
    (seed_placeholder, "placeholders"),
    (seed_bad_ignore, "bad-ignore"),
]


@pytest.mark.parametrize(("seed", "code"), SEEDS, ids=[s.__name__[5:] for s, _ in SEEDS])
def test_seeded_error_is_caught_with_file_and_line(project: Path, seed: Seed, code: str) -> None:
    path, line = seed(project)
    exit_code, out = check(project)
    assert exit_code == 1, out
    found = [x for x in out.splitlines() if x.startswith(f"{path}:") and f": {code} " in x]
    assert found, out
    if line:
        assert any(x.startswith(f"{path}:{line}: {code} ") for x in found), (line, out)


def test_out_of_date_names_the_first_changed_line(project: Path) -> None:
    seed_out_of_date(project)
    code, out = check(project)
    pot = [x for x in out.splitlines() if x.startswith("locales/articles.pot:")]
    assert code == 1 and pot, out
    assert ": out-of-date " in pot[0] and "medloc extract" in pot[0]
    # the first entry that extraction changes: the one after the new paragraph
    assert pot[0].startswith(
        f"locales/articles.pot:{entry_line(project, 'locales/articles.pot', 'Risks')}:"
    )
    assert any(x.startswith(f"{ES}:") and " out-of-date " in x for x in out.splitlines())


def test_stale_mo_passes_once_recompiled(project: Path) -> None:
    list(Project(project).compile())
    assert check(project)[0] == 0


# --- warnings, --strict -------------------------------------------------------------------

WARNINGS = [
    ("térmica](thermal-rhizotomy).", "térmica](thermal-rhizotomy), " + "muy " * 40 + ".", "length"),
    ("El alivio dura de 6 a 12 meses. Vea", "El alivio dura de 6 a 12 meses, vea", "sentences"),
    ("La sonda se calienta a 80 grados y del 60 % al 80 % de los pacientes mejora.",
     "The probe is heated to 80 °C and 60% to 80% of patients improve.", "same-as-source"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "code"), WARNINGS, ids=[w[2] for w in WARNINGS])
def test_warnings_fail_only_with_strict(project: Path, old: str, new: str, code: str) -> None:
    edit(project, ES, old, new)
    exit_code, out = check(project)
    assert exit_code == 0, out
    assert any(f": {code} " in x and x.startswith(f"{ES}:") for x in out.splitlines()), out
    assert check(project, "--strict")[0] == 1


# --- ignores ------------------------------------------------------------------------------


def test_ignore_with_reason_passes_and_survives_update(project: Path) -> None:
    edit(project, ES, "de 6 a 12 meses", "6 meses")
    reason = "reviewed by Dr. Ruiz, source to be fixed"
    add_comment(project, ES, "Relief lasts", f"medloc-ignore: numbers {reason}")
    assert check(project)[0] == 0
    list(Project(project).update(["es"]))
    assert "medloc-ignore: numbers" in (project / ES).read_text(encoding="utf-8")
    code, out = check(project, "--format", "json")
    assert code == 0, out
    ignored = [f for f in json.loads(out)["findings"] if f["ignored"]]
    assert [(f["code"], f["ignore_reason"]) for f in ignored] == [("numbers", reason)]


def test_ignore_without_reason_is_an_error_and_ignores_nothing(project: Path) -> None:
    edit(project, ES, "de 6 a 12 meses", "6 meses")
    line = add_comment(project, ES, "Relief lasts", "medloc-ignore: numbers")
    code, out = check(project)
    assert code == 1
    assert f"{ES}:{line}: bad-ignore " in out
    assert f"{ES}:{line}: numbers " in out


def test_safety_incomplete_cannot_be_ignored(project: Path) -> None:
    edit(project, ES, 'msgstr "Riesgos"', 'msgstr ""')
    line = add_comment(project, ES, '"Risks"', "medloc-ignore: safety-incomplete later")
    code, out = check(project)
    assert code == 1
    assert f"{ES}:{line}: safety-incomplete " in out
    assert f"{ES}:{line}: bad-ignore " in out


# --- usage, formats -------------------------------------------------------------------


def test_locale_option(project: Path) -> None:
    edit(project, AR, "٨٠ درجة مئوية", "٦٠ درجة مئوية")
    assert check(project, "--locale", "es")[0] == 0
    assert check(project, "--locale", "ar")[0] == 1


@pytest.mark.parametrize(
    "args", [("--locale", "xx"), ("--format", "xml"), ("--bogus",)], ids=["locale", "fmt", "opt"]
)
def test_bad_usage_exits_2(project: Path, args: tuple[str, ...]) -> None:
    code, out = check(project, *args)
    assert code == 2
    if args[0] == "--locale":
        assert "'xx'" in out and "es" in out


def test_no_catalogs_is_bad_usage(tmp_path: Path) -> None:
    assert check(tmp_path)[0] == 2


def test_json_and_sarif_shapes(project: Path) -> None:
    edit(project, ES, "de 6 a 12 meses", "6 meses")
    line = entry_line(project, ES, "Relief lasts")
    code, out = check(project, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"]["errors"] == 1
    (finding,) = doc["findings"]
    assert finding | {"message": ""} == {
        "code": "numbers",
        "severity": "error",
        "path": ES,
        "line": line,
        "message": "",
        "locale": "es",
        "context": "demo#what-is-it",
        "ignored": False,
        "ignore_reason": None,
    }
    code, out = check(project, "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    (result,) = run["results"]
    assert result["ruleId"] == "numbers" and rules[result["ruleIndex"]] == "numbers"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == ES
    assert location["region"]["startLine"] == line


def test_formatters_are_pure(project: Path) -> None:
    report = run_gate(project)
    assert format_text(report) == format_text(report)
    assert json.loads(format_json(report))["findings"] == []
    assert json.loads(format_sarif(report))["runs"][0]["results"] == []


def test_up_to_date_template_without_digest_is_not_parsed_twice(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template from before content digests is proved current by extracting: the
    extraction is the template then, the committed file is compared as text, not parsed."""
    for pot in (project / "locales").glob("*.pot"):
        text = pot.read_text(encoding="utf-8")
        pot.write_text(re.sub(r'"X-Medloc-Content-Digest: .*\\n"\n', "", text), encoding="utf-8")

    def fail(text: str, shown: str) -> None:
        raise AssertionError(f"{shown} parsed although extraction gives the same text")

    monkeypatch.setattr("medloc.qa.template._parse_template", fail)
    assert run_gate(project).findings == ()


@pytest.mark.parametrize("change", ["", "A new paragraph.\n\n", "Changed.\n\n## Risks"])
def test_first_difference_agrees_with_po_text(project: Path, change: str) -> None:
    from medloc.qa.template import _first_difference, _stamp_as

    article = project / "content" / "articles" / "demo.md"
    article.write_text(ARTICLE.replace("## Risks", change + "## Risks", 1), encoding="utf-8")
    text = (project / "locales" / "articles.pot").read_text(encoding="utf-8")
    extracted = Project(project).extract("articles")
    _stamp_as(extracted, text)
    generated = catalogs.po_text(extracted)
    line = _first_difference(extracted, text)
    if not change:
        assert line is None and generated == text
    else:
        old, new = text.splitlines(), generated.splitlines()
        first = next(i for i, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b)
        assert line is not None and line <= first
        assert old[line - 2 : line - 1] in ([""], [])  # the start of an entry


def test_a_comment_rewrapped_after_a_hyphen_is_not_out_of_date() -> None:
    comment = "x " * 33 + "follow-up?"  # polib wraps it as "... follow-" / "up?"
    template = polib.POFile()
    template.append(polib.POEntry(msgid="Pain", msgctxt="a#s", comment=comment))
    text = template.__unicode__()
    assert "follow-\n#. up?" in text
    po = polib.pofile(text.replace('msgstr ""', 'msgstr "Dolor"'))
    assert out_of_date(po, template, "es.po", "es") == []
    changed = polib.POFile()
    changed.append(polib.POEntry(msgid="Pain", msgctxt="a#s", comment=comment + " more"))
    assert [f.code for f in out_of_date(po, changed, "es.po", "es")] == ["out-of-date"]


# --- the required sections of an article ----------------------------------------------------

DEMO = "content/articles/demo.md"
RISKS_HEADING = "## Risks {#risks role=risks}\n"


def _body_line(root: Path) -> int:
    return parse_article((root / DEMO).read_text(encoding="utf-8"), path=DEMO).body_line


@pytest.mark.parametrize(
    "replacement",
    ["## Risks {#risks}\n", "```markdown\n## Risks {#risks role=risks}\n```\n"],
    ids=["no-role", "in-a-code-block"],
)
def test_an_article_without_a_risks_section_is_an_error_with_file_and_line(
    project: Path, replacement: str
) -> None:
    edit(project, DEMO, RISKS_HEADING, replacement)
    code, out = check(project)
    assert code == 1
    (line,) = [x for x in out.splitlines() if " missing-section " in x]
    assert line.startswith(f"{DEMO}:{_body_line(project)}: missing-section ")
    assert "role=risks" in line and "'demo'" in line
    # brought up to date, the catalogs are fine; the article still is not
    assert CliRunner().invoke(main, ["update", "--root", str(project)]).exit_code == 0
    report = run_gate(project)
    assert [(f.code, f.path) for f in report.findings if f.severity == "error"] == [
        ("missing-section", DEMO)
    ]
    assert [f.code for f in run_gate(project, extract=False).findings] == ["missing-section"]


def test_missing_section_cannot_be_ignored() -> None:
    from medloc.qa import CODES, parse_ignores

    assert not CODES["missing-section"].ignorable
    _, problems = parse_ignores(["medloc-ignore: missing-section the article is short"])
    assert problems and "cannot be ignored" in problems[0]


def test_an_article_with_its_risks_section_is_parsed_only_if_suspect(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = sections.parse_article_body

    def spy(article: Any) -> Any:
        parsed.append(article.path)
        return real(article)

    monkeypatch.setattr(sections, "parse_article_body", spy)
    assert not [f for f in run_gate(project).findings if f.code == "missing-section"]
    assert parsed == []  # the disclaimer (no risks role, by design) is read, not parsed


def _catalog(*keys: tuple[str | None, str], obsolete: int = 0) -> polib.POFile:
    po = polib.POFile()
    for line, (context, msgid) in enumerate(keys, 1):
        po.append(polib.POEntry(msgid=msgid, msgctxt=context, msgstr=f"[{msgid}]", linenum=line))
    for number in range(obsolete):
        po.append(polib.POEntry(msgid=f"gone {number}", msgstr="x", obsolete=True, linenum=99))
    return po


def test_out_of_date_finds_added_removed_and_moved_messages_a_key_at_a_time() -> None:
    a, b, c, b2 = ("x#a", "A"), ("x#b", "B"), ("x#c", "C"), (None, "B")
    template = _catalog(a, b, c)
    cases = {
        (a, b, c): None,  # the same messages, obsolete ones aside
        (a, b): "'C' is missing",
        (a, b, c, b2): "'B' (it is not in the template there)",
        (a, c, b): "'C' (it is not in the template there)",
        (a, b2, c): "'B' (it is not in the template there)",
        (): "'A' is missing",
    }
    for keys, what in cases.items():
        po = _catalog(*keys, obsolete=2)
        assert catalog_checks._same_keys(po, template) is (
            catalog_checks._keys(po) == catalog_checks._keys(template)
        )
        found = out_of_date(po, template, "es.po", "es")
        if what is None:
            assert found == [], keys
        else:
            assert len(found) == 1 and what in found[0].message, (keys, found)
