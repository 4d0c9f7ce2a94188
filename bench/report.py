"""The figures of one run: a table on stdout, the same figures as JSON, and a PNG chart.

Also the derived numbers: ratios to the reference (the constant route, GNU msgfmt, the
parse time, pybabel), the growth exponents (slope of log(time) against log(N)) and
whether each target of the issue is met.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["exponent", "growth", "render_text", "targets", "write_chart", "write_json"]

STEP_COLUMNS = (
    ("extract", "extract"),
    ("update", "update"),
    ("compile", "compile"),
    ("check", "check"),
    ("pybabel extract", "pb extract"),
    ("pybabel update", "pb update"),
    ("pybabel compile", "pb compile"),
    ("msgfmt", "msgfmt"),
)
"""(step, column title) of the scale table."""

GROWTH_STEPS = ("extract", "update", "compile", "check", "startup", "pss")
LINEAR_SLACK = 1.15
"""An exponent up to this counts as linear (timing noise, cache effects)."""
FEW_HUNDRED_MB = 500.0


def exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x); None with fewer than two usable points."""
    usable = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(usable) < 2:
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    var = sum((x - mean_x) ** 2 for x, _ in usable)
    if var == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in usable) / var


def _value(cell: Mapping[str, Any], step: str) -> float | None:
    if step in ("startup", "pss"):
        service = cell.get("service") or {}
        if service.get("status") != "ok":
            return None
        if step == "pss" and service.get("pages") != service.get("pages_total"):
            return None  # memory after some of the pages only: not comparable
        value = service.get("startup_s" if step == "startup" else "pss_mb")
        return float(value) if value is not None else None
    run = (cell.get("steps") or {}).get(step) or {}
    return float(run["seconds"]) if run.get("status") == "ok" and run.get("seconds") else None


def _points(scale: list[dict[str, Any]], locales: str, step: str) -> list[tuple[int, float]]:
    """(N, value) of ``step`` in the cells with ``locales`` locales, by N; None left out."""
    return sorted(
        (c["articles"], v)
        for c in scale
        if str(c["locales"]) == locales and (v := _value(c, step)) is not None
    )


def growth(cells: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, float | None]]]:
    """Per locale count and step: the exponent over N >= 50 (``fit``; over every N when
    fewer were measured) and between the two largest N (``last``: how it grows where it
    matters)."""
    result: dict[str, dict[str, dict[str, float | None]]] = {}
    for m in sorted({int(c["locales"]) for c in cells}):
        per_step: dict[str, dict[str, float | None]] = {}
        for step in GROWTH_STEPS:
            points = sorted(
                (float(c["articles"]), v)
                for c in cells
                if int(c["locales"]) == m and (v := _value(c, step)) is not None
            )
            large = [p for p in points if p[0] >= 50]
            if len(large) < 2:  # a quick run: the small corpora are all there is
                large = points
            per_step[step] = {
                "fit": _round(exponent(large)),
                "last": _round(exponent(large[-2:])) if len(large) >= 2 else None,
            }
        result[str(m)] = per_step
    return result


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def targets(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue: the figure, the limit, met or not."""
    found: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, *, at_least: bool) -> None:
        met = None if value is None else (value >= limit if at_least else value <= limit)
        found.append(
            {
                "target": name,
                "value": _round(value, 3),
                "limit": f"{'>=' if at_least else '<='} {limit:g}",
                "met": met,
            }
        )

    scenarios = (results.get("requests") or {}).get("scenarios") or {}
    if scenarios:
        add("article rps / constant rps", scenarios["article"]["rps_ratio"], 0.95, at_least=True)
        add("article p99 / constant p99", scenarios["article"]["p99_ratio"], 1.5, at_least=False)
        add("304 rps / constant rps", scenarios["article 304"]["rps_ratio"], 1.0, at_least=True)
    target = results.get("compile_target") or {}
    if target:
        add("compile / msgfmt (50k messages)", target.get("compile_ratio"), 1.5, at_least=False)
        add("check / parse (50k messages)", target.get("check_ratio"), 3.0, at_least=False)
        add(
            "check on 1 CPU / parse, CPU seconds (50k messages)",
            target.get("check_one_cpu_cpu_ratio"),
            1.5,
            at_least=False,
        )
    for m, steps in (results.get("growth") or {}).items():
        for step in ("startup", "pss"):
            last = steps.get(step, {}).get("last")
            add(f"{step} growth exponent, M={m}", last, LINEAR_SLACK, at_least=False)
    for cell in results.get("scale") or []:
        if cell["articles"] == max(c["articles"] for c in results["scale"]) and cell[
            "locales"
        ] == max(c["locales"] for c in results["scale"]):
            service = cell.get("service") or {}
            pss = service.get("pss_mb") if service.get("status") == "ok" else None
            pages = f"{service.get('pages', 0)} of {service.get('pages_total', 0)} pages"
            add(
                f"service PSS MB at N={cell['articles']} x M={cell['locales']} ({pages})",
                pss,
                FEW_HUNDRED_MB,
                at_least=False,
            )
    return found


# --------------------------------------------------------------------------- text


def _seconds(run: Mapping[str, Any] | None) -> str:
    if not run:
        return "-"
    if run.get("status") == "ok":
        return f"{run['seconds']:.2f}"
    if run.get("status") == "timeout":
        return f">{run['detail'].split('>')[-1].strip().removesuffix(' s')}"
    detail = str(run.get("detail", ""))
    if run.get("status") == "skipped" and detail.startswith("estimated "):
        return f"~{detail.split()[1]}*"
    return str(run.get("status", "-"))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(h).rjust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return lines


def render_text(results: Mapping[str, Any]) -> str:
    lines: list[str] = [f"medloc benchmark ({results['mode']}, {results['machine']})", ""]
    requests = results.get("requests")
    if requests:
        wrk, server = requests["wrk"], requests["server"]
        lines.append(
            f"Requests: gunicorn {server['workers']} {server['worker_class']} workers, wrk "
            f"{wrk['threads']} thread(s) x {wrk['connections']} connections, "
            f"{wrk.get('rounds', 1)} interleaved rounds, {wrk['duration_s']:g} s per scenario "
            f"(after {wrk['warmup_s']:g} s of warm-up); medians of the rounds"
        )
        rows = [
            [
                name,
                f"{s['bytes']}",
                f"{s['rps']:.0f}",
                f"{s['p50_ms']:.2f}",
                f"{s['p99_ms']:.2f}",
                f"{s['rps_ratio']:.3f}",
                f"{s['p99_ratio']:.3f}",
            ]
            for name, s in requests["scenarios"].items()
        ]
        lines += _table(["scenario", "bytes", "req/s", "p50 ms", "p99 ms", "x rps", "x p99"], rows)
        lines.append(
            f"naive (Flask-Babel style) / article req/s: {requests['naive_vs_article_rps']:.3f}"
        )
        lines.append("")
    target = results.get("compile_target")
    if target:
        runs = target["runs"]
        lines.append(
            f"One catalog of {target['messages']} messages (median of {target['repeat']}):"
        )
        rows = [
            [
                name,
                _seconds(run),
                "-" if run.get("cpu_seconds") is None else f"{run['cpu_seconds']:.2f}",
                f"{run.get('peak_mb') or 0:.0f}",
            ]
            for name, run in runs.items()
        ]
        lines += _table(["command", "s", "CPU s", "peak MB"], rows)
        lines.append(
            f"compile / msgfmt: {target['compile_ratio']}   check / parse: "
            f"{target['check_ratio']}   (check on 1 CPU / parse: "
            f"{target.get('check_one_cpu_ratio')}, in CPU seconds "
            f"{target.get('check_one_cpu_cpu_ratio')}; check / polib's parse: "
            f"{target['check_polib_ratio']})"
        )
        lines.append("")
    scale = results.get("scale")
    if scale:
        lines.append("Scale: seconds per step (whole command, all locales), service start-up and")
        lines.append("memory after every page was requested once (PSS of master + workers)")
        header = ["N", "M", "msgs/loc", *(title for _, title in STEP_COLUMNS)]
        header += ["start s", "pages", "PSS MB", "peak MB"]
        rows = []
        for cell in scale:
            steps = cell.get("steps") or {}
            service = cell.get("service") or {}
            peak = max((r.get("peak_mb") or 0) for r in steps.values()) if steps else 0
            rows.append(
                [
                    str(cell["articles"]),
                    str(cell["locales"]),
                    str(cell["messages"]),
                    *(_seconds(steps.get(step)) for step, _ in STEP_COLUMNS),
                    f"{service['startup_s']:.2f}"
                    if service.get("status") == "ok"
                    else service.get("status", "-"),
                    f"{service.get('pages', 0)}/{service.get('pages_total', 0)}",
                    f"{service['pss_mb']:.0f}" if service.get("pss_mb") else "-",
                    f"{peak:.0f}",
                ]
            )
        lines += _table(header, rows)
        lines.append("")
        lines.append("~: estimated (linear) and skipped, over the cap; >: timed out at the cap.")
        lines.append("")
        lines.append("Growth with N (exponent of a power-law fit over N >= 50; last: between the")
        lines.append("two largest N; 1.0 is linear; PSS only where every page was requested):")
        rows = [
            [m, step, str(g.get("fit")), str(g.get("last"))]
            for m, steps in results["growth"].items()
            for step, g in steps.items()
        ]
        lines += _table(["M", "step", "fit", "last"], rows)
        ratios = results.get("peer_ratios") or []
        if ratios:
            lines.append("")
            lines.append("medloc / peer (time ratio; < 1 is faster than the peer):")
            rows = [[str(r["articles"]), str(r["locales"]), *r["ratios"]] for r in ratios]
            lines += _table(
                ["N", "M", "extract/pb", "update/pb", "compile/pb", "compile/msgfmt"], rows
            )
        lines.append("")
    lines.append("Targets:")
    rows = [
        [
            t["target"],
            str(t["value"]),
            t["limit"],
            {True: "met", False: "MISSED"}.get(t["met"], "n/a"),
        ]
        for t in results.get("targets") or []
    ]
    lines += _table(["target", "value", "limit", ""], rows)
    return "\n".join(lines)


def peer_ratios(scale: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """medloc's time over the peer's for each cell, as strings (``-`` when one is missing)."""
    pairs = (
        ("extract", "pybabel extract"),
        ("update", "pybabel update"),
        ("compile", "pybabel compile"),
        ("compile", "msgfmt"),
    )
    found = []
    for cell in scale:
        steps = cell.get("steps") or {}
        ratios = []
        for ours, theirs in pairs:
            a, b = steps.get(ours) or {}, steps.get(theirs) or {}
            if a.get("status") == "ok" and b.get("status") == "ok" and b.get("seconds"):
                ratios.append(f"{a['seconds'] / b['seconds']:.2f}")
            elif a.get("status") == "ok" and b.get("status") in ("timeout", "skipped"):
                ratios.append(f"<{a['seconds'] / _limit(b):.2f}" if _limit(b) else "-")
            else:
                ratios.append("-")
        found.append({"articles": cell["articles"], "locales": cell["locales"], "ratios": ratios})
    return found


def _limit(run: Mapping[str, Any]) -> float | None:
    detail = str(run.get("detail", ""))
    if ">" not in detail:
        return None
    try:
        return float(detail.split(">")[-1].split()[0])
    except ValueError:
        return None


# ---------------------------------------------------------------------------- files


def write_json(results: Mapping[str, Any], path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_chart(results: Mapping[str, Any], path: Path) -> None:
    """Three panels: requests per second by scenario, pipeline seconds against N (log-log),
    service start-up and memory against N."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(17, 5.2))
    requests = results.get("requests")
    ax = axes[0]
    if requests:
        names = list(requests["scenarios"])
        values = [requests["scenarios"][n]["rps"] for n in names]
        bars = ax.bar(names, values, color=["#888", *(["#2a6"] * 4), "#c44"][: len(names)])
        for bar, name in zip(bars, names, strict=True):
            ratio = requests["scenarios"][name]["rps_ratio"]
            ax.annotate(
                f"{ratio:.2f}x",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=8,
            )
        ax.set_title("Requests per second (x constant route)")
        ax.tick_params(axis="x", rotation=30)
    scale = results.get("scale") or []
    ax = axes[1]
    styles = {"6": "-", "20": "--"}
    for step, color in zip(
        ("extract", "update", "compile", "check", "pybabel compile", "msgfmt"),
        ("#37a", "#a73", "#2a6", "#c44", "#999", "#555"),
        strict=True,
    ):
        for m in sorted({str(c["locales"]) for c in scale}):
            points = _points(scale, m, step)
            if points:
                ax.plot(
                    *zip(*points, strict=True),
                    styles.get(m, ":"),
                    color=color,
                    marker="o",
                    markersize=3,
                    label=f"{step} M={m}",
                )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("seconds")
    ax.set_title("Pipeline steps (whole command)")
    if ax.get_legend_handles_labels()[0]:  # empty when the scale part was not run
        ax.legend(fontsize=6, ncol=2)
    ax = axes[2]
    second = ax.twinx()
    for m in sorted({str(c["locales"]) for c in scale}):
        for step, axis, color in (("startup", ax, "#37a"), ("pss", second, "#c44")):
            points = _points(scale, m, step)
            if points:
                axis.plot(
                    *zip(*points, strict=True),
                    styles.get(m, ":"),
                    color=color,
                    marker="o",
                    markersize=3,
                    label=f"{'start-up s' if step == 'startup' else 'PSS MB'} M={m}",
                )
    ax.set_xscale("log")
    ax.set_yscale("log")
    second.set_yscale("log")
    ax.set_xlabel("articles (N)")
    ax.set_ylabel("start-up to first 200 (s)")
    second.set_ylabel("PSS after every page (MB)")
    ax.set_title("Service")
    handles = ax.get_legend_handles_labels()
    extra = second.get_legend_handles_labels()
    ax.legend(handles[0] + extra[0], handles[1] + extra[1], fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
