"""Markdown parity (same CommonMark parser on both sides) and UI placeholders."""

from __future__ import annotations

import pytest
from medloc.qa import Entry, check_entry
from medloc.qa.markup import compare, compare_placeholders, compare_targets, signature

CORRECT = [
    ("Plain text, no markup.", "Texto sin marcas."),
    (
        "See [thermal rhizotomy](thermal-rhizotomy).",
        "Vea la [rizotomía térmica](thermal-rhizotomy).",
    ),
    ("**Stop** taking *aspirin* first.", "Primero **deje** de tomar *aspirina*."),
    ("Use `pip install` here.", "Use `pip install` aquí."),
    ("[a](x) and [b](y)", "[B](y) y [A](x)"),  # order may change
    ("![diagram](img/spine.png)", "![diagrama](img/spine.png)"),
    ("first line  \nsecond", "primera línea  \nsegunda"),
    ("first line\\\nsecond", "primera línea  \nsegunda"),  # both are hard breaks
    ("snake_case_word", "palabra snake_case_word"),
    ("<https://example.org>", "<https://example.org>"),
    ("a * b", "a * b"),
]

WRONG = [
    ("**Stop** taking it.", "Deje de tomarlo.", "strong"),
    ("**Stop** taking it.", "**Deje de tomarlo.", "strong"),
    ("*Only* once.", "Solo una vez.", "emphasis"),
    ("Run `x`.", "Ejecute x.", "code spans"),
    ("![a](i.png)", "a", "images"),
    ("one  \ntwo", "uno dos", "line breaks"),
    ("Plain.", "**Negrita**.", "strong"),
]


@pytest.mark.parametrize(("source", "translation"), CORRECT)
def test_same_markup_is_not_flagged(source: str, translation: str) -> None:
    assert list(compare(source, translation)) == []


@pytest.mark.parametrize(("source", "translation", "named"), WRONG)
def test_changed_markup_is_flagged(source: str, translation: str, named: str) -> None:
    messages = list(compare(source, translation))
    assert messages
    assert any(named in m for m in messages)
    assert all("link targets" not in m for m in messages)


@pytest.mark.parametrize(
    "translation",
    [
        "Ver [térmica](rizotomia-termica).",
        "Ver térmica.",
        "Ver [térmica](https://evil.example/).",
        "Ver [térmica](thermal-rhizotomy) y ![x](https://evil.example/pixel.png).",
    ],
)
def test_changed_link_target_is_its_own_finding(translation: str) -> None:
    source = "See [thermal](thermal-rhizotomy)."
    (message,) = compare_targets(source, translation)
    assert "link targets differ" in message
    entry = Entry(source, translation, "es", path="a.po", line=4)
    assert "link-target" in {f.code for f in check_entry(entry)}


def test_signature_counts() -> None:
    sig = signature("**a** *b* `c` [d](e) ![f](g) h  \ni")
    assert sig.targets == ("e", "g")
    assert (sig.em, sig.strong, sig.code, sig.images, sig.hardbreaks) == (1, 1, 1, 1, 1)


def test_changed_target_is_quoted() -> None:
    (message,) = compare_targets("[x](thermal-rhizotomy)", "[x](thermal)")
    assert "'thermal-rhizotomy'" in message and "'thermal'" in message


@pytest.mark.parametrize(
    ("source", "translation", "ok"),
    [
        ("Hello, %(name)s!", "¡Hola, %(name)s!", True),
        ("Hello, %(name)s!", "¡Hola!", False),  # dropped
        ("Hello, %(name)s!", "¡Hola, %(nombre)s!", False),  # renamed
        ("Hello, %(name)s!", "¡Hola, %(name)d!", False),  # other type
        ("%s of %s", "%s de %s", True),
        ("%s of %s", "%s", False),
        ("100%% sure", "100 %% seguro", True),
        ("{count} articles", "{count} artículos", True),
        ("{count} articles", "{número} artículos", False),
        ("{count} articles", "artículos", False),
        ("{{literal}} {n}", "{{literal}} {n}", True),
        ("Last reviewed: %(date)s", "Zuletzt geprüft: %(date)99999999999s", False),
        ("Last reviewed: %(date)s", "Zuletzt geprüft: %(date)5000000s", False),
        ("%(n)d articles", "%(n)*d Artikel", False),
        ("%(n)d articles", "%(n).500d Artikel", False),
        ("%s of %s", "%5s de %s", False),
        ("%(x).2f mg", "%(x).2f mg", True),  # the source's own precision may stay
        ("{date}", "{date:99999999}", False),
    ],
)
def test_placeholders(source: str, translation: str, ok: bool) -> None:
    assert (list(compare_placeholders([source], [translation])) == []) is ok


def test_plural_forms_may_drop_the_count_in_singular_only() -> None:
    sources = ["One article", "%(num)d articles"]
    assert list(compare_placeholders(sources, ["Un artículo", "%(num)d artículos"])) == []
    assert list(compare_placeholders(sources, ["Un artículo", "artículos"]))
    assert list(compare_placeholders(sources, ["%(n)d artículo", "%(num)d artículos"]))


def test_a_width_is_named_and_the_fix_given() -> None:
    (message,) = compare_placeholders(["Last reviewed: %(date)s"], ["Geprüft: %(date)5000000s"])
    assert "'%(date)5000000s'" in message and "'%(date)s'" in message


def test_a_width_in_any_plural_form_is_flagged() -> None:
    sources = ["One article", "%(num)d articles"]
    (message,) = compare_placeholders(sources, ["Ein Artikel", "%(num)999999d Artikel"])
    assert "(form 1)" in message


def test_placeholders_only_for_ui_strings() -> None:
    ui = Entry("Hello, %(name)s!", "¡Hola!", "es", domain="messages", path="m.po", line=3)
    content = Entry("60% of patients", "60 % de los pacientes", "es", path="a.po", line=3)
    assert [f.code for f in check_entry(ui)] == ["placeholders"]
    assert check_entry(content) == []


def test_markdown_checked_for_content_only() -> None:
    entry = Entry("**Stop** now", "Pare ahora", "es", path="a.po", line=7)
    assert ("markdown", 7) in [(f.code, f.line) for f in check_entry(entry)]
    ui = Entry("**Stop** now", "Pare ahora", "es", domain="messages", path="m.po", line=7)
    assert "markdown" not in {f.code for f in check_entry(ui)}
