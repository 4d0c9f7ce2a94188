"""What ``medloc serve`` runs: the app made once in the gunicorn master, then served.

Imported only by the ``serve`` command, so that the batch commands (extract, update, compile,
check...) never load Flask or gunicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from medloc.serving.web import create_app, generations_of, warm
from medloc.serving.web.config import read_serve

from .serve import bind_address

__all__ = ["start"]


class Server(BaseApplication):  # type: ignore[misc]
    """gunicorn running an app object made beforehand (``preload_app``)."""

    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def reload_hook(app: Flask) -> Any:
    """gunicorn's ``on_reload`` (the master got ``SIGHUP``): take the files as they are now,
    render them, then gunicorn forks the new workers from this generation."""

    def on_reload(_arbiter: object) -> None:
        library = generations_of(app).reload()
        if library.settings.warm:
            with app.app_context():
                warm(library)

    return on_reload


def start(
    root: Path,
    *,
    host: str | None,
    port: int | None,
    workers: int | None,
    cache_size: int | None,
    fallbacks: dict[str, list[str]] | None,
    public_url: str | None,
    reload_interval: float | None,
    health_details: bool | None,
    access_log: bool | None,
) -> None:
    """Create the app for ``root`` (options override its ``[serve]`` table) and serve it."""
    table = read_serve(root)
    settings = table.settings(
        root,
        cache_size=cache_size,
        fallbacks=fallbacks,
        public_url=public_url,
        warm=True,
        reload_interval=reload_interval,
        health_details=health_details,
    )
    try:
        app = create_app(settings)
    except ValueError as exc:  # a fallback chain naming a locale that is not served
        raise click.UsageError(str(exc)) from None
    options: dict[str, Any] = {
        "bind": bind_address(host or table.host, table.port if port is None else port),
        "workers": workers or table.workers,
        "worker_class": "sync",
        "preload_app": True,
        "timeout": 30,
        "graceful_timeout": 10,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "medloc",
        "limit_request_line": 4094,
        "limit_request_field_size": 8190,
        "on_reload": reload_hook(app),
    }
    if table.access_log if access_log is None else access_log:
        options["accesslog"] = "-"
    Server(app, options).run()
