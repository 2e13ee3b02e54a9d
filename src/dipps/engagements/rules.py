"""The working method's rules: pure Python, no Django.

Spreading a group activity over its companies, checking hours, stage moves
and staff cost. Problems come back as codes with parameters; the service
layer turns them into translated messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_HOURS_PER_DAY = Decimal(24)
# The EU's standard full-time year (Regulation (EU) 2021/1060, art. 55(2)).
STANDARD_YEAR_HOURS = Decimal(1720)

# Stage order; paused and declined lie beside it.
SEQUENCE = (
    "first_contact",
    "needs_analysis",
    "plan_agreed",
    "implementation",
    "follow_up",
    "closed",
)
PAUSED, DECLINED, CLOSED = "paused", "declined", "closed"
NEEDS_REASON = {PAUSED, DECLINED}
FINAL = {CLOSED, DECLINED}


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    params: dict = dataclass_field(default_factory=dict)  # `field` names an attribute here


def spread(total: Decimal, weights: Sequence[int | Decimal]) -> list[Decimal]:
    """Split `total` over `weights` in cents so that the parts add up exactly.

    Largest remainder: every part is rounded down to the cent, then the cents
    left over go, one each, to the parts that lost most, earliest first on ties.
    All-zero weights spread equally.
    """
    if not weights:
        return []
    weights = [Decimal(w) for w in weights]
    if any(w < 0 for w in weights):
        raise ValueError("weights cannot be negative")
    if sum(weights) == 0:
        weights = [Decimal(1)] * len(weights)
    cents = int((total / CENT).to_integral_value(ROUND_HALF_UP))
    whole = sum(weights)
    exact = [Decimal(cents) * w / whole for w in weights]
    floors = [int(e) for e in exact]  # non-negative, so int() floors
    left = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(c) * CENT for c in floors]


@dataclass(frozen=True)
class ActivityFacts:
    day: date
    programme_start: date
    programme_end: date
    company_count: int
    coach_hours: Sequence[Decimal]  # per coach on this activity
    coach_day_totals: Sequence[Decimal]  # per coach: this activity + others that day
    external_cost_sek: Decimal
    participants: Sequence[int]  # women, men, other
    participant_hours: Decimal
    group: bool  # a group activity type (network meeting, course …)


def activity_problems(f: ActivityFacts) -> list[Problem]:
    out: list[Problem] = []
    if not f.programme_start <= f.day <= f.programme_end:
        out.append(
            Problem(
                "date", "outside_programme", {"start": f.programme_start, "end": f.programme_end}
            )
        )
    if f.company_count == 0:
        out.append(Problem("companies", "group_without_company" if f.group else "no_company"))
    for hours in f.coach_hours:
        if hours < 0:
            out.append(Problem("coach_hours", "negative_hours"))
            break
    for total in f.coach_day_totals:
        if total > MAX_HOURS_PER_DAY:
            out.append(Problem("coach_hours", "over_24", {"hours": total}))
            break
    if f.external_cost_sek < 0:
        out.append(Problem("external_cost_sek", "negative_cost"))
    if any(p < 0 for p in f.participants):
        out.append(Problem("participants", "negative_participants"))
    if f.participant_hours < 0:
        out.append(Problem("participant_hours", "negative_hours"))
    head_count = sum(f.participants)
    if head_count and f.participant_hours > MAX_HOURS_PER_DAY * head_count:
        out.append(Problem("participant_hours", "participants_over_24", {"people": head_count}))
    return out


def week_start(day: date) -> date:
    """The Monday of `day`'s week: a timesheet is kept by the week, Monday to Sunday."""
    return day - timedelta(days=day.weekday())


def day_problems(day_totals: dict[date, Decimal], entries: Sequence[Decimal]) -> list[Problem]:
    """Timesheet: no negative entry, no day above 24 hours for one person."""
    out: list[Problem] = []
    if any(h < 0 for h in entries):
        out.append(Problem("hours", "negative_hours"))
    for day, total in sorted(day_totals.items()):
        if total > MAX_HOURS_PER_DAY:
            out.append(Problem("hours", "day_over_24", {"day": day, "hours": total}))
    return out


def hourly_rate(annual_gross_cost_sek: Decimal) -> Decimal:
    """Documented annual gross employment cost / 1,720, to the cent."""
    if annual_gross_cost_sek < 0:
        raise ValueError("cost cannot be negative")
    return (annual_gross_cost_sek / STANDARD_YEAR_HOURS).quantize(CENT, ROUND_HALF_UP)


def staff_cost(hours: Decimal, annual_gross_cost_sek: Decimal) -> Decimal:
    """Hours × (annual cost / 1,720), rounded once at the end (not via the rounded rate)."""
    return (hours * annual_gross_cost_sek / STANDARD_YEAR_HOURS).quantize(CENT, ROUND_HALF_UP)


def stage_problem(current: str, target: str, reason: str) -> Problem | None:
    """Forward along the sequence, aside to paused/declined (with a reason), back from paused."""
    if target == current:
        return Problem("stage", "same_stage")
    if current in FINAL:
        return Problem("stage", "final_stage")
    if target in NEEDS_REASON:
        return None if reason.strip() else Problem("reason", "reason_required")
    if target not in SEQUENCE:
        return Problem("stage", "unknown_stage")
    if current == PAUSED:
        return None
    if SEQUENCE.index(target) < SEQUENCE.index(current):
        return Problem("stage", "backwards")
    return None
