"""Writes for activities: record, change and delete one, spread it over its companies,
grant their de minimis aid and keep the derived tables (daily totals, company support)
in step, each in one transaction, with audit history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Min, Sum
from django.utils.translation import gettext as _

from dipps.companies.models import Company
from dipps.companies.services import eligibility_require
from dipps.core import audit
from dipps.stateaid import deminimis
from dipps.stateaid.services import Grant, aid_grant, aid_rate_on, aid_withdraw
from dipps.stateaid.services_case import case_drawdown

from .. import catalogue, rules
from ..messages import raise_for
from ..models import (
    Activity,
    ActivityCoach,
    ActivityCompany,
    CompanySupport,
    DailyTotals,
)


@dataclass
class ActivityInput:
    day: date
    type: str
    programme: object
    companies: list[Company]
    coach_hours: dict = field(default_factory=dict)  # user -> Decimal
    staff_hours: Decimal | None = None  # when no coach is named (imports)
    external_cost_sek: Decimal = Decimal(0)
    women: int = 0
    men: int = 0
    other: int = 0
    participant_hours: Decimal = Decimal(0)
    note: str = ""
    spread: str = Activity.Spread.EQUAL
    company_participants: dict = field(default_factory=dict)  # company pk -> int
    items: list = field(default_factory=list)
    natural_key: str | None = None


def natural_key(day: date, programme_code: str, orgnr: str, type_id: str, note: str) -> str:
    """Import identity of an activity row (docs/working-method.md)."""
    raw = "|".join([day.isoformat(), programme_code, orgnr, type_id, note.strip()])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _validate(data: ActivityInput) -> None:
    if data.type not in catalogue.type_ids():
        raise ValidationError(
            {"type": _("Unknown activity type “%(type)s”.") % {"type": data.type}}
        )
    totals = []
    for user, hours in data.coach_hours.items():
        earlier = ActivityCoach.objects.filter(user=user, date=data.day).aggregate(s=Sum("hours"))
        totals.append(hours + (earlier["s"] or 0))
    hours = list(data.coach_hours.values())
    if data.staff_hours is not None:
        hours.append(data.staff_hours)
    facts = rules.ActivityFacts(
        day=data.day,
        programme_start=data.programme.start,
        programme_end=data.programme.end,
        company_count=len(data.companies),
        coach_hours=hours,
        coach_day_totals=totals + ([data.staff_hours] if data.staff_hours is not None else []),
        external_cost_sek=data.external_cost_sek,
        participants=[data.women, data.men, data.other],
        participant_hours=data.participant_hours,
        group=data.type in catalogue.GROUP_TYPES,
    )
    raise_for(rules.activity_problems(facts))
    if len({c.pk for c in data.companies}) != len(data.companies):
        raise ValidationError({"companies": _("A company is listed twice.")})
    eligibility_require(companies=data.companies, programme=data.programme)


def _totals_add(activity: Activity, sign: int) -> None:
    row, _created = DailyTotals.objects.get_or_create(
        programme=activity.programme, date=activity.date, type=activity.type
    )
    DailyTotals.objects.filter(pk=row.pk).update(
        activities=F("activities") + sign,
        staff_hours=F("staff_hours") + sign * activity.staff_hours,
        external_cost_sek=F("external_cost_sek") + sign * activity.external_cost_sek,
        women=F("women") + sign * activity.participants_women,
        men=F("men") + sign * activity.participants_men,
        other=F("other") + sign * activity.participants_other,
        participant_hours=F("participant_hours") + sign * activity.participant_hours,
    )


def _support_by_company(programme, **filters) -> dict[int, tuple[date, date, int]]:
    """First and last activity date and number of activities per company, from the shares."""
    rows = (
        ActivityCompany.objects.filter(activity__programme=programme, **filters)
        .values("company_id")
        .annotate(first=Min("date"), last=Max("date"), n=Count("id"))
        .values_list("company_id", "first", "last", "n")
        .order_by()
    )
    return {cid: (first, last, n) for cid, first, last, n in rows}


def _support_refresh(programme, company_ids: list[int], day: date) -> None:
    """Bring the companies' CompanySupport rows in step with their shares.

    The rows are created if missing and locked before the shares are read, so two
    transactions changing the same company's activities take turns and the second
    reads what the first committed (PostgreSQL, read committed).
    """
    if not company_ids:
        return
    ids = sorted(set(company_ids))
    CompanySupport.objects.bulk_create(
        [
            CompanySupport(programme=programme, company_id=c, first_date=day, last_date=day)
            for c in ids
        ],
        ignore_conflicts=True,
    )
    rows = list(
        CompanySupport.objects.select_for_update()
        .filter(programme=programme, company_id__in=ids)
        .order_by("company_id")
    )
    stats = _support_by_company(programme, company_id__in=ids)
    for row in rows:
        if row.company_id not in stats:
            row.activities = 0
            continue
        row.first_date, row.last_date, row.activities = stats[row.company_id]
    CompanySupport.objects.bulk_update(
        [r for r in rows if r.activities], ["first_date", "last_date", "activities"]
    )
    CompanySupport.objects.filter(pk__in=[r.pk for r in rows if not r.activities]).delete()


def _staff_hours(data: ActivityInput) -> Decimal:
    if data.staff_hours is None:
        return sum(data.coach_hours.values(), Decimal(0))
    return data.staff_hours


def _fill(activity: Activity, data: ActivityInput) -> None:
    activity.date = data.day
    activity.type = data.type
    activity.programme = data.programme
    activity.staff_hours = _staff_hours(data)
    activity.external_cost_sek = data.external_cost_sek
    activity.participants_women = data.women
    activity.participants_men = data.men
    activity.participants_other = data.other
    activity.participant_hours = data.participant_hours
    activity.note = data.note
    activity.spread = data.spread


def _apply(activity: Activity, data: ActivityInput, by) -> None:
    """Coach hours, company shares, de minimis aid and daily totals of a saved activity.

    Raises CeilingExceeded (a ValidationError) when a company's undertaking
    would go over the ceiling; the caller's transaction then saves nothing.
    """
    ActivityCoach.objects.bulk_create(
        [
            ActivityCoach(activity=activity, user=u, date=data.day, hours=h)
            for u, h in data.coach_hours.items()
            if h
        ]
    )
    activity.items.set(data.items)
    companies = sorted(data.companies, key=lambda c: c.pk)
    people = [int(data.company_participants.get(c.pk, 0)) for c in companies]
    weights = people if data.spread == Activity.Spread.PARTICIPANTS else [1] * len(companies)
    staff_hours = activity.staff_hours
    hours = rules.spread(staff_hours, weights)
    costs = rules.spread(data.external_cost_sek, weights)
    own_hours = rules.spread(data.participant_hours, weights)
    rate = aid_rate_on(data.programme, data.day) if staff_hours else Decimal(0)
    grants = [
        Grant(c, deminimis.aid_value_sek(h, rate, k))
        for c, h, k in zip(companies, hours, costs, strict=True)
    ]
    case_drawdown(grants=grants, programme=data.programme, day=data.day)
    entries = aid_grant(
        grants=grants,
        programme=data.programme,
        day=data.day,
        reference=f"activity:{activity.pk}",
        by=by,
    )
    ActivityCompany.objects.bulk_create(
        [
            ActivityCompany(
                activity=activity,
                company=c,
                date=data.day,
                participants=p,
                staff_hours=h,
                external_cost_sek=k,
                participant_hours=o,
                aid_sek=e.amount_sek,
                aid_eur=e.amount_eur,
            )
            for c, p, h, k, o, e in zip(
                companies, people, hours, costs, own_hours, entries, strict=True
            )
        ]
    )
    _support_refresh(data.programme, [c.pk for c in companies], data.day)
    _totals_add(activity, +1)


def _unapply(activity: Activity) -> None:
    """Undo `_apply`: the activity row stays, everything derived from it goes."""
    _totals_add(activity, -1)
    aid_withdraw(reference=f"activity:{activity.pk}")
    activity.coach_hours.all().delete()
    companies = list(activity.shares.values_list("company_id", flat=True))
    activity.shares.all().delete()
    _support_refresh(activity.programme, companies, activity.date)


def activity_state(activity: Activity) -> dict:
    """What the audit history keeps of an activity: its fields, coaches and companies."""
    state = audit.snapshot(activity)
    state["coaches"] = {
        str(c.user_id): str(c.hours) for c in activity.coach_hours.order_by("user_id")
    }
    state["companies"] = {
        str(s.company_id): {"participants": s.participants, "aid_sek": str(s.aid_sek)}
        for s in activity.shares.order_by("company_id")
    }
    return state


@transaction.atomic
def activity_record(*, data: ActivityInput, by) -> Activity:
    """Record an activity, spread it over its companies and grant their de minimis aid.

    Raises ValidationError (nothing saved) for bad input or when any company's
    single undertaking would exceed the de minimis ceiling.
    """
    _validate(data)
    activity = Activity(natural_key=data.natural_key, created_by=audit.acting_user(by))
    _fill(activity, data)
    activity.save()
    _apply(activity, data, by)
    audit.record(instance=activity, action="create", by=by, changes=audit.snapshot(activity))
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, data: ActivityInput, by) -> Activity:
    """Change a recorded activity: its old aid and totals are withdrawn, the new ones
    checked and granted as for a new activity (the de minimis check sees the ledger
    without the old aid, and the 24-hour check without the old hours).

    Raises ValidationError and changes nothing when the new values break a rule.
    The import key stays, so re-importing the original row does not bring it back.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = activity_state(activity)
    _unapply(activity)
    _validate(data)
    _fill(activity, data)
    activity.save()
    _apply(activity, data, by)
    activity.refresh_from_db()  # stored values (4.00, not 4) for a diff that compares like
    changes = audit.diff(before, activity_state(activity))
    audit.record(instance=activity, action="update", by=by, changes=changes)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    audit.record(instance=activity, action="delete", by=by, changes=activity_state(activity))
    _unapply(activity)
    activity.delete()


def totals_rebuild(programme) -> None:
    """Recompute the daily totals and each company's support from the activities
    (repair, or after a bulk load that went around the services)."""
    with transaction.atomic():
        CompanySupport.objects.filter(programme=programme).delete()
        CompanySupport.objects.bulk_create(
            (
                CompanySupport(
                    programme=programme,
                    company_id=cid,
                    first_date=first,
                    last_date=last,
                    activities=n,
                )
                for cid, (first, last, n) in _support_by_company(programme).items()
            ),
            batch_size=2000,
        )
        DailyTotals.objects.filter(programme=programme).delete()
        rows = (
            Activity.objects.filter(programme=programme)
            .values("date", "type")
            .annotate(
                n=Count("id"),
                sh=Sum("staff_hours"),
                ec=Sum("external_cost_sek"),
                w=Sum("participants_women"),
                m=Sum("participants_men"),
                o=Sum("participants_other"),
                ph=Sum("participant_hours"),
            )
            .order_by()
        )
        DailyTotals.objects.bulk_create(
            [
                DailyTotals(
                    programme=programme,
                    date=r["date"],
                    type=r["type"],
                    activities=r["n"],
                    staff_hours=r["sh"],
                    external_cost_sek=r["ec"],
                    women=r["w"],
                    men=r["m"],
                    other=r["o"],
                    participant_hours=r["ph"],
                )
                for r in rows
            ],
            batch_size=2000,
        )
