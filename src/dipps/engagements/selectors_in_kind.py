"""In-kind contributions read from the attendance lists (docs/working-method.md, docs/finance.md):
the rates by role, each contributor's hours and value, and what has no list yet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum

from dipps.accounts.roles import (
    STAFF,
    has_role_in,
)
from dipps.companies import orgnr
from dipps.companies.models import Company

from . import in_kind
from .models import (
    Activity,
    Attendee,
    InKindRate,
)

CENT = Decimal("0.01")


def _cents(value):
    """Sums of decimals to 2 places: PostgreSQL keeps the column's scale, SQLite does not."""
    return value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value


def in_kind_rates(programme) -> list[in_kind.Rate]:
    return [
        in_kind.Rate(r.role, r.valid_from, r.hourly_rate_sek)
        for r in InKindRate.objects.filter(programme=programme)
    ]


def _attendance_lines(programme, start: date, end: date) -> list[in_kind.Line]:
    rows = (
        Attendee.objects.filter(activity__programme=programme, activity__date__range=(start, end))
        .values_list(
            "name",
            "role",
            "hours",
            "activity__date",
            "company_id",
            "company__name",
            "organisation_id",
            "organisation__name",
        )
        .order_by()
    )
    lines = []
    for name, role, hours, day, company_id, company_name, org_id, org_name in rows:
        if company_id is not None:
            who, label, public = ("company", company_id), company_name, False
        else:
            who, label, public = ("organisation", org_id), org_name, True
        lines.append(in_kind.Line(who, label, public, name, role, day, hours))
    return lines


def in_kind_contributions(programme, start: date, end: date) -> list[in_kind.Contribution]:
    """In-kind contributions from the attendance lists of the programme's activities dated
    `start`..`end`: per contributor, hours × the rate of each person's role on the activity's
    date (engagements/in_kind.py). Activities without an attendance list give none."""
    return in_kind.contributions(_attendance_lines(programme, start, end), in_kind_rates(programme))


def in_kind_value(programme, start: date, end: date) -> Decimal:
    """The in-kind value of the span: the sum of its contributions (the claim's figure).

    The hours are summed in the database per contributor, role and day (rows bounded by
    those, not by the number of people); the persons are not needed for the value."""
    rows = (
        Attendee.objects.filter(activity__programme=programme, activity__date__range=(start, end))
        .values_list("company_id", "organisation_id", "role", "activity__date")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    lines = [
        in_kind.Line(
            ("company", company_id) if company_id is not None else ("organisation", org_id),
            "",
            company_id is None,
            "",
            role,
            day,
            hours,
        )
        for company_id, org_id, role, day, hours in rows
    ]
    found = in_kind.contributions(lines, in_kind_rates(programme))
    return sum((c.amount for c in found), CENT * 0)


def in_kind_hours(programme, start: date, end: date) -> Decimal:
    """Attended hours of the span (Σ attendance): the hours behind the in-kind value."""
    hours = Attendee.objects.filter(
        activity__programme=programme, activity__date__range=(start, end)
    ).aggregate(s=Sum("hours"))["s"]
    return _cents(hours or Decimal(0))


def hours_without_attendance(programme, start: date, end: date) -> tuple[int, Decimal]:
    """Activities of the span with participants' hours but no attendance list, and those
    hours: recorded before attendance lists, or not yet listed; they give no in-kind value."""
    unlisted = Activity.objects.filter(
        programme=programme, date__range=(start, end), participant_hours__gt=0
    ).exclude(Exists(Attendee.objects.filter(activity=OuterRef("pk"))))
    found = unlisted.aggregate(n=Count("id"), h=Sum("participant_hours"))
    return found["n"] or 0, _cents(found["h"] or Decimal(0))


def in_kind_by_company(user, programme, start: date, end: date) -> list[dict]:
    """Attended hours, persons and in-kind value per contributor (the programme's staff only:
    it names firms)."""
    if not has_role_in(user, programme.pk, STAFF):
        return []
    found = in_kind_contributions(programme, start, end)
    firms = {
        c.pk: c
        for c in Company.objects.filter(
            pk__in=[c.contributor[1] for c in found if c.contributor[0] == "company"]
        )
    }
    out = []
    for c in found:
        firm = firms.get(c.contributor[1]) if c.contributor[0] == "company" else None
        out.append(
            {
                "name": c.name,
                "orgnr_display": (
                    orgnr.shown(firm.orgnr, is_sole_trader=firm.is_sole_trader) if firm else ""
                ),
                "public": c.public,
                "hours": _cents(c.hours),
                "persons": c.person_count,
                "value": c.amount,
            }
        )
    return out


def attendance_of(user, activity: Activity) -> list[Attendee]:
    """The activity's attendance list (names: its programme's staff only)."""
    if not has_role_in(user, activity.programme_id, STAFF):
        return []
    return list(activity.attendees.select_related("company", "organisation"))
