"""Reads of the scenario planner, always scoped to the asking user.

A cost structure belongs to a company, so who may see or change it is decided by the roles
that count for that company (``companies.selectors.roles_for_company``): the staff of the
programmes it takes part in read it, their programme managers and coaches change it; its
representative reads their own company's; an observer sees none, only the programme
aggregate (``programme_firms``, summed up by ``aggregate``), which names no company.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import FIRM_READERS, WRITERS
from dipps.companies.selectors import companies_visible_to, company_check, roles_for_company
from dipps.engagements.models import ActionItem
from dipps.engagements.selectors import engagements_visible_to

from . import aggregate, correlation
from .models import CostStructure, PricePoint, PriceSeries, ScenarioRun


def can_edit(user, company) -> bool:
    """May the user change this company's cost structures and run them?"""
    return bool(roles_for_company(user, company) & set(WRITERS))


def cost_structures_visible_to(user, roles=FIRM_READERS) -> QuerySet[CostStructure]:
    return CostStructure.objects.filter(
        company__in=companies_visible_to(user, roles)
    ).select_related("company")


def programme_cost_structures(user, programme) -> list[CostStructure]:
    """The latest cost structure, with its measures, of each firm of `programme` whose
    cost structures the user may run (programme manager or coach), in firm name order."""
    qs = (
        cost_structures_visible_to(user, WRITERS)
        .filter(company__participations__programme=programme)
        .prefetch_related("measures")
        .order_by("company__name", "company_id", "-year")
    )
    latest: dict[int, CostStructure] = {}
    for cs in qs:
        latest.setdefault(cs.company_id, cs)
    return list(latest.values())


def cost_structure_get(user, pk: int, roles=FIRM_READERS) -> CostStructure:
    """One cost structure if one of `roles` counts for its company: 404 if the user may
    not see the company at all, 403 if they see it with another role."""
    cs = get_object_or_404(
        CostStructure.objects.select_related("company").prefetch_related("measures__action_item"),
        pk=pk,
    )
    company_check(user, cs.company, roles)
    return cs


def action_items_for(user, company) -> QuerySet[ActionItem]:
    """The company's action-plan items the user may see: what a measure may be linked to."""
    return (
        ActionItem.objects.filter(
            engagement__in=engagements_visible_to(user), engagement__company=company
        )
        .select_related("engagement__programme")
        .order_by("engagement__programme__code", "due", "id")
    )


# --- the company page's summary -----------------------------------------------------------


@dataclass(frozen=True)
class CompanyScenarios:
    """What the company page may show of a firm's scenarios: its latest cost structure (None
    when it has none yet) and whether the user may change it."""

    cost_structure: CostStructure | None
    can_edit: bool


def company_scenarios(user, company) -> CompanyScenarios | None:
    """The latest cost structure, or None for a role that may not see it.

    One query (the latest cost structure) once the user's roles are known; the figures are
    computed by the caller (``presenters.company_summary``), not here.
    """
    held = roles_for_company(user, company)
    if not held & set(FIRM_READERS):
        return None
    cs = CostStructure.objects.filter(company=company).order_by("-year").first()
    return CompanyScenarios(cost_structure=cs, can_edit=bool(held & set(WRITERS)))


def run_get(user, pk: int, roles=FIRM_READERS) -> ScenarioRun:
    """One run, decided by its company as ``cost_structure_get`` is."""
    run = get_object_or_404(ScenarioRun.objects.select_related("cost_structure__company"), pk=pk)
    company_check(user, run.cost_structure.company, roles)
    return run


def price_series() -> QuerySet[PriceSeries]:
    # Market prices, shared by every programme and not a firm's data.
    return PriceSeries.objects.order_by("name")


def history_estimate(horizon_days: int) -> correlation.HistoryEstimate | None:
    """Volatility and correlation of the series mapped to a shock factor, keyed by factor."""
    mapped = {s.pk: s.factor for s in PriceSeries.objects.exclude(factor="")}
    if not mapped:
        return None
    rows = [
        (p.date, mapped[p.series_id], float(p.value))
        for p in PricePoint.objects.filter(series_id__in=mapped).order_by("date")
    ]
    return correlation.estimate_from_history(rows, horizon_days)


# --- the programme view: aggregates only --------------------------------------------------


def programme_firms(programme) -> list[aggregate.Firm]:
    """The latest cost structure of each firm in the programme, with its measures, as the
    pure aggregate (``aggregate.programme_exposure``) reads them: no firm is named."""
    latest: dict[int, CostStructure] = {}
    qs = CostStructure.objects.filter(company__participations__programme=programme)
    for cs in qs.prefetch_related("measures").order_by("company_id", "-year"):
        latest.setdefault(cs.company_id, cs)
    return [
        aggregate.Firm(cs.year, cs.to_core(), [m.to_core() for m in cs.measures.all()])
        for cs in latest.values()
    ]
