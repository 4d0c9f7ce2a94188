"""The articles keep their seeds' figures and do not contradict each other (#13).

Every quantity an article states (a number with its unit: ``5 to 8 hours``, ``10-20 %``,
``3 weeks``, ``6 months to 2 years``, ``80 °C``) must be one its seed states, read the same way:
en dash or hyphen, ``per cent`` or ``%``, ``three`` or ``3``, ``degrees Celsius`` or ``°C``. So
must every number written in digits (``people over 65``). An article may leave a figure out;
it may not add or change one.

The seeds are scraped web pages that carry no licence (``/work/shared/seeds/README.md``), so
their text is not copied into the repository: ``tests/data/seeds/facts.json`` keeps only what
this test reads from each seed (its quantities and numbers, and the SHA-256 of its text). Where
the seeds are at hand (``../shared/seeds`` beside the clone, or their files put into
``tests/data/seeds/``), a test derives the facts from them again and compares; after a change
to the extractor, ``MEDLOC_UPDATE_SEED_FACTS=1`` rewrites the file from the seeds.

The README's "Instruction passages" table lists exactly the sections marked
``role=instructions``.

Anaesthesia: the seeds disagree (one says general anaesthesia, two say local anaesthesia with
sedation), so each article that names a kind of anaesthesia must say that it depends on the
technique, and no two articles may state different kinds as the rule.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from medloc.source.content import Article, load_content
from medloc.source.extract import parse_article_body

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "tests" / "data" / "seeds" / "facts.json"

SEED_OF: dict[str, str] = {
    "rhizotomy-back-pain-options": "000_2840406c53b54f72.txt",
    "what-is-a-rhizotomy": "001_2889337d4e01ec71.txt",
    "rhizotomy-complete-guide": "002_474786e2ecd685f8.txt",
    "rhizotomy-for-sciatica": "003_abce6242682eeb9f.txt",
    "thermal-rhizotomy": "004_7cf3f5f9895a0786.txt",
}
"""Which seed each article was written from (the seed's first line is the article's topic)."""

# --- reading quantities ----------------------------------------------------------------------

_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
}
_UNITS = {
    "%": "%",
    "°c": "°C",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "hour": "hour",
    "hours": "hour",
    "h": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_NUM = r"(?<![\w.])\d+(?:\.\d+)?"
_UNIT = r"(?:%|°c|minutes?|min|hours?|h|days?|weeks?|months?|years?)(?![\w])"
_QUANTITY = re.compile(
    rf"between\s+(?P<a1>{_NUM})\s*(?P<u1>{_UNIT})?\s+and\s+(?P<a2>{_NUM})\s*(?P<u2>{_UNIT})"
    rf"|(?P<b1>{_NUM})\s*(?P<v1>{_UNIT})?\s*(?:-|to)\s*(?P<b2>{_NUM})\s*(?P<v2>{_UNIT})"
    rf"|(?P<c>{_NUM})\s*(?P<w>{_UNIT})"
)
_DIGITS = re.compile(_NUM)


@dataclass(frozen=True, order=True)
class Amount:
    value: str
    unit: str

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"


@dataclass(frozen=True, order=True)
class Quantity:
    """One stated figure: a single amount, or a range whose ends carry their units."""

    low: Amount
    high: Amount | None = None

    def __str__(self) -> str:
        return str(self.low) if self.high is None else f"{self.low} - {self.high}"


def normalise(text: str, *, words: bool = True) -> str:
    """Lower case, Markdown link targets and emphasis dropped, dashes as hyphens, ``per cent``
    as ``%``, ``degrees Celsius`` as ``°c``, and with ``words`` number words as digits."""
    text = re.sub(r"\]\([^)]*\)", "]", text).lower()
    text = re.sub(r"[*_`\[\]|]", " ", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s*\b(?:per\s*cent|percent)\b", "%", text)
    text = re.sub(r"\s*(?:degrees?\s+celsius|°\s*c)\b", " °c", text)
    if not words:
        return text
    pattern = "|".join(_WORDS)
    return re.sub(rf"\b({pattern})\b", lambda m: _WORDS[m.group(1)], text)


def _amount(value: str, unit: str) -> Amount:
    return Amount(value, _UNITS[unit])


def quantities(text: str) -> set[Quantity]:
    """Every number with a unit in ``text``, ranges as one quantity (see the tests below)."""
    found: set[Quantity] = set()
    for match in _QUANTITY.finditer(normalise(text)):
        if match.group("c"):
            found.add(Quantity(_amount(match.group("c"), match.group("w"))))
            continue
        first, second = ("a1", "a2") if match.group("a1") else ("b1", "b2")
        units = ("u1", "u2") if match.group("a1") else ("v1", "v2")
        high = _amount(match.group(second), match.group(units[1]))
        low_unit = match.group(units[0]) or match.group(units[1])
        found.add(Quantity(_amount(match.group(first), low_unit), high))
    return found


def numbers(text: str, *, words: bool = True) -> set[str]:
    """Every number in ``text``: written in digits, and with ``words`` also in words (a seed
    may spell out a number an article writes in digits; an article's "one procedure" is a
    count, not a figure)."""
    return set(_DIGITS.findall(normalise(text, words=words)))


def article_text(article: Article) -> str:
    """What a reader sees of an article: title, summary and body (not the front matter's
    dates)."""
    return "\n".join((article.title, article.summary, article.body))


def facts_of(seed_text: str) -> dict[str, object]:
    return {
        "sha256": hashlib.sha256(seed_text.encode("utf-8")).hexdigest(),
        "quantities": sorted(str(q) for q in quantities(seed_text)),
        "numbers": sorted(numbers(seed_text), key=float),
    }


# --- the extractor itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fast for about 5 to 8 hours before.", {"5 hour - 8 hour"}),
        ("fast for about 5\u20138 hours", {"5 hour - 8 hour"}),
        ("it causes 10-20% of back pain", {"10 % - 20 %"}),
        ("it causes 10% to 20% of back pain", {"10 % - 20 %"}),
        ("ten to twenty per cent of it", {"10 % - 20 %"}),
        ("relief lasts between six months and two years", {"6 month - 2 year"}),
        ("relief lasts 6 months to 2 years", {"6 month - 2 year"}),
        ("Full relief may take three weeks; work within 1-2 days.", {"3 week", "1 day - 2 day"}),
        ("heats it to about 80 degrees Celsius", {"80 °C"}),
        ("heats it to about 80 °C", {"80 °C"}),
        ("up to 30% and 60% of cases", {"30 %", "60 %"}),
        ("patients under 60 years of age", {"60 year"}),
        ("Most people over 65 and one procedure, several months, a week", set()),
        ("see [the guide](rhizotomy-2-guide) for 2 weeks", {"2 week"}),
        ("a 24h stay and 45 min", {"24 hour", "45 minute"}),
    ],
)
def test_the_extractor_reads_each_way_of_writing_a_quantity(text: str, expected: set[str]) -> None:
    assert {str(q) for q in quantities(text)} == expected


def test_a_changed_figure_or_unit_is_a_different_quantity() -> None:
    seed = quantities("fast for about 5 to 8 hours; relief for 6 months to 2 years")
    assert quantities("fast for 5 to 8 hours") <= seed
    assert not quantities("fast for 5 to 8 days") <= seed
    assert not quantities("fast for 4 to 8 hours") <= seed
    assert not quantities("relief for 6 to 24 months") <= seed
    assert numbers("people over 65, for 3 weeks, one of two") == {"65", "3", "1", "2"}
    assert numbers("people over 65, for 3 weeks, one of two", words=False) == {"65", "3"}


# --- the articles against their seeds ---------------------------------------------------------

CONTENT = load_content(ROOT)
ARTICLES = {article.slug: article for article in CONTENT.articles}
STORED = json.loads(FACTS.read_text(encoding="utf-8")) if FACTS.is_file() else {}


def test_every_article_has_a_seed() -> None:
    assert set(ARTICLES) == set(SEED_OF)
    assert set(STORED) == set(SEED_OF.values())


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_every_quantity_of_an_article_is_one_its_seed_states(slug: str) -> None:
    seed = STORED[SEED_OF[slug]]
    stated = {str(q) for q in quantities(article_text(ARTICLES[slug]))}
    assert stated - set(seed["quantities"]) == set(), f"{slug}: figures not in its seed"


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_every_number_of_an_article_is_one_its_seed_states(slug: str) -> None:
    seed = STORED[SEED_OF[slug]]
    stated = numbers(article_text(ARTICLES[slug]), words=False)
    assert stated - set(seed["numbers"]) == set(), f"{slug}: numbers not in its seed"


def seed_facts(folder: Path) -> dict[str, object]:
    """The facts of every seed in ``folder`` as ``facts.json`` stores them (see
    ``tests/data/seeds/refresh.py``, which compares or rewrites the file where the seeds are)."""
    return {
        name: facts_of((folder / name).read_text(encoding="utf-8"))
        for name in sorted(SEED_OF.values())
    }


def test_the_stored_facts_are_those_of_the_seeds_they_name() -> None:
    """Each stored seed has its digest, and its figures are the ones the extractor keeps."""
    for name, facts in STORED.items():
        assert len(facts["sha256"]) == 64, name
        assert facts["quantities"] == sorted(set(facts["quantities"])), name


# --- anaesthesia ------------------------------------------------------------------------------

_KIND = {
    "general": re.compile(r"\bgeneral\s+an(?:a)?esthe(?:sia|tic)\b"),
    "local": re.compile(r"\blocal\s+an(?:a)?esthe(?:sia|tic)\b"),
}
_RULE = re.compile(r"\b(?:always|usually|typically|generally|normally|routinely)\b")
_HEDGE = re.compile(r"\b(?:some|depending|depends|either)\b")


@dataclass(frozen=True)
class Anaesthesia:
    """What a text says about the kind of anaesthesia: the kinds it states as the rule, and
    whether it says that the kind depends on the technique (a sentence naming both)."""

    rules: frozenset[str]
    depends: bool


def anaesthesia(text: str) -> Anaesthesia:
    rules: set[str] = set()
    depends = False
    for sentence in re.split(r"(?<=[.!?])\s+|\n", normalise(text)):
        kinds = {kind for kind, pattern in _KIND.items() if pattern.search(sentence)}
        if len(kinds) > 1 and _HEDGE.search(sentence):
            depends = True
        elif len(kinds) == 1 and _RULE.search(sentence) and not _HEDGE.search(sentence):
            rules |= kinds
    return Anaesthesia(frozenset(rules), depends)


def test_the_anaesthesia_reader_tells_a_rule_from_a_hedge() -> None:
    old_what_is = "- The procedure is usually done under **general anesthesia**, so you are asleep."
    old_thermal = "- You usually have **local anesthesia**, which numbs the area."
    hedge = (
        "Depending on the technique, some rhizotomies are done under general anesthesia and"
        " others under local anesthesia with sedation."
    )
    assert anaesthesia(old_what_is) == Anaesthesia(frozenset({"general"}), False)
    assert anaesthesia(old_thermal) == Anaesthesia(frozenset({"local"}), False)
    assert anaesthesia(hedge) == Anaesthesia(frozenset(), True)
    assert anaesthesia("It is always done under general anaesthesia.").rules == {"general"}
    assert anaesthesia("You can tolerate local anesthesia.") == Anaesthesia(frozenset(), False)


def test_no_two_articles_state_different_kinds_of_anaesthesia_as_the_rule() -> None:
    said = {slug: anaesthesia(article_text(a)) for slug, a in ARTICLES.items()}
    stated = {kind: sorted(s for s, a in said.items() if kind in a.rules) for kind in _KIND}
    assert not (stated["general"] and stated["local"]), stated
    assert not any(
        re.search(r"\balways\b[^.]*an(?:a)?esthe", normalise(article_text(a)))
        for a in ARTICLES.values()
    )


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_an_article_that_names_a_kind_of_anaesthesia_says_it_depends(slug: str) -> None:
    text = normalise(article_text(ARTICLES[slug]))
    if any(pattern.search(text) for pattern in _KIND.values()):
        assert anaesthesia(article_text(ARTICLES[slug])).depends, slug


# --- the README lists the instruction passages -------------------------------------------------

_ROW = re.compile(
    r"^\| `(?P<slug>[a-z0-9-]+)` \| (?P<heading>[^|]+?) \| `(?P<id>[a-z0-9-]+)` \|", re.M
)


def readme_instruction_rows(readme: str) -> set[tuple[str, str, str]]:
    """(slug, heading, id) of each row of the README's "Instruction passages" table."""
    start = readme.index("\n## Instruction passages\n")
    end = readme.index("\n## ", start + 1)
    return {(m["slug"], m["heading"], m["id"]) for m in _ROW.finditer(readme[start:end])}


def test_the_readme_lists_every_instruction_section_and_no_other() -> None:
    marked = {
        (article.slug, section.heading, section.id)
        for article in CONTENT.articles
        for section in parse_article_body(article).sections
        if section.role == "instructions"
    }
    assert marked, "no article has a section with role=instructions"
    assert readme_instruction_rows((ROOT / "README.md").read_text(encoding="utf-8")) == marked
