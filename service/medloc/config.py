"""The project's configuration file, ``medloc.toml`` at the project root: one file for every
feature that needs configuration, one table per feature.

Each feature describes its table as a frozen dataclass whose fields have defaults, and reads it
with :func:`read_table`; a project without the file, or without that table, gets the defaults.
Unknown keys and values of the wrong type are errors (:class:`medloc.errors.ConfigError`) that
name the file and the line and say what is accepted: a misspelt setting must never be silently
ignored. This module does the file reading and the typing; what a setting means lives with the
feature that owns its table.

A table's documentation is its dataclass: ``docs/configuration.md`` lists every table.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError

__all__ = ["CONFIG_FILE", "ProjectConfig", "read_config", "read_table"]

CONFIG_FILE = "medloc.toml"
"""The name of the configuration file at the project root."""

T = TypeVar("T")


@dataclass(frozen=True)
class ProjectConfig:
    """The parsed configuration file of a project (empty when it has none)."""

    path: str | None = None
    """The file as shown in messages, None when the project has no configuration file."""
    tables: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""

    def line_of(self, table: str, key: str | None = None) -> int | None:
        """The line of ``[table]`` (or of ``key = `` inside it), for messages."""
        lines = self.text.splitlines()
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        start = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if start is None:
            return None
        if key is None:
            return start + 1
        wanted = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            if wanted.match(lines[i]):
                return i + 1
        return start + 1


def read_config(root: Path) -> ProjectConfig:
    """The configuration of the project at ``root`` (``root/medloc.toml``), or an empty one."""
    path = Path(root) / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ProjectConfig()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot be read ({exc}); save it as UTF-8", path=CONFIG_FILE) from None
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))  # 3.11 has no lineno
        line = int(where.group(1)) if where else None
        raise ConfigError(f"is not valid TOML: {exc}", path=CONFIG_FILE, line=line) from None
    return ProjectConfig(path=CONFIG_FILE, tables=tables, text=text)


def read_table(config: ProjectConfig, name: str, kind: type[T]) -> T:
    """Table ``[name]`` of ``config`` as the frozen dataclass ``kind`` (its defaults where a key
    is absent). ConfigError, with file and line, for an unknown key or a value of another type."""
    raw = config.tables.get(name, {})
    if not isinstance(raw, Mapping):
        raise _error(config, name, None, f"{name!r} must be a table, [{name}]")
    hints = typing.get_type_hints(kind)
    known = {f.name: f for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known or not known[key].init:
            accepted = ", ".join(sorted(n for n, f in known.items() if f.init))
            raise _error(
                config, name, key, f"unknown setting {key!r} in [{name}]; use one of: {accepted}"
            )
        if not _fits(value, hints[key]):
            raise _error(
                config,
                name,
                key,
                f"[{name}] {key} = {value!r} is not {_describe(hints[key])};"
                " write a value of that type",
            )
        values[key] = tuple(value) if isinstance(value, list) else value
    try:
        return kind(**values)
    except (ValueError, TypeError) as exc:
        # A check of the dataclass names the key it refuses first ("port must be...",
        # "digits.ar = ..."): point at that key's line where the message starts with one.
        said = str(exc)
        key = next((k for k in values if re.match(rf"{re.escape(k)}\b", said)), None)
        raise _error(config, name, key, f"[{name}]: {said}") from None


def _error(config: ProjectConfig, table: str, key: str | None, message: str) -> ConfigError:
    return ConfigError(message, path=config.path or CONFIG_FILE, line=config.line_of(table, key))


def _fits(value: object, hint: Any) -> bool:
    """Whether a TOML value has the type ``hint`` (str, int, float, bool, date, tuples and
    lists of those, mappings of str to those, optional and union types)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arm) for arm in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin in (tuple, list, frozenset) or hint in (tuple, list):
        args = typing.get_args(hint)
        return (
            isinstance(value, list) and all(_fits(v, args[0]) for v in value)
            if args
            else isinstance(value, list)
        )
    if origin in (dict, Mapping) or origin is typing.get_origin(Mapping[str, str]):
        key_type, value_type = typing.get_args(hint)
        return isinstance(value, Mapping) and all(
            _fits(k, key_type) and _fits(v, value_type) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arm) for arm in typing.get_args(hint))
    if hint is type(None):
        return "absent"
    if origin in (tuple, list, frozenset):
        (arg, *_) = typing.get_args(hint) or (Any,)
        return f"a list of {_describe(arg)}"
    if origin in (dict, Mapping) or origin is typing.get_origin(Mapping[str, str]):
        return "a table"
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    return names.get(hint, getattr(hint, "__name__", str(hint)))
