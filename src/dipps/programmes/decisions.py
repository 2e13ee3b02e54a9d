"""Decision rules from the region's delegation order, and financing checks.

Pure Python: the thresholds come in as arguments (the Django layer reads them
from settings), so the rules are testable on exact values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class FinancierType(StrEnum):
    EU_FUND = "eu_fund"
    STATE_APPROPRIATION = "state_appropriation"
    REGION_OR_MUNICIPALITY = "region_municipality"
    PRIVATE = "private"


# Money that can be the owner's own: an EU fund or the state's 1:1 appropriation is never
# the owner's, even when the owner (a region) applies for it or handles it.
OWN_MONEY = frozenset({FinancierType.REGION_OR_MUNICIPALITY, FinancierType.PRIVATE})


class Body(StrEnum):
    REGIONAL_DIRECTOR = "regional_director"
    REGIONAL_DEVELOPMENT_BOARD = "regional_development_board"


@dataclass(frozen=True)
class Thresholds:
    director_max_own_cofinancing: Decimal = Decimal("500000")
    board_min_total_budget: Decimal = Decimal("10000000")


@dataclass(frozen=True)
class Decision:
    body: Body
    before_start: bool  # must the decision be taken before the programme starts?
    reason: str  # a key the shell turns into a translated sentence


@dataclass(frozen=True)
class Funding:
    amount: Decimal
    financier_type: str
    is_owner: bool


def owner_cofinancing(fundings: list[Funding]) -> Decimal:
    """The owner's own co-financing: what the delegation order's director limit is about.

    Only financiers marked as the owner count, and of those only money that is theirs
    (region or municipality, or private): a state 1:1 appropriation the region handles in
    a separate decision, or an EU fund, does not make a programme the board's matter.
    """
    return sum(
        (f.amount for f in fundings if f.is_owner and f.financier_type in OWN_MONEY),
        Decimal(0),
    )


def required_decision(
    *, total_budget: Decimal, owner_cofinancing: Decimal, thresholds: Thresholds
) -> Decision:
    """Which body must decide on a programme.

    The regional director may decide where the owner's own co-financing is at
    most the director's limit; a programme whose total budget exceeds the
    board limit must be approved by the regional development board before it
    starts. Anything the director may not decide goes to the board.
    """
    if total_budget > thresholds.board_min_total_budget:
        return Decision(Body.REGIONAL_DEVELOPMENT_BOARD, True, "total_budget_over_board_limit")
    if owner_cofinancing <= thresholds.director_max_own_cofinancing:
        return Decision(Body.REGIONAL_DIRECTOR, False, "own_cofinancing_within_director_limit")
    return Decision(Body.REGIONAL_DEVELOPMENT_BOARD, False, "own_cofinancing_over_director_limit")


def decision_problems(
    *,
    required: Decision,
    recorded_body: str,
    decision_date: date | None,
    start: date,
) -> list[str]:
    """Keys of the mismatches between the recorded decision and the rule."""
    problems = []
    if not recorded_body or decision_date is None:
        problems.append("no_decision_recorded")
        return problems
    if recorded_body != required.body:
        problems.append("wrong_body")
    if required.before_start and decision_date > start:
        problems.append("decided_after_start")
    return problems


@dataclass(frozen=True)
class Share:
    name: str
    share_percent: Decimal
    amount: Decimal


def financing_problems(total_budget: Decimal, shares: list[Share]) -> list[tuple[str, dict]]:
    """Problems with a financing plan as (key, values) pairs; empty if it adds up.

    Shares must sum to exactly 100 % and amounts to exactly the total budget.
    """
    problems: list[tuple[str, dict]] = []
    if not shares:
        return [("no_financiers", {})]
    share_sum = sum((s.share_percent for s in shares), Decimal(0))
    amount_sum = sum((s.amount for s in shares), Decimal(0))
    if share_sum != Decimal(100):
        problems.append(("shares_not_100", {"sum": share_sum}))
    if amount_sum != total_budget:
        problems.append(("amounts_not_total", {"sum": amount_sum, "total": total_budget}))
    for s in shares:
        if s.share_percent < 0 or s.amount < 0:
            problems.append(("negative", {"name": s.name}))
    return problems
