"""Reads for the working method, always scoped to the asking user.

Staff see every engagement; a company representative sees their own firm's
plan and activities (never timesheets, never per-person hours); an observer
sees programme totals only, without names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dipps.accounts.models import Role
from dipps.accounts.roles import STAFF, has_role, represented_company_ids
from dipps.companies import orgnr
from dipps.companies.selectors import company_get
from dipps.core import audit
from dipps.programmes.selectors import programmes_visible_to

from . import catalogue, rules
from .models import (
    ActionItem,
    Activity,
    ActivityCompany,
    DailyTotals,
    EmploymentCost,
    Engagement,
    InKindRate,
    TimesheetEntry,
)
from .services import week_start

CENT = Decimal("0.01")


def engagements_visible_to(user) -> QuerySet[Engagement]:
    if has_role(user, *STAFF):
        return Engagement.objects.all()
    return Engagement.objects.filter(company_id__in=represented_company_ids(user))


def engagement_get(user, pk: int) -> Engagement:
    return get_object_or_404(
        engagements_visible_to(user).select_related("company", "programme"), pk=pk
    )


def item_get(user, pk: int) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.filter(engagement__in=engagements_visible_to(user)).select_related(
            "engagement__company", "engagement__programme"
        ),
        pk=pk,
    )


def activities_visible_to(user) -> QuerySet[Activity]:
    """Staff: activities of the programmes they belong to; company representatives:
    their firm's (read only through the timeline); observers: none."""
    if has_role(user, *STAFF):
        return Activity.objects.filter(programme__in=programmes_visible_to(user))
    ids = represented_company_ids(user)
    return Activity.objects.filter(shares__company_id__in=ids).distinct()


def activity_get(user, pk: int) -> Activity:
    return get_object_or_404(
        activities_visible_to(user)
        .select_related("programme")
        .prefetch_related("shares__company", "coach_hours__user", "items"),
        pk=pk,
    )


def activity_history(user, activity: Activity):
    """The activity's audit history, newest first (staff only: it names people)."""
    if not has_role(user, *STAFF):
        return []
    return list(audit.history_for(activity).order_by("-at", "-id")[:50])


def rates_of(user, code: str) -> dict:
    """A programme's dated aid and in-kind hourly rates, newest first."""
    from dipps.stateaid.models import AidRate

    programme = programme_get(user, code)
    return {
        "programme": programme,
        "aid": list(AidRate.objects.filter(programme=programme).order_by("-valid_from")),
        "in_kind": list(InKindRate.objects.filter(programme=programme).order_by("-valid_from")),
    }


def staff_of_programmes(user):
    """Managers, coaches and finance officers of the programmes the user belongs to."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__role__in=[Role.MANAGER, Role.COACH, Role.FINANCE],
            memberships__programme__in=programmes_visible_to(user),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def employment_costs(user, year: int) -> list[dict]:
    """Every staff member with their documented cost for `year` (None when missing).

    Salaries are personal data: managers and finance officers only.
    """
    if not has_role(user, Role.MANAGER, Role.FINANCE):
        return []
    people = staff_of_programmes(user)
    costs = {c.user_id: c for c in EmploymentCost.objects.filter(year=year)}
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


@dataclass
class Desk:
    engagements: list
    overdue: list
    week_hours: Decimal
    week_activity_hours: Decimal
    monday: date


def coach_desk(user, today: date | None = None) -> Desk:
    today = today or timezone.localdate()
    mine = (
        Engagement.objects.filter(coaches=user)
        .select_related("company", "programme")
        .order_by("company__name")
    )
    overdue = (
        ActionItem.objects.filter(
            engagement__coaches=user,
            due__lt=today,
            status__in=[ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS],
        )
        .select_related("engagement__company")
        .order_by("due")
    )
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    week = TimesheetEntry.objects.filter(user=user, day__range=(monday, sunday)).aggregate(
        s=Sum("hours")
    )["s"]
    activity = user.activity_hours.filter(date__range=(monday, sunday)).aggregate(s=Sum("hours"))[
        "s"
    ]
    return Desk(list(mine), list(overdue[:50]), week or Decimal(0), activity or Decimal(0), monday)


@dataclass
class Event:
    day: date
    kind: str  # activity, item, stage, assessment
    title: str
    detail: str = ""
    obj: object = None


def company_timeline(user, company_pk: int):
    """The company, its engagements and one stream of activities, plan items and stage moves."""
    company = company_get(user, company_pk)
    engagements = list(
        Engagement.objects.filter(company=company)
        .select_related("programme")
        .prefetch_related("coaches", "items")
    )
    events: list[Event] = []
    shares = (
        ActivityCompany.objects.filter(company=company)
        .select_related("activity")
        .order_by("-date")[:200]
    )
    for share in shares:
        a = share.activity
        events.append(Event(a.date, "activity", catalogue.type_label(a.type), a.note, share))
    for e in engagements:
        for change in e.changes.all():
            events.append(Event(change.on, "stage", change.get_to_stage_display(), change.reason))
        for item in e.items.all():
            events.append(Event(item.created, "item", item.goal, item.get_status_display(), item))
    events.extend(_assessment_events(user, company))
    events.sort(key=lambda ev: (ev.day, ev.kind), reverse=True)
    return company, engagements, events


def _assessment_events(user, company) -> list[Event]:
    """Submitted maturity assessments, read through the maturity app's own selector
    (so its scoping rules apply); none when the maturity app is not installed."""
    try:
        from dipps.maturity.selectors import assessments_visible_to
    except ImportError:  # pragma: no cover - the app ships with the project
        return []
    rows = (
        assessments_visible_to(user)
        .filter(company=company, submitted__isnull=False)
        .order_by("-submitted")[:50]
    )
    out = []
    for a in rows:
        day = timezone.localdate(a.submitted)
        title = a.get_stage_display()
        if a.version > 1:
            title = _("%(stage)s, corrected version %(version)s") % {
                "stage": title,
                "version": a.version,
            }
        detail = ""
        if a.overall is not None:
            detail = _("overall score %(score)s") % {"score": number_format(a.overall, 1)}
        out.append(Event(day, "assessment", title, detail, a))
    return out


# --- programme totals -------------------------------------------------------


def _rate_periods(programme, start: date, end: date) -> list[tuple[date, date, Decimal]]:
    rates = list(
        InKindRate.objects.filter(programme=programme).values_list("valid_from", "hourly_rate_sek")
    )
    periods = []
    for i, (valid_from, rate) in enumerate(rates):
        until = rates[i + 1][0] - timedelta(days=1) if i + 1 < len(rates) else date.max
        lo, hi = max(valid_from, start), min(until, end)
        if lo <= hi:
            periods.append((lo, hi, rate))
    return periods


def in_kind_value(programme, start: date, end: date) -> Decimal:
    total = Decimal(0)
    for lo, hi, rate in _rate_periods(programme, start, end):
        hours = DailyTotals.objects.filter(programme=programme, date__range=(lo, hi)).aggregate(
            s=Sum("participant_hours")
        )["s"]
        total += (hours or 0) * rate
    return total.quantize(CENT, ROUND_HALF_UP)


def in_kind_by_company(user, programme, start: date, end: date) -> list[dict]:
    """Participants' hours and their in-kind value per company (staff only: names)."""
    if not has_role(user, *STAFF):
        return []
    out: dict[int, dict] = {}
    for lo, hi, rate in _rate_periods(programme, start, end):
        rows = (
            ActivityCompany.objects.filter(activity__programme=programme, date__range=(lo, hi))
            .values("company_id", "company__name", "company__orgnr", "company__is_sole_trader")
            .annotate(h=Sum("participant_hours"))
            .order_by()
        )
        for r in rows:
            row = out.setdefault(
                r["company_id"],
                {
                    "name": r["company__name"],
                    "orgnr_display": orgnr.shown(
                        r["company__orgnr"], is_sole_trader=r["company__is_sole_trader"]
                    ),
                    "hours": 0,
                    "value": 0,
                },
            )
            row["hours"] += r["h"]
            row["value"] += r["h"] * rate
    for row in out.values():
        row["value"] = Decimal(row["value"]).quantize(CENT, ROUND_HALF_UP)
    return sorted(out.values(), key=lambda r: r["name"])


@dataclass
class Totals:
    programme: object
    start: date
    end: date
    activities: int
    staff_hours: Decimal
    external_cost_sek: Decimal
    women: int
    men: int
    other: int
    participant_hours: Decimal
    in_kind_sek: Decimal
    by_type: list[dict]

    @property
    def participants(self) -> int:
        return self.women + self.men + self.other


def programme_get(user, code: str):
    return get_object_or_404(programmes_visible_to(user), code=code)


def _cents(value):
    """Sums of decimals to 2 places: PostgreSQL keeps the column's scale, SQLite does not."""
    return value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value


def programme_totals(user, code: str, start: date | None = None, end: date | None = None) -> Totals:
    """Aggregates only (no names): what every role but a company representative may see.

    One grouped query over the daily totals (bounded by days × types, not by the
    number of activities); the in-kind value is a filtered sum per rate period
    in the same query.
    """
    programme = programme_get(user, code)
    start = start or programme.start
    end = end or programme.end
    fields = [
        "activities",
        "staff_hours",
        "external_cost_sek",
        "women",
        "men",
        "other",
        "participant_hours",
    ]
    periods = _rate_periods(programme, start, end)
    in_kind = {
        f"in_kind_{i}": Sum("participant_hours", filter=Q(date__range=(lo, hi)))
        for i, (lo, hi, _rate) in enumerate(periods)
    }
    rows = list(
        DailyTotals.objects.filter(programme=programme, date__range=(start, end))
        .values("type")
        .annotate(**{f"sum_{f}": Sum(f) for f in fields}, **in_kind)
        .order_by("type")
    )
    for r in rows:  # annotations cannot reuse the field names they sum
        for f in fields:
            r[f] = _cents(r.pop(f"sum_{f}"))
    labels = dict(catalogue.type_choices())
    whole = {f: sum((r[f] or 0 for r in rows), 0) for f in fields}
    value = sum(
        ((r[f"in_kind_{i}"] or 0) * rate for r in rows for i, (_, _, rate) in enumerate(periods)),
        Decimal(0),
    )
    by_type = [{**r, "label": labels.get(r["type"], r["type"])} for r in rows]
    return Totals(
        programme,
        start,
        end,
        in_kind_sek=Decimal(value).quantize(CENT, ROUND_HALF_UP),
        by_type=by_type,
        **whole,
    )


# --- timesheets -------------------------------------------------------------


def week_entries(user, monday: date):
    monday = week_start(monday)
    return TimesheetEntry.objects.filter(
        user=user, day__range=(monday, monday + timedelta(days=6))
    ).select_related("programme", "activity")


def monthly_totals(user, year: int) -> list[dict]:
    """Hours and staff cost per person and month; a coach sees their own, managers and
    finance officers everyone's. Company representatives and observers get nothing."""
    if not has_role(user, *STAFF):
        return []
    qs = TimesheetEntry.objects.filter(day__year=year)
    if not has_role(user, Role.MANAGER, Role.FINANCE):
        qs = qs.filter(user=user)
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
    qs = Activity.objects.filter(Q(coach_hours__user=user) | Q(created_by=user)).distinct()
    if programme is not None:
        qs = qs.filter(programme=programme)
    return qs.order_by("-date", "-id")[:100]
