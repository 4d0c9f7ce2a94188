"""update_catalog (medloc.catalog._merge) merges exactly as a plain reference implementation.

The reference below states the rules of ``update_catalog`` one entry at a time (it was
the previous ``update_catalog``; since issue #10 it also restores a translation made for
exactly a returning text, moves a text within its article without fuzzing it, keeps a
settled translation obsolete when it is carried fuzzily, takes an obsolete twin into
account, keeps the origin of a fuzzy translation as its previous msgid and drops stray
format flags; since issue #14 it carries a translation over a meaning-neutral change of its
text, not fuzzy, and notes in a fuzzy entry what kind of change its text went through):
randomized catalogs and edits must give the same entries and the same file text, also
when one ``catalogs.updater`` merges several catalogs in a row (its caches must not leak).
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Iterable

import polib
import pytest
from medloc import catalog as catalogs
from medloc.catalog import WRAP_WIDTH, RenderCache
from medloc.review import classify_change, describe_change, normal_form

# ---------------------------------------------------------------- the reference


Key = tuple[str | None, str]


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def _is_translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _is_settled(entry: polib.POEntry) -> bool:
    return _is_translated(entry) and not entry.fuzzy


def _origin(entry: polib.POEntry) -> Key:
    """What the translation was made for: the previous msgctxt/msgid of a fuzzy entry."""
    if not entry.fuzzy:
        return _key(entry)
    return (entry.previous_msgctxt or entry.msgctxt, entry.previous_msgid or entry.msgid)


def _article(msgctxt: str | None) -> str | None:
    return msgctxt.split("#")[0] if msgctxt and "#" in msgctxt else None


def _carry(new: polib.POEntry, old: polib.POEntry, *, fuzzy: bool) -> None:
    """Copy the translator's work from ``old`` into ``new``."""
    new.msgstr = old.msgstr
    if new.msgid_plural and old.msgstr_plural:
        new.msgstr_plural = dict(old.msgstr_plural)
    new.tcomment = old.tcomment
    template_flags = dict.fromkeys(new.flags)
    new.flags = [f for f in old.flags if f != "fuzzy" and not f.endswith("-format")]
    new.flags += [f for f in template_flags if f not in new.flags]
    if fuzzy:
        new.flags.append("fuzzy")
        msgctxt, msgid = _origin(old)
        if msgid != new.msgid or msgctxt != new.msgctxt:
            new.previous_msgid = msgid
        if msgctxt != new.msgctxt:
            new.previous_msgctxt = msgctxt
    elif old.fuzzy:
        new.flags.append("fuzzy")
        new.previous_msgid = old.previous_msgid
        new.previous_msgctxt = old.previous_msgctxt


def _rank(entry: polib.POEntry) -> int:
    return 2 if _is_settled(entry) else 1 if _is_translated(entry) else 0


def _one_per_key(po: polib.POFile) -> dict[Key, polib.POEntry]:
    """Active entries, then obsolete ones; of twins the most translated (the active one,
    else the later, on a tie), with the other's translator comment when it has none."""
    records: dict[Key, polib.POEntry] = {}
    for entry in [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]:
        first = records.get(_key(entry))
        if first is None:
            records[_key(entry)] = entry
            continue
        first_wins = _rank(first) > _rank(entry) or (
            _rank(first) == _rank(entry) and not first.obsolete and entry.obsolete
        )
        keep, other = (first, entry) if first_wins else (entry, first)
        if not keep.tcomment and other.tcomment:
            keep = polib.POEntry(**{**vars(keep), "tcomment": other.tcomment})
        records[_key(entry)] = keep
    return records


def _best_fuzzy(new: polib.POEntry, candidates: Iterable[polib.POEntry]) -> polib.POEntry | None:
    best: polib.POEntry | None = None
    best_ratio = 0.6
    for old in candidates:
        matcher = difflib.SequenceMatcher(None, new.msgid, old.msgid, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = old, ratio
    return best


def _find(
    new: polib.POEntry, records: dict[Key, polib.POEntry], lost: list[polib.POEntry], used: set[Key]
) -> tuple[polib.POEntry | None, str]:
    """The old entry that gives ``new`` its translation, and how."""
    old = records.get(_key(new))
    if old is not None and _is_settled(old):
        return old, "same"
    unused = [e for e in lost if _is_translated(e) and _key(e) not in used]
    if old is None or not _is_translated(old):
        for entry in unused:
            if entry.fuzzy and _origin(entry) != _key(entry) and _origin(entry) == _key(new):
                return entry, "restored"
    if old is not None:
        return old, "same"
    same_text = [e for e in unused if e.msgid == new.msgid]
    article = _article(new.msgctxt)
    moved = [e for e in same_text if article and _article(e.msgctxt) == article]
    if moved:
        return next((e for e in moved if _is_settled(e)), moved[0]), "moved"
    neutral = [
        e
        for e in unused
        if _is_settled(e)
        and not e.msgid_plural
        and normal_form(e.msgid) == normal_form(new.msgid)
        and (e.msgctxt == new.msgctxt or (article and _article(e.msgctxt) == article))
    ]
    if neutral:
        return next((e for e in neutral if e.msgctxt == new.msgctxt), neutral[0]), "neutral"
    pool = [e for e in unused if e.msgctxt == new.msgctxt] + same_text
    return _best_fuzzy(new, pool), "fuzzy"


def reference_update(po: polib.POFile, template: polib.POFile) -> polib.POFile:
    """Merge ``template`` into ``po``: what :func:`medloc.catalog.update_catalog` documents,
    written plainly (one entry at a time, lists searched, quadratic)."""
    records = _one_per_key(po)
    template_keys = {_key(t) for t in template}
    lost = [e for key, e in records.items() if key not in template_keys]
    used: set[Key] = set()

    result = polib.POFile(wrapwidth=WRAP_WIDTH)
    result.header = po.header
    result.metadata = dict(po.metadata)
    if "POT-Creation-Date" in template.metadata:
        result.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    result.metadata_is_fuzzy = po.metadata_is_fuzzy

    for tentry in template:
        new = polib.POEntry(
            msgid=tentry.msgid,
            msgctxt=tentry.msgctxt,
            msgid_plural=tentry.msgid_plural,
            msgstr_plural={i: "" for i in range(_nplurals(result))} if tentry.msgid_plural else {},
            comment=tentry.comment,
            occurrences=list(tentry.occurrences),
            flags=list(tentry.flags),
        )
        source, way = _find(new, records, lost, used)
        if source is not None:
            _carry(new, source, fuzzy=way == "fuzzy" or (way == "moved" and source.fuzzy))
            if way == "restored":
                new.flags.remove("fuzzy")
                new.previous_msgid = new.previous_msgctxt = None
                old = records.get(_key(new))
                new.tcomment = new.tcomment or (old.tcomment if old is not None else "")
            previous = new.previous_msgid
            if new.fuzzy and previous is not None and previous != new.msgid:
                note = describe_change(classify_change(previous, new.msgid))
                new.comment = f"{new.comment}\n{note}" if new.comment else note
            used.add(_key(source))
        result.append(new)

    for old in lost:
        if _key(old) in used and not _is_settled(old):
            continue  # its translation went on to a new message
        if not old.obsolete and not _is_translated(old) and not old.tcomment:
            continue  # nothing of a translator's to keep
        gone = polib.POEntry(
            msgid=old.msgid,
            msgctxt=old.msgctxt,
            msgid_plural=old.msgid_plural,
            msgstr=old.msgstr,
            msgstr_plural=dict(old.msgstr_plural),
            tcomment=old.tcomment,
            flags=list(old.flags),
            previous_msgid=old.previous_msgid,
            previous_msgctxt=old.previous_msgctxt,
            obsolete=True,
        )
        result.append(gone)
    return result


def _nplurals(po: polib.POFile) -> int:
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


# ---------------------------------------------------------------- random catalogs

WORDS = "pain nerve heat probe the a of and is may feel numb sore days weeks skin - 5 %s"
WORDS_LIST = WORDS.split(" ")
SECTIONS = ["a:title", "a#intro", "a#risks", "a#faq", "b#intro", "b#risks", None]
FLAGS = ["python-format", "no-wrap", "c-format"]


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS_LIST) for _ in range(rng.randint(1, 30))]
    return " ".join(words).capitalize() + rng.choice([".", "?", "", "\n"])


def _edit(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    spot = rng.randrange(len(words))
    words[spot] = rng.choice(WORDS_LIST) if rng.random() < 0.8 else ""
    return " ".join(words)


def _template(rng: random.Random, size: int) -> polib.POFile:
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.metadata = {"POT-Creation-Date": f"2026-01-0{rng.randint(1, 9)} 00:00+0000"}
    seen = set()
    while len(pot) < size:
        entry = polib.POEntry(
            msgid=_text(rng),
            msgctxt=rng.choice(SECTIONS),
            comment=rng.choice(["", "article: a", "article: a\nrole: risks (safety-critical)"]),
            occurrences=[("content/a.md", str(rng.randint(1, 99)))] * rng.randint(0, 2),
            flags=rng.sample(FLAGS, rng.choice([0, 0, 0, 1, 2])),
        )
        if rng.random() < 0.1:
            entry.msgid_plural = entry.msgid + " (many)"
            entry.msgstr_plural = {0: "", 1: ""}
        if (entry.msgctxt, entry.msgid) not in seen:
            seen.add((entry.msgctxt, entry.msgid))
            pot.append(entry)
    return pot


def _translate(rng: random.Random, entry: polib.POEntry) -> None:
    if entry.msgid_plural:
        count = rng.choice([2, 3])
        entry.msgstr_plural = {i: rng.choice(["", f"T{i}: {entry.msgid}"]) for i in range(count)}
    elif rng.random() < 0.8:
        entry.msgstr = "T: " + entry.msgid
    if rng.random() < 0.2:
        entry.tcomment = rng.choice(["checked", "checked\nby the clinic"])
    if rng.random() < 0.2:
        entry.flags = [*rng.sample(FLAGS, rng.randint(0, 2)), *entry.flags]
    if rng.random() < 0.15:
        entry.flags.append("fuzzy")
        if rng.random() < 0.7:
            entry.previous_msgid = _edit(rng, entry.msgid)
        if rng.random() < 0.3:
            entry.previous_msgctxt = rng.choice(SECTIONS)


def _catalog(rng: random.Random, pot: polib.POFile) -> polib.POFile:
    """A translation of ``pot``, with obsolete entries, duplicates and odd flags."""
    po = catalogs.update_catalog(polib.POFile(wrapwidth=WRAP_WIDTH), pot)
    po.metadata = {"Language": "es", "Plural-Forms": rng.choice(["nplurals=3; plural=n", ""])}
    po.metadata_is_fuzzy = rng.choice([0, ["fuzzy"]])
    for entry in po:
        _translate(rng, entry)
    for _ in range(rng.randint(0, 6)):
        gone = polib.POEntry(msgid=_text(rng), msgctxt=rng.choice(SECTIONS), obsolete=True)
        if rng.random() < 0.3 and len(po):
            same = rng.choice(po)  # the same key active and obsolete
            gone.msgid, gone.msgctxt = same.msgid, same.msgctxt
        _translate(rng, gone)
        po.append(gone)
    rng.shuffle(po)
    return po


def _changed(rng: random.Random, pot: polib.POFile, po: polib.POFile) -> polib.POFile:
    """The next template: messages edited, moved, removed, added, restored."""
    new = polib.POFile(wrapwidth=WRAP_WIDTH)
    new.metadata = {"POT-Creation-Date": "2026-02-01 00:00+0000"}
    olds = [e for e in po if e.previous_msgid] + [e for e in po if e.obsolete]
    entries = []
    for entry in pot:
        roll = rng.random()
        copy = polib.POEntry(**{k: v for k, v in vars(entry).items() if k != "linenum"})
        copy.occurrences = list(entry.occurrences)
        copy.flags = list(entry.flags)
        if roll < 0.1:
            continue  # removed
        if roll < 0.35:
            copy.msgid = _edit(rng, copy.msgid)
        elif roll < 0.4:
            copy.msgctxt = rng.choice(SECTIONS)
        elif roll < 0.45 and olds:
            back = rng.choice(olds)  # an edit reverted, an obsolete message back
            copy.msgid = back.previous_msgid or back.msgid
            copy.msgctxt = back.previous_msgctxt or back.msgctxt
        entries.append(copy)
    entries += list(_template(rng, rng.randint(0, 5)))
    seen = set()
    for entry in entries:
        if (entry.msgctxt, entry.msgid) not in seen or rng.random() < 0.05:
            seen.add((entry.msgctxt, entry.msgid))
            new.append(entry)  # now and then the same key twice
    return new


def _same(ours: polib.POFile, theirs: polib.POFile) -> None:
    assert catalogs.po_text(ours) == catalogs.po_text(theirs)
    assert [vars(e) for e in ours] == [vars(e) for e in theirs]
    assert (ours.header, ours.metadata, ours.metadata_is_fuzzy) == (
        theirs.header,
        theirs.metadata,
        theirs.metadata_is_fuzzy,
    )


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("seed", range(60))
def test_update_catalog_merges_as_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    pot = _template(rng, rng.randint(0, 40))
    po = _catalog(rng, pot)
    new_pot = _changed(rng, pot, po)
    expected = reference_update(po, new_pot)
    _same(catalogs.update_catalog(po, new_pot), expected)
    # Twice: the second merge keeps everything of the first.
    _same(catalogs.update_catalog(expected, new_pot), reference_update(expected, new_pot))


@pytest.mark.parametrize("seed", range(10))
def test_one_updater_for_many_catalogs(seed: int) -> None:
    rng = random.Random(f"many:{seed}")
    pot = _template(rng, 30)
    pos = [_catalog(rng, pot) for _ in range(4)]
    new_pot = _changed(rng, pot, pos[0])
    update = catalogs.updater(new_pot)
    cache = RenderCache()
    for po in pos:
        merged = update(po)
        expected = reference_update(po, new_pot)
        _same(merged, expected)
        assert catalogs.po_text(merged, cache=cache) == catalogs.po_text(expected)


def test_the_merge_does_not_share_lists_with_the_template() -> None:
    pot = _template(random.Random(1), 10)
    merged = catalogs.update_catalog(polib.POFile(), pot)
    for entry, tentry in zip(merged, pot, strict=True):
        assert entry.occurrences is not tentry.occurrences
        assert entry.flags is not tentry.flags
        entry.occurrences.append(("x", "1"))
        entry.flags.append("fuzzy")
    assert all(("x", "1") not in t.occurrences and "fuzzy" not in t.flags for t in pot)


def test_fuzzy_ratios_are_remembered_not_changed() -> None:
    ratios: dict[tuple[str, str], float] = {}
    old = [polib.POEntry(msgid="Heat numbs the nerve."), polib.POEntry(msgid="Heat numbs a nerve.")]
    first = catalogs._merge.best_fuzzy("Heat numbs the nerves.", old, ratios)
    assert first is old[0] and ratios  # the second cannot win: its bound is lower
    assert catalogs._merge.best_fuzzy("Heat numbs the nerves.", old, ratios) is first
    assert catalogs._merge.best_fuzzy("Something else entirely", old, ratios) is None
