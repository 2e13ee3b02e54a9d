"""Server-rendered SVG charts: no JavaScript, a text alternative, numbers also in a table.

Each function returns safe SVG markup with ``role="img"`` and a ``<title>``/``<desc>``; the
page puts the same numbers in a table next to it (the table is the accessible version).

Every value axis has ticks at round numbers (`core.chartaxis.ticks`) written in the page's
number format, and its unit named under it. The label column is as wide as the longest
name needs (estimated by `core.chartaxis.text_width`; a very long name takes two lines), so
a shock's name is never cut off; the drawing scales with the column (`.chart`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dipps.core.chartaxis import text_width, ticks, wrap
from dipps.core.formatting import MINUS, number
from dipps.core.templatetags.dipps import sek

WIDTH = 720
PLOT_MIN = 440  # the bars' width at least, whatever the labels take
ROW_H = 22
FONT = 12
TICK_FONT = 11
COLOURS = ("#0b5c8a", "#e08a00")  # without / with measures: blue and orange (colour-blind safe)
GRID = "#dde3e8"


def _svg(title: str, desc: str, width: float, height: float, body: list[str], ident: str):
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def tick_text(value: float) -> str:
    """A tick's value in the page's number format, with a real minus sign."""
    return number(value, 0 if float(value).is_integer() else 1).replace("-", MINUS)


def axis_ticks(low: float, high: float, span: float) -> list[float]:
    """Round ticks covering `low`..`high`, as many (at most about five) as fit in `span` px
    without their labels touching."""
    chosen = ticks(low, high, 2)
    for count in (5, 4, 3):
        candidate = ticks(low, high, count)
        room = span / max(1, len(candidate) - 1)
        if room >= max(text_width(tick_text(t), TICK_FONT) for t in candidate) + 10:
            chosen = candidate
            break
    return chosen


def _label_lines(labels: Sequence[str]) -> tuple[list[list[str]], float]:
    """Each label's lines (two at most) and the label column's width."""
    lines = [wrap(label, 30, 2) for label in labels]
    widest = max((text_width(line, FONT) for ls in lines for line in ls), default=0.0)
    return lines, max(80.0, widest + 14)


def _label(x: float, middle: float, lines: Sequence[str]) -> str:
    first = middle + 4 - (len(lines) - 1) * (FONT + 2) / 2
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + i * (FONT + 2):.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end" font-size="{FONT}">{spans}</text>'


class _Axis:
    """A horizontal value axis from `left` to `right` over round ticks covering the values."""

    def __init__(self, values: Sequence[float], left: float, right: float, zero: bool = True):
        self.left, self.right = left, right
        floor = [0.0] if zero else []
        self.ticks = axis_ticks(min([*floor, *values]), max([*floor, *values]), right - left)
        self.low, self.high = self.ticks[0], self.ticks[-1]

    def x(self, value: float) -> float:
        return self.left + (value - self.low) / (self.high - self.low) * (self.right - self.left)

    def draw(self, top: float, bottom: float, unit: str) -> list[str]:
        """Grid lines from `top` to `bottom`, the tick values under them and the unit."""
        out = []
        for tick in self.ticks:
            x = self.x(tick)
            out.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{bottom + 4:.1f}" '
                f'stroke="{GRID}"/>'
                f'<text x="{x:.1f}" y="{bottom + 17:.1f}" font-size="{TICK_FONT}" '
                f'text-anchor="middle">{escape(tick_text(tick))}</text>'
            )
        out.append(
            f'<text x="{(self.left + self.right) / 2:.1f}" y="{bottom + 33:.1f}" '
            f'font-size="{FONT}" text-anchor="middle">{escape(unit)}</text>'
        )
        return out


def _legend(names: Sequence[str], x0: float, y: float) -> list[str]:
    out, x = [], x0
    for i, name in enumerate(names):
        out.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{COLOURS[i]}"/>')
        out.append(f'<text x="{x + 18:.1f}" y="{y + 11}" font-size="12">{escape(name)}</text>')
        x += 18 + text_width(name, FONT) + 24
    return out


def _frame(
    labels: Sequence[str], values: Sequence[float], zero: bool = True
) -> tuple[list[list[str]], _Axis, float]:
    """The label lines, the value axis (from zero when `zero`) and the drawing's width."""
    lines, label_w = _label_lines(labels)
    width = max(WIDTH, label_w + PLOT_MIN)
    # half a tick label of room past the last tick, so it is not cut at the right edge
    return lines, _Axis(values, label_w + 6, width - 40, zero), width


def grouped_bars(
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[Decimal]]],
    series: Sequence[str],
    ident: str,
    unit: str = "",
) -> SafeString:
    """Horizontal bars from zero, one group per row, one bar per series (e.g. EBIT by shock),
    on a value axis in `unit`."""
    values = [float(v) for _, vs in rows for v in vs]
    lines, axis, width = _frame([label for label, _ in rows], values)
    zero = axis.x(0)
    bar = ROW_H * 0.8 / max(len(series), 1)
    group = max(ROW_H * max(len(series), 1), max((len(ls) for ls in lines), default=1) * 14) + 8
    body = []
    for r, (label, vs) in enumerate(rows):
        top = 10 + r * group
        body.append(_label(axis.left - 8, top + group / 2 - 4, lines[r]))
        for i, v in enumerate(vs):
            x = axis.x(float(v))
            y = top + (group - 8 - len(vs) * (bar + 2)) / 2 + i * (bar + 2)
            body.append(
                f'<rect x="{min(x, zero):.1f}" y="{y:.1f}" width="{abs(x - zero):.1f}" '
                f'height="{bar:.1f}" fill="{COLOURS[i % 2]}"><title>{escape(label)}: '
                f"{escape(series[i])} {escape(sek(v))}</title></rect>"
            )
    plot_bottom = 10 + len(rows) * group
    body[:0] = axis.draw(5, plot_bottom, unit)
    body.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="5" y2="{plot_bottom}" stroke="#1b2430"/>'
    )
    body.extend(_legend(series, axis.left, plot_bottom + 44))
    return _svg(title, desc, width, plot_bottom + 64, body, ident)


def tornado(
    title: str,
    desc: str,
    centre: Decimal,
    bars: Sequence[tuple[str, Decimal, Decimal]],
    ident: str,
    unit: str = "",
) -> SafeString:
    """One bar per factor from EBIT at its low to EBIT at its high, around the unshocked EBIT,
    on a value axis in `unit`."""
    values = [float(centre)] + [float(v) for _, a, b in bars for v in (a, b)]
    # a tornado's bars span EBIT from low to high, not from zero: the axis fits the values
    lines, axis, width = _frame([label for label, _, _ in bars], values, zero=False)
    body = []
    y = 10.0
    for r, (label, at_low, at_high) in enumerate(bars):
        row = max(ROW_H, len(lines[r]) * 14) + 4
        a, b = axis.x(float(at_low)), axis.x(float(at_high))
        body.append(_label(axis.left - 8, y + row / 2 - 2, lines[r]))
        body.append(
            f'<rect x="{min(a, b):.1f}" y="{y + (row - 4 - ROW_H) / 2:.1f}" '
            f'width="{max(abs(b - a), 1):.1f}" height="{ROW_H}" '
            f'fill="{COLOURS[0]}"><title>{escape(label)}: {escape(sek(at_low))} – '
            f"{escape(sek(at_high))}</title></rect>"
        )
        y += row
    plot_bottom = y + 4
    body[:0] = axis.draw(5, plot_bottom, unit)
    c = axis.x(float(centre))
    body.append(f'<line x1="{c:.1f}" x2="{c:.1f}" y1="5" y2="{plot_bottom:.1f}" stroke="#1b2430"/>')
    return _svg(title, desc, width, plot_bottom + 40, body, ident)


def histogram(
    title: str,
    desc: str,
    edges: Sequence[float],
    series: Sequence[tuple[str, Sequence[int]]],
    ident: str,
    unit: str = "",
    count_unit: str = "",
) -> SafeString:
    """Counts per EBIT bin, the series side by side in each bin; a line marks EBIT = 0.
    The count axis (`count_unit`) has whole-number ticks; the EBIT axis (`unit`) round ones."""
    plot_h, top = 220, 24
    peak = max([1, *(c for _, counts in series for c in counts)])
    count_ticks = [t for t in axis_ticks(0, peak, plot_h) if t == int(t)] or [0.0, float(peak)]
    top_count = max(count_ticks[-1], 1.0)
    left = max(50.0, text_width(tick_text(top_count), TICK_FONT) + 14)
    bins = len(edges) - 1
    low, high = edges[0], edges[-1]
    span = (high - low) or 1.0
    width_of = WIDTH - left - 30
    slot = width_of / max(bins, 1)
    bar = slot / max(len(series), 1)
    base = top + plot_h
    body = [f'<text x="4" y="12" font-size="{TICK_FONT}">{escape(count_unit)}</text>']
    for tick in count_ticks:
        y = base - tick / top_count * plot_h
        body.append(
            f'<line x1="{left - 4:.1f}" x2="{left + width_of:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}"/><text x="{left - 6:.1f}" y="{y + 4:.1f}" '
            f'font-size="{TICK_FONT}" text-anchor="end">{escape(tick_text(tick))}</text>'
        )
    for s, (_name, counts) in enumerate(series):
        for i, count in enumerate(counts):
            h = count / top_count * plot_h
            x = left + i * slot + s * bar
            body.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{max(bar - 0.5, 0.5):.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s % 2]}"/>'
            )
    for tick in axis_ticks(low, high, width_of):
        if low <= tick <= high:
            x = left + (tick - low) / span * width_of
            body.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{base:.1f}" y2="{base + 4:.1f}" '
                f'stroke="#1b2430"/><text x="{x:.1f}" y="{base + 17:.1f}" '
                f'font-size="{TICK_FONT}" text-anchor="middle">{escape(tick_text(tick))}</text>'
            )
    body.append(
        f'<line x1="{left:.1f}" x2="{left + width_of:.1f}" y1="{base:.1f}" y2="{base:.1f}" '
        'stroke="#1b2430"/>'
    )
    if low < 0 < high:
        z = left + (0 - low) / span * width_of
        body.append(
            f'<line x1="{z:.1f}" x2="{z:.1f}" y1="{top - 5}" y2="{base:.1f}" stroke="#8a1c1c" '
            'stroke-dasharray="4 3"/>'
        )
    body.append(
        f'<text x="{left + width_of / 2:.1f}" y="{base + 33:.1f}" font-size="{FONT}" '
        f'text-anchor="middle">{escape(unit)}</text>'
    )
    body.extend(_legend([name for name, _ in series], left, base + 44))
    return _svg(title, desc, WIDTH, base + 64, body, ident)
