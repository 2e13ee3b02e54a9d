"""Reads for the working method, always scoped to the asking user, per programme.

An engagement or activity belongs to a programme: staff see those of the
programmes where they hold a staff role (a role in another programme never
reaches them); a company representative sees their own firm's plan and
activities in the programme where they represent it (never timesheets, never
per-person hours); an observer sees programme totals only, without names.
Writes ask for the objects with `WRITERS`, so the role must be held in the
programme the object belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    FINANCE,
    FIRM_READERS,
    STAFF,
    WRITERS,
    has_role_in,
    in_programmes,
    memberships_of,
    programme_ids,
)
from dipps.companies import orgnr
from dipps.companies.selectors import company_for
from dipps.core import audit
from dipps.maturity.present import score_text
from dipps.programmes.models import Programme

from . import catalogue, rules
from .models import (
    ActionItem,
    Activity,
    ActivityCoach,
    ActivityCompany,
    DailyTotals,
    EmploymentCost,
    Engagement,
    InKindRate,
    TimesheetEntry,
)
from .services import week_start

CENT = Decimal("0.01")


def _reach(user, roles) -> tuple[list[int], list[tuple[int, int]]]:
    """Where `roles` reach: (programmes where the user holds a staff role of `roles`,
    [(programme, firm)] where they represent a firm, when `roles` has the representative).

    A representative's membership is not a staff role: it opens their own firm's
    rows in that programme and nothing else of the programme.
    """
    staff = [r for r in roles if r != Role.COMPANY]
    firms = []
    if Role.COMPANY in roles:
        firms = [
            (m.programme_id, m.company_id) for m in memberships_of(user) if m.role == Role.COMPANY
        ]
    return programme_ids(user, staff), firms


def engagements_visible_to(user, roles=FIRM_READERS) -> QuerySet[Engagement]:
    """Engagements in the programmes where one of `roles` reaches them (see `_reach`)."""
    if not user.is_authenticated:
        return Engagement.objects.none()
    if user.is_superuser:
        return Engagement.objects.all()
    programmes, firms = _reach(user, roles)
    cond = Q(programme_id__in=programmes)
    for programme_id, company_id in firms:
        cond |= Q(programme_id=programme_id, company_id=company_id)
    return Engagement.objects.filter(cond)


def engagement_get(user, pk: int, roles=WRITERS) -> Engagement:
    """An engagement the user may change: 404 unless `roles` are held in its programme."""
    return get_object_or_404(
        engagements_visible_to(user, roles).select_related("company", "programme"), pk=pk
    )


def item_get(user, pk: int, roles=WRITERS) -> ActionItem:
    return get_object_or_404(
        ActionItem.objects.filter(
            engagement__in=engagements_visible_to(user, roles)
        ).select_related("engagement__company", "engagement__programme"),
        pk=pk,
    )


def activities_visible_to(user, roles=FIRM_READERS) -> QuerySet[Activity]:
    """Staff: activities of the programmes where they hold one of `roles`; company
    representatives: their firm's in the programme where they represent it."""
    if not user.is_authenticated:
        return Activity.objects.none()
    if user.is_superuser:
        return Activity.objects.all()
    programmes, firms = _reach(user, roles)
    cond = Q(programme_id__in=programmes)
    for programme_id, company_id in firms:
        share = ActivityCompany.objects.filter(activity=OuterRef("pk"), company_id=company_id)
        cond |= Q(programme_id=programme_id) & Exists(share)
    return Activity.objects.filter(cond)


def activity_get(user, pk: int, roles=WRITERS) -> Activity:
    """An activity the user may change: 404 unless `roles` are held in its programme
    (a coach elsewhere must not edit this programme's activities)."""
    return get_object_or_404(
        activities_visible_to(user, roles)
        .select_related("programme")
        .prefetch_related("shares__company", "coach_hours__user", "items"),
        pk=pk,
    )


def activity_history(user, activity: Activity):
    """The activity's audit history, newest first (its programme's staff only: it names people)."""
    if not has_role_in(user, activity.programme_id, STAFF):
        return []
    return list(audit.history_for(activity).order_by("-at", "-id")[:50])


def programmes_for(user, roles) -> QuerySet[Programme]:
    """The programmes where the user holds one of `roles`: what a form may offer."""
    return in_programmes(Programme.objects.all(), user, roles, field="id").order_by("code")


def coaches_for(user, also=()) -> QuerySet:
    """Coaches and managers of the programmes where the user holds a writer's role (and the
    people in `also`, e.g. those already on an activity): whom an activity may name."""
    people = get_user_model().objects.filter(
        memberships__role__in=WRITERS,
        memberships__programme__in=programmes_for(user, WRITERS),
    )
    if also:
        people = people | get_user_model().objects.filter(pk__in=[u.pk for u in also])
    return people.distinct().order_by("first_name", "username")


def items_for(user, company_ids, activity=None) -> QuerySet[ActionItem]:
    """Action-plan items of these firms that an activity may be linked to: those of
    engagements in the programmes where the user holds a writer's role (and, when
    editing, the items the activity is already linked to)."""
    cond = Q(
        engagement__in=engagements_visible_to(user, WRITERS),
        engagement__company_id__in=list(company_ids),
    )
    if activity is not None:
        cond |= Q(pk__in=activity.items.values("pk"))
    return ActionItem.objects.filter(cond)


def rates_of(programme) -> dict:
    """A programme's dated aid and in-kind hourly rates, newest first."""
    from dipps.stateaid.models import AidRate

    return {
        "programme": programme,
        "aid": list(AidRate.objects.filter(programme=programme).order_by("-valid_from")),
        "in_kind": list(InKindRate.objects.filter(programme=programme).order_by("-valid_from")),
    }


def staff_of_programmes(user, roles=FINANCE):
    """The staff of the programmes where the user holds one of `roles` (salaries are set and
    read by managers and finance officers, each for the people of their own programmes)."""
    return (
        get_user_model()
        .objects.filter(
            memberships__role__in=STAFF,
            memberships__programme__in=programmes_for(user, roles),
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


@dataclass
class Desk:
    engagements: list
    overdue: list
    week_hours: Decimal
    week_activity_hours: Decimal
    monday: date


def coach_desk(user, today: date | None = None) -> Desk:
    """The user's engagements, overdue items and week's hours, in the programmes where they
    hold a staff role (an engagement elsewhere is not theirs to work on here)."""
    today = today or timezone.localdate()
    mine = (
        in_programmes(Engagement.objects.filter(coaches=user), user, STAFF)
        .select_related("company", "programme")
        .order_by("company__name")
    )
    overdue = (
        in_programmes(
            ActionItem.objects.filter(
                engagement__coaches=user,
                due__lt=today,
                status__in=[ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS],
            ),
            user,
            STAFF,
            "engagement__programme",
        )
        .select_related("engagement__company")
        .order_by("due")
    )
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    week = in_programmes(
        TimesheetEntry.objects.filter(user=user, day__range=(monday, sunday)), user, STAFF
    ).aggregate(s=Sum("hours"))["s"]
    activity = in_programmes(
        ActivityCoach.objects.filter(user=user, date__range=(monday, sunday)),
        user,
        STAFF,
        "activity__programme",
    ).aggregate(s=Sum("hours"))["s"]
    return Desk(list(mine), list(overdue[:50]), week or Decimal(0), activity or Decimal(0), monday)


@dataclass
class Event:
    day: date
    kind: str  # activity, item, stage, assessment
    title: str
    detail: str = ""
    obj: object = None
    can_write: bool = False  # the user may edit it (a writer in its programme)


def _firm_shares(user, company) -> QuerySet[ActivityCompany]:
    """The firm's activity shares in the programmes where the user may read its activities."""
    shares = ActivityCompany.objects.filter(company=company)
    if user.is_superuser:
        return shares
    programmes, firms = _reach(user, FIRM_READERS)
    cond = Q(activity__programme_id__in=programmes)
    for programme_id, company_id in firms:
        if company_id == company.pk:
            cond |= Q(activity__programme_id=programme_id)
    return shares.filter(cond)


def company_timeline(user, company_pk: int):
    """The company, its engagements and one stream of activities, plan items and stage moves:
    those of the programmes where the user holds a staff role, or (a representative) where
    they represent the firm. Each engagement and event says whether the user may change it.
    """
    company = company_for(user, company_pk, FIRM_READERS)
    engagements = list(
        engagements_visible_to(user)
        .filter(company=company)
        .select_related("programme")
        .prefetch_related("coaches", "items")
    )
    for e in engagements:
        e.can_write = has_role_in(user, e.programme_id, WRITERS)
    events: list[Event] = []
    shares = _firm_shares(user, company).select_related("activity").order_by("-date")[:200]
    for share in shares:
        a = share.activity
        writable = has_role_in(user, a.programme_id, WRITERS)
        events.append(
            Event(a.date, "activity", catalogue.type_label(a.type), a.note, share, writable)
        )
    for e in engagements:
        for change in e.changes.all():
            events.append(Event(change.on, "stage", change.get_to_stage_display(), change.reason))
        for item in e.items.all():
            events.append(
                Event(item.created, "item", item.goal, item.get_status_display(), item, e.can_write)
            )
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
        exact = a.exact  # the maturity app's one store and rounding rule, as on its pages
        if exact is not None:
            detail = _("overall score %(score)s") % {"score": score_text(exact.overall)}
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
    """Participants' hours and their in-kind value per company (the programme's staff only:
    it names firms)."""
    if not has_role_in(user, programme.pk, STAFF):
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


def _cents(value):
    """Sums of decimals to 2 places: PostgreSQL keeps the column's scale, SQLite does not."""
    return value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value


def programme_totals(programme, start: date | None = None, end: date | None = None) -> Totals:
    """Aggregates only (no names): what every reader of the programme may see.

    One grouped query over the daily totals (bounded by days × types, not by the
    number of activities); the in-kind value is a filtered sum per rate period
    in the same query.
    """
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
    """The user's own entries of the week, in the programmes where they hold a staff role."""
    monday = week_start(monday)
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
    return qs.order_by("-date", "-id")[:100]
