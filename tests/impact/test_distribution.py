"""Histogram bins and the median of the firms' changes (dipps/impact/distribution.py),
worked by hand."""

from decimal import Decimal as D

from dipps.impact.distribution import (
    Bin,
    histogram,
    median,
    percent_change,
    tenth,
    width_for,
)


def test_bins_of_five_points_hold_their_lower_edge():
    # −12 … 27 in steps of 5: −15 to 30 is nine bins, so 5 is wide enough.
    values = [D(-12), D(-3), D(0), D("4.5"), D(10), D(27)]
    assert width_for(values) == 5
    assert [(b.low, b.high, b.count) for b in histogram(values)] == [
        (-15, -10, 1),
        (-10, -5, 0),  # a gap is shown, not skipped
        (-5, 0, 1),
        (0, 5, 2),  # 0 belongs to 0…5, not to −5…0
        (5, 10, 0),
        (10, 15, 1),  # 10 belongs to 10…15
        (15, 20, 0),
        (20, 25, 0),
        (25, 30, 1),
    ]


def test_the_width_grows_along_the_ladder():
    # −40 … 75: 5 → 24 bins, 10 → 12, 20 → 6 (−40 to 80).
    assert width_for([D(-40), D(75)]) == 20
    assert histogram([D(-40), D(75)]) == [
        Bin(D(-40), D(-20), 1),
        Bin(D(-20), D(0), 0),
        Bin(D(0), D(20), 0),
        Bin(D(20), D(40), 0),
        Bin(D(40), D(60), 0),
        Bin(D(60), D(80), 1),
    ]
    assert width_for([D(0), D(950)]) == 100  # 0 … 900: ten bins
    assert width_for([D(0), D(1500)]) == 500  # past the ladder: 500, 1000, …


def test_one_value_and_none():
    assert histogram([D(7)]) == [Bin(D(5), D(10), 1)]
    assert histogram([]) == []


def test_median_of_odd_and_even_counts():
    assert median([D(3), D(-1), D(10)]) == D(3)
    # (0 + 4.5) / 2 = 2.25 → shown as 2.3 (half up)
    values = [D(-12), D(-3), D(0), D("4.5"), D(10), D(27)]
    assert median(values) == D("2.25") and tenth(median(values)) == D("2.3")
    assert median([]) is None


def test_percent_change_of_the_worked_example():
    # 504 000 → 540 000 kr: 36 000 / 504 000 = 7.142… % → 7.1 %
    assert tenth(percent_change(D(504000), D(540000))) == D("7.1")
    assert percent_change(D(0), D(10)) is None
    assert percent_change(D(-5), D(10)) is None  # a percentage of a loss says nothing
