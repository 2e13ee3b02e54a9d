"""The pre-trend chart of the difference-in-differences page: two lines as server-rendered SVG.

Pure Python (no Django). House style of `maturity.charts` and `charts.py`: role="img", a
<title> and a <desc> that states the numbers (the page shows them in a table as well), sized
by attributes (no style attribute, which the Content-Security-Policy forbids). The two series
differ by colour, by line (the comparison line is dashed) and by marker (circle, square), so
they are told apart without colour too. A vertical line marks the year of the first support.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

TREATED = "#0b5c8a"
COMPARISON = "#e08a00"


@dataclass(frozen=True)
class Point:
    label: str  # the relative year as the page writes it ("−1")
    x: int  # the relative year
    treated: Decimal | None
    comparison: Decimal | None


def _polyline(coords: list[tuple[float, float]], colour: str, dashed: bool) -> str:
    if len(coords) < 2:
        return ""
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def lines(
    *,
    title: str,
    desc: str,
    points: Sequence[Point],
    series: tuple[str, str],
    axis_top: str,
    axis_bottom: str,
    ident: str = "trend",
    width: int = 560,
    height: int = 300,
) -> str:
    """SVG markup (already escaped). `axis_top`/`axis_bottom` are the highest and lowest
    values as the page writes them (the vertical scale runs between them)."""
    left, right, top, bottom = 90, 20, 20, 64
    plot_h = height - top - bottom
    values = [float(v) for p in points for v in (p.treated, p.comparison) if v is not None] or [0.0]
    high, low = max(values), min(values)
    span = (high - low) or 1.0
    step = (width - left - right) / max(1, len(points) - 1)

    def y_of(value: Decimal) -> float:
        return top + plot_h * (high - float(value)) / span

    parts = [
        f'<svg class="chart lines" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#6b6b6b"/>',
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end">'
        f"{escape(axis_top)}</text>",
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">'
        f"{escape(axis_bottom)}</text>",
    ]
    treated: list[tuple[float, float]] = []
    comparison: list[tuple[float, float]] = []
    for index, point in enumerate(points):
        x = left + step * index
        if point.x == 0:  # the year of the first support
            parts.append(
                f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" '
                'stroke="#5b6770" stroke-dasharray="2 3"/>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="12" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
        if point.treated is not None:
            treated.append((x, y_of(point.treated)))
        if point.comparison is not None:
            comparison.append((x, y_of(point.comparison)))
    parts.append(_polyline(treated, TREATED, dashed=False))
    parts.append(_polyline(comparison, COMPARISON, dashed=True))
    for x, y in treated:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{TREATED}"/>')
    for x, y in comparison:
        parts.append(
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{COMPARISON}"/>'
        )
    for index, (name, colour, dashed) in enumerate(
        ((series[0], TREATED, False), (series[1], COMPARISON, True))
    ):
        lx = 10 + index * 260
        ly = height - 16
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(
            f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 24}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            f'<text x="{lx + 30}" y="{ly}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
