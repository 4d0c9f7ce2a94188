"""The build's manifest (#15): written in pieces that json's C encoder makes, byte for byte
``json.dumps``; read once (its head, then the state file written with it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from medloc.serving.static import BuildOptions, build, manifest
from medloc.serving.static.manifest import read_head, read_manifest
from medloc.serving.static.tree import entries, intact
from webproject import build as write_project

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=12) | st.dictionaries(st.text(), inner, max_size=24),
    max_leaves=60,
)


@given(value=JSON)
def test_the_pieces_are_json_dumps(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest, "_CHUNK", 3)
        assert "".join(manifest._pieces(value)) == expected
    assert "".join(manifest._pieces(value)) == expected


def test_the_manifest_is_read_from_its_head(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    head = read_head(out)
    assert head.token and head.count
    whole = read_manifest(out)
    assert read_manifest(out, head) == whole and len(whole.outputs) == head.count
    assert json.loads((out / manifest.FILE).read_bytes())["token"] == head.token


def test_an_output_not_as_left_is_written_again(tmp_path: Path) -> None:
    """Nothing changed is told by the inputs and by every output still as it was left (size
    and mtime, looked up folder by folder); an output changed or removed is written again."""
    project = write_project(tmp_path / "project")
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    site = out / "site"
    head = read_head(out)
    assert intact(site, head.tree) and head.count == len(list(entries(head.tree)))
    names = [name for name, _size, _mtime in entries(head.tree)]
    assert "sitemap.xml" in names and any(name.count("/") >= 2 for name in names)
    page = site / next(name for name in names if name.count("/") >= 2)
    body = page.read_bytes()
    page.write_bytes(body + b" ")
    assert not intact(site, head.tree)
    report = build(BuildOptions(project, out))
    assert not report.unchanged and page.read_bytes() == body
    assert build(BuildOptions(project, out)).unchanged
    page.unlink()
    assert not intact(site, read_head(out).tree)
    assert not build(BuildOptions(project, out)).unchanged and page.read_bytes() == body
    assert build(BuildOptions(project, out)).unchanged
