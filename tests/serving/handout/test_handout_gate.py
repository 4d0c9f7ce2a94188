"""The render gate is one count for the whole server: a render in one worker process holds
the slot for the others (gunicorn's sync workers fork after the gate is made)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from medloc.serving.handout.gate import Busy, Gate

_FORK = multiprocessing.get_context("fork")


def _hold(gate: Gate, started: object, release: object) -> None:
    with gate.admit(), gate.slot():
        started.set()  # type: ignore[attr-defined]
        release.wait(30)  # type: ignore[attr-defined]


@contextmanager
def rendering_in_another_process(gate: Gate) -> Iterator[None]:
    started, release = _FORK.Event(), _FORK.Event()
    worker = _FORK.Process(target=_hold, args=(gate, started, release))
    worker.start()
    try:
        assert started.wait(30)
        yield
    finally:
        release.set()
        worker.join(30)
    assert worker.exitcode == 0


def test_beyond_renders_and_queue_every_process_is_turned_away() -> None:
    gate = Gate(renders=1, queue=0, wait=5)
    with rendering_in_another_process(gate):
        assert gate.admitted == 1
        with pytest.raises(Busy), gate.admit():
            pass
    with gate.admit(), gate.slot():  # free again
        assert gate.admitted == 1
    assert gate.admitted == 0


def test_a_queued_request_waits_for_the_slot_then_gives_up() -> None:
    gate = Gate(renders=1, queue=1, wait=0.2)
    with rendering_in_another_process(gate):
        with gate.admit():  # the queue has room
            assert gate.admitted == 2
            with pytest.raises(Busy), gate.slot():
                pass
        assert gate.admitted == 1
