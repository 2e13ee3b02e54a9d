"""Writes of the rights procedure: pseudonymise or erase a person, each in one transaction.

The decisions (what may be erased, the pseudonym) come from the pure `core`; these
functions read the facts, apply the decision to every record and to the audit
history, and record what was done without the data that was removed. No number that
an indicator, a participant count or a de minimis total is computed from is touched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.companies.models import Company, Contact
from dipps.core import audit
from dipps.core.models import AuditEntry
from dipps.engagements.models import Activity, ActivityCompany, Engagement, Stage
from dipps.engagements.services import natural_key
from dipps.maturity.models import Assessment
from dipps.stateaid.models import AidEntry, SingleUndertaking

from . import core
from .selectors import Person, attendance_of, audit_entries, wholly_about

#: Engagements in these stages are over; any other stage is open.
CLOSED_STAGES = (Stage.CLOSED, Stage.DECLINED)


def _secret() -> bytes:
    """The pseudonym key: derived from SECRET_KEY, never stored with the data."""
    return hashlib.sha256(b"dipps.privacy.pseudonym|" + settings.SECRET_KEY.encode()).digest()


class ErasureRefused(ValidationError):
    """The person may not be erased (nothing was changed); `refusals` says why."""

    def __init__(self, refusals: list[core.Refusal]) -> None:
        self.refusals = refusals
        super().__init__([refusal_message(r) for r in refusals], code="erasure_refused")


KEPT_LABELS = {
    "activities": lambda: _("activities"),
    "de_minimis_aid": lambda: _("de minimis aid"),
    "assessments": lambda: _("maturity assessments"),
    "engagements": lambda: _("engagements"),
    "participations": lambda: _("programme participation"),
    "other_contacts": lambda: _("contacts of other people"),
}


def refusal_message(refusal: core.Refusal) -> str:
    if refusal.reason == core.ONLY_CONTACT:
        return _(
            "This person is the only contact of %(company)s, which has an open engagement. "
            "Add another contact to the firm first, or pseudonymise the person instead: "
            "name, e-mail and phone are replaced and the firm keeps its facts."
        ) % {"company": refusal.company_name}
    return _(
        "%(company)s is this person's own firm (a sole trader) and has records that must "
        "stay: %(kept)s (the programme's documentation under CPR 2021/1060 art. 82). The "
        "firm cannot be deleted: pseudonymise the person instead."
    ) % {
        "company": refusal.company_name,
        "kept": ", ".join(str(KEPT_LABELS[k]()) for k in refusal.kept),
    }


# --- erasure --------------------------------------------------------------------------


def erasure_check(person: Person) -> list[core.Refusal]:
    """Why `person` may not be erased, from the facts as they are now (empty: may be)."""
    contact_ids = [c.pk for c in person.contacts]
    trader_ids = {t.pk for t in person.traders}
    firms = []
    for company in Company.objects.filter(contacts__in=contact_ids).distinct().order_by("pk"):
        if company.pk in trader_ids:
            continue  # the trader's own firm: judged as a whole below
        firms.append(
            core.FirmFacts(
                company_id=company.pk,
                company_name=company.name,
                other_contacts=company.contacts.exclude(pk__in=contact_ids).count(),
                open_engagement=Engagement.objects.filter(company=company)
                .exclude(stage__in=CLOSED_STAGES)
                .exists(),
            )
        )
    traders = [core.TraderFacts(t.pk, t.name, _kept(t, contact_ids)) for t in person.traders]
    return core.erasure_refusals(firms, traders)


def _kept(company: Company, contact_ids: list[int]) -> tuple[str, ...]:
    """The kinds of records of the firm that must stay: the programme's documentation,
    and other people's contact records (deleting the firm would take them along)."""
    checks = {
        "activities": ActivityCompany.objects.filter(company=company),
        "de_minimis_aid": AidEntry.objects.filter(company=company),
        "assessments": Assessment.objects.filter(company=company),
        "engagements": Engagement.objects.filter(company=company),
        "participations": company.participations.all(),
        "other_contacts": company.contacts.exclude(pk__in=contact_ids),
    }
    return tuple(kind for kind, qs in checks.items() if qs.exists())


@dataclass
class Outcome:
    contacts: int = 0
    firms: int = 0
    related: int = 0
    attendance: int = 0  # attendance-list rows renamed
    audit_entries: int = 0
    pseudonym: str = ""
    companies: list[int] = field(default_factory=list)


@transaction.atomic
def person_erase(*, person: Person, by) -> Outcome:
    """Delete the person's records and scrub the audit entries naming them.

    Raises ErasureRefused, changing nothing, when `erasure_check` finds a reason.
    """
    _lock(person)
    refusals = erasure_check(person)
    if refusals:
        raise ErasureRefused(refusals)
    replacements = person.replacements(name=core.ERASED, email=core.ERASED)
    fields = {
        core.CONTACT: {"name": core.ERASED, "email": core.ERASED, "phone": core.ERASED},
        core.TRADER: {"name": core.ERASED, "orgnr": core.ERASED},
    }
    outcome = Outcome(audit_entries=_scrub_audit(person, replacements, fields))
    for row in person.related:
        row.name, row.orgnr = core.ERASED, ""
        row.save(update_fields=["name", "orgnr"])
        outcome.related += 1
    # Attendance lists are the evidence of in-kind co-financing and stay (CPR art. 82):
    # the hours remain, the name goes. Before the firm: a trader's rows go with it.
    outcome.attendance = attendance_of(person).update(name=core.ERASED, gender="", age_band="")
    _rename_undertakings(person, core.ERASED)
    by_company: dict[int, int] = {}
    for contact in person.contacts:
        by_company[contact.company_id] = by_company.get(contact.company_id, 0) + 1
    trader_ids = {t.pk for t in person.traders}
    for company_id, count in sorted(by_company.items()):
        if company_id not in trader_ids:
            _record(company_id, "update", by, {"privacy": "erasure", "contacts_erased": count})
    Contact.objects.filter(pk__in=[c.pk for c in person.contacts]).delete()
    outcome.contacts = len(person.contacts)
    for trader in person.traders:
        _record(trader.pk, "delete", by, {"privacy": "erasure"})
        trader.delete()
        outcome.firms += 1
    outcome.companies = sorted(by_company.keys() - trader_ids)
    return outcome


# --- pseudonymisation -------------------------------------------------------------------


@transaction.atomic
def person_pseudonymise(*, person: Person, by) -> Outcome:
    """Replace the person's name, e-mail, phone and personal number with a pseudonym.

    Every record of the person gets the same pseudonym ("Person 7f3a"); a sole
    trader's firm keeps its row, with a pseudonymous personal number (valid, unique,
    born 2000) so its activities, aid and indicators stay as they were. Applying it
    again changes nothing.
    """
    _lock(person)
    tag = _tag(person)
    name, email = core.pseudonym_name(tag), core.pseudonym_email(tag)
    numbers = {t.orgnr: _number(t, person) for t in person.traders}
    replacements = person.replacements(name=name, email=email, number=numbers.get)
    fields = {
        core.CONTACT: {"name": name, "email": email, "phone": core.ERASED},
        # A sole trader's firm has one number; its pseudonym replaces any earlier one.
        core.TRADER: {"name": name, "orgnr": next(iter(numbers.values()), core.ERASED)},
    }
    outcome = Outcome(pseudonym=name, audit_entries=_scrub_audit(person, replacements, fields))
    # Attendance lists first, while the records still carry the names they match on.
    outcome.attendance = attendance_of(person).update(name=name)
    for contact in person.contacts:
        contact.name, contact.email, contact.phone = name, email, ""
        contact.save(update_fields=["name", "email", "phone"])
        outcome.contacts += 1
    for trader in person.traders:
        old = trader.orgnr
        trader.name, trader.orgnr = name, numbers[old]
        trader.save(update_fields=["name", "orgnr", "updated"])
        _rekey_activities(trader, old)
        outcome.firms += 1
    for row in person.related:
        row.name, row.orgnr = name, numbers.get(_ten_digits(row.orgnr), "")
        row.save(update_fields=["name", "orgnr"])
        outcome.related += 1
    _rename_undertakings(person, name)
    outcome.companies = sorted(person.company_ids)
    for company_id in outcome.companies:
        _record(company_id, "update", by, {"privacy": "pseudonymisation", "pseudonym": name})
    return outcome


def _tag(person: Person) -> str:
    """The person's existing tag (already pseudonymised), or a new one no one else has."""
    for current in sorted(person.names):
        tag = core.tag_of(current)
        if tag:
            return tag
    contact_ids = [c.pk for c in person.contacts]
    trader_ids = [t.pk for t in person.traders]

    def taken(tag: str) -> bool:
        wanted = core.pseudonym_name(tag)
        return (
            Contact.objects.filter(name=wanted).exclude(pk__in=contact_ids).exists()
            or Company.objects.filter(name=wanted).exclude(pk__in=trader_ids).exists()
        )

    return core.pseudonym_tag(_secret(), person.seed, taken)


def _number(trader: Company, person: Person) -> str:
    def taken(number: str) -> bool:
        return Company.objects.filter(orgnr=number).exclude(pk=trader.pk).exists()

    return core.pseudonymous_personal_number(_secret(), f"{person.seed}|{trader.pk}", taken)


def _ten_digits(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-10:]


def _rekey_activities(trader: Company, old_number: str) -> None:
    """Imported activities carry a hash of the firm's number as their import key
    (engagements.services.natural_key); a hash of a personal number is easily
    reversed, so the keys are recomputed with the pseudonymous number."""
    activities = Activity.objects.filter(shares__company=trader, natural_key__isnull=False)
    for activity in activities.select_related("programme"):
        parts = (activity.date, activity.programme.code)
        if activity.natural_key == natural_key(*parts, old_number, activity.type, activity.note):
            activity.natural_key = natural_key(*parts, trader.orgnr, activity.type, activity.note)
            activity.save(update_fields=["natural_key"])


# --- shared -------------------------------------------------------------------------------


def _lock(person: Person) -> None:
    """Lock the person's firms, so no contact comes or goes while the decision is made."""
    list(Company.objects.select_for_update().filter(pk__in=person.company_ids).values("pk"))


def _scrub_audit(person: Person, replacements: core.Replacements, fields: dict) -> int:
    """Replace the person's identifiers in the audit entries naming them; in an entry
    wholly about them, every value of the personal fields (`fields[kind]`)."""
    count = 0
    for entry in audit_entries(person, replacements):
        changes, changed = core.scrub(entry.changes, replacements)
        about = wholly_about(entry, person)
        if about:
            changes, hit = core.replace_fields(changes, fields[about])
            changed |= hit
        if changed:
            AuditEntry.objects.filter(pk=entry.pk).update(changes=changes)
            count += 1
    return count


def _rename_undertakings(person: Person, name: str) -> None:
    """A single undertaking is named after the firm that was linked first: the trader's name."""
    names = {core.normalise_name(t.name) for t in person.traders}
    groups = SingleUndertaking.objects.filter(members__company__in=person.traders).distinct()
    for group in groups:
        if core.normalise_name(group.name) in names:
            group.name = name
            group.save(update_fields=["name"])


def _record(company_id: int, action: str, by, changes: dict) -> None:
    """The rights action in the firm's history: what was done, never the data removed."""
    audit.record(instance=Company(pk=company_id), action=action, by=by, changes=changes)
