"""Retention review: contacts (and sole traders) of firms with no activity for N years.

A firm is due for review when it was registered before the cut-off and nothing has
happened with it since: no activity share, assessment, engagement or stage change,
de minimis aid or programme participation dated on or after the cut-off
(`core.due_for_review`). The list is for a person to review; nothing is erased here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from dipps.companies import orgnr
from dipps.companies.models import Company, Contact, Participation
from dipps.engagements.models import ActivityCompany, Engagement, StageChange
from dipps.maturity.models import Assessment
from dipps.stateaid.models import AidEntry

from . import core


def default_years() -> int:
    return int(settings.DIPPS_CONTACT_RETENTION_YEARS)


@dataclass
class Due:
    company: Company
    last_activity: date | None
    contacts: list[Contact]

    @property
    def registered(self) -> date:
        return timezone.localdate(self.company.created)

    @property
    def ref(self) -> str:
        return core.make_ref(core.TRADER, self.company.pk)

    @property
    def contact_refs(self) -> list[tuple[Contact, str]]:
        return [(c, core.make_ref(core.CONTACT, c.pk)) for c in self.contacts]

    @property
    def number_masked(self) -> str:
        return orgnr.shown(self.company.orgnr, is_sole_trader=self.company.is_sole_trader)


def _since(model, field: str, cutoff, company_field: str = "company"):
    return Exists(model.objects.filter(**{company_field: OuterRef("pk"), f"{field}__gte": cutoff}))


def due_firms(firms: QuerySet[Company], years: int, today: date | None = None) -> list[Due]:
    """The firms of `firms` with nothing since the cut-off, with their contacts."""
    today = today or timezone.localdate()
    cutoff = core.years_before(today, years)
    start = timezone.make_aware(datetime.combine(cutoff, time.min))
    quiet = firms.filter(created__lt=start).exclude(
        _since(ActivityCompany, "date", cutoff)
        | _since(Assessment, "started", start)
        | _since(Assessment, "submitted", start)
        | _since(Engagement, "started", cutoff)
        | _since(StageChange, "on", cutoff, "engagement__company")
        | _since(AidEntry, "granted", cutoff)
        | _since(Participation, "joined", cutoff)
    )
    companies = list(quiet.order_by("name", "pk").prefetch_related("contacts"))
    last = _last_activity([c.pk for c in companies])
    rows = [
        Due(c, last.get(c.pk), sorted(c.contacts.all(), key=lambda x: x.name)) for c in companies
    ]
    return [r for r in rows if core.due_for_review(r.last_activity, r.registered, cutoff)]


def _last_activity(ids: list[int]) -> dict[int, date]:
    """The latest dated record of each firm (for the reviewer; the cut-off is already applied)."""
    found: dict[int, date] = {}
    sources = [
        (ActivityCompany.objects, "company_id", "date"),
        (Assessment.objects, "company_id", "started"),
        (Engagement.objects, "company_id", "started"),
        (StageChange.objects, "engagement__company_id", "on"),
        (AidEntry.objects, "company_id", "granted"),
        (Participation.objects, "company_id", "joined"),
    ]
    for manager, key, field in sources:
        rows = (
            manager.filter(**{f"{key}__in": ids})
            .values(key)
            .annotate(last=Max(field))
            .values_list(key, "last")
            .order_by()
        )
        for company_id, value in rows:
            if value is None:
                continue
            day = timezone.localdate(value) if isinstance(value, datetime) else value
            if company_id not in found or day > found[company_id]:
                found[company_id] = day
    return found


def as_json(rows: list[Due], *, years: int, today: date, programme: str | None) -> dict:
    """The review list as the `dipps privacy retention` command prints it (docs/privacy.md)."""
    return {
        "years": years,
        "on": today.isoformat(),
        "cutoff": core.years_before(today, years).isoformat(),
        "programme": programme,
        "contacts": [
            {
                "contact_id": c.pk,
                "name": c.name,
                "email": c.email,
                "company_id": r.company.pk,
                "company": r.company.name,
                "last_activity": r.last_activity.isoformat() if r.last_activity else None,
                "registered": r.registered.isoformat(),
            }
            for r in rows
            for c in r.contacts
        ],
        "sole_traders": [
            {
                "company_id": r.company.pk,
                "name": r.company.name,
                "personal_number": r.number_masked,
                "last_activity": r.last_activity.isoformat() if r.last_activity else None,
                "registered": r.registered.isoformat(),
            }
            for r in rows
            if r.company.is_sole_trader
        ],
    }
