"""A hostile placeholder in a UI translation never reaches a page (issue #11): a width or a
precision the source does not have (``%(date)99999999999s`` pads a date to gigabytes) makes the
translation unusable, with or without the blocking QA checks, singular and plural; the
service starts and serves the rest of the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from medloc.serving.web import Settings, create_app, generations_of
from webproject import build, write_catalog

HOSTILE_DATE = "Zuletzt geprüft: %(date)99999999999s"
DE_UI = f"""\
msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Last reviewed: %(date)s"
msgstr "{HOSTILE_DATE}"

msgid "%(num)d article"
msgid_plural "%(num)d articles"
msgstr[0] "%(num)99999999999d Artikel"
msgstr[1] "%(num)5000000d Artikel"

msgid "Languages"
msgstr "Sprachen"
"""


@pytest.mark.parametrize("blocking_checks", [True, False])
def test_a_hostile_placeholder_width_never_reaches_a_page(
    tmp_path: Path, blocking_checks: bool
) -> None:
    root = build(tmp_path / "p")
    write_catalog(root, "de", "messages", DE_UI)
    settings = Settings(root=root, blocking_checks=blocking_checks, warm=True)
    app = create_app(settings)  # starts, every page rendered
    body = app.test_client().get("/de/articles/demo").get_data(as_text=True)
    assert "Zuletzt" not in body and "Last reviewed:" in body
    assert "Sprachen" in body  # the rest of the catalog is used
    ui = generations_of(app).current.ui("de")
    for n in (1, 2):
        text, lang = ui.lookup_plural("%(num)d article", "%(num)d articles", n)
        assert (lang, "Artikel" in text) == ("en", False), text
        assert len(ui.ngettext("%(num)d article", "%(num)d articles", n)) < 100
    assert ui.lookup("Last reviewed: %(date)s") == ("Last reviewed: %(date)s", "en")
