"""Writes for the company register, each in one transaction, with audit history."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.progress import ProgressFn, report
from dipps.programmes.models import Programme

from . import orgnr, sni
from .imports import CompanyRow, RowError
from .imports_related import RelatedRow
from .models import (
    Company,
    Contact,
    KeyFigures,
    LeaderGender,
    Participation,
    RelatedEnterprise,
    SizeClass,
    SniCode,
    validate_fiscal_year_end,
)
from .services_eligibility import (  # noqa: F401 (the support services call these here)
    eligibility_override_remove,
    eligibility_override_set,
    eligibility_require,
)
from .sme_register import sme_years


def _target_group(codes: list[SniCode]) -> str:
    """The best class any of the company's codes gives (industry before service)."""
    groups = {sni.target_group(c.division, settings.DIPPS_SERVICE_DIVISIONS) for c in codes}
    for group in ("industry", "industry_service"):
        if group in groups:
            return group
    return "outside"


def company_refresh_derived(company: Company) -> None:
    """Recompute the stored derived fields (target group, division, size class and status)."""
    codes = list(company.sni_codes.all())
    company.target_group = _target_group(codes)
    company.primary_division = codes[0].division if codes else None
    # Each year's class, and its status after the two-year rule (Recommendation 2003/361,
    # annex art. 4(2)), with that year's related enterprises, public control and change of
    # ownership (sme_register), are stored on its key figures, for the indicators (RCO01
    # counts the status in the year before a company's first support, not the latest one).
    years = sme_years(company)
    for year in years:
        figures = year.figures
        cls, status = str(year.computed or ""), str(year.status or "")
        if (figures.size_class, figures.sme_status) != (cls, status):
            figures.size_class, figures.sme_status = cls, status
            figures.save(update_fields=["size_class", "sme_status"])
    # The company's class is its status in its latest year.
    company.size_class = str(years[-1].status or "") if years else ""
    company.save(update_fields=["target_group", "primary_division", "size_class", "updated"])


@dataclass
class ImportResult:
    companies_created: int = 0
    companies_updated: int = 0
    figures_created: int = 0
    figures_updated: int = 0


def companies_import(
    *, rows: list[CompanyRow], by=None, progress: ProgressFn | None = None
) -> ImportResult:
    """Apply already-validated rows, all in one transaction. Matching on orgnr (and fiscal
    year for figures). `progress` hears once that the saving starts (core/progress.py)."""
    by_orgnr: dict[str, list[CompanyRow]] = {}
    for row in rows:
        by_orgnr.setdefault(row.orgnr, []).append(row)
    report(progress, len(rows), len(rows), _("Saving"))
    with transaction.atomic():
        return _companies_save(by_orgnr, by)


def _companies_save(by_orgnr: dict[str, list[CompanyRow]], by) -> ImportResult:
    result = ImportResult()
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
        year_end = next((r.fiscal_year_end for r in company_rows if r.fiscal_year_end), "")
        if year_end:
            fields["fiscal_year_end"] = year_end
        for key in ("ceo_gender", "chair_gender"):
            gender = next((getattr(r, key) for r in company_rows if getattr(r, key)), "")
            if gender:
                fields[key] = gender
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
            if row.public_control_percent is not None:
                values["public_control_percent"] = row.public_control_percent
            if row.ownership_changed is not None:
                values["ownership_changed"] = row.ownership_changed
            if row.women_share_percent is not None:
                values["women_share_percent"] = row.women_share_percent
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


# --- SME data of a year (Recommendation 2003/361) -------------------------------------


def related_problems(*, relation: str, share_percent, exempt_investor: bool) -> dict[str, str]:
    """What is wrong with a related enterprise's relation and share, by field (annex art. 3):
    a partner holds 25–50 %, a linked enterprise more than 50 %; only a partner can be an
    exempt investor (above 50 % an investor's enterprise is linked and counts in full)."""
    share = share_percent
    if relation == RelatedEnterprise.Relation.PARTNER and not 25 <= share <= 50:
        return {
            "share_percent": _(
                "A partner enterprise holds 25–50 %%, not %(share)s %%: below 25 %% it is not "
                "counted, above 50 %% it is a linked enterprise."
            )
            % {"share": share}
        }
    if relation == RelatedEnterprise.Relation.LINKED and not 50 < share <= 100:
        return {
            "share_percent": _(
                "A linked enterprise holds more than 50 %%, not %(share)s %%: from 25 %% to "
                "50 %% it is a partner enterprise."
            )
            % {"share": share}
        }
    if exempt_investor and relation != RelatedEnterprise.Relation.PARTNER:
        return {
            "exempt_investor": _(
                "Only a partner (at most 50 %) can be an exempt investor; a linked enterprise "
                "counts in full."
            )
        }
    return {}


@transaction.atomic
def fiscal_year_end_set(*, company: Company, value: str, by=None) -> Company:
    """The firm's own fiscal year end (MM-DD); its key-figure years are re-classified."""
    validate_fiscal_year_end(value)
    if company.fiscal_year_end != value:
        audit.record(
            instance=company,
            action="update",
            by=by,
            changes={"fiscal_year_end": [company.fiscal_year_end, value]},
        )
        company.fiscal_year_end = value
        company.save(update_fields=["fiscal_year_end", "updated"])
        company_refresh_derived(company)
    return company


LEADERSHIP_FIELDS = ("ceo_gender", "chair_gender")


@transaction.atomic
def leadership_set(*, company: Company, values: dict, by=None) -> Company:
    """Record the gender of the firm's CEO and chair of the board (horizontal criteria)."""
    values = {k: values[k] for k in LEADERSHIP_FIELDS if k in values}
    for key, value in values.items():
        if value not in LeaderGender.values:
            raise ValidationError({key: _("Choose woman, man, other or not stated, or unknown.")})
    before = audit.snapshot(company, list(values))
    for key, value in values.items():
        setattr(company, key, value)
    changes = audit.diff(before, audit.snapshot(company, list(values)))
    if changes:
        company.save(update_fields=[*values, "updated"])
        audit.record(instance=company, action="update", by=by, changes=changes)
    return company


KEY_FIGURE_FIELDS = (
    "headcount",
    "turnover_sek",
    "balance_sheet_sek",
    "public_control_percent",
    "ownership_changed",
    "women_share_percent",
)


@transaction.atomic
def key_figures_save(*, company: Company, fiscal_year: int, values: dict, by=None) -> KeyFigures:
    """Create or update one fiscal year's figures, then re-derive every year's status."""
    values = {k: values[k] for k in KEY_FIGURE_FIELDS if k in values}
    figures, created = KeyFigures.objects.get_or_create(
        company=company, fiscal_year=fiscal_year, defaults=values
    )
    before = {} if created else audit.snapshot(figures, list(values))
    for key, value in values.items():
        setattr(figures, key, value)
    figures.full_clean(exclude=["company", "size_class", "sme_status"])
    figures.save()
    changes = audit.diff(before, audit.snapshot(figures, list(values)))
    if changes:
        audit.record(
            instance=company,
            action="update",
            by=by,
            changes={"key_figures": fiscal_year, **changes},
        )
    company_refresh_derived(company)
    return figures


RELATED_FIELDS = (
    "fiscal_year",
    "name",
    "orgnr",
    "relation",
    "share_percent",
    "exempt_investor",
    "headcount",
    "turnover_sek",
    "balance_sheet_sek",
)


@transaction.atomic
def related_save(*, company: Company, values: dict, by=None) -> RelatedEnterprise:
    """Add a partner or linked enterprise to one of the firm's years (refused, with the
    field named, when its share does not fit its relation)."""
    values = {k: values[k] for k in RELATED_FIELDS if k in values}
    problems = related_problems(
        relation=values["relation"],
        share_percent=values["share_percent"],
        exempt_investor=values.get("exempt_investor", False),
    )
    if problems:
        raise ValidationError(problems)
    related = RelatedEnterprise(company=company, **values)
    related.full_clean(exclude=["company"])
    related.save()
    audit.record(
        instance=company,
        action="update",
        by=by,
        changes={"related_added": f"{related.name} {related.fiscal_year}"},
    )
    company_refresh_derived(company)
    return related


@transaction.atomic
def related_remove(*, related: RelatedEnterprise, by=None) -> None:
    company = related.company
    audit.record(
        instance=company,
        action="update",
        by=by,
        changes={"related_removed": f"{related.name} {related.fiscal_year}"},
    )
    related.delete()
    company_refresh_derived(company)


@transaction.atomic
def related_import(*, rows: list[RelatedRow], by=None) -> dict:
    """Apply already-checked related-enterprise rows, all or nothing: for every firm and
    fiscal year in the file, its related enterprises become exactly the file's (a re-import
    replaces, never doubles). A firm not in the register refuses the file, naming the row."""
    numbers = {r.orgnr for r in rows}
    companies = {c.orgnr: c for c in Company.objects.filter(orgnr__in=numbers)}
    missing = [r for r in rows if r.orgnr not in companies]
    if missing:
        raise ValidationError(
            [
                str(
                    RowError(
                        r.row,
                        "orgnr",
                        _("no company with this organisation number in the register."),
                    )
                )
                for r in missing
            ]
        )
    years: dict[tuple[str, int], list[RelatedRow]] = {}
    for r in rows:
        years.setdefault((r.orgnr, r.fiscal_year), []).append(r)
    for (number, year), year_rows in years.items():
        company = companies[number]
        company.related.filter(fiscal_year=year).delete()
        RelatedEnterprise.objects.bulk_create(
            RelatedEnterprise(
                company=company,
                fiscal_year=year,
                name=r.name,
                orgnr=r.related_orgnr,
                relation=r.relation,
                share_percent=r.share_percent,
                exempt_investor=r.exempt_investor,
                headcount=r.headcount,
                turnover_sek=r.turnover_sek,
                balance_sheet_sek=r.balance_sheet_sek,
            )
            for r in year_rows
        )
        audit.record(
            instance=company,
            action="update",
            by=by,
            changes={"related_imported": [year, [r.name for r in year_rows]]},
        )
    for company in companies.values():
        company_refresh_derived(company)
    return {"related_rows": len(rows), "companies": len(companies), "years": len(years)}
