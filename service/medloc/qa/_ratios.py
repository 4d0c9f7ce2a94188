"""Data: the length ratios of the project's reviewed translations (see `medloc.qa.omission`).

Written from the shipped catalogs by `medloc.qa.omission.learn_ratios` (every translated,
non-fuzzy message of ``locales/<locale>/LC_MESSAGES/articles.po`` with a source of at least 20
characters); `tests/qa/test_omission.py` checks that the catalogs still give these values.
Regenerate it when a locale is added or its catalog much reworked.
"""

RATIOS: dict[str, float] = {
    "ar": 0.91,
    "de": 1.26,
    "es": 1.18,
    "fr": 1.27,
    "pt_BR": 1.12,
    "zh_Hans": 0.33,
}
"""Per locale (Babel's name): the median length of a reviewed translation over its source's."""
