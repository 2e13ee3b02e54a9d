"""Writes for timesheets: a person's hours of one week, in one transaction, with audit history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.companies.models import Company
from dipps.companies.services import eligibility_require
from dipps.core import audit

from .. import rules
from ..messages import raise_for
from ..models import Activity, TimesheetEntry


@dataclass
class TimesheetRow:
    programme: object
    kind: str
    activity: Activity | None
    hours: list[Decimal]  # Monday..Sunday


@transaction.atomic
def timesheet_week_save(
    *, user, monday: date, rows: list[TimesheetRow], by, programmes=None
) -> int:
    """Replace the person's entries for the week; refuse negative hours or a day over 24 h.

    `programmes`: only the entries in these are replaced (those the form showed: the
    programmes where the person holds a staff role); hours kept in another programme
    stay as they are. Every row must be in one of them.
    """
    monday = rules.week_start(monday)
    days = [monday + timedelta(days=i) for i in range(7)]
    totals = dict.fromkeys(days, Decimal(0))
    all_hours = []
    for row in rows:
        for day, hours in zip(days, row.hours, strict=True):
            totals[day] += hours
            all_hours.append(hours)
    raise_for(rules.day_problems(totals, all_hours))
    for row in rows:
        if row.kind == TimesheetEntry.Kind.ACTIVITY and row.activity is None:
            raise ValidationError({"activity": _("Choose the activity the hours were spent on.")})
        if row.activity is not None and row.activity.programme_id != row.programme.pk:
            raise ValidationError(
                {"activity": _("The activity belongs to another programme than the row.")}
            )
    old = TimesheetEntry.objects.filter(user=user, day__range=(days[0], days[-1]))
    _require_eligible(rows, kept=set(old.values_list("activity_id", flat=True)))
    if programmes is not None:
        allowed = {p.pk for p in programmes}
        if any(row.programme.pk not in allowed for row in rows):
            raise ValidationError({"programme": _("You hold no staff role in that programme.")})
        old = old.filter(programme_id__in=allowed)
    removed = old.count()
    old.delete()
    entries = [
        TimesheetEntry(
            user=user,
            programme=row.programme,
            day=day,
            kind=row.kind,
            activity=row.activity,
            hours=hours,
        )
        for row in rows
        for day, hours in zip(days, row.hours, strict=True)
        if hours
    ]
    TimesheetEntry.objects.bulk_create(entries)
    audit.record(
        instance=user,
        action="update",
        by=by,
        changes={"timesheet_week": monday.isoformat(), "entries": [removed, len(entries)]},
    )
    return len(entries)


def _require_eligible(rows: list[TimesheetRow], kept: set) -> None:
    """A new row on an activity is time spent supporting its firms: each must be eligible
    (or overridden) in the row's programme. Rows the week already had stay as they are."""
    for row in rows:
        if row.activity is None or row.activity.pk in kept or not any(row.hours):
            continue
        firms = Company.objects.filter(activity_shares__activity=row.activity).order_by("name")
        eligibility_require(companies=list(firms), programme=row.programme)
