"""Writes for an activity's attendance list (närvarolista): staff record and correct it, a
participant signs in through the activity's link. Each in one transaction, with audit
history on the activity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.companies.models import Company
from dipps.core import audit
from dipps.programmes.models import Organisation

from ..models import Activity, Attendee, ParticipantRole

MAX_HOURS = Decimal(24)
FIELDS = ["name", "company_id", "organisation_id", "role", "hours", "gender", "age_band"]


@dataclass
class AttendeeInput:
    name: str
    contributor: Company | Organisation
    hours: Decimal
    role: str = ParticipantRole.EMPLOYEE
    gender: str = ""
    age_band: str = ""
    confirmed: str = ""
    pk: int | None = None


def contributors_of(activity: Activity) -> tuple[list[Company], list[Organisation]]:
    """Whom a participant may come from: the activity's firms (private) and the programme's
    owner and partner organisations (public)."""
    companies = list(
        Company.objects.filter(activity_shares__activity=activity).order_by("name").distinct()
    )
    programme = activity.programme
    organisations = list(
        Organisation.objects.filter(pk=programme.owner_id)
        | Organisation.objects.filter(partner_programmes=programme)
    )
    organisations = sorted({o.pk: o for o in organisations}.values(), key=lambda o: o.name)
    return companies, organisations


def _problems(activity: Activity, rows: list[AttendeeInput]) -> list[str]:
    companies, organisations = contributors_of(activity)
    allowed = {("c", c.pk) for c in companies} | {("o", o.pk) for o in organisations}
    problems = []
    seen: set[tuple[str, str, int]] = set()
    for n, row in enumerate(rows, 1):
        name = row.name.strip()
        if not name:
            problems.append(_("Row %(n)s: give the person's name.") % {"n": n})
        kind = "c" if isinstance(row.contributor, Company) else "o"
        if (kind, row.contributor.pk) not in allowed:
            problems.append(
                _(
                    "Row %(n)s: %(who)s is neither a company of this activity nor an "
                    "organisation of the programme."
                )
                % {"n": n, "who": row.contributor.name}
            )
        if row.hours is None or row.hours < 0 or row.hours > MAX_HOURS:
            problems.append(
                _("Row %(n)s: hours must lie between 0 and 24 (one day's attendance).") % {"n": n}
            )
        key = (name.casefold(), kind, row.contributor.pk)
        if name and key in seen:
            problems.append(
                _("Row %(n)s: %(name)s from %(who)s is already on the list.")
                % {"n": n, "name": name, "who": row.contributor.name}
            )
        seen.add(key)
    return problems


def _apply(attendee: Attendee, row: AttendeeInput) -> None:
    attendee.name = row.name.strip()
    is_company = isinstance(row.contributor, Company)
    attendee.company = row.contributor if is_company else None
    attendee.organisation = None if is_company else row.contributor
    attendee.role = row.role or ParticipantRole.EMPLOYEE
    attendee.hours = row.hours
    attendee.gender = row.gender or ""
    attendee.age_band = row.age_band or ""
    if row.confirmed != attendee.confirmed:
        attendee.confirmed = row.confirmed or ""
        if attendee.confirmed != Attendee.Confirmation.DIGITAL:
            attendee.signed_at = None


@transaction.atomic
def attendance_set(*, activity: Activity, rows: list[AttendeeInput], by) -> list[Attendee]:
    """Replace the activity's attendance list by `rows` (rows with a pk update that person;
    people not in `rows` are removed). All or nothing; problems name the row."""
    problems = _problems(activity, rows)
    existing = {a.pk: a for a in Attendee.objects.select_for_update().filter(activity=activity)}
    for n, row in enumerate(rows, 1):
        if row.pk is not None and row.pk not in existing:
            problems.append(_("Row %(n)s is no longer on the list; reload the page.") % {"n": n})
    if problems:
        raise ValidationError(problems)
    before = {pk: audit.snapshot(a, FIELDS) for pk, a in existing.items()}
    kept, saved = set(), []
    for row in rows:
        attendee = existing.get(row.pk) if row.pk is not None else None
        if attendee is None:
            attendee = Attendee(activity=activity)
        _apply(attendee, row)
        attendee.save()
        kept.add(attendee.pk)
        saved.append(attendee)
    removed = [pk for pk in existing if pk not in kept]
    Attendee.objects.filter(pk__in=removed).delete()
    changes = {
        "attendance": {
            "people": len(saved),
            "removed": len(removed),
            "changed": sum(
                1 for a in saved if a.pk in before and before[a.pk] != audit.snapshot(a, FIELDS)
            ),
        }
    }
    audit.record(instance=activity, action="update", by=by, changes=changes)
    return saved


@transaction.atomic
def attendance_sign_in(
    *, activity: Activity, name: str, contributor, when: datetime | None = None
) -> Attendee:
    """A participant confirms their presence through the activity's sign-in link.

    A person already on the list (same name, same firm or organisation, letter case aside)
    is marked as signed in digitally with the time; anyone else is added with the hours of
    the longest attendance on the list (0 when it is empty), for staff to check.
    """
    name = " ".join(name.split())
    companies, organisations = contributors_of(activity)
    if not name:
        raise ValidationError({"name": _("Write your name.")})
    if contributor is None or contributor not in [*companies, *organisations]:
        raise ValidationError(
            {"contributor": _("Choose the company or organisation you come from.")}
        )
    when = when or timezone.now()
    is_company = isinstance(contributor, Company)
    same = Attendee.objects.select_for_update().filter(
        activity=activity,
        name__iexact=name,
        **({"company": contributor} if is_company else {"organisation": contributor}),
    )
    attendee = same.first()
    created = attendee is None
    if created:
        hours = Attendee.objects.filter(activity=activity).aggregate(h=Max("hours"))["h"]
        attendee = Attendee(
            activity=activity,
            name=name,
            company=contributor if is_company else None,
            organisation=None if is_company else contributor,
            hours=hours or Decimal(0),
        )
    attendee.confirmed = Attendee.Confirmation.DIGITAL
    attendee.signed_at = when
    attendee.save()
    audit.record(
        instance=activity,
        action="update",
        by=None,
        changes={"attendance": {"signed_in": 1, "added": int(created)}},
    )
    return attendee
