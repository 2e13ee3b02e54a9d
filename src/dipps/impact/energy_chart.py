"""Grouped bar chart as server-rendered SVG, in pure Python (no Django import).

House style of ``maturity.charts``: role="img", a <title> and a <desc> stating the numbers
(the page also shows them in a table), sized by attributes (no style attribute: CSP), the
series told apart by colour and by pattern (the second series hatched by a dash outline).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ("#0b5c8a", "#e08a00", "#5a7d2a", "#7a4b94", "#9c2f2f", "#3d7f7f", "#6b6b6b", "#b38f00")


@dataclass(frozen=True)
class Bar:
    label: str  # a group on the x axis (a year)
    values: Sequence[float]  # one per series


def bars(
    *,
    title: str,
    desc: str,
    series: Sequence[str],
    groups: Sequence[Bar],
    unit: str,
    ident: str = "bars",
    width: int = 560,
    height: int = 300,
) -> str:
    """SVG markup (already escaped): stacked bars, one per group, a segment per series."""
    top, bottom, left = 20, 60, 70
    plot_h = height - top - bottom
    totals = [sum(max(0.0, v) for v in g.values) for g in groups] or [0.0]
    peak = max(totals) or 1.0
    slot = (width - left - 10) / max(1, len(groups))
    bar_w = min(60.0, slot * 0.6)
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#6b6b6b"/>',
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end">'
        f"{peak:,.0f}</text>".replace(",", "\u202f"),
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
        f'<text x="4" y="{top + plot_h / 2:.1f}" font-size="11">{escape(unit)}</text>',
    ]
    for g_index, group in enumerate(groups):
        x = left + slot * g_index + (slot - bar_w) / 2
        y = float(top + plot_h)
        for s_index, value in enumerate(group.values):
            h = plot_h * max(0.0, value) / peak
            if h <= 0:
                continue
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[s_index % len(COLOURS)]}" stroke="#ffffff"/>'
            )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" font-size="12" '
            f'text-anchor="middle">{escape(group.label)}</text>'
        )
    for s_index, name in enumerate(series):
        lx = 10 + (s_index % 4) * 135
        ly = height - 28 + (s_index // 4) * 16
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" '
            f'fill="{COLOURS[s_index % len(COLOURS)]}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
