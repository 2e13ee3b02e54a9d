"""Reads of the scenario planner, always scoped to the asking user.

A cost structure belongs to a company, so who may see or change it is decided by the roles
that count for that company (``companies.selectors.roles_for_company``): the staff of the
programmes it takes part in read it, their programme managers and coaches change it; its
representative reads their own company's; an observer sees none, only the programme
aggregate (``programme_exposure``), which names no company.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import FIRM_READERS, WRITERS
from dipps.companies.selectors import companies_visible_to, company_check, roles_for_company
from dipps.engagements.models import ActionItem
from dipps.engagements.selectors import engagements_visible_to

from . import correlation, risk, runs
from .model import ebit, margin, stress
from .models import CostStructure, PricePoint, PriceSeries, ScenarioRun


def can_edit(user, company) -> bool:
    """May the user change this company's cost structures and run them?"""
    return bool(roles_for_company(user, company) & set(WRITERS))


def cost_structures_visible_to(user, roles=FIRM_READERS) -> QuerySet[CostStructure]:
    return CostStructure.objects.filter(
        company__in=companies_visible_to(user, roles)
    ).select_related("company")


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


@dataclass
class CompanySummary:
    cost_structure: CostStructure | None
    ebit: Decimal | None = None
    margin: Decimal | None = None
    main_risk: risk.TornadoBar | None = None
    can_edit: bool = False


def company_summary(user, company) -> CompanySummary | None:
    """The latest cost structure in brief, or None for a role that may not see it.

    One query (the latest cost structure); the tornado is computed in memory on the
    illustrative ranges, without the measures, so the panel costs nothing more.
    """
    held = roles_for_company(user, company)
    if not held & set(FIRM_READERS):
        return None
    cs = CostStructure.objects.filter(company=company).order_by("-year").first()
    summary = CompanySummary(cost_structure=cs, can_edit=bool(held & set(WRITERS)))
    if cs is None:
        return summary
    base = cs.to_core()
    summary.ebit, summary.margin = ebit(base), margin(base)
    bars = risk.tornado(base, [], risk.tornado_ranges(risk.DEFAULT_FACTORS))
    summary.main_risk = bars[0] if bars and bars[0].swing > 0 else None
    return summary


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


@dataclass
class ShockExposure:
    key: str
    firms: int
    median_change: Decimal | None  # margin points, without measures
    median_change_with_measures: Decimal | None
    losses: int
    losses_with_measures: int


@dataclass
class ProgrammeExposure:
    firms: int
    year_from: int | None = None
    year_to: int | None = None
    median_margin: Decimal | None = None
    median_export_share: Decimal | None = None
    median_imported_materials_share: Decimal | None = None
    median_energy_share: Decimal | None = None
    median_labour_share: Decimal | None = None
    shocks: list[ShockExposure] = field(default_factory=list)


MIN_FIRMS = 3  # fewer firms and an aggregate could identify one


def _median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def programme_exposure(programme) -> ProgrammeExposure:
    """The latest cost structure of each firm in the programme, run through the named shocks."""
    latest: dict[int, CostStructure] = {}
    qs = CostStructure.objects.filter(company__participations__programme=programme)
    for cs in qs.prefetch_related("measures").order_by("company_id", "-year"):
        latest.setdefault(cs.company_id, cs)
    result = ProgrammeExposure(firms=len(latest))
    if len(latest) < MIN_FIRMS:
        return result
    years = [cs.year for cs in latest.values()]
    result.year_from, result.year_to = min(years), max(years)
    margins, export, imported, energy, labour = [], [], [], [], []
    changes: dict[str, tuple[list, list, list, list]] = {
        k: ([], [], [], []) for k in runs.PRESET_SHOCKS
    }
    for cs in latest.values():
        base = cs.to_core()
        revenue = base.total_revenue
        costs = (
            base.total_materials
            + base.electricity_cost
            + base.other_energy
            + base.labour
            + base.other
            + base.depreciation
        )
        if revenue > 0:
            export.append((revenue - base.revenue["SEK"]) / revenue)
        if base.total_materials > 0:
            imported.append((base.total_materials - base.materials["SEK"]) / base.total_materials)
        if costs > 0:
            energy.append((base.electricity_cost + base.other_energy) / costs)
            labour.append(base.labour / costs)
        before = margin(base)
        if before is None:
            continue
        margins.append(before)
        result_stress = stress(base, [m.to_core() for m in cs.measures.all()], runs.PRESET_SHOCKS)
        for key, outcome in result_stress.shocks.items():
            plain, improved, loss, loss_m = changes[key]
            if outcome.margin is not None:
                plain.append(outcome.margin - before)
            if (
                outcome.margin_with_measures is not None
                and result_stress.base.margin_with_measures is not None
            ):
                improved.append(
                    outcome.margin_with_measures - result_stress.base.margin_with_measures
                )
            loss.append(outcome.ebit < 0)
            loss_m.append(outcome.ebit_with_measures < 0)
    result.median_margin = _median(margins)
    result.median_export_share = _median(export)
    result.median_imported_materials_share = _median(imported)
    result.median_energy_share = _median(energy)
    result.median_labour_share = _median(labour)
    for key, (plain, improved, loss, loss_m) in changes.items():
        result.shocks.append(
            ShockExposure(
                key=key,
                firms=len(loss),
                median_change=_median(plain),
                median_change_with_measures=_median(improved),
                losses=sum(loss),
                losses_with_measures=sum(loss_m),
            )
        )
    return result
