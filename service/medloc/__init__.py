"""medloc: localization pipeline and web service for patient-facing medical articles."""

from __future__ import annotations

from medloc.serving.web import create_app as create_app

__all__ = ["create_app"]
