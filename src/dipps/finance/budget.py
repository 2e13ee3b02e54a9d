"""Budget and financing plan rules: cost categories, the flat rate, and the checks.

Pure Python (no Django), so the rules are tested on exact values. The shell turns the
problem keys into translated sentences (`finance.messages.budget_messages`).

Indirect costs are a flat rate of direct staff costs (default 15 %). They are computed,
never entered: a budget line or a ledger entry with the category `indirect` is refused, so
the same cost can never be claimed both as an actual cost and through the flat rate.

The programme's cost model (`claim_model.COST_MODELS`) decides what else counts: under
`staff_plus_15_actual` the purchases are counted as booked; under `staff_plus_40` the flat
rate covers every other cost, so purchases are not eligible (zero in the cost tables, their
sum shown apart by `not_eligible`) and a budget may not plan any. The rate ranges are the
claim core's (`claim_model.flat_rate_percent`), not written again here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .claim_model import (
    STAFF_PLUS_15_ACTUAL,
    STAFF_PLUS_40,
    ClaimInput,
    ClaimInputError,
    flat_rate_percent,
)

CENT = Decimal("0.01")
# A financier's amount may differ from share × total by rounding only.
SHARE_TOLERANCE = Decimal("1.00")
DEFAULT_FLAT_RATE = Decimal("15")
DEFAULT_COST_MODEL = STAFF_PLUS_15_ACTUAL


class Category(StrEnum):
    STAFF = "staff"
    EXTERNAL_SERVICES = "external_services"
    TRAVEL = "travel"
    INVESTMENTS = "investments"
    INDIRECT = "indirect"
    IN_KIND = "in_kind"


# Costs booked as actual costs (in a partner's accounts or entered by hand).
DIRECT = (Category.STAFF, Category.EXTERNAL_SERVICES, Category.TRAVEL, Category.INVESTMENTS)
# What a budget line or a ledger entry may carry: everything but the computed flat rate.
ENTERED = (*DIRECT, Category.IN_KIND)
# The order of the rows of every cost table.
ORDER = (*DIRECT, Category.INDIRECT, Category.IN_KIND)
# Actual purchases: counted under staff_plus_15_actual, covered by the flat rate under 40.
PURCHASES = (Category.EXTERNAL_SERVICES, Category.TRAVEL, Category.INVESTMENTS)
# Project income (projektintäkter): a ledger row, stored as a positive amount, that the claim
# deducts from the eligible costs. Never a cost: it is not in ORDER, so no cost table, flat
# rate or total sums it; a budget line may not carry it.
INCOME = "income"


def not_taken(cost_model: str) -> frozenset[str]:
    """Ledger categories the model does not take at all: the purchases under staff_plus_40.

    CPR 2021/1060 art. 56: the flat rate of up to 40 % of staff costs covers every other
    cost, so a purchase booked in a partner's accounts is not a cost of the claim; the SIE
    import skips such rows and a hand entry of one is refused."""
    return frozenset(c.value for c in PURCHASES) if cost_model == STAFF_PLUS_40 else frozenset()


def rate_allowed(cost_model: str, rate_percent: Decimal) -> bool:
    """Whether the rate lies in the model's range: (0, 40] or [0, 15] (the claim core's)."""
    try:
        flat_rate_percent(ClaimInput(cost_model, (), rate_percent))
    except ClaimInputError:
        return False
    return True


def not_eligible(by_category: dict[str, Decimal], cost_model: str) -> Decimal:
    """Booked purchases the model does not count: their sum under staff_plus_40, else 0."""
    if cost_model != STAFF_PLUS_40:
        return Decimal("0.00")
    return money(sum((by_category.get(c, Decimal(0)) for c in PURCHASES), Decimal(0)))


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def flat_rate(staff: Decimal, rate_percent: Decimal) -> Decimal:
    """Indirect costs: `rate_percent` of direct staff costs, rounded to öre."""
    return money(staff * rate_percent / 100)


def with_flat_rate(
    by_category: dict[str, Decimal],
    rate_percent: Decimal,
    cost_model: str = DEFAULT_COST_MODEL,
) -> dict[str, Decimal]:
    """Entered amounts per category → every category of ORDER, the flat rate filled in;
    under staff_plus_40 the purchases are zero (the flat rate covers them)."""
    out = {c.value: money(by_category.get(c, Decimal(0))) for c in ORDER}
    if cost_model == STAFF_PLUS_40:
        for c in PURCHASES:
            out[c.value] = money(Decimal(0))
    out[Category.INDIRECT.value] = flat_rate(out[Category.STAFF], rate_percent)
    return out


def total(by_category: dict[str, Decimal]) -> Decimal:
    return sum(by_category.values(), Decimal(0))


@dataclass(frozen=True)
class BudgetLine:
    year: int
    partner: str
    category: str
    amount: Decimal


@dataclass(frozen=True)
class FinancingLine:
    financier: str
    year: int
    amount: Decimal


@dataclass(frozen=True)
class FinancierShare:
    name: str
    share_percent: Decimal
    in_kind: bool = False  # contributes in kind (participants' time, premises), not cash


@dataclass
class BudgetTotals:
    # year → category → amount (indirect computed per partner and year, then summed)
    by_year: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    by_partner: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_category: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)

    def year_total(self, year: int) -> Decimal:
        return total(self.by_year.get(year, {}))


def budget_totals(
    lines: list[BudgetLine], rate_percent: Decimal, cost_model: str = DEFAULT_COST_MODEL
) -> BudgetTotals:
    cells: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(dict)
    for line in lines:
        cell = cells[(line.year, line.partner)]
        cell[line.category] = cell.get(line.category, Decimal(0)) + line.amount
    result = BudgetTotals()
    for (year, partner), entered in sorted(cells.items()):
        full = with_flat_rate(entered, rate_percent, cost_model)
        for target in (
            result.by_year.setdefault(year, dict.fromkeys((c.value for c in ORDER), Decimal(0))),
            result.by_partner.setdefault(
                partner, dict.fromkeys((c.value for c in ORDER), Decimal(0))
            ),
        ):
            for k, v in full.items():
                target[k] += v
    result.by_category = dict.fromkeys((c.value for c in ORDER), Decimal(0))
    for per_year in result.by_year.values():
        for k, v in per_year.items():
            result.by_category[k] += v
    result.total = total(result.by_category)
    return result


def budget_problems(
    *,
    lines: list[BudgetLine],
    financing: list[FinancingLine],
    financiers: list[FinancierShare],
    rate_percent: Decimal,
    programme_total: Decimal | None = None,
    cost_model: str = DEFAULT_COST_MODEL,
) -> list[tuple[str, dict]]:
    """Problems with a budget and its financing plan as (key, values); empty when it adds up.

    - no category `indirect` among the lines (the flat rate is computed, never entered);
    - no negative amounts, a flat rate in the cost model's range ((0, 40] or [0, 15]);
    - under staff_plus_40, no purchases (the flat rate covers them);
    - each year: the cash financing equals the costs less the in-kind costs (the flat rate
      included): in-kind costs are financed by a contribution in kind of the same amount,
      never pro rata by the cash financiers (Tillväxtverket, "Handbok för EU-projekt
      2021–2027", bidrag i annat än pengar: an in-kind cost is matched by the same amount
      as in-kind financing);
    - when the plan has lines of in-kind financiers, they equal each year's in-kind costs
      (without such lines the contribution in kind is the in-kind cost itself);
    - each cash financier's share of the cash financing matches its share among the cash
      financiers (shares of 10/50/40 of the cash: 10 %, 50 %, 40 %);
    - financing only from the programme's financiers;
    - optionally, the budget's total equals the programme's total budget.
    """
    problems: list[tuple[str, dict]] = []
    if not rate_allowed(cost_model, rate_percent):
        problems.append(("bad_rate", {"rate": rate_percent, "cost_model": cost_model}))
    for line in lines:
        if cost_model == STAFF_PLUS_40 and line.category in PURCHASES and line.amount:
            problems.append(("purchase_under_40", {"year": line.year, "partner": line.partner}))
        if line.category == Category.INDIRECT:
            problems.append(("indirect_entered", {"year": line.year, "partner": line.partner}))
        elif line.category not in ENTERED:
            problems.append(("unknown_category", {"category": line.category}))
        if line.amount < 0:
            problems.append(
                (
                    "negative_cost",
                    {"year": line.year, "partner": line.partner, "amount": line.amount},
                )
            )
    known = {f.name for f in financiers}
    for f in financing:
        if f.financier not in known:
            problems.append(("unknown_financier", {"name": f.financier}))
        if f.amount < 0:
            problems.append(("negative_financing", {"name": f.financier, "year": f.year}))
    if problems:
        return problems

    totals = budget_totals(lines, rate_percent, cost_model)
    in_kind_financiers = {f.name for f in financiers if f.in_kind}
    financed: dict[int, Decimal] = defaultdict(Decimal)
    financed_in_kind: dict[int, Decimal] = defaultdict(Decimal)
    per_financier: dict[str, Decimal] = defaultdict(Decimal)
    for f in financing:
        if f.financier in in_kind_financiers:
            financed_in_kind[f.year] += f.amount
        else:
            financed[f.year] += f.amount
            per_financier[f.financier] += f.amount
    for year in sorted(set(totals.by_year) | set(financed) | set(financed_in_kind)):
        in_kind = totals.by_year.get(year, {}).get(Category.IN_KIND, Decimal(0))
        costs = totals.year_total(year) - in_kind
        if costs != financed.get(year, Decimal(0)):
            problems.append(
                (
                    "year_not_financed",
                    {
                        "year": year,
                        "costs": costs,
                        "financing": financed.get(year, Decimal(0)),
                        "in_kind": in_kind,
                    },
                )
            )
        if financed_in_kind and in_kind != financed_in_kind.get(year, Decimal(0)):
            problems.append(
                (
                    "in_kind_not_matched",
                    {
                        "year": year,
                        "in_kind": in_kind,
                        "financing": financed_in_kind.get(year, Decimal(0)),
                    },
                )
            )
    all_financing = sum(per_financier.values(), Decimal(0))
    cash = [f for f in financiers if not f.in_kind]
    all_shares = sum((f.share_percent for f in cash), Decimal(0))
    for financier in cash:
        if not all_shares:
            break
        expected = money(all_financing * financier.share_percent / all_shares)
        got = per_financier.get(financier.name, Decimal(0))
        if abs(got - expected) > SHARE_TOLERANCE:
            problems.append(
                (
                    "share_mismatch",
                    {
                        "name": financier.name,
                        "share": financier.share_percent,
                        "expected": expected,
                        "amount": got,
                        "actual_share": (
                            (got * all_shares / all_financing).quantize(Decimal("0.001"))
                            if all_financing
                            else Decimal(0)
                        ),
                    },
                )
            )
    if programme_total is not None and lines and totals.total != programme_total:
        problems.append(
            ("total_not_programme", {"total": totals.total, "programme": programme_total})
        )
    return problems


# Budget versions -------------------------------------------------------------------------
#
# The funder approves the original budget; every change to it is a change request
# (ändringsansökan) that the funder decides on, in force from a date of its decision
# (Tillväxtverket, "Handbok för EU-projekt 2021–2027", the sections on changes to the project
# (ändring av projektet) and on the payment claim, whose costs are reported against the
# approved budget). A claim is read against the budget in force on the last day of its period.


@dataclass(frozen=True)
class ApprovedVersion:
    number: int
    in_force_from: date


def version_in_force(approved: Sequence[ApprovedVersion], day: date) -> int | None:
    """The number of the approved version in force on `day`.

    That is the approved version with the latest in-force date on or before `day` (on a tie,
    the higher number: the later decision). Before the first in-force date, the first
    approved version (the lowest number) applies; with no approved version, None.
    """
    started = [v for v in approved if v.in_force_from <= day]
    if started:
        return max(started, key=lambda v: (v.in_force_from, v.number)).number
    if approved:
        return min(approved, key=lambda v: v.number).number
    return None


@dataclass(frozen=True)
class Difference:
    year: int | None  # None: the whole budget
    category: str
    base: Decimal
    changed: Decimal

    @property
    def change(self) -> Decimal:
        return self.changed - self.base


def differences(base: BudgetTotals, changed: BudgetTotals) -> list[Difference]:
    """Per year and category (ORDER, flat rate included), the amounts that differ between
    two budgets, then per category for the whole budget; unchanged cells are left out."""
    out = []
    zero = Decimal(0)
    for year in sorted(set(base.by_year) | set(changed.by_year)):
        before, after = base.by_year.get(year, {}), changed.by_year.get(year, {})
        for c in ORDER:
            b, a = before.get(c.value, zero), after.get(c.value, zero)
            if a != b:
                out.append(Difference(year, c.value, b, a))
    for c in ORDER:
        b, a = base.by_category.get(c.value, zero), changed.by_category.get(c.value, zero)
        if a != b:
            out.append(Difference(None, c.value, b, a))
    return out
