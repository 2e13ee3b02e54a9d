"""The register extract (GDPR art. 15): everything stored about one person, as plain JSON.

The document's keys are a public contract, listed in docs/privacy.md; add keys, never
rename or remove them without raising `VERSION`. Values: dates and times in ISO 8601,
amounts as strings with two decimals, codes beside their label in the page's language.
Another firm's sole-trader number is masked, and no staff member is named: the
extract is about the person and nothing about anyone else.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, in_programmes
from dipps.companies import municipalities, orgnr
from dipps.companies.models import Company
from dipps.engagements.models import ActivityCompany
from dipps.scenarios.models import CostStructure

from . import core, selectors

DOCUMENT = "dipps-register-extract"
VERSION = 1
COST_FIELDS = [
    f.name for f in CostStructure._meta.concrete_fields if f.get_internal_type() == "DecimalField"
]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _amount(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _number(number: str, own: bool, sole_trader: bool) -> str:
    """In full for the person's own number (their copy of their data, GDPR art. 15) and
    for legal persons; another sole trader's number is masked."""
    return orgnr.shown(number, is_sole_trader=sole_trader, full=own)


def _firm(company: Company, person: selectors.Person) -> dict:
    own = company.pk in {t.pk for t in person.traders}
    return {
        "id": company.pk,
        "name": company.name,
        "organisation_number": _number(company.orgnr, own, company.is_sole_trader),
    }


def information(programme) -> dict:
    """Art. 15(1) information, in the page's language (docs/privacy.md has the reasoning)."""
    return {
        "controller": programme.owner.name,
        "purposes": _(
            "To run the programme %(programme)s: working with the firm, documenting the "
            "support given and reporting to the programme's financiers and to the EU."
        )
        % {"programme": programme.code},
        "legal_bases": _(
            "Contacts: legitimate interest and the programme's task in the public interest "
            "(GDPR art. 6(1)(f) and (e)), with the documentation duties of the EU funds "
            "regulation (Regulation (EU) 2021/1060). Sole traders: the same, and the "
            "de minimis rules (Regulation (EU) 2023/2831) for aid."
        ),
        "retention": _(
            "Documents of an ERDF programme are kept for five years from 31 December of the "
            "year of the last payment to the programme (Regulation (EU) 2021/1060, art. 82). "
            "Contacts of firms with no activity for a long time are reviewed and erased."
        ),
        "recipients": _(
            "The programme's staff; the managing authority (Tillväxtverket) and auditors on "
            "request. Reports to financiers contain aggregate figures only."
        ),
        "rights": _(
            "You may ask for a copy of your data, for corrections, and for erasure or "
            "restriction. Complaints: Integritetsskyddsmyndigheten (IMY)."
        ),
    }


def build(person: selectors.Person) -> dict:
    """The extract of `person` as plain JSON-able data, in the active language."""
    programme = person.programme
    replacements = person.replacements(name=core.ERASED, email=core.ERASED)
    return {
        "document": DOCUMENT,
        "version": VERSION,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "language": get_language(),
        "programme": {"code": programme.code, "name": programme.name},
        "person": {
            "name": person.name,
            "emails": sorted(person.emails, key=lambda e: (e.casefold(), e)),
            "phones": sorted(person.phones),
            "personal_numbers": sorted(_number(n, True, True) for n in person.numbers),
        },
        "information": information(programme),
        "contacts": [_contact(c, person) for c in person.contacts],
        "sole_traders": [_trader(t) for t in person.traders],
        "related_enterprise_entries": [_related(r, person) for r in person.related],
        "assessments": [_assessment(a, person) for a in selectors.assessments_of(person)],
        "engagements": [_engagement(e) for e in selectors.engagements_of(person)],
        "activities": _activities(person),
        "attendance": [_attendance(a) for a in selectors.attendance_of(person)],
        "de_minimis_aid": [_aid(e) for e in selectors.aid_of(person)],
        "cost_structures": _cost_structures(person),
        "audit": [
            {
                "id": e.pk,
                "at": _iso(e.at),
                "object": e.model,
                "object_id": e.object_id,
                "action": e.action,
                "action_label": str(e.get_action_display()),
                "changes": e.changes,
            }
            for e in selectors.audit_entries(person, replacements)
        ],
    }


def _contact(c, person) -> dict:
    return {
        "id": c.pk,
        "company": _firm(c.company, person),
        "name": c.name,
        "role": c.role,
        "email": c.email,
        "phone": c.phone,
        "gender": c.gender,
        "gender_label": str(c.get_gender_display()) if c.gender else "",
        "legal_basis": c.legal_basis,
        "legal_basis_label": str(c.get_legal_basis_display()),
    }


def _trader(t: Company) -> dict:
    return {
        "id": t.pk,
        "name": t.name,
        "personal_number": _number(t.orgnr, True, True),
        "municipality_code": t.municipality_code,
        "municipality": municipalities.name(t.municipality_code),
        "registered": _iso(t.created),
        "updated": _iso(t.updated),
        "programmes": sorted(t.participations.values_list("programme__code", flat=True)),
        "sni_codes": [
            {"version": s.version, "code": s.code} for s in t.sni_codes.order_by("position")
        ],
        "key_figures": [
            {
                "fiscal_year": k.fiscal_year,
                "headcount": k.headcount,
                "turnover_sek": _amount(k.turnover_sek),
                "balance_sheet_sek": _amount(k.balance_sheet_sek),
            }
            for k in t.key_figures.order_by("fiscal_year")
        ],
    }


def _related(r, person) -> dict:
    return {
        "id": r.pk,
        "company": _firm(r.company, person),
        "name": r.name,
        "personal_number": _number(r.orgnr, True, True),
        "relation": r.relation,
        "relation_label": str(r.get_relation_display()),
        "share_percent": str(r.share_percent),
    }


def _assessment(a, person) -> dict:
    contact_ids = {c.pk for c in person.contacts}
    own = a.company_id in {t.pk for t in person.traders}
    return {
        "id": a.pk,
        "company_id": a.company_id,
        "programme": a.programme.code,
        "stage": a.stage,
        "stage_label": str(a.get_stage_display()),
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "started": _iso(a.started),
        "submitted": _iso(a.submitted),
        "answered_by_this_person": a.contact_id in contact_ids,
        "self_service_link_for_this_person": a.invited_contact_id in contact_ids,
        "link_created": _iso(a.invited) if a.invited_contact_id in contact_ids else None,
        "overall": a.overall,
        "band": a.band,
        # The answers describe the firm: the person's own only when it is their firm.
        "answers": a.answers if own else None,
    }


def _engagement(e) -> dict:
    return {
        "id": e.pk,
        "programme": e.programme.code,
        "stage": e.stage,
        "stage_label": str(e.get_stage_display()),
        "started": _iso(e.started),
        "stage_reason": e.stage_reason,
        "stage_changes": [
            {"on": _iso(s.on), "from": s.from_stage, "to": s.to_stage, "reason": s.reason}
            for s in e.changes.all()
        ],
        "action_items": [
            {
                "id": i.pk,
                "goal": i.goal,
                "status": i.status,
                "status_label": str(i.get_status_display()),
                "due": _iso(i.due),
                "completed": _iso(i.completed),
                "outcome": i.outcome,
            }
            for i in e.items.order_by("id")
        ],
    }


def _activities(person) -> list[dict]:
    shares = in_programmes(
        ActivityCompany.objects.filter(company__in=person.traders),
        person.user,
        MANAGERS,
        "activity__programme",
    ).select_related("activity__programme")
    return [
        {
            "activity_id": s.activity_id,
            "date": _iso(s.date),
            "type": s.activity.type,
            "programme": s.activity.programme.code,
            "participants": s.participants,
            "staff_hours": _amount(s.staff_hours),
            "participant_hours": _amount(s.participant_hours),
            "external_cost_sek": _amount(s.external_cost_sek),
            "aid_sek": _amount(s.aid_sek),
            "aid_eur": _amount(s.aid_eur),
        }
        for s in shares.order_by("date", "activity_id")
    ]


def _attendance(a) -> dict:
    return {
        "activity_id": a.activity_id,
        "date": _iso(a.activity.date),
        "programme": a.activity.programme.code,
        "name": a.name,
        "company": a.company.name if a.company else None,
        "role": a.role,
        "hours": _amount(a.hours),
        "gender": a.gender,
        "age_band": a.age_band,
        "confirmed": a.confirmed,
        "signed_at": _iso(a.signed_at),
    }


def _aid(e) -> dict:
    return {
        "id": e.pk,
        "source": e.source,
        "source_label": str(e.get_source_display()),
        "programme": e.programme.code if e.programme_id else None,
        "giver": e.giver,
        "granted": _iso(e.granted),
        "currency": e.currency,
        "amount_sek": _amount(e.amount_sek),
        "amount_eur": _amount(e.amount_eur),
        "note": e.note,
    }


def _cost_structures(person) -> list[dict]:
    rows = CostStructure.objects.filter(company__in=person.traders).order_by("year")
    return [
        {
            "year": c.year,
            "source": c.source,
            "notes": c.notes,
            **{name: _amount(getattr(c, name)) for name in COST_FIELDS},
        }
        for c in rows
    ]
