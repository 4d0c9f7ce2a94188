"""medloc.toml: one file, one table per feature, read into frozen dataclasses; every mistake
is an error naming the file and the line."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from medloc.config import CONFIG_FILE, read_config, read_table
from medloc.errors import ConfigError


@dataclass(frozen=True)
class Example:
    name: str = ""
    count: int = 3
    ratio: float = 0.5
    on: bool = False
    tags: tuple[str, ...] = ()
    when: _dt.date | None = None


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_no_file_and_no_table_give_the_defaults(tmp_path: Path) -> None:
    assert read_table(read_config(tmp_path), "example", Example) == Example()
    config = read_config(_project(tmp_path, "[other]\nx = 1\n"))
    assert read_table(config, "example", Example) == Example()


def test_a_table_is_read_typed(tmp_path: Path) -> None:
    config = read_config(
        _project(
            tmp_path,
            '[example]\nname = "Clinic"\ncount = 7\nratio = 1\non = true\n'
            'tags = ["a", "b"]\nwhen = 2026-12-01\n',
        )
    )
    assert read_table(config, "example", Example) == Example(
        "Clinic", 7, 1, True, ("a", "b"), _dt.date(2026, 12, 1)
    )


def test_an_unknown_key_names_file_line_and_the_known_keys(tmp_path: Path) -> None:
    config = read_config(_project(tmp_path, '# c\n[example]\nname = "x"\ncuont = 2\n'))
    with pytest.raises(ConfigError) as caught:
        read_table(config, "example", Example)
    assert str(caught.value).startswith("medloc.toml:4: unknown setting 'cuont' in [example]")
    assert "count" in str(caught.value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('count = "7"', "is not an integer"),
        ("count = true", "is not an integer"),
        ("on = 1", "is not true or false"),
        ("tags = [1]", "is not a list of a string"),
        ('name = ["x"]', "is not a string"),
    ],
)
def test_a_value_of_another_type_is_refused(tmp_path: Path, line: str, expected: str) -> None:
    config = read_config(_project(tmp_path, f"[example]\n{line}\n"))
    with pytest.raises(ConfigError, match=expected) as caught:
        read_table(config, "example", Example)
    assert caught.value.path == CONFIG_FILE and caught.value.line == 2


def test_broken_toml_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        read_config(_project(tmp_path, "[example]\nname = \n"))
    assert caught.value.path == CONFIG_FILE and caught.value.line == 2
