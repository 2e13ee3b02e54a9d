"""The productivity core: value added per employee, baseline and follow-up years, changes."""

from datetime import date
from decimal import Decimal as D

import pytest

from dipps.impact import productivity as p


def test_value_added_and_per_employee_by_hand():
    # 1 200 000 + 4 800 000 + 300 000 = 6 300 000; / 12.5 AWU = 504 000.00
    va = p.value_added(
        operating_profit=D("1200000"), personnel_costs=D("4800000"), depreciation=D("300000")
    )
    assert va == D("6300000")
    assert p.per_employee(va, D("12.5")) == D("504000.00")
    # 1 000 000 / 3 = 333 333.333… → 333 333.33; 2 / 3 → 0.67 (half up)
    assert p.per_employee(D("1000000"), D("3")) == D("333333.33")
    assert p.per_employee(D("2"), D("3")) == D("0.67")
    assert p.per_employee(D("0.005"), D("1")) == D("0.01")
    assert p.per_employee(D("-0.004"), D("1")) == D("0.00")  # never -0.00


@pytest.mark.parametrize("staff", [None, D(0), D("-1")])
def test_no_per_employee_without_staff(staff):
    assert p.per_employee(D("100"), staff) is None


@pytest.mark.parametrize(
    ("day", "end", "expected"),
    [
        (date(2024, 12, 31), "12-31", 2023),  # on the last day: the year is not closed yet
        (date(2025, 1, 1), "12-31", 2024),  # the day after: closed
        (date(2025, 6, 30), "06-30", 2024),  # broken year 2024-07-01–2025-06-30 still open
        (date(2025, 7, 1), "06-30", 2025),
        (date(2025, 3, 1), "02-29", 2025),  # common year: ends on 28 February
        (date(2025, 2, 28), "02-29", 2024),
        (date(2024, 2, 29), "02-29", 2023),
        (date(2024, 3, 1), "02-29", 2024),
    ],
)
def test_closed_before(day, end, expected):
    assert p.closed_before(day, end) == expected


def test_marks_and_labels():
    m = p.marks(
        first_support=date(2024, 3, 15),
        t1_day=date(2025, 3, 20),
        t2_day=date(2026, 3, 20),
        year_end="12-31",
    )
    assert m == p.Marks(baseline=2023, t1=2024, t2=2025)
    assert m.label_of(2023) == ["baseline"]
    assert m.label_of(2025) == ["t2"]
    assert m.label_of(2022) == []
    # A follow-up in the same fiscal year as the support compares the same year.
    same = p.marks(first_support=date(2024, 3, 1), t1_day=date(2024, 11, 1), t2_day=None)
    assert same == p.Marks(2023, 2023, None)
    assert same.label_of(2023) == ["baseline", "t1"]
    assert p.marks(first_support=None, t1_day=None, t2_day=None) == p.Marks(None, None, None)


def test_change():
    assert p.change(D("504000.00"), D("560000.00")) == p.Change(D("56000.00"), D("11.1"))
    assert p.change(D("400000"), D("300000")) == p.Change(D("-100000"), D("-25.0"))
    # 1 / 2000 = 0.05 %, half up to one decimal: 0.1
    assert p.change(D("2000"), D("2001")) == p.Change(D("1"), D("0.1"))
    assert p.change(D("-100"), D("50")) == p.Change(D("150"), None)
    assert p.change(D("0"), D("50")) == p.Change(D("50"), None)
    assert p.change(None, D("1")) is None
    assert p.change(D("1"), None) is None
