"""PDF handouts: time to the first PDF (rendered) and from the cache, in one run.

The bundled project's app in process (Flask's test client: no network, no gunicorn), each
handout asked for once (WeasyPrint renders it) and then ``repeat`` times (served from the
generation's cache). The figure that matters is the ratio: how many times cheaper a handout
is once made, which is what keeps a burst of PDF requests from costing a render each.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

__all__ = ["HANDOUTS", "measure_handouts"]

HANDOUTS = (
    "/es/articles/thermal-rhizotomy.pdf",
    "/ar/articles/thermal-rhizotomy.pdf?with=en",
    "/zh-Hans/articles/rhizotomy-complete-guide.pdf",
)


def _timed(client: Any, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return seconds, len(response.data)


def measure_handouts(root: Path, repeat: int = 50) -> dict[str, Any]:
    """First and cached times of each of :data:`HANDOUTS`, and their ratio."""
    from medloc.serving.web import create_app
    from medloc.serving.web.config import project_settings

    app = create_app(project_settings(root, reload_interval=0, public_url="https://clinic.example"))
    client = app.test_client()
    rows = []
    for url in HANDOUTS:
        first, size = _timed(client, url)
        cached = statistics.median(_timed(client, url)[0] for _ in range(repeat))
        rows.append(
            {
                "url": url,
                "bytes": size,
                "first_seconds": round(first, 4),
                "cached_seconds": round(cached, 6),
                "first_over_cached": round(first / cached, 1) if cached else None,
            }
        )
    ratios = [row["first_over_cached"] for row in rows if row["first_over_cached"]]
    return {
        "repeat": repeat,
        "handouts": rows,
        "first_over_cached_min": min(ratios) if ratios else None,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure_handouts(Path(__file__).resolve().parent.parent), indent=1))
