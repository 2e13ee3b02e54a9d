"""The impact app's bar charts as server-rendered SVG, in pure Python (no Django import).

House style of the maturity radar (`maturity/charts.py`): role="img", a <title> and a <desc>
that states the numbers, sized by attributes (no style attribute, which the
Content-Security-Policy forbids); the page shows the same numbers in a table next to the
chart. Three kinds share one drawing frame:

- `bars`: one value per fiscal year (value added per employee), the baseline and the
  follow-ups drawn in orange with a dark outline and their mark written under the year, so
  they differ without colour too;
- `stacked`: one bar per year, a segment per series (energy or CO2e by carrier), an axis
  with values and its unit, the total written above each bar and a legend below;
- `histogram`: adjacent columns of counts (the firms per bin of change), the count above
  each column and the bins' edges below.

**Labels fit.** The SVG is drawn at its natural size and scaled to the column by the
stylesheet (`.chart` is `max-width: 100 %; height: auto`), so at 390 px it shrinks as a
whole and nothing is cut off; what must be right is that every label fits inside the
drawing. Text widths are estimated from their length (`core.chartaxis.text_width`, shared
with the other charts), and slots,
the axis margin, the width of the drawing and the rows of the legend are sized from them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from dipps.core.chartaxis import nice_step, text_width

PLAIN = "#0b5c8a"
MARKED = "#e08a00"
AXIS = "#5b6770"
COLOURS = ("#0b5c8a", "#e08a00", "#5a7d2a", "#7a4b94", "#9c2f2f", "#3d7f7f", "#6b6b6b", "#b38f00")


def _head(width: float, height: float, ident: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg class="chart bars" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, text: str, size: int = 11, anchor: str = "middle", extra: str = ""):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{escape(text)}</text>"
    )


# --- one value per year -------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # the year
    value: Decimal | None  # None: no bar (no figure)
    text: str  # the value as the page writes it
    mark: str = ""  # "baseline", "T1"… written under the label


def bars(
    *, title: str, desc: str, items: Sequence[Bar], ident: str = "bars", height: int = 240
) -> str:
    """SVG markup (a string, already escaped) of vertical bars from a zero line.

    Each bar has a slot of 90 px, or more when its value, year or mark is wider."""
    widest = max(
        [text_width(b.text, 11) for b in items]
        + [text_width(b.label, 12) for b in items]
        + [text_width(b.mark, 11) for b in items],
        default=0.0,
    )
    slot = max(90, math.ceil(widest) + 10)
    width = max(320, slot * len(items) + 40)
    top, bottom = 24, height - 48
    values = [b.value for b in items if b.value is not None]
    high = max([v for v in values if v > 0], default=Decimal(0))
    low = min([v for v in values if v < 0], default=Decimal(0))
    span = (high - low) or Decimal(1)
    scale = (bottom - top) / float(span)
    zero = top + float(high) * scale
    parts = _head(width, height, ident, title, desc)
    parts.append(
        f'<line x1="20" y1="{zero:.1f}" x2="{width - 20}" y2="{zero:.1f}" stroke="{AXIS}"/>'
    )
    for index, item in enumerate(items):
        x = 40 + index * slot + (slot - 90) // 2
        if item.value is not None:
            size = abs(float(item.value)) * scale
            y = zero - size if item.value >= 0 else zero
            colour = MARKED if item.mark else PLAIN
            outline = ' stroke="#1f2a33" stroke-width="2"' if item.mark else ""
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="50" height="{size:.1f}" fill="{colour}"'
                f"{outline}/>"
            )
            label_y = (y - 6) if item.value >= 0 else (y + size + 14)
            parts.append(_text(x + 25, max(label_y, 12), item.text))
        parts.append(_text(x + 25, height - 30, item.label, 12))
        if item.mark:
            parts.append(_text(x + 25, height - 14, item.mark, extra=' font-weight="bold"'))
    parts.append("</svg>")
    return "".join(parts)


# --- stacked bars: a segment per series ---------------------------------------------------


@dataclass(frozen=True)
class Stack:
    label: str  # a group on the x axis (a year)
    values: Sequence[float]  # one per series
    text: str = ""  # the total as the page writes it, above the bar


def _legend(series: Sequence[str], width: float, y0: float) -> tuple[list[str], int]:
    """The legend's keys, flowing left to right and wrapping before the drawing's edge."""
    parts, x, row = [], 10.0, 0
    for index, name in enumerate(series):
        item = 14 + text_width(name, 11) + 16
        if x > 10 and x + item > width - 10:
            x, row = 10.0, row + 1
        y = y0 + row * 16
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" '
            f'fill="{COLOURS[index % len(COLOURS)]}"/>' + _text(x + 14, y, name, anchor="start")
        )
        x += item
    return parts, (row + 1 if series else 0)


def stacked(
    *,
    title: str,
    desc: str,
    series: Sequence[str],
    groups: Sequence[Stack],
    unit: str,
    ident: str = "stacked",
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    width: int = 560,
    plot_height: int = 200,
) -> str:
    """SVG markup (already escaped): stacked bars, one per group, a segment per series,
    on an axis from 0 to a round value past the highest total, its ticks written by `fmt`
    and its unit above it. Negative values are not drawn (quantities are not negative)."""
    top = 28
    totals = [sum(max(0.0, v) for v in g.values) for g in groups] or [0.0]
    step = nice_step(max(totals))
    ticks = [step * i for i in range(math.ceil(max(totals) / step - 1e-9) + 1)] or [0.0]
    if len(ticks) < 2:
        ticks.append(step)
    axis_top = ticks[-1]
    left = max(40, math.ceil(max(text_width(fmt(t), 11) for t in ticks)) + 12)
    slot_need = max(
        [text_width(g.label, 12) + 10 for g in groups]
        + [text_width(g.text, 11) + 8 for g in groups]
        + [70.0]
    )
    width = max(
        width,
        math.ceil(left + slot_need * len(groups) + 10),
        math.ceil(text_width(unit, 11)) + 8,
    )
    slot = (width - left - 10) / max(1, len(groups))
    bar_w = min(60.0, slot * 0.6)
    base = top + plot_height
    legend, rows = _legend(series, width, base + 40)
    height = base + 28 + rows * 16 + 4
    parts = _head(width, height, ident, title, desc)
    parts.append(_text(4, 12, unit, anchor="start"))
    for tick in ticks:
        y = base - plot_height * tick / axis_top
        parts.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" '
            f'stroke="{AXIS if tick == 0 else "#dde3e8"}"/>'
        )
        parts.append(_text(left - 6, y + 4, fmt(tick), anchor="end"))
    for g_index, group in enumerate(groups):
        x = left + slot * g_index + (slot - bar_w) / 2
        y = float(base)
        for s_index, value in enumerate(group.values):
            h = plot_height * max(0.0, value) / axis_top
            if h <= 0:
                continue
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[s_index % len(COLOURS)]}" stroke="#ffffff"/>'
            )
        if group.text:
            parts.append(_text(x + bar_w / 2, y - 5, group.text))
        parts.append(_text(x + bar_w / 2, base + 16, group.label, 12))
    parts.extend(legend)
    parts.append("</svg>")
    return "".join(parts)


# --- a histogram of counts ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str  # the bin, as the page writes it ("0 to 10 %")
    count: int


def histogram(
    *,
    title: str,
    desc: str,
    columns: Sequence[Column],
    axis: str,
    ident: str = "histogram",
    plot_height: int = 180,
) -> str:
    """SVG markup (already escaped): adjacent columns of counts on a whole-number axis,
    each bin's label under its column and `axis` (what the bins measure) below them."""
    top, left = 28, 40
    peak = max((c.count for c in columns), default=0)
    step = max(1, math.ceil(nice_step(peak)))
    axis_top = max(step, math.ceil(peak / step) * step)
    slot = max(56, math.ceil(max((text_width(c.label, 11) for c in columns), default=0)) + 12)
    width = max(320, left + slot * len(columns) + 10, math.ceil(text_width(axis, 12)) + 20)
    base = top + plot_height
    height = base + 44
    parts = _head(width, height, ident, title, desc)
    for tick in range(0, axis_top + 1, step):
        y = base - plot_height * tick / axis_top
        parts.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" '
            f'stroke="{AXIS if tick == 0 else "#dde3e8"}"/>'
        )
        parts.append(_text(left - 6, y + 4, str(tick), anchor="end"))
    for index, column in enumerate(columns):
        x = left + index * slot
        h = plot_height * column.count / axis_top
        if h > 0:
            parts.append(
                f'<rect x="{x + 2}" y="{base - h:.1f}" width="{slot - 4}" height="{h:.1f}" '
                f'fill="{PLAIN}"/>'
            )
        parts.append(_text(x + slot / 2, base - h - 5, str(column.count)))
        parts.append(_text(x + slot / 2, base + 16, column.label))
    parts.append(_text(width / 2, base + 36, axis, 12))
    parts.append("</svg>")
    return "".join(parts)
