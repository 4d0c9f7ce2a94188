"""medloc.tags: one locale, its two spellings, built from either."""

from __future__ import annotations

import pytest
from medloc import tags
from medloc.errors import LocaleError
from medloc.serving import negotiate
from medloc.tags import LocaleTag


@pytest.mark.parametrize(
    ("text", "bcp47", "babel"),
    [
        ("pt-BR", "pt-BR", "pt_BR"),
        ("pt_BR", "pt-BR", "pt_BR"),
        ("PT_br", "pt-BR", "pt_BR"),
        ("zh-hans", "zh-Hans", "zh_Hans"),
        ("zh_Hans", "zh-Hans", "zh_Hans"),
        ("en", "en", "en"),
    ],
)
def test_either_spelling_gives_both(text: str, bcp47: str, babel: str) -> None:
    tag = LocaleTag(text)
    assert (tag.bcp47, tag.babel, str(tag)) == (bcp47, babel, bcp47)
    assert tag == LocaleTag(babel) == LocaleTag(bcp47)
    assert (tags.to_babel(text), tags.from_babel(babel)) == (babel, bcp47)
    assert tag.language == bcp47.split("-")[0]


@pytest.mark.parametrize("text", ["e$", "", "sr_RS@latin", "toolonglanguage"])
def test_bad_tags_are_locale_errors_quoting_the_value(text: str) -> None:
    with pytest.raises(LocaleError) as info:
        LocaleTag(text)
    assert repr(text) in str(info.value)


def test_negotiate_re_exports_the_shared_conversions() -> None:
    assert negotiate.to_babel is tags.to_babel
    assert negotiate.from_babel is tags.from_babel
    assert negotiate.canonical_tag is tags.canonical_tag
