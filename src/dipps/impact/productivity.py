"""Productivity per fiscal year: value added per employee, the baseline and the follow-ups.

Pure Python, no Django. The figures are those of `value_added.py` (SCB, "Företagens
ekonomi": förädlingsvärde = rörelseresultat + personalkostnader + av- och nedskrivningar),
here taken from a stored fiscal year instead of an SIE file.

Which fiscal years are compared (docs/impact.md, "Productivity"):

- **baseline** = the firm's last fiscal year *closed before* its first support: the year
  whose last day is before the day of the first support. A firm supported on the last day
  of its fiscal year (2024-12-31 for a calendar year) has not closed that year yet, so its
  baseline is the year before (2023); supported the day after (2025-01-01), its baseline is
  2024. Fiscal years are named by the year they end in (`companies.fiscal`, Bokföringslagen
  1999:1078, 3 kap. 1 §), so a broken year ending 06-30 is handled the same way.
- **T1** and **T2** = the last fiscal year closed before the day of the follow-up
  assessment (its submission, or its due date when not yet made; `maturity.followup`:
  T1 when the engagement reaches follow-up, T2 twelve months after T1).

Value added per employee = value added / staff in annual work units (Recommendation
2003/361, annex art. 5, the register's `KeyFigures.headcount` for the same fiscal year),
rounded half up to öre; none without staff or with zero staff. A change is the later
figure minus the earlier one; its percentage is relative to the earlier figure, rounded
half up to one decimal, and none when the earlier figure is zero or negative (a percentage
of a loss says nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dipps.companies import fiscal

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def cents(amount: Decimal) -> Decimal:
    """Two decimals, half up; never "-0.00"."""
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def value_added(
    *, operating_profit: Decimal, personnel_costs: Decimal, depreciation: Decimal
) -> Decimal:
    """Förädlingsvärde: operating profit + personnel costs + depreciation and write-downs."""
    return operating_profit + personnel_costs + depreciation


def per_employee(value: Decimal, employees: Decimal | None) -> Decimal | None:
    """Value added per annual work unit, to öre half up; None without staff (or zero)."""
    if employees is None or employees <= 0:
        return None
    return cents(value / employees)


def closed_before(day: date, year_end: str = fiscal.CALENDAR) -> int:
    """The name of the last fiscal year whose last day is before `day`."""
    return fiscal.fiscal_year_of(day, year_end) - 1


@dataclass(frozen=True, slots=True)
class Marks:
    """The fiscal years compared: None where the date is not known."""

    baseline: int | None
    t1: int | None
    t2: int | None

    def label_of(self, year: int) -> list[str]:
        """The marks a fiscal year carries ("baseline", "t1", "t2"), in that order."""
        return [
            name
            for name, marked in (("baseline", self.baseline), ("t1", self.t1), ("t2", self.t2))
            if marked == year
        ]


def marks(
    *,
    first_support: date | None,
    t1_day: date | None,
    t2_day: date | None,
    year_end: str = fiscal.CALENDAR,
) -> Marks:
    """The baseline, T1 and T2 fiscal years from the days of the first support and of the
    follow-ups (made or due)."""

    def year(day: date | None) -> int | None:
        return closed_before(day, year_end) if day is not None else None

    return Marks(year(first_support), year(t1_day), year(t2_day))


@dataclass(frozen=True, slots=True)
class Change:
    amount: Decimal
    percent: Decimal | None


def change(before: Decimal | None, after: Decimal | None) -> Change | None:
    """`after` − `before` and its percentage of `before`; None when either is missing."""
    if before is None or after is None:
        return None
    amount = after - before
    percent = (amount * 100 / before).quantize(TENTH, ROUND_HALF_UP) if before > 0 else None
    return Change(amount, percent)
