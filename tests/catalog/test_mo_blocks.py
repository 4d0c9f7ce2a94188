"""The blocks of keys a ``.mo`` catalog keeps unpacked (``medloc.catalog._motable._Block``):
look-ups through them answer what a search reading each key and translation on its own
answers (the reference), on sound and corrupt files, and read a block once."""

from __future__ import annotations

import io
import random
from bisect import bisect_right
from collections.abc import Callable

import pytest
from medloc.catalog import _motable
from medloc.catalog._mo import MoCatalog, MoMessage, write_mo
from test_mo import HEADER, SAMPLE

MESSAGES = [  # keys enough in one context to fill blocks, then the .mo tests' sample
    *(MoMessage(f"Paragraph {n}", f"Párrafo {n}", context="aspirin#body") for n in range(9)),
    *SAMPLE,  # its last: a plural message
]
QUERIES = [
    *((m.msgid, m.context) for m in MESSAGES),
    ("Risk", None),  # misses: before, between and after the keys
    ("", "a"),
    ("Paragraph 10", "aspirin#body"),
    ("\uffff", "\uffff"),
]


def _mo(messages: list[MoMessage]) -> bytes:
    out = io.BytesIO()
    write_mo(out, messages, HEADER)
    return out.getvalue()


def _reference(catalog: MoCatalog, msgid: str, context: str | None) -> str | None:
    """``catalog.get`` as a search reading each probed key and the translation on its own
    (``_bisect`` over the block, ``_raw``): no block unpacked."""
    key = catalog._make_key(msgid, context)
    index, fences = catalog._search_index()
    block = bisect_right(fences, key) - 1
    if block < 0:
        return None
    lo = block * _motable._FENCE
    found = catalog._bisect(key, lo, min(lo + _motable._FENCE, catalog._count), index)
    if found is None:
        return None
    raw = catalog._raw(catalog._trans_off, found, "translation")
    return catalog._decode(raw, "translation", found).partition("\x00")[0]


def _outcome(ask: Callable[[], str | None]) -> tuple[str, str | None]:
    try:
        return "found", ask()
    except ValueError as exc:
        return "error", str(exc)


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_motable, "_FENCE", 4)  # the 18 entries in 5 blocks
    monkeypatch.setattr(_motable, "_CACHED", 2)  # and the cache emptied on the way


@pytest.mark.usefixtures("small_blocks")
def test_cached_blocks_answer_as_a_key_by_key_search() -> None:
    data = _mo(MESSAGES)
    rng = random.Random(20261201)
    answered = errors = 0
    for attempt in range(1500):
        mutated = bytearray(data)
        for _ in range(rng.randint(0, 3) if attempt else 0):
            mutated[rng.randrange(len(data))] = rng.randrange(256)
        try:
            cached, reference = MoCatalog(bytes(mutated)), MoCatalog(bytes(mutated))
        except ValueError:
            continue
        for msgid, context in rng.sample(QUERIES, len(QUERIES)):
            got = _outcome(lambda: cached.get(msgid, context))  # noqa: B023
            assert got == _outcome(lambda: _reference(reference, msgid, context)), mutated  # noqa: B023
            answered += 1
            errors += got[0] == "error"
    assert answered > 10_000 and errors > 100  # corruptions reached the blocks


@pytest.mark.usefixtures("small_blocks")
def test_a_sound_catalog_finds_every_message_through_its_blocks() -> None:
    catalog = MoCatalog(_mo(MESSAGES))
    for message in MESSAGES * 2:  # the second round after the cache was emptied
        assert catalog.get(message.msgid, message.context) == message.msgstr
    dose = MESSAGES[-1]
    assert catalog.get_plural(dose.msgid, 3, dose.context) == "%(n)d dosis (plural)"
    assert catalog.get("Paragraph 10", "aspirin#body") is None
    assert len(catalog._blocks) <= 2


def test_the_look_ups_of_one_block_read_it_once() -> None:
    """Four reads per block (its table entries and strings, and its translations'), not
    four per look-up."""
    messages = [MoMessage(f"Paragraph {n:03}", f"Párrafo {n}", "aspirin#body") for n in range(192)]
    data = _mo(messages)
    reads: list[tuple[int, int]] = []

    def read(offset: int, length: int) -> bytes:
        reads.append((offset, length))
        return data[offset : offset + length]

    catalog = MoCatalog.__new__(MoCatalog)
    catalog._setup(data, read, len(data))
    catalog.assume_key_order()
    reads.clear()
    for message in messages:  # 193 entries with the header: blocks 0 to 3
        assert catalog.get(message.msgid, message.context) == message.msgstr
    assert len(reads) == 4 * 4
