"""The fallback planner: one decision, asked by rendering and by "is this page whole"."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from medloc.serving import plan
from medloc.serving.plan import (
    Accept,
    Decision,
    Language,
    Message,
    Reason,
    Review,
    source_language,
)
from medloc.serving.web import Settings, create_app
from medloc.serving.web.library import Library
from webproject import build, dom


def _library(root: Path) -> Library:
    library = create_app(Settings(root=root)).extensions["medloc"]
    assert isinstance(library, Library)
    return library


def _risks_text(library: Library, locale: str) -> str:
    rendered = library.rendition("demo", locale).rendered
    (risks,) = [s for s in rendered.sections if s.role == "risks"]
    return dom(risks.html).text()


def test_decide_takes_the_first_language_serving_every_message() -> None:
    es = Language("es", lambda _context, msgid: {"One": "Uno"}.get(msgid))
    messages = [Message("c", "One"), Message("c", "Two")]
    whole = plan.decide([es, source_language()], messages, "risks")
    assert whole == Decision("en", Reason.FALLBACK, ("One", "Two"))
    single = plan.decide([es, source_language()], messages[:1], None)
    assert single == Decision("es", Reason.REQUESTED, ("Uno",))


def test_a_refused_translation_falls_back() -> None:
    es = Language("es", lambda _c, msgid: msgid.upper())

    def refuse(locale: str, context: str, msgid: str, msgstr: str, role: str | None) -> bool:
        return role != "risks"

    assert plan.decide([es, source_language()], [Message("c", "a")], None, refuse).language == "es"
    refused = plan.decide([es, source_language()], [Message("c", "a")], "risks", refuse)
    assert (refused.language, refused.reason) == ("en", Reason.FALLBACK)


def test_both_consumers_follow_the_one_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build(tmp_path / "p")
    before = _library(root)
    assert "es" in before.translated_locales("demo")
    assert "El dolor puede volver." in _risks_text(before, "es")

    original = plan.decide

    def never_translated_risks(
        chain: Sequence[Language],
        messages: Sequence[Message],
        role: str | None,
        accept: Accept | None = None,
        review: Review | None = None,
    ) -> Decision:
        if role == "risks":
            return original(chain[-1:], messages, role, accept, review)
        return original(chain, messages, role, accept, review)

    monkeypatch.setattr(plan, "decide", never_translated_risks)
    after = _library(root)
    # rendering follows: the risks section comes whole from the source language ...
    assert "Pain may come back." in _risks_text(after, "es")
    assert "El dolor puede volver." not in _risks_text(after, "es")
    # ... and so does "is this page whole in es" (hreflang, translated_locales)
    assert after.translated_locales("demo") == ("en",)
    assert after.plan("demo", "es").whole is False
