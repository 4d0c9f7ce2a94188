"""A safety section is never split across pages nor separated from its heading: an article
whose risks section would straddle a page break at several offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from medloc.serving.handout.config import HandoutConfig
from medloc.serving.handout.handouts import HandoutKey, make_handout
from medloc.serving.web import Settings
from medloc.serving.web.library import Library
from pdftools import normal, pages_text
from webproject import build

ITEMS = 15


def article(fillers: int) -> str:
    background = "\n\n".join(f"Background paragraph number {k}." for k in range(fillers))
    risks = "\n".join(f"- Risk item number {k}." for k in range(ITEMS))
    return f"""\
+++
slug = "long{fillers}"
title = "A long article"
summary = "Its risks come late."
language = "en"
last_reviewed = 2026-01-02
+++

## Background {{#background}}

{background}

## Risks and side effects {{#risks role=risks}}

{risks}
"""


@pytest.mark.parametrize("fillers", [20, 23, 47, 50])
def test_the_risks_section_stays_whole_with_its_heading(tmp_path: Path, fillers: int) -> None:
    root = build(tmp_path / "p")
    (root / "content" / "articles" / f"long{fillers}.md").write_text(
        article(fillers), encoding="utf-8"
    )
    library = Library(Settings(root=root, reload_interval=0))
    pdf = make_handout(library, HandoutKey(f"long{fillers}", "en"), HandoutConfig())
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf.body)
    pages = [normal(page) for page in pages_text(path)]
    assert len(pages) >= 2
    (where,) = [i for i, page in enumerate(pages) if normal("Risks and side effects") in page]
    for k in range(ITEMS):
        assert normal(f"Risk item number {k}.") in pages[where], (fillers, k)
