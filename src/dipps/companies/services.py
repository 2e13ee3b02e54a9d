"""Writes for the company register, each in one transaction, with audit history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.rates import MissingRate, rate_on
from dipps.programmes.models import Programme

from . import orgnr, sme, sni
from .imports import CompanyRow
from .models import (
    Company,
    Contact,
    EligibilityOverride,
    KeyFigures,
    Participation,
    SizeClass,
    SniCode,
)
from .selectors import eligibility_of, reason_text


def _target_group(codes: list[SniCode]) -> str:
    """The best class any of the company's codes gives (industry before service)."""
    groups = {sni.target_group(c.division, settings.DIPPS_SERVICE_DIVISIONS) for c in codes}
    for group in ("industry", "industry_service"):
        if group in groups:
            return group
    return "outside"


def size_class_for(company: Company, figures: KeyFigures | None) -> str:
    """EU SME class from the latest key figures, converted at the year-end EUR rate."""
    if figures is None or figures.headcount is None:
        return ""
    try:
        rate = rate_on(date(figures.fiscal_year, 12, 31), "EUR")
    except MissingRate:
        return ""
    related = [
        sme.Related(
            relation=r.relation,
            share=r.share_percent,
            headcount=r.headcount,
            turnover_eur=r.turnover_sek / rate,
            balance_eur=r.balance_sheet_sek / rate,
        )
        for r in company.related.all()
    ]
    return sme.classify(
        headcount=figures.headcount,
        turnover_eur=(figures.turnover_sek or 0) / rate,
        balance_eur=(figures.balance_sheet_sek or 0) / rate,
        related=related,
    )


def company_refresh_derived(company: Company) -> None:
    """Recompute the stored derived fields (target group, division, size class)."""
    codes = list(company.sni_codes.all())
    company.target_group = _target_group(codes)
    company.primary_division = codes[0].division if codes else None
    # Each year's class, and its status after the two-year rule (Recommendation 2003/361,
    # annex art. 4(2)), are stored on its key figures, for the indicators (RCO01 counts the
    # status in the year before a company's first support, not the latest one).
    years = list(company.key_figures.order_by("fiscal_year"))
    classes = {figures.pk: size_class_for(company, figures) for figures in years}
    statuses = sme.statuses_of((f.fiscal_year, classes[f.pk]) for f in years)
    for figures in years:
        cls, status = classes[figures.pk], str(statuses[figures.fiscal_year] or "")
        if (figures.size_class, figures.sme_status) != (cls, status):
            figures.size_class, figures.sme_status = cls, status
            figures.save(update_fields=["size_class", "sme_status"])
    # The company's class is its status in its latest year.
    company.size_class = years[-1].sme_status if years else ""
    company.save(update_fields=["target_group", "primary_division", "size_class", "updated"])


@dataclass
class ImportResult:
    companies_created: int = 0
    companies_updated: int = 0
    figures_created: int = 0
    figures_updated: int = 0


@transaction.atomic
def companies_import(*, rows: list[CompanyRow], by=None) -> ImportResult:
    """Apply already-validated rows. Matching on orgnr (and fiscal year for figures)."""
    result = ImportResult()
    by_orgnr: dict[str, list[CompanyRow]] = {}
    for row in rows:
        by_orgnr.setdefault(row.orgnr, []).append(row)
    existing = {c.orgnr: c for c in Company.objects.filter(orgnr__in=by_orgnr)}
    programmes = {p.code: p for p in Programme.objects.all()}

    for number, company_rows in by_orgnr.items():
        first = company_rows[0]
        company = existing.get(number)
        fields = {
            "name": first.name,
            "municipality_code": first.municipality_code,
            "is_sole_trader": orgnr.is_personal_number(number),
        }
        if company is None:
            company = Company.objects.create(orgnr=number, **fields)
            audit.record(instance=company, action="create", by=by, changes=fields)
            result.companies_created += 1
        else:
            before = audit.snapshot(company, list(fields))
            for key, value in fields.items():
                setattr(company, key, value)
            changes = audit.diff(before, audit.snapshot(company, list(fields)))
            if changes:
                company.save()
                audit.record(instance=company, action="update", by=by, changes=changes)
            result.companies_updated += 1

        wanted = [(c.version, c.code) for c in first.sni_codes]
        current = list(company.sni_codes.values_list("version", "code"))
        if current != wanted:
            company.sni_codes.all().delete()
            SniCode.objects.bulk_create(
                SniCode(
                    company=company,
                    version=c.version,
                    code=c.code,
                    division=c.division,
                    section=c.section,
                    position=i,
                )
                for i, c in enumerate(first.sni_codes)
            )
            audit.record(
                instance=company, action="update", by=by, changes={"sni": [current, wanted]}
            )

        for row in company_rows:
            if row.fiscal_year is None:
                continue
            values = {
                "headcount": row.headcount,
                "turnover_sek": row.turnover_sek,
                "balance_sheet_sek": row.balance_sheet_sek,
            }
            _, created = KeyFigures.objects.update_or_create(
                company=company, fiscal_year=row.fiscal_year, defaults=values
            )
            if created:
                result.figures_created += 1
            else:
                result.figures_updated += 1
            if row.programme:
                Participation.objects.get_or_create(
                    company=company, programme=programmes[row.programme]
                )
            if row.contact_name or row.contact_email:
                match = (
                    {"email__iexact": row.contact_email}
                    if row.contact_email
                    else {"name": row.contact_name}
                )
                contact = company.contacts.filter(**match).first()
                if contact is None:
                    Contact.objects.create(
                        company=company,
                        name=row.contact_name or row.contact_email,
                        email=row.contact_email,
                    )
                elif row.contact_name and contact.name != row.contact_name:
                    contact.name = row.contact_name
                    contact.save(update_fields=["name"])
        company_refresh_derived(company)
    return result


def size_label(value: str) -> str:
    return str(SizeClass(value).label) if value else ""


@transaction.atomic
def contact_save(*, company: Company, contact: Contact | None, data: dict, by=None) -> Contact:
    """Create or update a contact person, with audit history on the company."""
    if contact is None:
        contact = Contact.objects.create(company=company, **data)
        audit.record(
            instance=company, action="update", by=by, changes={"contact_added": contact.name}
        )
        return contact
    # Read "before" from the database: a bound ModelForm has already set the
    # new values on the instance it was given.
    before = audit.snapshot(Contact.objects.get(pk=contact.pk), list(data))
    for key, value in data.items():
        setattr(contact, key, value)
    contact.save()
    changes = audit.diff(before, audit.snapshot(contact, list(data)))
    if changes:
        audit.record(
            instance=company, action="update", by=by, changes={"contact": contact.pk, **changes}
        )
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, by=None) -> None:
    audit.record(
        instance=contact.company, action="update", by=by, changes={"contact_removed": contact.name}
    )
    contact.delete()


# --- eligibility at the point of support ---------------------------------------------


def eligibility_require(*, companies, programme) -> None:
    """Refuse support from `programme` to a firm that is not eligible (companies/
    eligibility.py) unless a programme manager has overridden every reason that applies.

    The one call the support services make (an activity, a new timesheet row on an
    activity, a new action-plan item). Raises ValidationError naming each firm and
    every reason; returns nothing when all may be supported.
    """
    problems = []
    for company in companies:
        result = eligibility_of(company, programme)
        if result.allowed:
            continue
        reasons = " ".join(reason_text(r) for r in result.not_overridden)
        problems.append(
            _(
                "%(name)s may not be supported by %(programme)s: %(reasons)s A programme "
                "manager may record an override with a reason on the company page."
            )
            % {"name": company.name, "programme": programme.code, "reasons": reasons}
        )
    if problems:
        raise ValidationError({"companies": problems})


@transaction.atomic
def eligibility_override_set(*, company: Company, programme, motivation: str, by):
    """Record (or renew) a programme manager's override of the reasons that apply now.

    Refused when the firm is eligible (nothing to override), when the firm takes no
    part in the programme, or without a reason. The audit history of the firm keeps
    who decided, which reasons and why.
    """
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Give the reason for the override: it is kept in the history.")}
        )
    if not company.participations.filter(programme=programme).exists():
        raise ValidationError(
            {"programme": _("The firm takes no part in %(code)s.") % {"code": programme.code}}
        )
    result = eligibility_of(company)
    if result.eligible:
        raise ValidationError(
            {"programme": _("The firm is eligible: there is nothing to override.")}
        )
    codes = ",".join(result.codes)
    override, created = EligibilityOverride.objects.update_or_create(
        company=company,
        programme=programme,
        defaults={
            "reasons": codes,
            "motivation": motivation,
            "decided_by": audit.acting_user(by),
        },
    )
    audit.record(
        instance=company,
        action="update",
        by=by,
        changes={
            "eligibility_override": {
                "programme": programme.code,
                "reasons": list(result.codes),
                "motivation": motivation,
                "renewed": not created,
            }
        },
    )
    return override


@transaction.atomic
def eligibility_override_remove(*, override: EligibilityOverride, by) -> None:
    audit.record(
        instance=override.company,
        action="update",
        by=by,
        changes={
            "eligibility_override_removed": {
                "programme": override.programme.code,
                "reasons": override.reason_codes,
                "motivation": override.motivation,
            }
        },
    )
    override.delete()
