"""A radar chart as server-rendered SVG, in pure Python (no Django import).

The SVG has role="img", a <title> and a <desc> that states the numbers, so it
reads without the picture; pages also show the same numbers in a table.
Series colours are blue and orange, distinguishable with colour blindness,
and the later series is drawn dashed so the two also differ without colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ("#0b5c8a", "#e08a00", "#5a7d2a")
DASHES = ("", "6 4", "2 3")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # first axis straight up
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def radar(
    *,
    title: str,
    desc: str,
    axes: Sequence[str],
    series: Sequence[Series],
    maximum: float = 100,
    ident: str = "radar",
    size: int = 420,
) -> str:
    """SVG markup (a string, already escaped) of a radar chart of 3 or more axes."""
    count = len(axes)
    if count < 3:
        raise ValueError("a radar chart needs at least three axes")
    cx = cy = size / 2
    radius = size / 2 - 80
    parts = [
        # Sized by attributes, shrunk to the column by the stylesheet (.chart.radar):
        # a style attribute would need 'unsafe-inline' in the Content-Security-Policy.
        f'<svg class="chart radar" viewBox="0 0 {size} {size + 30}" width="{size}" '
        f'height="{size + 30}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(cx, cy, radius * ring, i, count) for i in range(count))
        )
        parts.append(f'<polygon points="{points}" fill="none" stroke="#c9d1da" stroke-width="1"/>')
    for i, label in enumerate(axes):
        x, y = _point(cx, cy, radius, i, count)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c9d1da"/>'
        )
        lx, ly = _point(cx, cy, radius + 16, i, count)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="12" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    for s_index, item in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        dash = DASHES[s_index % len(DASHES)]
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (
                _point(cx, cy, radius * max(0.0, min(float(v), maximum)) / maximum, i, count)
                for i, v in enumerate(item.values)
            )
        )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polygon points="{points}" fill="{colour}" fill-opacity="0.15" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        lx = 10 + s_index * 140
        parts.append(
            f'<line x1="{lx}" y1="{size + 15}" x2="{lx + 24}" y2="{size + 15}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="{lx + 30}" y="{size + 19}" font-size="12">{escape(item.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
