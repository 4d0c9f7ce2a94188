"""The service's answers as a static site: ``medloc build OUT`` (see ``docs/static.md``).

:func:`build` renders every page, API document, localized 404 page, the stylesheet and the
sitemap with the service's own code into ``OUT/site`` (with ``.gz`` and ``.br`` variants),
incrementally, and writes ``OUT/nginx.conf``, which serves the tree with the service's
headers and proxies everything else to a running medloc app.
"""

from __future__ import annotations

from .build import BuildOptions, BuildReport, build
from .nginx import NginxOptions

__all__ = ["BuildOptions", "BuildReport", "NginxOptions", "build"]
