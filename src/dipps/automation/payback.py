"""Payback, net present value and internal rate of return of an automation investment.

Pure Python, no Django: the contract `dipps automation payback FILE` (docs/competence.md)
and the pre-study pages compute with these functions, so both give the same figures.

The cash flows are the ones Robotlyftet's pre-study template asks for (investment now, a
yearly saving for the economic life, a residual value at its end):

- year 0: − investment;
- years 1..n: annual_saving = hours saved × hourly labour cost + other savings − operating cost;
- year n, in addition: + residual value.

Everything is `Decimal`; rounding (half up, two decimals) happens only in `result`, at the
edge, as DESIGN.md §4 asks.

Why at most one IRR: every input is non-negative, so the flows read −I, S, S, …, S + R with
one constant S. Whatever the sign of S, the sequence changes sign at most once (a negative S
may turn positive only in the last year, through R). By Descartes' rule of signs the NPV,
a polynomial in 1 / (1 + r), then has at most one root with r > −100 %: multiple IRRs, the
classic trap of a residual value or a late cost, cannot arise under this contract. The
bisection still accepts only a bracket whose ends differ in sign, so a case without a root
in (−99 %, 1000 %) — a saving that never pays the investment back, or one so large that the
rate exceeds 1000 % — is `None`, not a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# The contract's search interval for the IRR, as fractions: (−99 %, 1000 %).
IRR_LOW = Decimal("-0.99")
IRR_HIGH = Decimal(10)
# Bisection stops when the bracket is narrower than this (as a fraction: 1e-8 = 0.000001
# percentage points), far below the 0.01 points the answer is rounded to.
IRR_TOLERANCE = Decimal("1e-8")
# A horizon longer than any machine's life; it also bounds the work one file can ask for.
MAX_YEARS = 100


@dataclass(frozen=True)
class Investment:
    """One automation investment in SEK; rates in percent (6 = 6 %)."""

    investment: Decimal
    hours_saved_per_year: Decimal
    hourly_labour_cost: Decimal
    years: int
    discount_rate_percent: Decimal
    annual_operating_cost: Decimal = ZERO
    other_annual_savings: Decimal = ZERO
    residual_value: Decimal = ZERO


@dataclass(frozen=True)
class Payback:
    """The contract's answer, rounded: money and years to two decimals, IRR to 0.01 points."""

    annual_saving: Decimal
    payback_years: Decimal | None
    npv: Decimal
    irr_percent: Decimal | None


class PaybackInputError(ValueError):
    """Input the calculation refuses; ``field`` names the value, as in the JSON file."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def validate(inv: Investment) -> list[str]:
    """What is wrong with the input, one `field: message` each; empty when it may be used."""
    problems = []
    for name in (
        "investment",
        "hours_saved_per_year",
        "hourly_labour_cost",
        "discount_rate_percent",
        "annual_operating_cost",
        "other_annual_savings",
        "residual_value",
    ):
        value = getattr(inv, name)
        if not value.is_finite():
            problems.append(f"{name}: must be a finite number, got {value}")
        elif value < 0:
            problems.append(f"{name}: must not be negative, got {value}")
    if not 1 <= inv.years <= MAX_YEARS:
        problems.append(f"years: must be a whole number from 1 to {MAX_YEARS}, got {inv.years}")
    return problems


def annual_saving(inv: Investment) -> Decimal:
    """Labour freed, valued at its cost, plus other savings, less the new running cost."""
    return (
        inv.hours_saved_per_year * inv.hourly_labour_cost
        + inv.other_annual_savings
        - inv.annual_operating_cost
    )


def payback_years(inv: Investment) -> Decimal | None:
    """Simple (undiscounted) payback; None when the investment never pays back (saving ≤ 0)."""
    saving = annual_saving(inv)
    if saving <= 0:
        return None
    return inv.investment / saving


def npv_at(inv: Investment, rate: Decimal) -> Decimal:
    """NPV at `rate` (a fraction, 0.06 = 6 %, above −1): − I + Σ S/(1+r)^t + R/(1+r)^n."""
    with localcontext() as ctx:
        ctx.prec = 40
        growth = ONE + rate
        saving = annual_saving(inv)
        discount = ONE
        total = -inv.investment
        for _year in range(inv.years):
            discount /= growth
            total += saving * discount
        total += inv.residual_value * discount
    return +total


def npv(inv: Investment) -> Decimal:
    """NPV at the input's discount rate."""
    return npv_at(inv, inv.discount_rate_percent / HUNDRED)


def irr_percent(inv: Investment) -> Decimal | None:
    """The rate (in percent, unrounded) at which the NPV is zero, or None when no rate in
    (−99 %, 1000 %) makes it zero. Bisection: it needs only a sign change, never diverges."""
    low, high = IRR_LOW, IRR_HIGH
    at_low, at_high = npv_at(inv, low), npv_at(inv, high)
    if at_low == 0 or at_high == 0 or (at_low > 0) == (at_high > 0):
        return None
    while high - low > IRR_TOLERANCE:
        middle = (low + high) / 2
        at_middle = npv_at(inv, middle)
        if at_middle == 0:
            return middle * HUNDRED
        if (at_middle > 0) == (at_low > 0):
            low, at_low = middle, at_middle
        else:
            high = middle
    return (low + high) / 2 * HUNDRED


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def result(inv: Investment) -> Payback:
    """The four figures, rounded half up to two decimals; PaybackInputError on bad input."""
    problems = validate(inv)
    if problems:
        field, _sep, message = problems[0].partition(": ")
        raise PaybackInputError(message, field)
    payback = payback_years(inv)
    irr = irr_percent(inv)
    return Payback(
        annual_saving=_round(annual_saving(inv)),
        payback_years=None if payback is None else _round(payback),
        npv=_round(npv(inv)),
        irr_percent=None if irr is None else _round(irr),
    )
