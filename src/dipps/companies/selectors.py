"""Reads for the company register, always scoped to the asking user.

Staff roles (programme manager, coach, finance officer) see the register;
a company representative sees only their own company; an observer sees no
company (aggregates only, see `company_aggregates`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import STAFF, has_role, represented_company_ids

from . import municipalities
from .models import Company, SizeClass, TargetGroup


def companies_visible_to(user) -> QuerySet[Company]:
    if has_role(user, *STAFF):
        return Company.objects.all()
    ids = represented_company_ids(user)
    return Company.objects.filter(id__in=ids)


def company_get(user, pk: int) -> Company:
    """404 (not 403) for a company the user may not see: do not reveal it exists."""
    return get_object_or_404(
        companies_visible_to(user).prefetch_related(
            "sni_codes", "key_figures", "contacts", "related", "participations__programme"
        ),
        pk=pk,
    )


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
    qs = companies_visible_to(user)
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
