"""The T0/T1/T2 rules (maturity/followup.py), on hand-worked dates, without the database."""

from datetime import date

import pytest

from dipps.maturity.followup import (
    NOTICE_DAYS,
    Due,
    Method,
    comparable,
    months_later,
    schedule,
    t0_after_support,
)

V1 = Method("dipps-dma-sme", 1)


def test_a_gain_pairs_only_the_same_framework_in_the_same_version():
    assert comparable(V1, Method("dipps-dma-sme", 1)) is True
    assert comparable(V1, Method("dipps-dma-sme", 2)) is False
    assert comparable(V1, Method("siri", 1)) is False
    assert comparable(None, V1) is False
    assert comparable(V1, None) is False


def test_a_t0_is_flagged_only_when_it_comes_after_the_first_support_day():
    first = date(2025, 3, 3)
    assert t0_after_support(date(2025, 3, 2), first) is False
    assert t0_after_support(date(2025, 3, 3), first) is False  # the first meeting itself
    assert t0_after_support(date(2025, 3, 4), first) is True
    assert t0_after_support(date(2025, 3, 4), None) is False  # never supported
    assert t0_after_support(None, first) is False


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 6, 2), 12, date(2026, 6, 2)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # no 29 February in 2025
        (date(2023, 2, 28), 12, date(2024, 2, 28)),  # not the 29th: the same day
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 12, 31), 12, date(2026, 12, 31)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
    ],
)
def test_months_later_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert months_later(day, months) == expected


def test_t1_is_due_on_the_day_follow_up_is_reached_and_overdue_the_day_after():
    due = schedule(follow_up_from=date(2025, 9, 15), t1_day=None, t2_day=None)
    assert due == Due("t1", date(2025, 9, 15))
    assert due.listed(date(2025, 9, 14)) is False
    assert due.listed(date(2025, 9, 15)) is True
    assert due.overdue(date(2025, 9, 15)) is False
    assert due.overdue(date(2025, 9, 16)) is True


def test_nothing_is_due_before_follow_up():
    assert schedule(follow_up_from=None, t1_day=None, t2_day=None) is None


def test_t2_is_due_twelve_months_after_t1_to_the_day():
    due = schedule(follow_up_from=date(2025, 9, 15), t1_day=date(2025, 10, 1), t2_day=None)
    assert due == Due("t2", date(2026, 10, 1))
    assert due.overdue(date(2026, 10, 1)) is False
    assert due.overdue(date(2026, 10, 2)) is True
    # Listed from NOTICE_DAYS (30) days before: 2026-09-01, not 2026-08-31.
    assert NOTICE_DAYS == 30
    assert due.listed(date(2026, 8, 31)) is False
    assert due.listed(date(2026, 9, 1)) is True


def test_t2_after_a_leap_day_t1_is_due_on_28_february():
    due = schedule(follow_up_from=date(2024, 2, 1), t1_day=date(2024, 2, 29), t2_day=None)
    assert due == Due("t2", date(2025, 2, 28))
    assert due.overdue(date(2025, 2, 28)) is False
    assert due.overdue(date(2025, 3, 1)) is True


def test_a_t1_made_without_reaching_follow_up_still_schedules_t2_and_t2_ends_it():
    assert schedule(follow_up_from=None, t1_day=date(2025, 5, 5), t2_day=None) == Due(
        "t2", date(2026, 5, 5)
    )
    assert schedule(follow_up_from=None, t1_day=date(2025, 5, 5), t2_day=date(2026, 5, 1)) is None
