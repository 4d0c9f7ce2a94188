"""Unsafe content, wording warnings, safety completeness, ignores and file-level checks."""

from __future__ import annotations

import io

import pytest
from medloc import catalog as catalogs
from medloc.qa import CHECKS, CODES, Entry, blocking_errors, check_entry, parse_ignores
from medloc.qa import catalog as file_checks
from medloc.qa.language import length, negation, same_as_source, sentence_count, sentences
from medloc.qa.unsafe import problems


def codes(entry: Entry) -> list[str]:
    return [f.code for f in check_entry(entry) if f.ignored is None]


# --- unsafe ---------------------------------------------------------------------------

UNSAFE = [
    ("Call us.", "Llámenos <script>alert(1)</script>.", "raw HTML"),
    ("Call us.", "Llámenos <b>hoy</b>.", "raw HTML"),
    ("Call us.", "Llámenos <!-- x -->.", "raw HTML"),
    ("[x](a)", "[x](javascript:alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](JAVA&#115;cript:alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](data:text/html;base64,PHNjcmlwdD4=)", "forbidden scheme"),
    ("[x](a)", "<javascript:alert(1)>", "forbidden scheme"),
    ("Text", "Texto \u202e invertido", "U+202E"),
    ("Text", "Texto \u2066aislado\u2069", "U+2066"),
    ("Text", "Te\u200bxto", "U+200B"),
    ("Text", "Te\ufffdxto", "U+FFFD"),
    ("[x](a)", "[x](javascript&#x3A;alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](javascript&colon;alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](javascript&#58;alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](javascript&#0000058;alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](JaVaScRiPt&#X3a;alert(1))", "forbidden scheme"),
    ("[x](a)", "[x](data&colon;text/html,x)", "forbidden scheme"),
    ("[x]", "[x]\n\n[x]: javascript&#x3a;alert(1)", "forbidden scheme"),
    ("Call us.", "Llámenos javascript&#x3A;alert(1)", "javascript:"),
    ("Text", "Te\x00xto", "U+0000"),
    ("Text", "Te\x1b[2Jxto", "U+001B"),
    ("Text", "Te\x7fxto", "U+007F"),
    ("Text", "Te\x9bxto", "U+009B"),
    ("Text", "Te\rxto", "U+000D"),
    ("Text", "Te\txto", "U+0009"),  # a tab the source does not have
    ("Text", "Te\nxto", "U+000A"),
]


@pytest.mark.parametrize(("source", "translation", "named"), UNSAFE)
def test_unsafe_content_is_flagged(source: str, translation: str, named: str) -> None:
    found = list(problems(source, translation))
    assert found and any(named in m for m in found)


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("See <https://example.org>.", "Vea <https://example.org>."),
        ("a < b and c > d", "a < b y c > d"),
        ("Right-to-left", "من اليمين\u200f إلى اليسار"),  # RLM is allowed
        ("zero\u200bwidth", "cero\u200bancho"),  # the source has one too
        ("[x](thermal-rhizotomy)", "[x](thermal-rhizotomy)"),
        ("Data: none.", "Data: ninguna."),
        ("a\tb", "a\tb"),  # tab and newline where the source has them
        ("one\ntwo", "uno\ndos"),
        ("Fish & chips: 5 &amp; 6", "Pescado & patatas: 5 &amp; 6"),
    ],
)
def test_safe_content_is_not_flagged(source: str, translation: str) -> None:
    assert list(problems(source, translation)) == []


# --- wording warnings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "locale", "translation"),
    [
        ("Do not drive for 24 hours.", "de", "Fahren Sie 24 Stunden lang Auto."),
        ("Do not drive for 24 hours.", "es", "Conduzca durante 24 horas."),
        ("You should not drive.", "fr", "Vous devez conduire."),
        ("Do not drive.", "zh_Hans", "请开车。"),
        ("Do not drive.", "ar", "قد السيارة."),
        ("No driving.", "pt_BR", "Conduza."),
    ],
)
def test_dropped_negation_is_flagged(source: str, locale: str, translation: str) -> None:
    assert negation(source, translation, locale) is not None


@pytest.mark.parametrize(
    ("source", "locale", "translation"),
    [
        ("Do not drive for 24 hours.", "de", "Fahren Sie 24 Stunden lang nicht Auto."),
        ("Do not drive for 24 hours.", "es", "No conduzca durante 24 horas."),
        ("You should not drive.", "fr", "Vous ne devez pas conduire."),
        ("You can't drive.", "fr", "Vous n'avez pas le droit de conduire."),
        ("Do not drive.", "zh_Hans", "请不要开车。"),
        ("Do not drive.", "ar", "لا تقد السيارة."),
        ("Do not drive.", "ar", "ولا تقد السيارة."),
        ("No driving.", "pt_BR", "Não dirija."),
        ("Drive carefully.", "de", "Fahren Sie vorsichtig."),  # nothing to lose
    ],
)
def test_kept_negation_is_not_flagged(source: str, locale: str, translation: str) -> None:
    assert negation(source, translation, locale) is None


def test_arabic_negation_is_a_whole_word() -> None:
    # "علاج" (treatment) contains the letters of "لا" but is no negation
    assert negation("Do not stop the treatment.", "أوقف العلاج.", "ar") is not None


def test_negation_is_an_error_in_safety_sections_a_warning_outside() -> None:
    base = dict(msgid="Do not drive.", msgstr="Conduzca.", locale="es", path="p", line=1)
    assert "safety-negation" in codes(Entry(**base, role="risks"))  # type: ignore[arg-type]
    assert "negation" not in codes(Entry(**base, role="risks"))  # type: ignore[arg-type]
    assert "negation" in codes(Entry(**base, role="faq"))  # type: ignore[arg-type]


def test_same_as_source() -> None:
    assert same_as_source("Recovery time", "Recovery time", "de") is not None
    assert same_as_source("Phenol", "Phenol", "de") is None  # allow-listed drug name
    assert same_as_source("RFA", "RFA", "fr") is None
    assert same_as_source("2026", "2026", "fr") is None  # no words
    assert same_as_source("Recovery time", "Tiempo de recuperación", "es") is None


def test_length() -> None:
    source = "This is a reasonably long source sentence for the check."
    assert length(source, "Corto.", "es") is not None
    assert length(source, source + " " + source + " " + source, "es") is not None
    assert (
        length(source, "Esta es una frase de origen razonablemente larga para la prueba.", "es")
        is None
    )
    assert length(source, "这是一个用于检查的相当长的源句子。", "zh_Hans") is None  # CJK is shorter
    assert (
        length("Short.", "Una traducción muy, muy, muy larga.", "es") is None
    )  # too short to judge


def test_sentences() -> None:
    assert (
        sentence_count("Rest for 2 days. Then walk, e.g. in a park. Dr. Smith agrees!", "en") == 3
    )
    assert sentence_count("休息2天。然后散步。", "zh_Hans") == 2
    assert sentence_count("هل يؤلم؟ نعم.", "ar") == 2
    assert sentence_count("Am 3. Tag gehen Sie. Gut.", "de") == 2
    assert sentences("Rest. Then walk.", "Descanse.", "es") is not None
    assert sentences("Rest. Then walk.", "Descanse. Luego camine.", "es") is None


# --- safety completeness --------------------------------------------------------------

RISK = dict(msgid="Infection can occur.", locale="es", role="risks", path="p.po", line=9)


@pytest.mark.parametrize(
    ("msgstr", "flags"),
    [("", frozenset()), ("   ", frozenset()), ("Infection can occur.", frozenset()),
     ("Puede haber infección.", frozenset({"fuzzy"}))],
)  # fmt: skip
def test_safety_incomplete(msgstr: str, flags: frozenset[str]) -> None:
    entry = Entry(**RISK, msgstr=msgstr, flags=flags)  # type: ignore[arg-type]
    (finding,) = blocking_errors(entry)
    assert (finding.code, finding.path, finding.line) == ("safety-incomplete", "p.po", 9)


def test_safety_complete_and_untranslated_elsewhere_pass() -> None:
    assert blocking_errors(Entry(**RISK, msgstr="Puede haber infección.")) == []  # type: ignore[arg-type]
    assert check_entry(Entry("Hello", "", "es", role="faq")) == []


def test_safety_plural_form_missing() -> None:
    entry = Entry(
        "One risk", "Un riesgo", "es", role="disclaimer", msgid_plural="%(n)d risks",
        msgstr_plural=("Un riesgo", ""),
    )  # fmt: skip
    assert [f.code for f in blocking_errors(entry)] == ["safety-incomplete"]


# --- ignores --------------------------------------------------------------------------


def test_parse_ignores() -> None:
    ignores, bad = parse_ignores(
        [
            "medloc-ignore: numbers the source counts weeks, we say months",
            "medloc-ignore: length",
            "medloc-ignore: nonsense because",
            "medloc-ignore: safety-incomplete legal says so",
            "an ordinary comment",
        ]
    )
    assert ignores == {"numbers": "the source counts weeks, we say months"}
    assert len(bad) == 3
    assert "no reason" in bad[0] and "'nonsense'" in bad[1] and "cannot be ignored" in bad[2]


def test_ignored_finding_is_kept_but_does_not_block() -> None:
    entry = Entry(
        "Relief lasts 6 to 12 months.", "El alivio dura 6 meses.", "es", ignores={"numbers": "ok"}
    )
    (finding,) = check_entry(entry)
    assert (finding.code, finding.ignored) == ("numbers", "ok")
    assert blocking_errors(entry) == []


def test_safety_incomplete_cannot_be_ignored() -> None:
    entry = Entry(**RISK, msgstr="", ignores={"safety-incomplete": "x"})  # type: ignore[arg-type]
    assert [f.code for f in blocking_errors(entry)] == ["safety-incomplete"]


@pytest.mark.parametrize(
    ("source", "translation", "code"),
    [
        ("See [x](thermal-rhizotomy).", "Vea [x](javascript&#x3A;alert(1)).", "unsafe"),
        ("See [x](thermal-rhizotomy).", "Vea [x](https://evil.example/).", "link-target"),
        ("Text", "Te\x00xto", "unsafe"),
        ("Last: %(date)s", "Último: %(date)9999999s", "placeholders"),
    ],
)
def test_unsafe_link_targets_and_placeholders_cannot_be_ignored(
    source: str, translation: str, code: str
) -> None:
    domain = "messages" if "%(" in source else "articles"
    entry = Entry(source, translation, "es", domain, ignores={code: "reviewed"})
    assert code in {f.code for f in blocking_errors(entry)}
    _, bad = parse_ignores([f"medloc-ignore: {code} reviewed"])
    assert bad and "cannot be ignored" in bad[0]


def test_markdown_marks_keep_their_ignore() -> None:
    entry = Entry("**Stop** now", "Pare ahora", "es", ignores={"markdown": "style"})
    (finding,) = [f for f in check_entry(entry) if f.code == "markdown"]
    assert (finding.code, finding.ignored) == ("markdown", "style")
    assert blocking_errors(entry) == []


def test_every_check_has_a_known_code() -> None:
    assert {c.code for c in CHECKS} <= set(CODES)
    assert not CODES["safety-incomplete"].ignorable
    assert not any(CODES[c].ignorable for c in ("unsafe", "link-target", "placeholders"))
    assert CODES["numbers"].ignorable and CODES["markdown"].ignorable


# --- file level -----------------------------------------------------------------------

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. role: risks (safety-critical)
msgctxt "a#risks"
msgid "Pain"
msgstr "Dolor"

msgctxt "a#risks"
msgid "Pain"
msgstr "Dolor otra vez"
"""


def parse(text: str) -> object:
    return catalogs.read_po(io.StringIO(text), path="x.po")


def test_duplicates_named_with_both_lines() -> None:
    (finding,) = file_checks.duplicates(parse(PO), "x.po", "es")  # type: ignore[arg-type]
    assert (finding.code, finding.line) == ("duplicate", 11)
    assert "line 6" in finding.message


def test_conflict_markers() -> None:
    text = PO.replace('msgstr "Dolor otra vez"', 'msgstr ""\n"#-#-#-#-#  es.po  #-#-#-#-#\\n"')
    (finding,) = file_checks.conflict_markers(text, "x.po", "es")
    assert (finding.code, finding.line) == ("conflict-marker", 14)


@pytest.mark.parametrize(
    ("locale", "header", "codes_found"),
    [
        ("es", "nplurals=2; plural=(n != 1);", []),
        ("es", "nplurals=2; plural=n!=1;", []),  # same meaning, other spelling
        ("fr", "nplurals=2; plural=(n != 1);", ["plural-forms"]),  # French: 0 is singular
        ("ar", "nplurals=2; plural=(n != 1);", ["plural-forms"]),
        ("zh_Hans", "nplurals=1; plural=0;", []),
        ("es", None, ["plural-forms"]),
    ],
)
def test_plural_forms(locale: str, header: str | None, codes_found: list[str]) -> None:
    metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    if header is not None:
        metadata["Plural-Forms"] = header
    found = file_checks.check_header(metadata, "", "x.po", locale)
    assert [f.code for f in found] == codes_found
    if found:
        assert "write 'Plural-Forms: nplurals=" in found[0].message


def test_charset() -> None:
    plural = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}
    latin = {"Content-Type": "text/plain; charset=ISO-8859-1", **plural}
    assert [f.code for f in file_checks.check_header(latin, "", "x.po", "es")] == ["charset"]
    assert [f.code for f in file_checks.check_header(plural, "", "x.po", "es")] == ["charset"]
    text, found = file_checks.decode(b'msgid ""\nmsgstr "caf\xe9"\n', "x.po")
    assert text is None and [(f.code, f.line) for f in found] == [("charset", 2)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("It eases the symptoms. It is safe.", 2),  # "ms." ends "symptoms.", not an abbreviation
        ("Can I drive? No. Wait a day.", 3),
        ("Ask Dr. Li, e.g. at the clinic.", 1),
    ],
)
def test_sentence_abbreviations_are_whole_words(text: str, count: int) -> None:
    assert sentence_count(text, "en") == count
