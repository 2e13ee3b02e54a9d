"""The de minimis rule (Regulation (EU) 2023/2831), pure: no database.

The regulation by grant date, 1407/2013's fiscal-year window and the re-check of later
grants are in test_regulations.py."""

from datetime import date
from decimal import Decimal as D

import pytest

from dipps.stateaid import deminimis
from dipps.stateaid.deminimis import Aid, check, headroom, window


def test_the_window_is_the_three_years_ending_on_the_grant_date_inclusive():
    assert window(date(2026, 3, 10)) == (date(2023, 3, 11), date(2026, 3, 10))


def test_a_grant_on_29_february_reckons_from_28_february_three_years_earlier():
    assert window(date(2028, 2, 29)) == (date(2025, 3, 1), date(2028, 2, 29))


def test_aid_exactly_three_years_old_has_left_the_window():
    ledger = [Aid(date(2023, 3, 10), D("299000.00"))]
    decision = check(Aid(date(2026, 3, 10), D("5000.00")), ledger)
    assert decision.allowed
    assert decision.three_year_sum_eur == D("0.00")
    assert decision.headroom_eur == D("300000.00")


def test_aid_one_day_younger_than_three_years_still_counts():
    ledger = [Aid(date(2023, 3, 11), D("299000.00"))]
    decision = check(Aid(date(2026, 3, 10), D("5000.00")), ledger)
    assert not decision.allowed
    assert decision.three_year_sum_eur == D("299000.00")
    assert decision.headroom_eur == D("1000.00")
    assert decision.total_with_new_eur == D("304000.00")
    assert decision.excess_eur == D("4000.00")
    assert decision.window_start == date(2023, 3, 11)


def test_aid_that_reaches_the_ceiling_exactly_is_allowed_and_one_cent_more_is_not():
    ledger = [Aid(date(2025, 1, 1), D("250000.00")), Aid(date(2025, 6, 1), D("49999.99"))]
    assert check(Aid(date(2026, 1, 1), D("0.01")), ledger).allowed
    refused = check(Aid(date(2026, 1, 1), D("0.02")), ledger)
    assert not refused.allowed
    assert refused.headroom_eur == D("0.01")
    assert refused.three_year_sum_eur == D("299999.99")


def test_aid_granted_after_the_new_grant_is_not_in_its_window_but_is_checked_again():
    # Until issue 13 a later grant was ignored; now the new aid counts in its window too.
    ledger = [Aid(date(2026, 5, 1), D("300000.00"))]
    decision = check(Aid(date(2026, 4, 30), D("100.00")), ledger)
    assert decision.three_year_sum_eur == D("0.00") and decision.within_ceiling
    assert not decision.allowed
    assert [(b.granted, b.aid_in_window_eur) for b in decision.later_breached] == [
        (date(2026, 5, 1), D("300100.00"))
    ]
    assert check(Aid(date(2026, 4, 30), D("0.00")), ledger).allowed


def test_headroom_on_a_day_sums_only_the_window():
    ledger = [
        Aid(date(2022, 1, 1), D("100000.00")),
        Aid(date(2024, 1, 1), D("120000.50")),
        Aid(date(2025, 12, 31), D("30000.25")),
    ]
    assert headroom(ledger, date(2025, 12, 31)) == D("149999.25")
    assert headroom(ledger, date(2024, 12, 31)) == D("79999.50")  # 2022-01-01 still inside
    assert headroom(ledger, date(2025, 1, 1)) == D("179999.50")  # … and now three years old


def test_aid_value_is_hours_times_the_aid_rate_plus_external_cost():
    assert deminimis.aid_value_sek(D("12.5"), D("950.00"), D("4000.00")) == D("15875.00")
    assert deminimis.aid_value_sek(D("0.33"), D("1000.005"), D("0")) == D("330.00")


def test_sek_converts_to_eur_at_the_dated_rate_rounding_half_up_to_the_cent():
    assert deminimis.sek_to_eur(D("14000.00"), D("11.4325")) == D("1224.58")
    assert deminimis.sek_to_eur(D("0.05"), D("10")) == D("0.01")  # 0.005 rounds up
    assert deminimis.eur_to_sek(D("1000.00"), D("11.4325")) == D("11432.50")


def test_negative_values_are_refused():
    with pytest.raises(ValueError):
        deminimis.aid_value_sek(D("-1"), D("900"), D("0"))
    with pytest.raises(ValueError):
        check(Aid(date(2026, 1, 1), D("-1")), [])
    with pytest.raises(ValueError):
        deminimis.sek_to_eur(D("1"), D("0"))


def test_the_ceiling_is_three_hundred_thousand_euro():
    assert D("300000.00") == deminimis.CEILING_EUR
