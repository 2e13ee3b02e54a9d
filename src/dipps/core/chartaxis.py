"""What every server-rendered chart needs to make its labels fit, in pure Python (no Django).

Text in an SVG is not measured by the server, so widths are estimated from the length of the
text (`text_width`: a generous average advance of 0.62 em, wider than DejaVu Sans's digits and
lower-case letters); a chart sizes its margins and viewBox from these estimates so that no
label is cut off when the stylesheet scales the drawing (`.chart { max-width: 100 % }`).
Value axes step by round numbers (`nice_step`, `ticks`).
"""

from __future__ import annotations

import math

CHAR_EM = 0.62


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` at font size `size` (px)."""
    return len(text) * size * CHAR_EM


def nice_step(peak: float, ticks: int = 4) -> float:
    """The step of an axis from 0 to past `peak` in about `ticks` steps: 1, 2, 2.5 or 5
    times a power of ten, the smallest that reaches `peak` in `ticks` steps."""
    if peak <= 0:
        return 1.0
    raw = peak / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw * (1 - 1e-9):
            return multiple * magnitude
    return 10 * magnitude


def ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values from at or below `low` to at or above `high` (zero included when
    the range spans it), about `count` steps apart; always at least two."""
    low, high = min(low, high), max(low, high)
    step = nice_step(high - low, count) if high > low else nice_step(abs(high) or 1.0, 1)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    if last <= first:
        last = first + 1
    return [round(i * step, 10) for i in range(first, last + 1)]


def wrap(text: str, width: int, lines: int = 3) -> list[str]:
    """`text` broken at spaces into lines of at most about `width` characters, at most
    `lines` of them; a word longer than `width` keeps its own line whole, and when the text
    needs more lines the last line takes the rest, so no word is ever dropped."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return out or [""]
