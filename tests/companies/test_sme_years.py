"""SME status over a run of years (Recommendation 2003/361, annex arts. 2-6), without Django.

Each case is worked by hand in docs/reference-data.md, "dipps sme classify".
"""

from decimal import Decimal as D

import pytest

from dipps.companies import sme
from dipps.companies.sme import Figures, Partner, SizeClass, Year

MICRO, SMALL, MEDIUM, LARGE = SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE


def year(y, staff, turnover="1000000", balance="1000000", **extra):
    return Year(y, Figures(D(staff), D(turnover), D(balance)), **extra)


def statuses(years, changed=()):
    return [(row.year, row.computed, row.status) for row in sme.year_statuses(years, changed)]


def test_the_contract_example_aggregates_to_20_5_work_units_and_is_small():
    example = Year(
        2022,
        Figures(D("9.5"), D(1_800_000), D(900_000)),
        partners=(Partner(D(30), Figures(D(20), D(3_000_000), D(2_000_000))),),
        linked=(Figures(D(5), D(500_000), D(400_000)),),
    )
    [row] = sme.year_statuses([example])
    assert row.aggregated == Figures(D("20.5"), D(3_200_000), D(1_900_000))
    assert (row.computed, row.status) == (SMALL, SMALL)


def test_one_year_over_a_ceiling_keeps_the_status_but_two_in_a_row_change_it():
    years = [
        year(2021, "40", "8000000", "6000000"),
        year(2022, "55", "8000000", "6000000"),  # over 50 AWU once
        year(2023, "45", "8000000", "6000000"),  # back under
        year(2024, "60", "8000000", "6000000"),
        year(2025, "62", "8000000", "6000000"),  # second year in a row over
    ]
    assert statuses(years) == [
        (2021, SMALL, SMALL),
        (2022, MEDIUM, SMALL),
        (2023, SMALL, SMALL),
        (2024, MEDIUM, SMALL),
        (2025, MEDIUM, MEDIUM),
    ]


def test_a_jump_over_two_classes_moves_to_the_nearer_of_the_two_years_classes():
    years = [
        year(2021, "8", "1500000", "1500000"),  # micro
        year(2022, "30", "1500000", "1500000"),  # small
        year(2023, "60", "1500000", "1500000"),  # medium: both years above micro → small
        year(2024, "70", "1500000", "1500000"),  # medium twice above small → medium
    ]
    assert statuses(years) == [
        (2021, MICRO, MICRO),
        (2022, SMALL, MICRO),
        (2023, MEDIUM, SMALL),
        (2024, MEDIUM, MEDIUM),
    ]


def test_shrinking_moves_down_to_the_nearer_class_too():
    years = [
        year(2021, "300", "60000000", "50000000"),  # large
        year(2022, "8", "1000000", "1000000"),  # micro
        year(2023, "120", "20000000", "20000000"),  # medium: both below large → medium
    ]
    assert statuses(years) == [(2021, LARGE, LARGE), (2022, MICRO, LARGE), (2023, MEDIUM, MEDIUM)]


def test_classes_on_both_sides_of_the_status_do_not_move_it():
    years = [year(2021, "30"), year(2022, "8"), year(2023, "60"), year(2024, "9")]
    assert statuses(years) == [
        (2021, SMALL, SMALL),
        (2022, MICRO, SMALL),
        (2023, MEDIUM, SMALL),
        (2024, MICRO, SMALL),
    ]


def test_a_change_of_ownership_sets_the_status_at_once():
    group = Figures(D(300), D(80_000_000), D(60_000_000))
    years = [year(2022, "20"), year(2023, "20", linked=(group,)), year(2024, "20", linked=(group,))]
    assert statuses(years, {2023}) == [
        (2022, SMALL, SMALL),
        (2023, LARGE, LARGE),
        (2024, LARGE, LARGE),
    ]
    # Without the change of ownership, the two-year rule waits for 2024.
    assert statuses(years) == [(2022, SMALL, SMALL), (2023, LARGE, SMALL), (2024, LARGE, LARGE)]


def test_a_change_of_ownership_outside_the_years_is_allowed_and_ignored():
    assert statuses([year(2022, "20")], {2024}) == [(2022, SMALL, SMALL)]


@pytest.mark.parametrize(
    ("control", "computed", "status"),
    [("24.99", SMALL, SMALL), ("25", LARGE, LARGE), ("100", LARGE, LARGE)],
)
def test_public_control_of_25_percent_or_more_is_large_at_once(control, computed, status):
    years = [year(2022, "20"), year(2023, "20", public_control_percent=D(control))]
    assert statuses(years)[1] == (2023, computed, status)


def test_leaving_public_control_waits_for_two_years_unless_ownership_changed():
    years = [
        year(2022, "20", public_control_percent=D(30)),
        year(2023, "20"),
        year(2024, "20"),
    ]
    assert statuses(years) == [(2022, LARGE, LARGE), (2023, SMALL, LARGE), (2024, SMALL, SMALL)]
    assert statuses(years, {2023})[1] == (2023, SMALL, SMALL)


def test_an_exempt_investor_up_to_50_percent_is_not_added():
    investor = Figures(D(100), D(30_000_000), D(30_000_000))
    exempt = year(2022, "20", partners=(Partner(D(50), investor, exempt_investor=True),))
    plain = year(2022, "20", partners=(Partner(D(50), investor),))
    [row] = sme.year_statuses([exempt])
    assert row.aggregated == Figures(D(20), D(1_000_000), D(1_000_000))
    assert row.computed == SMALL
    [row] = sme.year_statuses([plain])
    assert row.aggregated == Figures(D(70), D(16_000_000), D(16_000_000))
    assert row.computed == MEDIUM


@pytest.mark.parametrize(
    ("staff", "turnover", "balance", "expected"),
    [
        ("9.99", "100", "100", MICRO),
        ("10", "100", "100", SMALL),
        ("5", "2000000", "2000000.01", MICRO),  # turnover exactly 2m
        ("5", "2000000.01", "2000000", MICRO),  # balance exactly 2m
        ("5", "2000000.01", "2000000.01", SMALL),
        ("49.99", "10000000", "99000000", SMALL),
        ("50", "100", "100", MEDIUM),
        ("49", "10000000.01", "10000000.01", MEDIUM),
        ("249.99", "99000000", "43000000", MEDIUM),  # balance exactly 43m
        ("249", "50000000", "99000000", MEDIUM),  # turnover exactly 50m
        ("249", "50000000.01", "43000000.01", LARGE),
        ("250", "100", "100", LARGE),
    ],
)
def test_threshold_edges(staff, turnover, balance, expected):
    [row] = sme.year_statuses([year(2024, staff, turnover, balance)])
    assert row.computed == expected


def test_partner_shares_at_25_and_50_percent_are_added_pro_rata():
    partners = (
        Partner(D(25), Figures(D(4), D(400_000), D(100_000))),
        Partner(D(50), Figures(D(2), D(200_000), D(100_000))),
    )
    [row] = sme.year_statuses([year(2024, "7", "0", "0", partners=partners)])
    assert row.aggregated == Figures(D(9), D(200_000), D(75_000))


@pytest.mark.parametrize(
    ("years", "field", "message"),
    [
        ([], "years", "at least one year is needed"),
        (
            [year(2022, "1"), year(2024, "1")],
            "years[1].year",
            "expected 2023 after 2022, got 2024 (years are consecutive, in order)",
        ),
        ([year(2022, "1"), year(2022, "1")], "years[1].year", "expected 2023 after 2022"),
        ([year(2023, "1"), year(2022, "1")], "years[1].year", "expected 2024 after 2023"),
        ([year(2022, "-0.5")], "years[0].staff_awu", "must not be negative, got -0.5"),
        ([year(2022, "1", "-1")], "years[0].turnover_eur", "must not be negative"),
        ([year(2022, "1", "1", "-1")], "years[0].balance_eur", "must not be negative"),
        (
            [year(2022, "1", partners=(Partner(D("24.99"), Figures(D(1), D(1), D(1))),))],
            "years[0].partners[0].share_percent",
            "a partner holds 25-50 %, got 24.99 %",
        ),
        (
            [year(2022, "1", partners=(Partner(D("50.01"), Figures(D(1), D(1), D(1)), True),))],
            "years[0].partners[0].share_percent",
            "above 50 % it is linked: list it under linked",
        ),
        (
            [year(2022, "1", partners=(Partner(D(30), Figures(D(1), D(-1), D(1))),))],
            "years[0].partners[0].turnover_eur",
            "must not be negative",
        ),
        (
            [year(2022, "1", linked=(Figures(D(1), D(1), D(-2)),))],
            "years[0].linked[0].balance_eur",
            "must not be negative",
        ),
        (
            [year(2022, "1", public_control_percent=D("100.01"))],
            "years[0].public_control_percent",
            "must be between 0 and 100",
        ),
        (
            [year(2022, "1", public_control_percent=D(-1))],
            "years[0].public_control_percent",
            "must be between 0 and 100",
        ),
    ],
)
def test_bad_years_are_refused_naming_the_field(years, field, message):
    with pytest.raises(sme.SmeInputError) as info:
        sme.year_statuses(years)
    assert info.value.field == field
    assert message in info.value.message
    assert str(info.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("previous", "before", "now", "expected"),
    [
        (MICRO, LARGE, MEDIUM, MEDIUM),
        (MICRO, SMALL, LARGE, SMALL),
        (LARGE, MICRO, SMALL, SMALL),
        (MEDIUM, MEDIUM, SMALL, MEDIUM),
        (SMALL, MICRO, MEDIUM, SMALL),
        (SMALL, SMALL, SMALL, SMALL),
    ],
)
def test_next_status_moves_only_when_both_years_lie_on_one_side(previous, before, now, expected):
    assert sme.next_status(previous, before, now) == expected
