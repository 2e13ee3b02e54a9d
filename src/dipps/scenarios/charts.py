"""Server-rendered SVG charts: no JavaScript, a text alternative, numbers also in a table.

Each function returns safe SVG markup with ``role="img"`` and a ``<title>``/``<desc>``; the
page puts the same numbers in a table next to it (the table is the accessible version).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dipps.core.templatetags.dipps import sek

WIDTH = 720
LABEL_W = 220
ROW_H = 22
COLOURS = ("#0b5c8a", "#e08a00")  # without / with measures: blue and orange (colour-blind safe)


def _svg(title: str, desc: str, height: int, body: list[str], ident: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _scale(values: Sequence[float]) -> tuple[float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1
    pad = (high - low) * 0.05
    return low - pad, high + pad


def _x(value: float, low: float, high: float) -> float:
    return LABEL_W + (value - low) / (high - low) * (WIDTH - LABEL_W - 10)


def _legend(names: Sequence[str], y: int) -> list[str]:
    out = []
    for i, name in enumerate(names):
        x = LABEL_W + i * 220
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS[i]}"/>')
        out.append(f'<text x="{x + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>')
    return out


def grouped_bars(
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[Decimal]]],
    series: Sequence[str],
    ident: str,
) -> SafeString:
    """Horizontal bars from zero, one group per row, one bar per series (e.g. EBIT by shock)."""
    values = [float(v) for _, vs in rows for v in vs]
    low, high = _scale(values)
    zero = _x(0, low, high)
    bar = ROW_H * 0.8 / max(len(series), 1)
    group = ROW_H * max(len(series), 1) + 8
    body = []
    for r, (label, vs) in enumerate(rows):
        top = 10 + r * group
        body.append(
            f'<text x="{LABEL_W - 8}" y="{top + group / 2}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
        )
        for i, v in enumerate(vs):
            x = _x(float(v), low, high)
            y = top + i * (bar + 2)
            body.append(
                f'<rect x="{min(x, zero):.1f}" y="{y:.1f}" width="{abs(x - zero):.1f}" '
                f'height="{bar:.1f}" fill="{COLOURS[i % 2]}"><title>{escape(label)}: '
                f"{escape(series[i])} {escape(sek(v))}</title></rect>"
            )
    height = 10 + len(rows) * group + 30
    body.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="5" y2="{height - 30}" stroke="#1b2430"/>'
    )
    body.extend(_legend(series, height - 20))
    return _svg(title, desc, height, body, ident)


def tornado(
    title: str, desc: str, centre: Decimal, bars: Sequence[tuple[str, Decimal, Decimal]], ident: str
) -> SafeString:
    """One bar per factor from EBIT at its low to EBIT at its high, around the unshocked EBIT."""
    values = [float(centre)] + [float(v) for _, a, b in bars for v in (a, b)]
    low, high = min(values), max(values)
    span = (high - low) or 1
    low, high = low - span * 0.05, high + span * 0.05
    body = []
    for r, (label, at_low, at_high) in enumerate(bars):
        y = 10 + r * (ROW_H + 4)
        a, b = _x(float(at_low), low, high), _x(float(at_high), low, high)
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
        )
        body.append(
            f'<rect x="{min(a, b):.1f}" y="{y}" width="{max(abs(b - a), 1):.1f}" height="{ROW_H}" '
            f'fill="{COLOURS[0]}"><title>{escape(label)}: {escape(sek(at_low))} – '
            f"{escape(sek(at_high))}</title></rect>"
        )
    height = 10 + len(bars) * (ROW_H + 4) + 10
    c = _x(float(centre), low, high)
    body.append(f'<line x1="{c:.1f}" x2="{c:.1f}" y1="5" y2="{height - 5}" stroke="#1b2430"/>')
    return _svg(title, desc, height, body, ident)


def histogram(
    title: str,
    desc: str,
    edges: Sequence[float],
    series: Sequence[tuple[str, Sequence[int]]],
    ident: str,
) -> SafeString:
    """Counts per EBIT bin, the series side by side in each bin; a line marks EBIT = 0."""
    plot_h, left = 220, 60
    top_count = max([1, *(c for _, counts in series for c in counts)])
    bins = len(edges) - 1
    width = (WIDTH - left - 10) / max(bins, 1)
    bar = width / max(len(series), 1)
    body = []
    for s, (_name, counts) in enumerate(series):
        for i, count in enumerate(counts):
            h = count / top_count * plot_h
            x = left + i * width + s * bar
            body.append(
                f'<rect x="{x:.1f}" y="{10 + plot_h - h:.1f}" width="{max(bar - 0.5, 0.5):.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[s % 2]}"/>'
            )
    low, high = edges[0], edges[-1]
    if low < 0 < high:
        z = left + (0 - low) / (high - low) * (WIDTH - left - 10)
        body.append(
            f'<line x1="{z:.1f}" x2="{z:.1f}" y1="5" y2="{plot_h + 14}" stroke="#8a1c1c" '
            'stroke-dasharray="4 3"/>'
        )
    body.append(
        f'<text x="{left}" y="{plot_h + 28}" font-size="12">{escape(sek(low))}</text>'
        f'<text x="{WIDTH - 10}" y="{plot_h + 28}" font-size="12" text-anchor="end">'
        f"{escape(sek(high))}</text>"
    )
    body.extend(_legend([name for name, _ in series], plot_h + 40))
    return _svg(title, desc, plot_h + 60, body, ident)
