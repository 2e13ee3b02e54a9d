"""Staff costs from the working method's timesheets, as rows of the cost ledger.

Each person's hours on the programme become one ledger row of category *staff* per month,
split where a reporting period ends inside a month. The programme's staff cost method
(`FinancePlan.staff_cost_method`, docs/finance.md "Staff costs") values them:

- `unit_cost` (default; Tillväxtverket, *Handbok för EU-projekt 2021–2027*, "Personalkostnader
  – enhetskostnad per timme"): the person's monthly salary in their first project month
  (`StaffSalary`) × 12 / 1,720, raised by the plan's uplift every twelve months from that
  month (`claim_model.unit_cost`); row = round(unit cost × hours, 2). Hours in a month before
  the first month are refused, naming the person and both months.
- `annual_cost` (CPR 2021/1060 art. 55(2)(a), the documented alternative): the year's
  documented annual employment cost / 1,720 (`engagements.rules.staff_cost`, rounded once
  per row).

People without a salary record (or annual cost) are skipped and named in the result.

The row's natural key is `timesheet:<user id>:<last day of the month or period part>`, so
running the service again adds nothing, and a changed timesheet updates its row. A row
whose period has been claimed is frozen: a change to it is refused with a message naming
the person, the month and both amounts, and nothing is saved.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import kr, number, short_date
from dipps.engagements import rules as engagement_rules
from dipps.engagements.models import EmploymentCost, TimesheetEntry
from dipps.programmes.models import Organisation, Programme

from .. import claim_model
from ..models import CostEntry, ReportingPeriod, StaffCostMethod, StaffSalary
from ..selectors import ledger_dates, staff_cost_method_of

PREFIX = "timesheet:"


@dataclass
class StaffCostRow:
    user_id: int
    person: str
    when: date  # the last day of the month, or of the period part of the month
    hours: Decimal
    amount: Decimal
    unit_cost: Decimal  # per hour, of the row's month under the programme's method
    method: str = StaffCostMethod.UNIT_COST


@dataclass
class StaffCosts:
    """What the timesheets give now under the programme's staff cost method."""

    method: str
    rows: list[StaffCostRow]
    # (user id, year) → person, for hours without a salary record (unit_cost) or a documented
    # annual cost for that year (annual_cost): no rows, and their earlier rows are left alone.
    missing: dict[tuple[int, int], str]
    # (person, month end, first month) for hours before the person's first project month.
    early: list[tuple[str, date, date]] = field(default_factory=list)


@dataclass
class StaffCostResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    # (person, year) for hours without a documented employment cost: not taken (annual_cost).
    missing_costs: list[tuple[str, int]] = field(default_factory=list)
    # Persons with hours but no salary record for the unit cost: not taken (unit_cost).
    missing_salaries: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.removed


def _person(user) -> str:
    return user.get_full_name() or user.username


def _segment_end(d: date, period_ends: list[date]) -> date:
    """The last day of `d`'s month, or the end of a period that ends earlier in that month."""
    month_end = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    for end in period_ends:
        if d <= end < month_end:
            return end
    return month_end


def staff_cost_rows(programme: Programme) -> StaffCosts:
    """The ledger rows the timesheets give now, the people without a salary or cost, and
    the hours before a person's first project month."""
    from django.contrib.auth import get_user_model

    period_ends = sorted(
        ReportingPeriod.objects.filter(programme=programme).values_list("end", flat=True)
    )
    hours: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    per_day = (
        TimesheetEntry.objects.filter(
            programme=programme, day__range=(programme.start, programme.end)
        )
        .values_list("user_id", "day")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    for user_id, d, h in per_day:
        if h:
            hours[(user_id, _segment_end(d, period_ends))] += h
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={k[0] for k in hours})}
    method, uplift = staff_cost_method_of(programme)
    result = StaffCosts(method, [], {})
    if method == StaffCostMethod.ANNUAL_COST:
        costs = {
            (c.user_id, c.year): c.annual_gross_cost_sek
            for c in EmploymentCost.objects.filter(user_id__in=users)
        }
        for (user_id, when), h in sorted(hours.items()):
            person = _person(users[user_id])
            cost = costs.get((user_id, when.year))
            if cost is None:
                result.missing[(user_id, when.year)] = person
                continue
            amount = engagement_rules.staff_cost(h, cost)
            rate = engagement_rules.hourly_rate(cost)
            result.rows.append(StaffCostRow(user_id, person, when, h, amount, rate, method))
        return result
    salaries = {
        s.user_id: s for s in StaffSalary.objects.filter(programme=programme, user_id__in=users)
    }
    for (user_id, when), h in sorted(hours.items()):
        person = _person(users[user_id])
        salary = salaries.get(user_id)
        if salary is None:
            result.missing[(user_id, when.year)] = person
            continue
        first = claim_model.Month(salary.first_month.year, salary.first_month.month)
        month = claim_model.Month(when.year, when.month)
        if month.months_since(first) < 0:
            result.early.append((person, when, salary.first_month))
            result.missing[(user_id, when.year)] = person
            continue
        rate = claim_model.unit_cost(salary.monthly_salary_sek, first, month, uplift)
        amount = claim_model.to_ore(rate * h)
        result.rows.append(StaffCostRow(user_id, person, when, h, amount, rate, method))
    return result


def _user_and_date(key: str) -> tuple[int, date]:
    user_id, when = key.removeprefix(PREFIX).split(":")
    return int(user_id), date.fromisoformat(when)


def _key(user_id: int, when: date) -> str:
    return f"{PREFIX}{user_id}:{when.isoformat()}"


def _text(row: StaffCostRow) -> str:
    if row.method == StaffCostMethod.UNIT_COST:
        # "Personalkostnad Anna Berg, 80,00 h × 293,02 kr": the amount is this product.
        return _("Staff cost %(person)s, %(hours)s h × %(rate)s") % {
            "person": row.person,
            "hours": number(row.hours, 2),
            "rate": kr(row.unit_cost),
        }
    return _("Staff cost %(person)s, %(hours)s h") % {
        "person": row.person,
        "hours": number(row.hours, 2),
    }


@transaction.atomic
def staff_costs_from_timesheets(
    *, programme: Programme, organisation: Organisation, by=None
) -> StaffCostResult:
    """Bring the ledger's timesheet rows in step with the timesheets (idempotent).

    New hours add rows, changed hours update them, removed hours remove them, unless the
    row's date lies in a claimed period, or a person has hours before their first project
    month (unit_cost): then the whole run is refused and nothing saved. People whose hours
    have no salary record (unit_cost) or documented employment cost for the year
    (annual_cost) are skipped and named in the result; their earlier rows are left alone.
    """
    costs = staff_cost_rows(programme)
    rows, missing = costs.rows, costs.missing
    if costs.early:
        raise ValidationError(
            [
                _(
                    "%(person)s has hours in %(month)s, before their first month in the "
                    "project (%(first)s) on the salary record. Correct the salary record's "
                    "first month or the timesheet, then fetch again."
                )
                % {"person": person, "month": f"{when:%Y-%m}", "first": f"{first:%Y-%m}"}
                for person, when, first in costs.early
            ]
        )
    wanted = {_key(r.user_id, r.when): r for r in rows}
    existing = {
        e.natural_key: e
        for e in CostEntry.objects.select_for_update().filter(
            programme=programme, source=CostEntry.Source.TIMESHEET
        )
    }
    problems: list[str] = []
    creates, updates, removals = [], [], []
    result = StaffCostResult()
    if costs.method == StaffCostMethod.ANNUAL_COST:
        result.missing_costs = sorted((p, y) for (_u, y), p in missing.items())
    else:
        result.missing_salaries = sorted(set(missing.values()))
    for key, row in wanted.items():
        entry = existing.get(key)
        if entry is None:
            creates.append(row)
        elif entry.amount != row.amount or (
            entry.organisation_id != organisation.pk and entry.claim_id is None
        ):
            updates.append((entry, row))
        else:
            result.unchanged += 1
    for key, entry in existing.items():
        user_id, when = _user_and_date(key)
        # Without a documented cost the row cannot be recomputed: leave it as it was.
        if key not in wanted and (user_id, when.year) not in missing:
            removals.append(entry)

    dates = ledger_dates(programme)

    def frozen(when: date, person: str, old: Decimal, new: Decimal) -> None:
        period = dates.claimed_period(when)
        if period is not None:
            problems.append(
                _(
                    "The timesheets of %(person)s up to %(date)s give %(new)s but the ledger "
                    "holds %(old)s, and reporting period %(number)s has already been claimed. "
                    "Correct the timesheet, or book the difference in the next period."
                )
                % {
                    "person": person,
                    "date": short_date(when),
                    "new": kr(new),
                    "old": kr(old),
                    "number": period,
                }
            )

    for row in creates:
        frozen(row.when, row.person, Decimal(0), row.amount)
    for entry, row in updates:
        if entry.amount != row.amount:
            frozen(row.when, row.person, entry.amount, row.amount)
    if removals:
        from django.contrib.auth import get_user_model

        names = {
            u.pk: _person(u)
            for u in get_user_model().objects.filter(
                pk__in={_user_and_date(e.natural_key)[0] for e in removals}
            )
        }
        for entry in removals:
            person = names.get(_user_and_date(entry.natural_key)[0], "?")
            frozen(entry.date, person, entry.amount, Decimal(0))
    if problems:
        raise ValidationError(problems)

    for row in creates:
        entry = CostEntry.objects.create(
            programme=programme,
            organisation=organisation,
            category="staff",
            date=row.when,
            amount=row.amount,
            text=_text(row)[:200],
            source=CostEntry.Source.TIMESHEET,
            natural_key=_key(row.user_id, row.when),
        )
        audit.record(instance=entry, action="create", by=by, changes=audit.snapshot(entry))
        result.created += 1
    for entry, row in updates:
        changes = {"amount": [str(entry.amount), str(row.amount)]}
        if entry.organisation_id != organisation.pk:
            changes["organisation"] = [entry.organisation_id, organisation.pk]
        entry.amount, entry.organisation, entry.text = row.amount, organisation, _text(row)[:200]
        entry.save(update_fields=["amount", "organisation", "text"])
        audit.record(instance=entry, action="update", by=by, changes=changes)
        result.updated += 1
    for entry in removals:
        audit.record(instance=entry, action="delete", by=by, changes=audit.snapshot(entry))
        entry.delete()
        result.removed += 1
    return result
