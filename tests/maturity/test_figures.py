"""The exact store, the one rounding rule and the sort keys (no database)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from dipps.maturity.figures import Scores, from_store, rounded, sort_keys, to_store
from dipps.maturity.frameworks import load_framework
from dipps.maturity.scoring import score

from .builders import answers_at

DMA = load_framework("dipps-dma-sme", 1)
SIRI = load_framework("dipps-siri", 1)


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Fraction(931, 20), 1, "46.6"),  # 46.55: a float says 46.5499…
        (Fraction(185, 4), 1, "46.3"),  # 46.25: round() on a float says 46.2
        (Fraction(-185, 4), 1, "-46.3"),  # a loss rounds away from zero too
        (Fraction(1195, 28), 1, "42.7"),
        (Fraction(100, 3), 0, "33"),
        (Fraction(-1, 40), 1, "0.0"),  # no "-0.0"
        (Fraction(165, 4), 2, "41.25"),
        (40, 1, "40.0"),
    ],
)
def test_rounded_is_half_up_on_the_exact_value(value, places, shown):
    assert rounded(value, places) == Decimal(shown)
    assert str(rounded(value, places)) == shown


def test_the_store_gives_back_the_very_fractions_the_core_computed():
    result = score(DMA, answers_at(2))
    stored = to_store(result.overall, result.dimensions)
    assert stored["overall"] == "18335/504"
    assert all(isinstance(v, str) for v in stored["dimensions"].values())
    back = from_store(stored)
    assert back == Scores(result.overall, result.dimensions)
    assert from_store({}) is None and from_store(None) is None


def test_sort_keys_follow_the_framework_order_and_keep_order_and_ties():
    scores = Scores(Fraction(5, 2), {d.id: Fraction(i, 3) for i, d in enumerate(SIRI.dimensions)})
    keys = sort_keys(SIRI, scores)
    assert list(keys) == ["overall", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"]
    assert keys["overall"] == 2.5 and keys["d2"] == 1 / 3 and keys["d8"] == 7 / 3
    assert sort_keys(DMA, Scores(Fraction(1), {}))["d1"] is None
    assert set(sort_keys(DMA, None).values()) == {None}
    # Distinct DMA scores keep their order as floats; equal ones stay equal.
    values = sorted({Fraction(n, d) for d in (4, 7, 21, 28, 168, 504) for n in range(0, 100 * d)})
    floats = [float(v) for v in values]
    assert floats == sorted(floats) and len(set(floats)) == len(values)
