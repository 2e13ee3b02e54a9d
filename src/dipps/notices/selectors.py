"""Who is reminded of what today (notices.due), read from the apps below.

Each kind goes to the people whose work it is, in the programmes where they hold that
role (`accounts.Membership`) and, for follow-ups, exactly what the coach's desk lists
(`engagements.selectors.my_follow_ups`): one rule for the page and the mail.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from dipps.accounts.models import Membership, Role
from dipps.engagements.selectors import my_follow_ups
from dipps.finance.models import PaymentClaim, ReportingPeriod
from dipps.programmes.models import Programme
from dipps.stateaid.models import DeMinimisCase

from . import due
from .models import SentReminder


@dataclass(frozen=True)
class Reminder:
    """An item and what the mail says of it: the firm or the period, the programme, the
    T1/T2 stage (follow-ups) and the page to open."""

    item: due.Item
    programme: str
    path: str
    company: str = ""
    stage: str = ""
    number: int = 0

    @property
    def kind(self) -> str:
        return self.item.kind


def follow_up_reminders(user, today: date) -> list[Reminder]:
    out = []
    for f in my_follow_ups(user, today):
        item = due.follow_up(f.engagement.pk, f.stage, f.due, today)
        if item is not None:
            out.append(
                Reminder(
                    item,
                    programme=f.engagement.programme.code,
                    path=reverse("engagements:company", args=[f.engagement.company_id]),
                    company=f.engagement.company.name,
                    stage=f.stage,
                )
            )
    return out


def claim_reminders(programme_ids: list[int], today: date, days: int) -> list[Reminder]:
    periods = (
        ReportingPeriod.objects.filter(
            programme_id__in=programme_ids,
            end__gte=today,
            end__lte=today + timedelta(days=max(days, 0)),
        )
        .select_related("programme", "claim")
        .order_by("end", "programme__code")
    )
    out = []
    for period in periods:
        claim = getattr(period, "claim", None)
        claimed = claim is not None and claim.status == PaymentClaim.Status.SUBMITTED
        item = due.claim_period(period.pk, period.end, claimed=claimed, today=today, days=days)
        if item is not None:
            path = (
                reverse("finance:claim", args=[claim.pk])
                if claim is not None
                else reverse("finance:overview", args=[period.programme.code])
            )
            out.append(
                Reminder(item, programme=period.programme.code, path=path, number=period.number)
            )
    return out


def deminimis_reminders(programme_ids: list[int], today: date) -> list[Reminder]:
    cases = (
        DeMinimisCase.objects.filter(
            programme_id__in=programme_ids, status=DeMinimisCase.Status.CHECKED
        )
        .select_related("programme", "company")
        .order_by("checked_at", "pk")
    )
    out = []
    for case in cases:
        checked_on = timezone.localdate(case.checked_at) if case.checked_at else None
        item = due.deminimis_case(case.pk, checked_on, today=today)
        if item is not None:
            out.append(
                Reminder(
                    item,
                    programme=case.programme.code,
                    path=reverse("stateaid:case", args=[case.pk]),
                    company=case.company.name,
                )
            )
    return out


def reminders_due(today: date, *, claim_days: int) -> dict:
    """user -> the reminders due for them today, sent or not, in the mail's order
    (follow-ups, periods ending, de minimis cases). Users with nothing due are left out."""
    User = get_user_model()
    found: dict = defaultdict(list)
    coaches = User.objects.filter(is_active=True, engagements__isnull=False).distinct()
    for user in coaches.order_by("pk"):
        found[user.pk].extend(follow_up_reminders(user, today))
    by_user: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    memberships = Membership.objects.filter(
        role__in=[Role.FINANCE, Role.MANAGER],
        user__is_active=True,
        programme__status__in=[Programme.Status.PLANNED, Programme.Status.ACTIVE],
    ).values_list("user_id", "role", "programme_id")
    for user_id, role, programme_id in memberships:
        by_user[user_id][role].append(programme_id)
    for user_id, roles in sorted(by_user.items()):
        if roles.get(Role.FINANCE):
            found[user_id].extend(claim_reminders(roles[Role.FINANCE], today, claim_days))
        if roles.get(Role.MANAGER):
            found[user_id].extend(deminimis_reminders(roles[Role.MANAGER], today))
    users = User.objects.in_bulk([pk for pk, items in found.items() if items])
    return {users[pk]: found[pk] for pk in sorted(users)}


def sent_keys(user) -> set[str]:
    return set(SentReminder.objects.filter(user=user).values_list("key", flat=True))
