"""Matching supported firms to comparison firms in exact cells (impact/matching.py), by hand."""

from decimal import Decimal as D

import pytest

from dipps.impact import did, matching
from dipps.impact.matching import Firm


@pytest.mark.parametrize(
    ("staff", "size"),
    [
        ("0", "micro"),
        ("9.99", "micro"),
        ("10", "small"),
        ("49.5", "small"),
        ("50", "medium"),
        ("249.99", "medium"),
        ("250", "large"),
    ],
)
def test_the_size_class_follows_the_headcount_bands_of_recommendation_2003_361(staff, size):
    assert matching.size_class(D(staff)) == size


def _treated(key, division, baseline, staff, outcome):
    return Firm(
        key, division, {baseline: D(staff)}, {y: D(v) for y, v in outcome.items()}, baseline
    )


def _comparison(key, division, staff, outcome):
    return Firm(
        key,
        division,
        {y: D(v) for y, v in staff.items()},
        {y: D(v) for y, v in outcome.items()},
    )


def test_cells_take_the_lower_median_years_and_a_comparison_firm_joins_the_first_fitting_cell():
    treated = [
        # Division 25, micro: baselines 2022 and 2023 → pre 2022 (lower median); posts 2024, 2025.
        _treated("5560360793", 25, 2022, "5", {2022: 100, 2024: 130}),
        _treated("5567037485", 25, 2023, "8", {2023: 200, 2024: 205, 2025: 230}),
        # Division 25, small: baseline 2023.
        _treated("5590123450", 25, 2023, "20", {2023: 50}),
        # Unmatched: no division, no staff in the baseline year, large.
        _treated("5566778899", None, 2023, "5", {}),
        Firm("5565475489", 25, {2022: D(5)}, {}, 2023),
        _treated("5569999994", 25, 2023, "300", {}),
        # Division 16, medium: no comparison firm comes → unmatched.
        _treated("5564444440", 16, 2023, "60", {2023: 1, 2024: 2}),
    ]
    comparison = [
        # 9 staff in 2022 (micro's pre year) and 11 in 2023 (small's): micro comes first.
        _comparison("5561234567", 25, {2022: 9, 2023: 11}, {2022: 100, 2025: 104}),
        # 11 staff in 2022: not micro; 12 in 2023: small.
        _comparison("5569876542", 25, {2022: 11, 2023: 12}, {2023: 120, 2025: 121.5}),
        _comparison("5561112227", None, {2022: 3}, {}),  # no division
        _comparison("5590000001", 28, {2022: 3}, {}),  # no supported firm in division 28
        _comparison("5567890125", 25, {2021: 3}, {}),  # no staff in a cell's pre year
    ]
    result = matching.match(treated, comparison)
    cells = {(c.division, c.size): c for c in result.cells}
    assert sorted(cells) == [(16, "medium"), (25, "micro"), (25, "small")]
    micro = cells[(25, "micro")]
    assert (micro.pre_year, micro.post_year) == (2022, 2024)  # posts 2024, 2025 → 2024
    assert [f.key for f in micro.comparison] == ["5561234567"]
    small = cells[(25, "small")]
    assert (small.pre_year, small.post_year) == (2023, None)
    assert [f.key for f in small.comparison] == ["5569876542"]
    assert [(f.key, why) for f, why in result.unmatched_treated] == [
        ("5566778899", matching.NO_DIVISION),
        ("5565475489", matching.NO_STAFF),
        ("5569999994", matching.TOO_LARGE),
        ("5564444440", matching.NO_COMPARISON),
    ]
    assert [(f.key, why) for f, why in result.unmatched_comparison] == [
        ("5561112227", matching.NO_DIVISION),
        ("5590000001", matching.NOT_IN_CELL),
        ("5567890125", matching.NOT_IN_CELL),
    ]
    assert (result.treated_matched, result.comparison_matched) == (3, 2)


def test_the_did_rows_use_each_firms_own_years_and_the_cells_years_for_comparison_firms():
    treated = [
        _treated("5560360793", 25, 2023, "12", {2022: 90, 2023: 100, 2024: 115, 2025: 125}),
        _treated("5567037485", 25, 2023, "15", {2023: 200, 2025: 210}),
    ]
    comparison = [
        _comparison("5561234567", 25, {2023: 20}, {2021: 95, 2023: 100, 2025: 104}),
        _comparison("5569876542", 25, {2023: 14}, {2023: 80, 2024: 83, 2025: 86}),
        _comparison("5590123450", 25, {2023: 30}, {2023: 120}),  # no post year: dropped
    ]
    result = matching.match(treated, comparison)
    rows = matching.did_rows(result)
    assert rows == [
        (2, {"orgnr": "5560360793", "group": "treated", "period": "pre", "value": "100"}),
        (3, {"orgnr": "5560360793", "group": "treated", "period": "post", "value": "125"}),
        (4, {"orgnr": "5567037485", "group": "treated", "period": "pre", "value": "200"}),
        (5, {"orgnr": "5567037485", "group": "treated", "period": "post", "value": "210"}),
        (6, {"orgnr": "5561234567", "group": "comparison", "period": "pre", "value": "100"}),
        (7, {"orgnr": "5561234567", "group": "comparison", "period": "post", "value": "104"}),
        (8, {"orgnr": "5569876542", "group": "comparison", "period": "pre", "value": "80"}),
        (9, {"orgnr": "5569876542", "group": "comparison", "period": "post", "value": "86"}),
        (10, {"orgnr": "5590123450", "group": "comparison", "period": "pre", "value": "120"}),
    ]
    # Changes 25 and 10 against 4 and 6: (35/2) − (10/2) = 17.5 − 5 = 12.5.
    estimate = did.estimate(rows)
    assert (estimate.treated, estimate.comparison, estimate.dropped) == (2, 2, 1)
    assert (estimate.treated_change, estimate.comparison_change, estimate.att) == (
        D("17.50"),
        D("5.00"),
        D("12.50"),
    )
    # Relative years: 2022 is −2 for the treated firm (support in 2024), 2021 is −3 for the
    # comparison firm (the cell's pre year 2023 stands for the baseline).
    trend = {p.relative_year: p for p in matching.pre_trend(result)}
    assert trend[-2] == matching.TrendPoint(-2, D(90), 1, None, 0)
    assert trend[-3] == matching.TrendPoint(-3, None, 0, D(95), 1)
    assert trend[-1] == matching.TrendPoint(-1, D(150), 2, D(100), 3)  # (100+200)/2; 300/3
    assert trend[0] == matching.TrendPoint(0, D(115), 1, D(83), 1)
    assert trend[1] == matching.TrendPoint(1, D(335) / 2, 2, D(95), 2)  # (125+210)/2; (104+86)/2
    assert trend[2] == matching.TrendPoint(2, None, 0, None, 0)


def test_a_cell_without_comparison_firms_gives_no_rows():
    treated = [_treated("5560360793", 25, 2023, "12", {2023: 100, 2024: 110})]
    result = matching.match(treated, [])
    assert matching.did_rows(result) == []
    assert [why for _f, why in result.unmatched_treated] == [matching.NO_COMPARISON]
