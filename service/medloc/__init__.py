"""medloc: localization pipeline and web service for patient-facing medical articles.

The package's folders are the pipeline's stages, each with its own public face:
:mod:`medloc.source`, :mod:`medloc.catalog`, :mod:`medloc.qa`, :mod:`medloc.serving` and
:mod:`medloc.cli` (``python -m medloc``). From here: the web application and the errors
that bad input can cause (:mod:`medloc.errors`).
"""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from medloc.errors import (
    CatalogError,
    ConfigError,
    ContentError,
    LocaleError,
    MedlocError,
    MoFileError,
    PdfUnavailable,
)

if TYPE_CHECKING:
    from medloc.serving.web import create_app

__version__ = version("medloc")


def __getattr__(name: str) -> Any:
    """``create_app``, imported on first use: the batch commands never load Flask."""
    if name == "create_app":
        from medloc.serving.web import create_app

        return create_app
    raise AttributeError(f"module 'medloc' has no attribute {name!r}")


__all__ = [
    "CatalogError",
    "ConfigError",
    "ContentError",
    "LocaleError",
    "MedlocError",
    "MoFileError",
    "PdfUnavailable",
    "__version__",
    "create_app",
]
