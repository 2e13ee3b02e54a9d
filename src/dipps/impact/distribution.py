"""The distribution of the firms' changes: histogram bins and the median, in pure Python.

Used by the programme's impact overview (docs/impact.md, "The programme's overview"): each
supported firm's change in per cent from its baseline to its latest follow-up is counted in
bins of equal width. The width is the smallest of a fixed ladder (5, 10, 20, 25, 50, 100,
… percentage points) that covers the changes in at most `MAX_BINS` bins, so that a reader
sees round edges (−10 to 0, 0 to 10, …) instead of edges computed from the data. A bin holds
its lower edge and not its upper one (`[low, high)`): a change of exactly +10 % is counted in
"10 to 20". The median is the middle change, or the mean of the two middle ones, rounded
half up to one decimal only when shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

LADDER = (5, 10, 20, 25, 50, 100)
MAX_BINS = 10
TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Bin:
    low: Decimal  # included
    high: Decimal  # not included
    count: int


def _floor_to(value: Decimal, step: int) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_FLOOR) * step


def width_for(values: Sequence[Decimal]) -> int:
    """The bin width: the first step of the ladder (then ×10 of its last) that needs no more
    than `MAX_BINS` bins from the floor of the lowest value to past the highest."""
    low, high = min(values), max(values)
    ladder = list(LADDER)
    while True:
        for step in ladder:
            bins = (_floor_to(high, step) - _floor_to(low, step)) / step + 1
            if bins <= MAX_BINS:
                return step
        ladder = [s * 10 for s in ladder[-2:]]


def histogram(values: Sequence[Decimal]) -> list[Bin]:
    """Adjacent bins from the one holding the lowest value to the one holding the highest,
    empty bins in between included (a gap is information); no bins without values."""
    if not values:
        return []
    step = width_for(values)
    first = _floor_to(min(values), step)
    count = int((_floor_to(max(values), step) - first) / step) + 1
    counts = [0] * count
    for value in values:
        counts[int((_floor_to(value, step) - first) / step)] += 1
    return [Bin(first + i * step, first + (i + 1) * step, counts[i]) for i in range(count)]


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The median, exact (the mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percent_change(before: Decimal, after: Decimal) -> Decimal | None:
    """(after − before) / before in per cent, exact; None when `before` is not above zero (a
    percentage of a loss or of nothing says nothing)."""
    if before <= 0:
        return None
    return (after - before) * 100 / before


def tenth(value: Decimal) -> Decimal:
    """One decimal, half up: how a percentage is shown."""
    return value.quantize(TENTH, ROUND_HALF_UP)
