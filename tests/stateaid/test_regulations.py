"""The regulation by grant date (1407/2013 before 2024-01-01, 2023/2831 from it), the
fiscal-year window of 1407/2013 and the re-check of later grants. Pure: no database.

Every expected value is worked by hand in docs/de-minimis.md ("Worked examples").
"""

from datetime import date
from decimal import Decimal as D

import pytest

from dipps.stateaid.deminimis import (
    Aid,
    FiscalYearEnd,
    affected_span,
    ceiling_of,
    check,
    later_grants_breached,
    regulation_of,
    window,
)

FY_0430 = FiscalYearEnd(4, 30)


def test_the_regulation_changes_on_1_january_2024():
    assert (regulation_of(date(2023, 12, 31)), ceiling_of(date(2023, 12, 31))) == (
        "1407/2013",
        D("200000.00"),
    )
    assert (regulation_of(date(2024, 1, 1)), ceiling_of(date(2024, 1, 1))) == (
        "2023/2831",
        D("300000.00"),
    )


def test_under_1407_the_window_is_the_current_and_two_previous_calendar_fiscal_years():
    assert window(date(2023, 6, 15)) == (date(2021, 1, 1), date(2023, 6, 15))
    assert window(date(2023, 1, 1)) == (date(2021, 1, 1), date(2023, 1, 1))
    assert window(date(2022, 12, 31)) == (date(2020, 1, 1), date(2022, 12, 31))


def test_2023_12_31_and_2024_01_01_fall_under_different_rules():
    ledger = [Aid(date(2021, 6, 15), D("150000.00"))]
    last_old = check(Aid(date(2023, 12, 31), D("60000.00")), ledger)
    assert (last_old.regulation, last_old.ceiling_eur) == ("1407/2013", D("200000.00"))
    assert (last_old.window_start, last_old.window_end) == (date(2021, 1, 1), date(2023, 12, 31))
    assert (last_old.total_with_new_eur, last_old.allowed) == (D("210000.00"), False)
    first_new = check(Aid(date(2024, 1, 1), D("60000.00")), ledger)
    assert (first_new.regulation, first_new.ceiling_eur) == ("2023/2831", D("300000.00"))
    assert (first_new.window_start, first_new.window_end) == (date(2021, 1, 2), date(2024, 1, 1))
    assert (first_new.total_with_new_eur, first_new.allowed) == (D("210000.00"), True)


def test_a_broken_fiscal_year_moves_the_1407_window_on_the_day_after_the_year_end():
    ledger = [Aid(date(2020, 5, 1), D("150000.00")), Aid(date(2021, 5, 1), D("30000.00"))]
    on_year_end = check(Aid(date(2023, 4, 30), D("60000.00")), ledger, fiscal_year_end=FY_0430)
    assert (on_year_end.window_start, on_year_end.window_end) == (
        date(2020, 5, 1),
        date(2023, 4, 30),
    )
    assert (on_year_end.three_year_sum_eur, on_year_end.headroom_eur) == (
        D("180000.00"),
        D("20000.00"),
    )
    assert not on_year_end.allowed  # 240 000 > 200 000
    next_day = check(Aid(date(2023, 5, 1), D("60000.00")), ledger, fiscal_year_end=FY_0430)
    assert next_day.window_start == date(2021, 5, 1)
    assert (next_day.three_year_sum_eur, next_day.allowed) == (D("30000.00"), True)
    # The same day with calendar fiscal years: the window starts 2021-01-01.
    assert window(date(2023, 4, 30)) == (date(2021, 1, 1), date(2023, 4, 30))


def test_a_fiscal_year_end_of_06_30():
    fye = FiscalYearEnd.parse("06-30")
    assert fye.year_containing(date(2023, 6, 30)) == (date(2022, 7, 1), date(2023, 6, 30))
    assert fye.year_containing(date(2023, 7, 1)) == (date(2023, 7, 1), date(2024, 6, 30))
    assert window(date(2023, 7, 1), fye) == (date(2021, 7, 1), date(2023, 7, 1))
    assert window(date(2023, 6, 30), fye) == (date(2020, 7, 1), date(2023, 6, 30))


def test_a_fiscal_year_end_of_02_29_is_the_last_day_of_february_in_every_year():
    fye = FiscalYearEnd.parse("02-29")
    assert fye.year_containing(date(2023, 2, 28)) == (date(2022, 3, 1), date(2023, 2, 28))
    assert fye.year_containing(date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))
    assert window(date(2023, 12, 15), fye) == (date(2021, 3, 1), date(2023, 12, 15))
    assert window(date(2020, 2, 29), fye) == (date(2017, 3, 1), date(2020, 2, 29))


def test_a_fiscal_year_end_of_02_28_is_taken_literally_in_a_leap_year():
    fye = FiscalYearEnd.parse("02-28")
    assert fye.year_containing(date(2020, 2, 29)) == (date(2020, 2, 29), date(2021, 2, 28))
    assert window(date(2020, 2, 29), fye) == (date(2018, 3, 1), date(2020, 2, 29))


@pytest.mark.parametrize("text", ["02-30", "13-01", "04-31", "00-10", "12-00", "1231", "12-31 "])
def test_an_impossible_fiscal_year_end_is_refused(text):
    with pytest.raises(ValueError):
        FiscalYearEnd.parse(text)


def test_from_29_february_three_years_back_is_28_february():
    ledger = [Aid(date(2025, 2, 28), D("100000.00")), Aid(date(2025, 3, 1), D("250000.00"))]
    decision = check(Aid(date(2028, 2, 29), D("50000.00")), ledger)
    assert (decision.window_start, decision.window_end) == (date(2025, 3, 1), date(2028, 2, 29))
    assert (decision.total_with_new_eur, decision.headroom_eur, decision.allowed) == (
        D("300000.00"),
        D("50000.00"),
        True,
    )
    assert affected_span(date(2028, 2, 29)) == (date(2025, 2, 28), date(2031, 2, 28))


def test_backdated_aid_that_takes_later_grants_over_their_ceilings_is_refused():
    ledger = [Aid(date(2024, 6, 1), D("250000.00")), Aid(date(2025, 2, 1), D("10000.00"))]
    decision = check(Aid(date(2023, 11, 15), D("60000.00")), ledger)
    assert decision.regulation == "1407/2013" and decision.within_ceiling
    assert (decision.total_with_new_eur, decision.headroom_eur) == (
        D("60000.00"),
        D("200000.00"),
    )
    assert not decision.allowed
    assert [
        (b.granted, b.regulation, b.window_start, b.aid_in_window_eur, b.ceiling_eur)
        for b in decision.later_breached
    ] == [
        (date(2024, 6, 1), "2023/2831", date(2021, 6, 2), D("310000.00"), D("300000.00")),
        (date(2025, 2, 1), "2023/2831", date(2022, 2, 2), D("320000.00"), D("300000.00")),
    ]


def test_a_later_1407_grant_is_checked_against_its_own_ceiling_of_200_000():
    ledger = [Aid(date(2021, 2, 1), D("150000.00")), Aid(date(2023, 6, 1), D("40000.00"))]
    decision = check(Aid(date(2022, 3, 1), D("20000.00")), ledger)
    assert decision.within_ceiling and decision.three_year_sum_eur == D("150000.00")
    [breach] = decision.later_breached
    assert (breach.granted, breach.aid_in_window_eur, breach.ceiling_eur) == (
        date(2023, 6, 1),
        D("210000.00"),
        D("200000.00"),
    )
    assert check(Aid(date(2022, 3, 1), D("10000.00")), ledger).allowed  # exactly 200 000


def test_a_later_grant_whose_window_does_not_reach_the_new_aid_is_not_checked_again():
    ledger = [Aid(date(2027, 6, 1), D("400000.00"))]  # over on its own (declared aid)
    assert later_grants_breached(Aid(date(2024, 6, 1), D("1.00")), ledger) == ()
    assert [b.granted for b in later_grants_breached(Aid(date(2024, 6, 2), D("0.00")), ledger)] == [
        date(2027, 6, 1)
    ]


def test_aid_on_the_same_day_as_the_new_aid_is_in_its_window_not_a_later_grant():
    ledger = [Aid(date(2024, 6, 1), D("290000.00"))]
    decision = check(Aid(date(2024, 6, 1), D("20000.00")), ledger)
    assert decision.later_breached == ()
    assert (decision.three_year_sum_eur, decision.allowed) == (D("290000.00"), False)
