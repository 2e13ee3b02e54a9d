"""Reads for the company register, always scoped to the asking user.

A staff role (programme manager, coach, finance officer) in a programme shows the
firms that take part in that programme or its predecessors, and the prospects (firms
in no programme yet); a company representative sees only their own company; an
observer sees no company (aggregates only, see `company_aggregates`). What a user
may do on one company is decided by the roles that count for that company
(`accounts.roles.company_roles`), through `company_for`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dipps.accounts.roles import (
    FIRM_READERS,
    MANAGERS,
    STAFF,
    WRITERS,
    company_programme_scope,
    company_roles,
    has_role_in,
    represented_company_ids,
)
from dipps.programmes.selectors import programmes_visible_to

from . import eligibility, municipalities
from .imports import CompanyRow, RowError
from .models import Company, EligibilityOverride, Participation, SizeClass, TargetGroup


def companies_visible_to(user, roles=FIRM_READERS) -> QuerySet[Company]:
    """The firms for which the user holds one of `roles` (see `company_roles`)."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_superuser:
        return Company.objects.all()
    cond = Q(id__in=represented_company_ids(user)) if "company" in roles else Q(pk__in=[])
    staff_roles = [r for r in roles if r in STAFF]
    scope = company_programme_scope(user, staff_roles)
    if scope:
        taking_part = Participation.objects.filter(company=OuterRef("pk"))
        cond |= Exists(taking_part.filter(programme_id__in=scope)) | ~Exists(taking_part)
    return Company.objects.filter(cond)


def roles_for_company(user, company: Company) -> set[str]:
    """The roles that count for `company`: those held in the programmes it takes part in."""
    cache = getattr(company, "_dipps_programme_ids", None)
    if cache is None:
        cache = list(company.participations.values_list("programme_id", flat=True))
        company._dipps_programme_ids = cache
    return company_roles(user, company.pk, cache)


def company_for(user, pk: int, roles=FIRM_READERS, queryset=None) -> Company:
    """The company `pk`, if the user holds one of `roles` for it.

    404 (not 403) for a firm the user may not see at all, so nothing is revealed;
    403 for a firm the user sees with another role (an observer, a coach on a
    page for writers only). `queryset` adds prefetches.
    """
    base = queryset if queryset is not None else Company.objects.all()
    company = get_object_or_404(base, pk=pk)
    company_check(user, company, roles)
    return company


def company_check(user, company: Company, roles) -> set[str]:
    """Raise as `company_for` does for an object that belongs to `company` (a cost
    structure, a run); return the roles that count, for what the page may offer."""
    held = roles_for_company(user, company)
    if not held:
        raise Http404
    if not held & set(roles):
        raise PermissionDenied
    return held


def company_get(user, pk: int) -> Company:
    """A company's page: its staff and its representative; 404 for anyone else."""
    return company_for(
        user,
        pk,
        FIRM_READERS,
        Company.objects.prefetch_related(
            "sni_codes", "key_figures", "contacts", "related", "participations__programme"
        ),
    )


def import_refusals(user, rows: list[CompanyRow]) -> list[RowError]:
    """The rows of a company import that this user may not apply, one error each.

    The import writes into the programme a row names (a participation) and into every
    firm it updates, so each needs a programme manager's or coach's role there, as a
    contact edit does; a new firm that joins no programme needs only the view's gate.
    """
    if user.is_superuser:
        return []
    writable = set(programmes_visible_to(user, WRITERS).values_list("code", flat=True))
    numbers = {r.orgnr for r in rows}
    existing = set(Company.objects.filter(orgnr__in=numbers).values_list("orgnr", flat=True))
    allowed = set(
        companies_visible_to(user, WRITERS)
        .filter(orgnr__in=existing)
        .values_list("orgnr", flat=True)
    )
    errors = []
    for row in rows:
        if row.orgnr in existing - allowed:
            errors.append(
                RowError(
                    row.row,
                    "orgnr",
                    _(
                        "this organisation number belongs to a firm of a programme where you "
                        "are not programme manager or coach, so you may not change it."
                    ),
                )
            )
        if row.programme and row.programme not in writable:
            errors.append(
                RowError(
                    row.row,
                    "programme",
                    _(
                        "you are not programme manager or coach in %(code)s, so you may not "
                        "add firms to it."
                    )
                    % {"code": row.programme},
                )
            )
    return errors


@dataclass
class CompanyFilters:
    q: str = ""
    municipality: str = ""
    county: str = ""
    division: int | None = None
    size_class: str = ""
    target_group: str = ""
    programme: str = ""


def company_list(user, filters: CompanyFilters) -> QuerySet[Company]:
    """The register as its staff see it: a representative's own firm is not listed."""
    qs = companies_visible_to(user, STAFF)
    if filters.q:
        digits = "".join(ch for ch in filters.q if ch.isdigit())
        cond = Q(name__icontains=filters.q)
        if len(digits) >= 4:
            cond |= Q(orgnr__startswith=digits)
        qs = qs.filter(cond)
    if filters.municipality:
        qs = qs.filter(municipality_code=filters.municipality)
    elif filters.county:
        qs = qs.filter(municipality_code__startswith=filters.county)
    if filters.division is not None:
        qs = qs.filter(primary_division=filters.division)
    if filters.size_class:
        qs = qs.filter(size_class=filters.size_class)
    if filters.target_group:
        qs = qs.filter(target_group=filters.target_group)
    if filters.programme:
        qs = qs.filter(participations__programme__code=filters.programme)
    return qs.order_by("name", "id")


def company_aggregates(programme=None) -> dict:
    """Counts only, never names: what an observer may see."""
    qs = Company.objects.all()
    if programme is not None:
        qs = qs.filter(participations__programme=programme)
    by_target = dict(qs.values_list("target_group").annotate(n=Count("id")).order_by())
    by_size = dict(qs.values_list("size_class").annotate(n=Count("id")).order_by())
    by_municipality = dict(qs.values_list("municipality_code").annotate(n=Count("id")).order_by())
    by_county: dict[str, int] = {}
    for code, n in by_municipality.items():
        by_county[code[:2]] = by_county.get(code[:2], 0) + n
    return {
        "total": sum(by_target.values()),
        "by_target_group": {str(TargetGroup(k).label): n for k, n in by_target.items()},
        "by_size_class": {(str(SizeClass(k).label) if k else ""): n for k, n in by_size.items()},
        "by_county": {municipalities.county_name(c) or c: n for c, n in sorted(by_county.items())},
    }


# --- eligibility at the point of support (companies/eligibility.py) -------------------


def eligibility_facts(company: Company) -> eligibility.Facts:
    """What the register knows of the firm, as the pure core takes it."""
    return eligibility.Facts(
        sme_status=company.size_class or "",
        sni_codes=tuple((s.version, s.code) for s in company.sni_codes.all()),
        municipality_code=company.municipality_code,
    )


def eligibility_of(company: Company, programme=None) -> eligibility.Eligibility:
    """The firm's eligibility; with a programme, that programme's override counts."""
    overridden: list[str] = []
    if programme is not None:
        override = EligibilityOverride.objects.filter(company=company, programme=programme).first()
        if override is not None:
            overridden = override.reason_codes
    return eligibility.assess(
        eligibility_facts(company),
        service_divisions=settings.DIPPS_SERVICE_DIVISIONS,
        region_counties=settings.DIPPS_REGION_COUNTIES,
        overridden=overridden,
    )


SECTOR_NAMES = {
    "fishery": gettext_lazy("fishery and aquaculture"),
    "agriculture": gettext_lazy("primary production of agricultural products"),
}


def reason_text(reason: eligibility.Reason) -> str:
    """One reason, in the page's language, naming the fact behind it."""
    if reason.code == "large":
        return _(
            "Its SME status is large: the programme supports small and medium-sized "
            "enterprises only (Commission Recommendation 2003/361/EC)."
        )
    if reason.code == "target_group":
        divisions = ", ".join(f"{d:02d}" for d in reason.divisions)
        return ngettext(
            "Outside the target group: SNI division %(divisions)s is neither industry "
            "(divisions 05–33) nor an industry-related service.",
            "Outside the target group: SNI divisions %(divisions)s are neither industry "
            "(divisions 05–33) nor industry-related services.",
            len(reason.divisions),
        ) % {"divisions": divisions}
    if reason.code == "region":
        name = municipalities.name(reason.municipality_code)
        return _(
            "Outside the programme region: the firm is in %(municipality)s, which lies in "
            "%(county)s, not in %(region)s."
        ) % {
            "municipality": name or reason.municipality_code,
            "county": municipalities.county_name(reason.municipality_code[:2]) or "–",
            "region": region_name(),
        }
    parts = [
        _("SNI %(code)s (SNI %(version)s) lies under %(listed)s, %(sector)s")
        % {
            "code": e.code,
            "version": e.version,
            "listed": e.rule.code,
            "sector": SECTOR_NAMES[e.ground],
        }
        for e in reason.exclusions
    ]
    return _(
        "In a sector excluded from de minimis aid (Regulation (EU) 2023/2831 art. 1(1)): %(codes)s."
    ) % {"codes": "; ".join(parts)}


def region_name() -> str:
    """The programme region's counties by name: "Västernorrlands län och Jämtlands län"."""
    names = [municipalities.county_name(c) or c for c in settings.DIPPS_REGION_COUNTIES]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


REASON_LABELS = {
    "large": gettext_lazy("large enterprise"),
    "target_group": gettext_lazy("outside the target group"),
    "region": gettext_lazy("outside the programme region"),
    "sector": gettext_lazy("excluded sector"),
}

UNKNOWN_TEXTS = {
    "size": gettext_lazy("The SME status is not known: record the firm's key figures."),
    "sni": gettext_lazy(
        "No SNI code is recorded: the target group and the sector cannot be checked."
    ),
}


@dataclass
class EligibilityPanel:
    eligibility: eligibility.Eligibility
    reasons: list[tuple[str, str]]  # (code, text)
    unknown: list[str]
    overrides: list[EligibilityOverride]
    # The programmes where the user may record or remove an override (manager there).
    manageable: list


def eligibility_panel(user, company: Company) -> EligibilityPanel:
    """The company page's eligibility section (the page has checked the user's access)."""
    result = eligibility_of(company)
    overrides = list(
        company.eligibility_overrides.select_related("programme", "decided_by").order_by(
            "programme__code"
        )
    )
    for o in overrides:
        o.reason_labels = ", ".join(str(REASON_LABELS.get(c, c)) for c in o.reason_codes)
        o.covers_all = set(result.codes) <= set(o.reason_codes)
    manageable = [
        p.programme
        for p in company.participations.select_related("programme").order_by("programme__code")
        if has_role_in(user, p.programme_id, MANAGERS)
    ]
    return EligibilityPanel(
        eligibility=result,
        reasons=[(r.code, reason_text(r)) for r in result.reasons],
        unknown=[str(UNKNOWN_TEXTS[u]) for u in result.unknown],
        overrides=overrides,
        manageable=manageable,
    )
