"""A bar chart as server-rendered SVG, in pure Python (no Django import).

As the maturity radar (`maturity/charts.py`): role="img", a <title> and a <desc> that
states the numbers, sized by attributes (no style attribute, which the
Content-Security-Policy forbids); the page shows the same numbers in a table. Marked bars
(the baseline, the follow-ups) are drawn in orange with a hatch-free dark outline and
their mark written under the year, so they differ without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

PLAIN = "#0b5c8a"
MARKED = "#e08a00"


@dataclass(frozen=True)
class Bar:
    label: str  # the year
    value: Decimal | None  # None: no bar (no figure)
    text: str  # the value as the page writes it
    mark: str = ""  # "baseline", "T1"… written under the label


def bars(
    *, title: str, desc: str, items: Sequence[Bar], ident: str = "bars", height: int = 240
) -> str:
    """SVG markup (a string, already escaped) of vertical bars from a zero line."""
    width = max(320, 90 * len(items) + 40)
    top, bottom = 24, height - 48
    values = [b.value for b in items if b.value is not None]
    high = max([v for v in values if v > 0], default=Decimal(0))
    low = min([v for v in values if v < 0], default=Decimal(0))
    span = (high - low) or Decimal(1)
    scale = (bottom - top) / float(span)
    zero = top + float(high) * scale
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        f'<line x1="20" y1="{zero:.1f}" x2="{width - 20}" y2="{zero:.1f}" stroke="#5b6770"/>',
    ]
    for index, item in enumerate(items):
        x = 40 + index * 90
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
            parts.append(
                f'<text x="{x + 25}" y="{max(label_y, 12):.1f}" font-size="11" '
                f'text-anchor="middle">{escape(item.text)}</text>'
            )
        parts.append(
            f'<text x="{x + 25}" y="{height - 30}" font-size="12" text-anchor="middle">'
            f"{escape(item.label)}</text>"
        )
        if item.mark:
            parts.append(
                f'<text x="{x + 25}" y="{height - 14}" font-size="11" text-anchor="middle" '
                f'font-weight="bold">{escape(item.mark)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
