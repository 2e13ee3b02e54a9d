"""An assessment's exact scores as stored, the one rounding rule, and the sort keys.

Pure Python, no Django import. The scoring core gives exact rationals; this
module is the only way they are kept and shown, so one assessment shows one
number on every page, export and document:

- **Stored once, exactly**: one JSON object per assessment,
  ``{"overall": "1195/28", "dimensions": {"strategy": "75/2", ...}}``, each
  score the text of a ``fractions.Fraction``. Fractions, not decimals: a DMA
  dimension averages questions whose denominators are 7, 8, 10 …, so a score
  such as 1195/28 has no finite decimal; only the fraction is exact, and
  ``Fraction(text)`` gives back the very number the core computed.
- **Shown with one rule**: ``rounded`` — half up (away from zero on a tie), on
  the exact value, never on a float (a float of 46.55 is 46.5499…).
- **Sorted by keys derived from the store**: the peer arrays and SQL need
  plain numbers, so the overall score and the dimensions in the framework's
  order are also written as floats (``sort_key``). A float is the nearest
  double, so it keeps the order and the ties of the scores (their
  denominators are small); keys are for comparing, never for showing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from dipps.maturity.frameworks import Framework

#: Decimals shown for a score, a gain or a mean score.
SHOWN_PLACES = 1

#: Positional sort-key columns of an assessment: enough for SIRI's 8 pillars.
SORT_COLUMNS = tuple(f"d{i}" for i in range(1, 9))


@dataclass(frozen=True, slots=True)
class Scores:
    """The exact scores of one submitted assessment."""

    overall: Fraction
    dimensions: dict[str, Fraction] = field(default_factory=dict)


def rounded(value: Fraction | int, places: int = SHOWN_PLACES) -> Decimal:
    """The one rounding rule for showing a score: half up (away from zero on a tie).

    Exact: 931/20 (46.55) gives 46.6, where ``round(46.55, 1)`` on a float gives 46.5.
    """
    # floor(|n/d| × 10^places + 1/2) in integers: Fraction arithmetic costs 5× more.
    numerator, denominator = value.numerator, value.denominator
    whole = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return Decimal(whole if numerator >= 0 else -whole).scaleb(-places)


def sort_key(value: Fraction) -> float:
    """The score as a float for sorting and counting peers (not for showing)."""
    return float(value)


def to_store(overall: Fraction, dimensions: Mapping[str, Fraction]) -> dict[str, Any]:
    """The JSON object that keeps an assessment's exact scores."""
    return {"overall": str(overall), "dimensions": {k: str(v) for k, v in dimensions.items()}}


def from_store(stored: Mapping[str, Any] | None) -> Scores | None:
    """The exact scores kept by ``to_store``; None for an assessment without scores."""
    if not stored or stored.get("overall") is None:
        return None
    dimensions = {k: Fraction(v) for k, v in stored.get("dimensions", {}).items()}
    return Scores(Fraction(stored["overall"]), dimensions)


def sort_keys(framework: Framework, scores: Scores | None) -> dict[str, float | None]:
    """``overall`` and the columns d1..d8 (the framework's dimension order) as sort keys."""
    if scores is None:
        return {"overall": None, **dict.fromkeys(SORT_COLUMNS)}
    values: list[float | None] = [
        sort_key(scores.dimensions[d.id]) if d.id in scores.dimensions else None
        for d in framework.dimensions
    ]
    values += [None] * (len(SORT_COLUMNS) - len(values))
    return {"overall": sort_key(scores.overall), **dict(zip(SORT_COLUMNS, values, strict=True))}
