"""Figure series drawn as inline SVG on the server (no JavaScript, no chart library).

Actuals are a solid line with filled dots; targets, forecasts and potentials are hollow diamonds
with a dashed line from the day the target was set to its deadline, so a later actual can be
read against the target at a glance. Every number is written by `fmt` and escaped by Jinja.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from letopis.web import fmt

W, H = 640, 260
PAD_L, PAD_R, PAD_T, PAD_B = 64, 20, 18, 36
_YEAR = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
TARGET_KINDS = ("target", "potential", "forecast")


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    kind: str
    title: str
    href: str | None
    start_x: float | None = None  # for targets: where the dashed line starts (the day it was set)
    label_y: float = 0.0


@dataclass
class Chart:
    title: str
    unit: str
    actual_path: str
    points: list[Point]
    xticks: list[tuple[float, str]]
    yticks: list[tuple[float, str]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    bounds: list[float] = field(default_factory=list)
    width: int = W
    height: int = H


def _year_frac(s: Any, end: bool = False) -> float | None:
    """'2023-08-22' -> 2023.64; '2022' -> 2022.0, or 2022.5 as the end of a period (a whole year's
    figure sits in the middle of its year on the axis)."""
    if not s:
        return None
    found = _YEAR.findall(str(s))
    if not found:
        return None
    y, m, d = found[-1] if end else found[0]
    year = int(y)
    if not m:
        return year + (0.5 if end else 0.0)
    try:
        day = date(year, int(m), int(d or 1)).timetuple().tm_yday
    except ValueError:
        return float(year)
    return year + (day - 1) / 365.0


def _point_x(p: dict[str, Any]) -> float | None:
    """Where a figure sits in time: its `date` (the end of the period it describes; the query layer
    normalises it), a whole year's figure (dated 31 December) in the middle of its year."""
    d = str(p.get("date") or "")
    if len(d) >= 10 and d[4:10] == "-12-31":
        return int(d[:4]) + 0.5
    x = _year_frac(d)
    if x is None:
        x = _year_frac(p.get("period"), end=True)
    return x


def _set_at(p: dict[str, Any]) -> float | None:
    """When a target was announced: the date of the article that set it."""
    ev = p.get("evidence") or {}
    return _year_frac(ev.get("date"))


def _nice_step(span: float, n: int = 4) -> float:
    raw = span / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def build(series: dict[str, Any], doc_href: Any = None) -> Chart | None:
    """A chart for one series of the dossier ({metric, sector, unit, series: [...]}), or None if empty."""
    pts = [p for p in series.get("series") or [] if isinstance(p.get("value"), int | float)]
    placed = [(x, p) for p in pts if (x := _point_x(p)) is not None]
    if not placed:
        return None
    xs = [x for x, _ in placed] + [s for _, p in placed
                                   if p.get("kind") in TARGET_KINDS and (s := _set_at(p)) is not None]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    if x1 - x0 < 1:
        x1 = x0 + 1
    top = max(p["value"] for _, p in placed)
    step = _nice_step(top or 1)
    ymax = step * math.ceil((top or 1) * 1.1 / step)

    def sx(x: float) -> float:
        return round(PAD_L + (x - x0) / (x1 - x0) * (W - PAD_L - PAD_R), 1)

    def sy(v: float) -> float:
        return round(H - PAD_B - v / ymax * (H - PAD_T - PAD_B), 1)

    unit = series.get("unit")
    points: list[Point] = []
    rows: list[dict[str, Any]] = []
    for x, p in sorted(placed, key=lambda t: t[0]):
        kind = str(p.get("kind") or "actual")
        ev = p.get("evidence") or {}
        label = fmt.amount(p["value"], unit, p.get("qualifier"))
        short = fmt.amount(p["value"], None, p.get("qualifier")) + ("%" if unit == "%" else "")
        if kind in TARGET_KINDS:
            short = f"{fmt.label('figure_kind', kind)} {short}"
        href = doc_href(ev) if doc_href and ev.get("document_id") else None
        when = fmt.period(p.get("period")) or fmt.date(p.get("date"))
        title = f"{fmt.label('figure_kind', kind)} · {when}: {label}"
        if p.get("sources", 1) and int(p.get("sources") or 1) > 1:
            title += f" · источников: {p['sources']}"
        start_x = None
        if kind in TARGET_KINDS:
            set_at = _set_at(p)
            start_x = sx(set_at) if set_at is not None and set_at < x else None
        points.append(Point(sx(x), sy(p["value"]), p["value"], short, kind, title, href, start_x))
        rows.append({"when": when, "kind": kind, "label": label, "href": href,
                     "source": ev.get("source") or ev.get("title") or "", "sources": p.get("sources") or 1})
    _place_labels(points)
    actual = [pt for pt in points if pt.kind not in TARGET_KINDS]
    path = " ".join(f"{'M' if i == 0 else 'L'}{pt.x},{pt.y}" for i, pt in enumerate(actual))
    years = list(range(x0, x1))
    every = max(1, math.ceil(len(years) / 8))
    # Year labels sit in the middle of their year; boundaries get small tick marks.
    xticks = [(sx(y + 0.5), str(y)) for y in years[::every]]
    bounds = [sx(y) for y in range(x0, x1 + 1)]
    yticks = [(sy(v), fmt.number(v)) for v in _frange(0, ymax, step)]
    title = fmt.label("metric", series.get("metric"))
    if series.get("sector"):
        title += f" · {fmt.label('sector', series['sector'])}"
    return Chart(title, fmt.unit(unit), path, points, xticks, yticks, rows, bounds)


def _place_labels(points: list[Point]) -> None:
    """Labels go above their dot; one that would overlap its left neighbour's label goes below."""
    prev: Point | None = None
    for pt in points:
        pt.label_y = pt.y - 10
        if prev is not None:
            half_widths = 3.2 * (len(pt.label) + len(prev.label))  # ~6.4 px per character at 11 px
            if abs(pt.x - prev.x) < half_widths + 4 and abs(pt.label_y - prev.label_y) < 13:
                pt.label_y = pt.y + 19
        prev = pt


def _frange(a: float, b: float, step: float) -> list[float]:
    n = round((b - a) / step)
    return [a + i * step for i in range(n + 1)]
