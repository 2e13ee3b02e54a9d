"""Reads of staff time and what it costs: timesheet weeks, hours and staff cost per
person and month, documented employment costs.

Personal data (hours per person, salaries), so every read is narrower than the
working method's other reads: a person's own timesheet in the programmes where
they hold a staff role; everyone's hours and salaries only where the user is a
manager or finance officer; never company representatives or observers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import timezone

from dipps.accounts.models import Role
from dipps.accounts.roles import FINANCE, STAFF, in_programmes, programme_ids

from . import rules, selectors
from .models import Activity, EmploymentCost, TimesheetEntry


def staff_of_programmes(user, roles=FINANCE):
    """The staff of the programmes where the user holds one of `roles` (salaries are set and
    read by managers and finance officers, each for the people of their own programmes)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__role__in=STAFF,
            memberships__programme__in=selectors.programmes_for(user, roles),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def employment_costs(user, year: int) -> list[dict]:
    """The staff of the user's programmes with their documented cost for `year` (None when
    missing). Salaries are personal data: only where the user is a manager or finance officer."""
    people = list(staff_of_programmes(user))
    costs = {
        c.user_id: c
        for c in EmploymentCost.objects.filter(year=year, user__in=[p.pk for p in people])
    }
    out = []
    for person in people:
        cost = costs.get(person.pk)
        amount = cost.annual_gross_cost_sek if cost else None
        out.append(
            {
                "user": person,
                "person": person.get_full_name() or person.username,
                "cost": amount,
                "document": cost.document if cost else "",
                "rate": rules.hourly_rate(amount) if amount is not None else None,
            }
        )
    return out


def week_entries(user, monday: date):
    """The user's own entries of the week, in the programmes where they hold a staff role."""
    monday = rules.week_start(monday)
    return in_programmes(
        TimesheetEntry.objects.filter(user=user, day__range=(monday, monday + timedelta(days=6))),
        user,
        STAFF,
    ).select_related("programme", "activity")


def monthly_totals(user, year: int) -> list[dict]:
    """Hours and staff cost per person and month. Where the user is a manager or finance
    officer they see everyone's hours in that programme; where they are a coach, their own.
    Company representatives and observers get nothing."""
    qs = TimesheetEntry.objects.filter(day__year=year)
    if not user.is_superuser:
        everyone = programme_ids(user, FINANCE)
        own = programme_ids(user, STAFF)
        qs = qs.filter(Q(programme_id__in=everyone) | Q(user=user, programme_id__in=own))
    rows = (
        qs.annotate(month=TruncMonth("day"), year=ExtractYear("day"))
        .values("user_id", "user__username", "user__first_name", "user__last_name", "month")
        .annotate(hours=Sum("hours"), entries=Count("id"))
        .order_by("user__username", "month")
    )
    costs = {
        (c.user_id, c.year): c.annual_gross_cost_sek
        for c in EmploymentCost.objects.filter(year=year)
    }
    out = []
    for r in rows:
        cost = costs.get((r["user_id"], year))
        name = f"{r['user__first_name']} {r['user__last_name']}".strip() or r["user__username"]
        out.append(
            {
                "person": name,
                "month": r["month"],
                "hours": r["hours"],
                "rate": rules.hourly_rate(cost) if cost is not None else None,
                "cost": rules.staff_cost(r["hours"], cost) if cost is not None else None,
            }
        )
    return out


def activities_for_timesheet(user, programme=None):
    """The user's activities, in the programmes where they hold a staff role."""
    qs = in_programmes(
        Activity.objects.filter(Q(coach_hours__user=user) | Q(created_by=user)).distinct(),
        user,
        STAFF,
    )
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.prefetch_related("shares__company").order_by("-date", "-id")[:100]


@dataclass
class MissingWeeks:
    person: str
    weeks: list[date]  # the Mondays of the weeks without a single timesheet entry


def missing_timesheets(user, today: date | None = None, weeks: int = 4) -> list[MissingWeeks]:
    """The coaches of the programmes where the user is a manager or finance officer who kept
    no timesheet entry in one of the last `weeks` whole weeks (Monday to Sunday, before
    this week) while the programme ran. Two queries: the people and their entries' days."""
    today = today or timezone.localdate()
    this_monday = rules.week_start(today)
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks, 0, -1)]
    programmes = list(selectors.programmes_for(user, FINANCE))
    mondays = [
        m
        for m in mondays
        if any(p.start <= m + timedelta(days=6) and m <= p.end for p in programmes)
    ]
    if not mondays:
        return []
    people = list(
        get_user_model()
        .objects.filter(memberships__role=Role.COACH, memberships__programme__in=programmes)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    kept: set[tuple[int, date]] = set()
    for user_id, day in (
        TimesheetEntry.objects.filter(
            user__in=people, programme__in=programmes, day__range=(mondays[0], this_monday)
        )
        .values_list("user_id", "day")
        .distinct()
    ):
        kept.add((user_id, rules.week_start(day)))
    found = []
    for person in people:
        missing = [m for m in mondays if (person.pk, m) not in kept]
        if missing:
            name = person.get_full_name() or person.username
            found.append(MissingWeeks(name, missing))
    return found
