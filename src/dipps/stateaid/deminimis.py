"""De minimis control after Commission Regulation (EU) 2023/2831.

Pure Python (no Django): the rule, its window and the aid value of a share of
an activity. Amounts are exact `Decimal`s; conversions round half up to the
cent, once, where SEK becomes EUR.

The window. Article 3(2) caps the aid to one single undertaking at
EUR 300,000 "over any period of three years". We read that as a rolling
window of exactly three years that ends on the grant date of the new aid,
both ends inclusive:

    window(grant) = [grant − 3 years + 1 day, grant]

so an earlier aid granted on the same calendar day three years before the
new one (exactly three years old) has left the window, and one granted a day
later still counts. A grant on 29 February reckons from 28 February three
years earlier (three years before 2028-02-29 is 2025-02-28; the window starts
2025-03-01).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CEILING_EUR = Decimal("300000.00")
REGULATION = "(EU) 2023/2831"
CENT = Decimal("0.01")


def three_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 3)
    except ValueError:  # 29 February in a leap year
        return day.replace(year=day.year - 3, day=28)


def window(grant: date) -> tuple[date, date]:
    """First and last day (inclusive) of the three-year period ending on `grant`."""
    return three_years_before(grant) + timedelta(days=1), grant


def aid_value_sek(
    coach_hours: Decimal, aid_hourly_rate_sek: Decimal, external_cost_sek: Decimal
) -> Decimal:
    """A firm's share of coach hours at the programme's aid rate plus its external-cost share."""
    if coach_hours < 0 or aid_hourly_rate_sek < 0 or external_cost_sek < 0:
        raise ValueError("hours, rate and cost cannot be negative")
    return (coach_hours * aid_hourly_rate_sek + external_cost_sek).quantize(CENT, ROUND_HALF_UP)


def sek_to_eur(amount_sek: Decimal, sek_per_eur: Decimal) -> Decimal:
    if sek_per_eur <= 0:
        raise ValueError("the exchange rate must be positive")
    return (amount_sek / sek_per_eur).quantize(CENT, ROUND_HALF_UP)


def eur_to_sek(amount_eur: Decimal, sek_per_eur: Decimal) -> Decimal:
    if sek_per_eur <= 0:
        raise ValueError("the exchange rate must be positive")
    return (amount_eur * sek_per_eur).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Aid:
    """One grant of de minimis aid to a member of the single undertaking."""

    granted: date
    amount_eur: Decimal
    giver: str = ""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    new_aid_eur: Decimal
    window_start: date
    window_end: date
    three_year_sum_eur: Decimal  # earlier aid inside the window, the new aid not included
    headroom_eur: Decimal  # ceiling − three-year sum: the most the new aid may be
    ceiling_eur: Decimal = CEILING_EUR

    @property
    def total_with_new_eur(self) -> Decimal:
        return self.three_year_sum_eur + self.new_aid_eur

    @property
    def excess_eur(self) -> Decimal:
        return max(Decimal(0), self.total_with_new_eur - self.ceiling_eur)


def sum_in_window(ledger: Iterable[Aid], grant: date) -> Decimal:
    start, end = window(grant)
    return sum((a.amount_eur for a in ledger if start <= a.granted <= end), Decimal("0.00"))


def headroom(ledger: Iterable[Aid], on: date, ceiling: Decimal = CEILING_EUR) -> Decimal:
    """What may still be granted on `on`; negative if the ledger is already over."""
    return ceiling - sum_in_window(ledger, on)


def check(new_aid: Aid, ledger: Iterable[Aid], ceiling: Decimal = CEILING_EUR) -> Decision:
    """May `new_aid` be granted on top of `ledger` (all aid to the same single undertaking)?

    Aid in the ledger dated after the new grant is ignored: it does not lie in the
    period ending on the grant date (it is checked when it is itself granted).
    """
    if new_aid.amount_eur < 0:
        raise ValueError("aid cannot be negative")
    start, end = window(new_aid.granted)
    earlier = sum_in_window(ledger, new_aid.granted)
    return Decision(
        allowed=earlier + new_aid.amount_eur <= ceiling,
        new_aid_eur=new_aid.amount_eur,
        window_start=start,
        window_end=end,
        three_year_sum_eur=earlier,
        headroom_eur=ceiling - earlier,
        ceiling_eur=ceiling,
    )
