"""A radar chart as server-rendered SVG, in pure Python (no Django import).

The SVG has role="img", a <title> and a <desc> that states the numbers, so it
reads without the picture; pages also show the same numbers in a table.
Axis labels are shown in full: wrapped at spaces onto up to three lines and placed
outside the rings, with the viewBox computed from their estimated widths
(`core.chartaxis.text_width`), so no label is clipped on screen, on a phone or in a PDF.
Series colours are blue and orange, distinguishable with colour blindness,
and the later series is drawn dashed so the two also differ without colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from dipps.core.chartaxis import text_width, wrap

COLOURS = ("#0b5c8a", "#e08a00", "#5a7d2a")
DASHES = ("", "6 4", "2 3")
FONT = 12
LINE = 14  # the distance between the baselines of a wrapped label's lines
WRAP_CHARS = 20  # a label longer than this breaks at a space, onto up to three lines
LABEL_GAP = 12  # from the outer ring to a label
PAD = 6


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # first axis straight up
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def label_lines(text: str) -> list[str]:
    """A label's lines: the fewest (three at most) for a width of 12 to 20 characters, and of
    those the narrowest, so a short word is not left alone on a line."""
    return min(
        (wrap(text, width) for width in range(12, WRAP_CHARS + 1)),
        key=lambda lines: (len(lines), max(len(line) for line in lines)),
    )


def _label(
    cx: float, cy: float, radius: float, index: int, count: int, text: str
) -> tuple[str, tuple[float, float, float, float]]:
    """An axis label outside the rings, wrapped onto up to three lines, and its estimated
    box (left, top, right, bottom): above the top axis, below the bottom one, beside the
    others, so the text grows away from the polygon."""
    x, y = _point(cx, cy, radius + LABEL_GAP, index, count)
    dx, dy = x - cx, y - cy
    lines = label_lines(text)
    wide = max(text_width(line, FONT) for line in lines)
    if abs(dx) < 0.3 * (radius + LABEL_GAP):
        anchor, left = "middle", x - wide / 2
    elif dx > 0:
        anchor, left = "start", x
    else:
        anchor, left = "end", x - wide
    block = LINE * (len(lines) - 1)
    if dy < -0.3 * (radius + LABEL_GAP):
        first = y - block  # above: the last line sits on the point
    elif dy > 0.3 * (radius + LABEL_GAP):
        first = y + FONT * 0.8  # below: the first line hangs from it
    else:
        first = y - block / 2 + FONT * 0.35  # beside: centred on it
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + i * LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    markup = f'<text font-size="{FONT}" text-anchor="{anchor}">{spans}</text>'
    box = (left, first - FONT * 0.8, left + wide, first + block + FONT * 0.25)
    return markup, box


def _legend(series: Sequence[Series], left: float, right: float, top: float) -> tuple[str, float]:
    """The series' keys flowing left to right from `left`, wrapping before `right`; the markup
    and the bottom of the last row."""
    parts, x, y = [], left, top + FONT
    for s_index, item in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        dash = DASHES[s_index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        need = 30 + text_width(item.name, FONT) + 16
        if x > left and x + need > right:
            x, y = left, y + LINE + 4
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 24:.1f}" y2="{y - 4:.1f}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="{x + 30:.1f}" y="{y:.1f}" font-size="{FONT}">{escape(item.name)}</text>'
        )
        x += need
    return "".join(parts), y + FONT * 0.25


def radar(
    *,
    title: str,
    desc: str,
    axes: Sequence[str],
    series: Sequence[Series],
    maximum: float = 100,
    ident: str = "radar",
    radius: int = 140,
) -> str:
    """SVG markup (a string, already escaped) of a radar chart of 3 or more axes.

    The viewBox is computed to hold the rings, every axis label (wrapped, placed outside)
    and the legend, so the stylesheet may scale the drawing to any width and nothing is cut
    off; the width and height attributes are the drawing's natural size."""
    count = len(axes)
    if count < 3:
        raise ValueError("a radar chart needs at least three axes")
    cx = cy = 0.0
    labels = [_label(cx, cy, radius, i, count, label) for i, label in enumerate(axes)]
    boxes = [box for _, box in labels]
    left = min([-radius, *(b[0] for b in boxes)]) - PAD
    right = max([radius, *(b[2] for b in boxes)]) + PAD
    top = min([-radius, *(b[1] for b in boxes)]) - PAD
    legend, legend_bottom = _legend(
        series, left + PAD, right - PAD, max([radius, *(b[3] for b in boxes)]) + 2 * PAD
    )
    bottom = legend_bottom + PAD
    width, height = right - left, bottom - top
    parts = [
        # Sized by attributes, shrunk to the column by the stylesheet (.chart.radar):
        # a style attribute would need 'unsafe-inline' in the Content-Security-Policy.
        f'<svg class="chart radar" viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(cx, cy, radius * ring, i, count) for i in range(count))
        )
        parts.append(f'<polygon points="{points}" fill="none" stroke="#c9d1da" stroke-width="1"/>')
    for i, (markup, _box) in enumerate(labels):
        x, y = _point(cx, cy, radius, i, count)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c9d1da"/>'
        )
        parts.append(markup)
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
    parts.append(legend)
    parts.append("</svg>")
    return "".join(parts)
