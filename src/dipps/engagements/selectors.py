"""Reads for the working method, always scoped to the asking user, per programme.

An engagement or activity belongs to a programme: staff see those of the
programmes where they hold a staff role (a role in another programme never
reaches them); a company representative sees their own firm's plan and
activities in the programme where they represent it (never timesheets, never
per-person hours); an observer sees programme totals only, without names.
Writes ask for the objects with `WRITERS`, so the role must be held in the
programme the object belongs to. Staff time and salaries are read in
`time_selectors`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    FIRM_READERS,
    STAFF,
    WRITERS,
    has_role_in,
    in_programmes,
    memberships_of,
    programme_ids,
)
from dipps.companies.selectors import company_for
from dipps.core import audit
from dipps.maturity.followup import schedule
from dipps.maturity.models import Stage as AssessmentStage
from dipps.maturity.present import score_text
from dipps.maturity.selectors import assessments_visible_to
from dipps.programmes.models import Programme
from dipps.stateaid.models import AidRate

from . import catalogue, rules
from .models import (
    ActionItem,
    Activity,
    ActivityCoach,
    ActivityCompany,
    DailyTotals,
    Engagement,
    InKindRate,
    Stage,
    StageChange,
    TimesheetEntry,
)
from .selectors_in_kind import (  # noqa: F401 (read through this module by other apps)
    CENT,
    _cents,
    attendance_of,
    hours_without_attendance,
    in_kind_by_company,
    in_kind_contributions,
    in_kind_hours,
    in_kind_rates,
    in_kind_value,
)


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
    return {
        "programme": programme,
        "aid": list(AidRate.objects.filter(programme=programme).order_by("-valid_from")),
        "in_kind": list(
            InKindRate.objects.filter(programme=programme).order_by("role", "-valid_from")
        ),
    }


@dataclass
class Desk:
    engagements: list
    overdue: list
    week_hours: Decimal
    week_activity_hours: Decimal
    monday: date
    follow_ups: list = field(default_factory=list)


@dataclass
class FollowUp:
    """A follow-up assessment to make for an engagement (maturity.followup.schedule)."""

    engagement: Engagement
    stage: str  # t1 or t2
    due: date
    overdue: bool

    @property
    def stage_label(self) -> str:
        return str(AssessmentStage(self.stage).label)


def follow_ups_due(
    user, engagements, today: date | None = None, *, ahead: bool = False
) -> list[FollowUp]:
    """The T1 and T2 assessments due for these engagements (already scoped to the user),
    soonest first: T1 from the day an engagement first reached follow-up, T2 twelve months
    after its firm's first submitted T1 in the programme (docs/maturity.md, "T0, T1 and
    T2"). A T2 is listed from `NOTICE_DAYS` before it is due (`ahead`: whenever it is
    known, as the engagement page shows it); overdue from the day after."""
    today = today or timezone.localdate()
    engagements = list(engagements)
    if not engagements:
        return []
    reached = dict(
        StageChange.objects.filter(engagement__in=engagements, to_stage=Stage.FOLLOW_UP)
        .order_by()
        .values("engagement_id")
        .annotate(first=Min("on"))
        .values_list("engagement_id", "first")
    )
    made: dict[tuple[int, int, str], date] = {}
    submitted = (
        assessments_visible_to(user)
        .filter(
            company_id__in={e.company_id for e in engagements},
            stage__in=(AssessmentStage.T1, AssessmentStage.T2),
            submitted__isnull=False,
        )
        .values_list("company_id", "programme_id", "stage", "submitted")
    )
    for company, programme, stage, when in submitted:
        day = timezone.localdate(when)
        key = (company, programme, stage)
        made[key] = min(day, made.get(key, day))
    due = []
    for e in engagements:
        next_one = schedule(
            follow_up_from=reached.get(e.pk),
            t1_day=made.get((e.company_id, e.programme_id, AssessmentStage.T1)),
            t2_day=made.get((e.company_id, e.programme_id, AssessmentStage.T2)),
        )
        if next_one is not None and (ahead or next_one.listed(today)):
            due.append(FollowUp(e, next_one.stage, next_one.due, next_one.overdue(today)))
    return sorted(due, key=lambda f: (f.due, f.engagement.company.name, f.engagement.pk))


def _coached(user) -> QuerySet[Engagement]:
    return (
        in_programmes(Engagement.objects.filter(coaches=user), user, STAFF)
        .select_related("company", "programme")
        .order_by("company__name")
    )


def my_follow_ups(user, today: date | None = None) -> list[FollowUp]:
    """The follow-up assessments due in the engagements the user coaches (their desk)."""
    return follow_ups_due(user, _coached(user), today)


def coach_desk(user, today: date | None = None) -> Desk:
    """The user's engagements, overdue items and week's hours, in the programmes where they
    hold a staff role (an engagement elsewhere is not theirs to work on here)."""
    today = today or timezone.localdate()
    mine = _coached(user)
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
    monday = rules.week_start(today)
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
    engagements = list(mine)
    return Desk(
        engagements,
        list(overdue[:50]),
        week or Decimal(0),
        activity or Decimal(0),
        monday,
        follow_ups_due(user, engagements, today),
    )


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
        e.follow_up = None
    for follow_up in follow_ups_due(user, engagements, ahead=True):
        follow_up.engagement.follow_up = follow_up
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
    (so its scoping rules apply)."""
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


def programme_totals(programme, start: date | None = None, end: date | None = None) -> Totals:
    """Aggregates only (no names): what every reader of the programme may see.

    One grouped query over the daily totals (bounded by days × types, not by the
    number of activities); the in-kind value is that of the attendance lists, the
    same figure as the claim's (`in_kind_value`).
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
    rows = list(
        DailyTotals.objects.filter(programme=programme, date__range=(start, end))
        .values("type")
        .annotate(**{f"sum_{f}": Sum(f) for f in fields})
        .order_by("type")
    )
    for r in rows:  # annotations cannot reuse the field names they sum
        for f in fields:
            r[f] = _cents(r.pop(f"sum_{f}"))
    labels = dict(catalogue.type_choices())
    whole = {f: sum((r[f] or 0 for r in rows), 0) for f in fields}
    by_type = [{**r, "label": labels.get(r["type"], r["type"])} for r in rows]
    return Totals(
        programme,
        start,
        end,
        in_kind_sek=in_kind_value(programme, start, end),
        by_type=by_type,
        **whole,
    )
