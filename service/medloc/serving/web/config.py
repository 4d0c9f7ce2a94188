"""Settings of the web service: one frozen dataclass, read once by :func:`create_app`.

An operator sets them in the ``[serve]`` table of the project's ``medloc.toml``
(:class:`ServeConfig`, read by :func:`project_settings`); ``medloc serve``'s command-line
options override the table for that run. ``create_app(Settings(...))`` uses exactly the
settings given and reads no file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from medloc.config import read_config, read_table
from medloc.errors import ConfigError

__all__ = ["ServeConfig", "Settings", "default_root", "project_settings", "read_serve"]

ROOT_ENV = "MEDLOC_ROOT"
"""Environment variable naming the project folder when no configuration is given."""


def default_root() -> Path:
    return Path(os.environ.get(ROOT_ENV, ".")).resolve()


@dataclass(frozen=True)
class Settings:
    """Everything the service needs to know; defaults serve ``./content`` and ``./locales``."""

    root: Path = field(default_factory=default_root)
    """The project folder; ``content_dir`` and ``locales_dir`` default to folders in it."""
    content_dir: Path | None = None
    """The folder holding ``articles/`` and ``disclaimer.md`` (default ``<root>/content``)."""
    locales_dir: Path | None = None
    """The catalogs, ``<babel locale>/LC_MESSAGES/*.po`` (default ``<root>/locales``)."""
    default_locale: str = "en"
    """The source language: it ends every fallback chain."""
    locales: Sequence[str] | None = None
    """The locales served (BCP 47 or Babel form); None: every folder of ``locales_dir``."""
    fallbacks: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Explicit fallback chains, ``{"pt-BR": ["es"]}``; the source language is appended."""
    cache_size: int = 512
    """How many rendered (article, locale) pairs are kept."""
    cookie_name: str = "medloc_lang"
    """The cookie the language switcher sets (through ``?lang=``)."""
    cookie_max_age: int = 365 * 24 * 3600
    page_max_age: int = 300
    """``Cache-Control: max-age`` of pages and API answers, in seconds."""
    blocking_checks: bool = True
    """Withhold translations with a blocking QA finding (:mod:`medloc.qa`); off only to
    test the rendering's own defences."""
    warm: bool = False
    """Render every (article, locale) at startup (``medloc serve`` does, before forking)."""
    public_url: str = ""
    """Origin for absolute canonical/hreflang URLs (``https://clinic.example``); empty:
    root-relative URLs. Never taken from the request's Host header, which a client sets."""
    reload_interval: float = 1.0
    """Seconds between checks for changed content and catalogs (0: never; see
    :mod:`medloc.serving.web.generation`)."""
    health_details: bool = False
    """Show file and line of each problem in ``/healthz`` (off: it is public)."""

    def __post_init__(self) -> None:
        if self.cache_size < 1:
            raise ConfigError(
                f"cache_size must be at least 1, not {self.cache_size!r}; the pages of one"
                " article in every locale are a good minimum"
            )
        if self.reload_interval < 0:
            raise ConfigError(
                f"reload_interval must be 0 (off) or more seconds, not {self.reload_interval!r}"
            )
        object.__setattr__(self, "root", Path(self.root))
        object.__setattr__(self, "public_url", self.public_url.rstrip("/"))

    @property
    def content_path(self) -> Path:
        return Path(self.content_dir) if self.content_dir is not None else self.root / "content"

    @property
    def locales_path(self) -> Path:
        return Path(self.locales_dir) if self.locales_dir is not None else self.root / "locales"

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Settings:
        """Settings from a mapping of field names (any case, an optional ``MEDLOC_`` prefix)
        over the ``[serve]`` table of the project's ``medloc.toml``;
        :class:`~medloc.errors.MedlocError` for a name that is not a setting."""
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in mapping.items():
            name = key.lower().removeprefix("medloc_")
            if name not in names:
                known = ", ".join(sorted(names))
                raise ConfigError(f"unknown setting {key!r}; use one of: {known}")
            values[name] = value
        root = Path(values.pop("root")) if "root" in values else default_root()
        return project_settings(root, **values)


@dataclass(frozen=True)
class ServeConfig:
    """The ``[serve]`` table of ``medloc.toml``: what an operator sets for ``medloc serve``
    (each key also a command-line option, which overrides it). See ``docs/configuration.md``."""

    host: str = "127.0.0.1"
    """Address to listen on (``medloc serve`` only)."""
    port: int = 8000
    """TCP port (``medloc serve`` only)."""
    workers: int = 2
    """Worker processes (``medloc serve`` only)."""
    access_log: bool = True
    """Log every request (``medloc serve`` only)."""
    default_locale: str = "en"
    locales: tuple[str, ...] | None = None
    fallbacks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cache_size: int = 512
    page_max_age: int = 300
    cookie_name: str = "medloc_lang"
    cookie_max_age: int = 365 * 24 * 3600
    public_url: str = ""
    reload_interval: float = 1.0
    health_details: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port must be 0 to 65535, not {self.port!r}")
        if not 1 <= self.workers <= 64:
            raise ConfigError(f"workers must be 1 to 64, not {self.workers!r}")
        for name in ("page_max_age", "cookie_max_age"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be 0 or more seconds")
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            raise ConfigError(f"public_url must start with https://, not {self.public_url!r}")
        object.__setattr__(self, "fallbacks", {k: tuple(v) for k, v in self.fallbacks.items()})
        self.settings(Path("."))  # the checks of Settings, reported with this table's line

    def settings(self, root: Path, **overrides: Any) -> Settings:
        """The service's settings: this table's, then ``overrides`` (None: not given)."""
        names = {f.name for f in fields(Settings)} & {f.name for f in fields(self)}
        values = {name: getattr(self, name) for name in names}
        values.update((k, v) for k, v in overrides.items() if v is not None)
        return Settings(root=root, **values)


def read_serve(root: Path) -> ServeConfig:
    """The ``[serve]`` table of ``root``'s ``medloc.toml`` (defaults without one);
    :class:`~medloc.errors.ConfigError` naming the file and line for a bad key or value."""
    return read_table(read_config(root), "serve", ServeConfig)


def project_settings(root: Path, **overrides: Any) -> Settings:
    """Settings of the project at ``root``: its ``[serve]`` table, then ``overrides``."""
    return read_serve(root).settings(Path(root), **overrides)
