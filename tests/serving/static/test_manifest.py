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
    assert head.token and head.stamps
    whole = read_manifest(out)
    assert read_manifest(out, head) == whole and len(whole.outputs) == len(head.stamps)
    assert json.loads((out / manifest.FILE).read_bytes())["token"] == head.token
