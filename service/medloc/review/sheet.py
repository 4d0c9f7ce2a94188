"""The printable review sheet: source and translation side by side, per article and section.

Numbers (with units), negations and links are highlighted in both columns; an empty column
takes a back-translation or remarks by hand. Every cell says its ``lang`` and ``dir``.
Translations are untrusted input: every text is escaped, nothing from a catalog reaches
the page as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from babel import Locale, UnknownLocaleError

from medloc.tags import locale_tag

from .policy import ReviewConfig
from .state import EntryReview, review_state
from .tokens import segments

__all__ = ["export_sheet", "render_sheet", "text_direction"]

_STYLE = """
body { font: 11pt/1.4 serif; margin: 1.5cm; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 4pt; vertical-align: top; text-align: start; }
td.remarks { width: 25%; }
mark.number { background: #ffe08a; } mark.negation { background: #f6a5a5; }
mark.link { background: #a8d8f0; } .state { font-size: 9pt; }
h2 { page-break-before: always; } h2:first-of-type { page-break-before: avoid; }
"""


def text_direction(locale: str) -> str:
    """``rtl`` or ``ltr``: the direction of ``locale``'s script (CLDR through Babel)."""
    try:
        order = Locale.parse(locale_tag(locale).babel).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _marked(text: str, language: str) -> str:
    return "".join(
        escape(s.text)
        if s.mark is None
        else f'<mark class="{s.mark.value}">{escape(s.text)}</mark>'
        for s in segments(text, language)
    )


def _row(index: int, review: EntryReview, tag: str, direction: str) -> str:
    language = tag.split("-", 1)[0]
    state = (
        review.state.value if review.translated else ("fuzzy" if review.fuzzy else "untranslated")
    )
    return (
        f'<tr><td lang="en" dir="ltr">{index}</td>'
        f'<td lang="en" dir="ltr">{_marked(review.msgid, "en")}</td>'
        f'<td lang="{escape(tag)}" dir="{direction}">{_marked(review.msgstr, language)}</td>'
        f'<td lang="en" dir="ltr" class="state">{escape(state)}</td>'
        '<td lang="en" dir="ltr" class="remarks"></td></tr>'
    )


def render_sheet(
    locale: str, reviews: Iterable[EntryReview], *, title: str = "Review sheet"
) -> str:
    """The sheet's HTML for entries' review states, grouped by article and section."""
    tag = locale_tag(locale).bcp47
    direction = text_direction(locale)
    head = (
        '<tr><th lang="en" dir="ltr">#</th><th lang="en" dir="ltr">English</th>'
        f'<th lang="en" dir="ltr">Translation ({escape(tag)})</th>'
        '<th lang="en" dir="ltr">Review</th>'
        '<th lang="en" dir="ltr">Back-translation or remarks</th></tr>'
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr"><head><meta charset="utf-8">',
        f"<title>{escape(title)}: {escape(tag)}</title><style>{_STYLE}</style></head><body>",
        f'<h1 lang="en" dir="ltr">{escape(title)}: {escape(tag)}</h1>',
    ]
    article: str | None = None
    section: str | None = None
    for index, review in enumerate(reviews, start=1):
        if review.article != article:
            article, section = review.article, None
            out.append(f'<h2 lang="en" dir="ltr">{escape(article or "Interface")}</h2>')
        if review.section != section:
            if section is not None:
                out.append("</table>")
            section = review.section
            out.append(f'<h3 lang="en" dir="ltr">{escape(section or "-")}</h3><table>{head}')
        out.append(_row(index, review, tag, direction))
    if section is not None:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def export_sheet(project_root: Path, locale: str, *, config: ReviewConfig | None = None) -> str:
    """The review sheet of ``locale``'s articles (the content domain)."""
    reviews = review_state(Path(project_root), locale, config=config, domains=("articles",))
    return render_sheet(locale, reviews)
