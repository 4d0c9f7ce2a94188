"""Source changes sorted by kind, recomputed from the previous msgid alone."""

from __future__ import annotations

import pytest
from medloc.review import ChangeKind, classify_change, describe_change, is_meaning_neutral

K = ChangeKind


@pytest.mark.parametrize(
    ("previous", "new", "kinds"),
    [
        ("Take 5 mg a day.", "Take 10 mg a day.", {K.NUMBERS}),
        ("Take 5 mg a day.", "Take 5 g a day.", {K.NUMBERS}),
        ("Rest for two days.", "Rest for three days.", {K.NUMBERS}),
        ("Do not drive for 24 hours.", "Drive after 24 hours.", {K.NEGATION, K.WORDING}),
        ("You can eat.", "You cannot eat.", {K.NEGATION, K.WORDING}),
        ("Do not drive.", "Do drive.", {K.NEGATION}),
        (
            "See [the guide](https://a.example/x).",
            "See [the guide](https://a.example/y).",
            {K.LINKS},
        ),
        ("Rest.", "Rest. Drink water.", {K.SENTENCES}),
        ("Rest. Drink water.", "Rest.", {K.SENTENCES}),
        ("Call your doctor.", "Call your nurse.", {K.WORDING}),
        ("You **must** rest.", "You must rest.", {K.WORDING}),
        ("It's  fine.", "It\u2019s fine.", {K.NEUTRAL}),
        ("A \u201cquoted\u201d word", 'A "quoted"\n word', {K.NEUTRAL}),
    ],
)
def test_each_kind(previous: str, new: str, kinds: set[ChangeKind]) -> None:
    assert classify_change(previous, new) == kinds


def test_meaning_neutral_changes_are_only_whitespace_and_quotes() -> None:
    assert is_meaning_neutral("a  b\u00a0c \u2018d\u2019", "a b c 'd'")
    assert not is_meaning_neutral("a b", "a  B")


def test_the_note_lists_the_kinds_most_dangerous_first() -> None:
    kinds = classify_change("Do not take 5 mg.", "Take 10 mg.")
    assert describe_change(kinds) == "source changed: numbers or units, a negation, wording"
