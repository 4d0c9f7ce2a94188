"""The gate's findings through a spool file (medloc.qa._spool): a forked worker writes them a
batch at a time, the parent reads them back in order, and no file outlives the run."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

import pytest
from medloc.qa import Finding, gate
from medloc.qa._spool import Findings, Spooled, resolve, spool_folder
from medloc.qa.gate import run_gate


def _findings(count: int, start: int = 0) -> list[Finding]:
    return [
        Finding(
            "length", "warning", f"message {n}", "locales/ja/x.po", n, locale="ja", msgid=str(n)
        )
        for n in range(start, start + count)
    ]


def test_a_spool_gives_back_every_finding_in_order_and_removes_its_file(tmp_path: Path) -> None:
    batches = [_findings(3), [], _findings(1, 3), _findings(5, 4)]
    with Findings(tmp_path / "one.pickle") as spooled:
        for batch in batches:
            spooled.add(batch)
        spooled.add(iter(_findings(2, 9)))  # any iterable, as a list would take it
        result = spooled.result()
    assert isinstance(result, Spooled)
    with result.path.open("rb") as handle:  # a batch per non-empty add, not one piece
        written = []
        while True:
            try:
                written.append(len(pickle.load(handle)))
            except EOFError:
                break
    assert written == [3, 1, 5, 2]
    kept = Findings()
    for batch in [*batches, _findings(2, 9)]:
        kept.add(batch)
    assert kept.result() == _findings(11)
    assert resolve(result) == _findings(11)
    assert not result.path.exists()


def test_the_spool_folder_goes_with_what_is_left_in_it() -> None:
    with spool_folder(False) as none:
        assert none is None
    with spool_folder(True) as folder:
        assert folder is not None and folder.is_dir()
        with Findings(folder / "left.pickle") as left:  # a task that failed half-way
            left.add(_findings(1))
    assert not folder.exists()


def test_forked_workers_leave_no_spool_file(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spools = tmp_path / "spools"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    received: list[bool] = []

    def recording(found: list[Finding] | Spooled) -> list[Finding]:
        received.append(isinstance(found, Spooled))
        return resolve(found)

    monkeypatch.setattr(gate, "resolve", recording)
    alone = run_gate(project_copy, jobs=1, extract=False)
    assert not any(received)  # one process: the findings stay in lists
    together = run_gate(project_copy, jobs=2, extract=False)
    assert together == alone
    assert any(received)  # each catalog's findings came through a spool file
    assert list(spools.iterdir()) == []
