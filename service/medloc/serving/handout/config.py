"""The ``[handouts]`` table of ``medloc.toml``: how PDF handouts are made and served."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from medloc.config import read_config, read_table
from medloc.errors import ConfigError

__all__ = ["PAPER_SIZES", "HandoutConfig", "read_handouts"]

PAPER_SIZES = frozenset({"A4", "letter"})


@dataclass(frozen=True)
class HandoutConfig:
    """The ``[handouts]`` table (docs/handouts.md, docs/configuration.md)."""

    paper: str = "A4"
    """The page size: ``A4`` or ``letter``."""
    max_renders: int = 1
    """PDFs rendered at the same time by the whole server (each takes a CPU core for about
    a second, and holds a worker)."""
    queue: int = 0
    """Requests that may wait for a render slot (each holds a worker while it waits); beyond
    them the answer is 503 with Retry-After. Keep ``max_renders + queue`` below ``[serve]
    workers`` so that the pages always have a worker."""
    wait: float = 10.0
    """Seconds a queued request waits for a slot before it gets the 503 (well below the
    30 seconds after which gunicorn ends a worker that does not answer)."""
    retry_after: int = 30
    """The Retry-After of that 503, in seconds."""
    cache_size: int = 64
    """Handouts kept per generation of content and catalogs (each some 50 to 200 KB)."""

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES:
            raise ConfigError(f"paper = {self.paper!r}: write one of {', '.join(PAPER_SIZES)}")
        for name in ("max_renders", "cache_size"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} = {getattr(self, name)!r} must be at least 1")
        for name in ("queue", "retry_after"):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} = {getattr(self, name)!r} must be 0 or more")
        if self.wait <= 0:
            raise ConfigError(f"wait = {self.wait!r} must be more than 0 seconds")


def read_handouts(root: Path) -> HandoutConfig:
    """The ``[handouts]`` table of ``root``'s ``medloc.toml`` (defaults without one)."""
    return read_table(read_config(root), "handouts", HandoutConfig)
