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
from medloc.serving.static.files import Written
from medloc.serving.static.links import Links, PageLinks
from medloc.serving.static.manifest import read_head, read_manifest
from medloc.serving.static.tree import Outputs, entries, intact, read_tree, tree_data
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


NAMES = st.sampled_from(
    [
        *("sitemap.xml", "es/index.html", "es/articles/a", "es/articles/b", "es/articles/c"),
        *("de/x", "api/v1/_locale/es/articles/a.json", "api/v1/_locale/es/articles.json"),
        "_404/es.html",
    ]
)
WRITTEN = st.builds(
    Written, NAMES, st.text("0123456789abcdef", min_size=1, max_size=4), st.integers(0, 9),
    st.integers(0, 9),
)  # fmt: skip
CHANGES = st.lists(st.one_of(WRITTEN, NAMES), max_size=12)


@given(first=st.lists(WRITTEN, max_size=10), changes=CHANGES)
def test_the_outputs_brought_up_to_date_are_as_if_made_anew(
    first: list[Written], changes: list[Written | str]
) -> None:
    """The outputs a rebuild carries over and changes (put, drop) are the outputs made
    from the result (in order, folder by folder), and read back from a tree the same."""
    model = {w.name: w for w in first}
    outputs = Outputs.of(model.values())
    assert dict(outputs) == model
    for change in changes:
        if isinstance(change, str):
            model.pop(change, None)
            outputs.drop(change)
        else:
            model[change.name] = change
            outputs.put(change)
    made = Outputs.of(model.values())
    assert dict(outputs) == model and len(outputs) == len(model)
    assert outputs.tree == made.tree
    assert all(outputs.digests(k) == made.digests(k) for k in made.tree)
    assert all((name in outputs) == (name in model) for name in ["es/articles/b", "x"])
    read = Outputs(read_tree(tree_data(outputs.tree)), {k: outputs.digests(k) for k in made.tree})
    assert dict(read) == model


PAGES = st.builds(
    PageLinks, st.text(max_size=3), st.lists(st.tuples(st.text(max_size=2), st.text(max_size=2)),
    max_size=2).map(tuple),
)  # fmt: skip


@given(first=st.dictionaries(NAMES, PAGES), changes=st.lists(st.tuples(NAMES, st.none() | PAGES)))
def test_the_links_brought_up_to_date_are_as_if_made_anew(
    first: dict[str, PageLinks], changes: list[tuple[str, PageLinks | None]]
) -> None:
    model = dict(first)
    links = Links.of(model)
    for name, page in changes:
        if page is None:
            model.pop(name, None)
            links.drop(name)
        else:
            model[name] = page
            links.put(name, page)
    assert dict(links) == model
    data = json.loads(json.dumps(links.data()))
    assert dict(Links.read(data)) == model
    assert len(data["alternates"]) == len({page.alternates for page in model.values()})
