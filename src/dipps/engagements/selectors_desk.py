"""Reads for the role start pages: a coach's firms with the next step for each, and a
company representative's own firm's plan, activities and next follow-up.

Every figure comes from the selector that owns it elsewhere (the follow-up schedule from
`follow_ups_due`, the de minimis headroom from `stateaid.selectors.headroom_of`); this
module only gathers them per firm, with a bounded number of queries: a fixed handful
for the whole desk plus the headroom's one statement per firm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from dipps.stateaid.selectors import Headroom, headroom_of

from . import rules
from .models import ActionItem, Activity, ActivityCompany, Engagement
from .selectors import FollowUp, _coached, engagements_visible_to, follow_ups_due

OPEN = (ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS)


@dataclass
class FirmStep:
    """One firm a coach works with and what to do next there."""

    engagement: Engagement
    follow_up: FollowUp | None = None
    overdue_items: int = 0
    activities_this_week: int = 0
    headroom: Headroom | None = None

    @property
    def headroom_low(self) -> bool:
        return self.headroom is not None and self.headroom.level != "ok"

    @property
    def needs_attention(self) -> bool:
        return bool(
            (self.follow_up and self.follow_up.overdue) or self.overdue_items or self.headroom_low
        )


def coach_firms(user, today: date | None = None) -> list[FirmStep]:
    """The engagements the user coaches, each with its next step; those that need attention
    (an overdue follow-up or item, low de minimis headroom) first, then by firm name."""
    today = today or timezone.localdate()
    engagements = list(_coached(user))
    if not engagements:
        return []
    ids = [e.pk for e in engagements]
    overdue = dict(
        ActionItem.objects.filter(engagement_id__in=ids, due__lt=today, status__in=OPEN)
        .values_list("engagement_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    monday = rules.week_start(today)
    week = (
        ActivityCompany.objects.filter(
            date__range=(monday, monday + timedelta(days=6)),
            company_id__in={e.company_id for e in engagements},
            activity__programme_id__in={e.programme_id for e in engagements},
        )
        .values_list("company_id", "activity__programme_id")
        .annotate(n=Count("activity_id", distinct=True))
        .order_by()
    )
    this_week = {(company, programme): n for company, programme, n in week}
    follow_ups = {f.engagement.pk: f for f in follow_ups_due(user, engagements, today)}
    headrooms: dict[int, Headroom] = {}
    steps = []
    for e in engagements:
        if e.company_id not in headrooms:
            headrooms[e.company_id] = headroom_of(e.company, today)
        steps.append(
            FirmStep(
                e,
                follow_ups.get(e.pk),
                overdue.get(e.pk, 0),
                this_week.get((e.company_id, e.programme_id), 0),
                headrooms[e.company_id],
            )
        )
    return sorted(steps, key=lambda s: (not s.needs_attention, s.engagement.company.name))


@dataclass
class CompanyDesk:
    """What a representative sees of their own firm's work with the programme."""

    company_id: int
    open_items: list[ActionItem] = field(default_factory=list)
    open_count: int = 0
    recent: list[Activity] = field(default_factory=list)
    upcoming: list[Activity] = field(default_factory=list)
    follow_up: FollowUp | None = None
    stages: list[Engagement] = field(default_factory=list)


def company_desk(user, company_id: int, today: date | None = None, shown: int = 5) -> CompanyDesk:
    """The firm's open action-plan items (the `shown` soonest), its last and next
    activities and the next follow-up assessment, in the programmes where the user
    represents it (or is staff)."""
    today = today or timezone.localdate()
    engagements = list(
        engagements_visible_to(user)
        .filter(company_id=company_id)
        .select_related("company", "programme")
        .order_by("programme__code")
    )
    desk = CompanyDesk(company_id, stages=engagements)
    if not engagements:
        return desk
    items = ActionItem.objects.filter(engagement__in=engagements, status__in=OPEN).order_by(
        "due", "id"
    )
    desk.open_items = list(items.select_related("engagement__programme")[:shown])
    desk.open_count = len(desk.open_items)
    if desk.open_count == shown:
        desk.open_count = items.count()
    activities = Activity.objects.filter(
        programme__in=[e.programme_id for e in engagements], shares__company_id=company_id
    ).distinct()
    desk.recent = list(activities.filter(date__lte=today).order_by("-date", "-id")[:3])
    desk.upcoming = list(activities.filter(date__gt=today).order_by("date", "id")[:3])
    due = follow_ups_due(user, engagements, today, ahead=True)
    desk.follow_up = due[0] if due else None
    return desk
