"""Reads of the scenario planner, always scoped to the asking user.

Staff (programme manager, coach, finance officer) see every company's cost structures and
runs; a company representative sees their own company's, read-only; an observer sees none,
only the programme aggregate (``programme_exposure``), which names no company.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dipps.accounts.models import Role
from dipps.accounts.roles import STAFF, has_role
from dipps.companies.selectors import companies_visible_to
from dipps.engagements.models import ActionItem
from dipps.engagements.selectors import engagements_visible_to

from . import correlation, risk, runs
from .model import ebit, margin, stress
from .models import CostStructure, PricePoint, PriceSeries, ScenarioRun

EDITORS = (Role.MANAGER, Role.COACH)
READERS = (*STAFF, Role.COMPANY)


def can_edit(user) -> bool:
    return has_role(user, *EDITORS)


def cost_structures_visible_to(user) -> QuerySet[CostStructure]:
    return CostStructure.objects.filter(company__in=companies_visible_to(user)).select_related(
        "company"
    )


def cost_structure_get(user, pk: int) -> CostStructure:
    return get_object_or_404(
        cost_structures_visible_to(user).prefetch_related("measures__action_item"), pk=pk
    )


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
    if not has_role(user, *READERS):
        return None
    if not companies_visible_to(user).filter(pk=company.pk).exists():
        return None
    cs = cost_structures_visible_to(user).filter(company=company).order_by("-year").first()
    summary = CompanySummary(cost_structure=cs, can_edit=can_edit(user))
    if cs is None:
        return summary
    base = cs.to_core()
    summary.ebit, summary.margin = ebit(base), margin(base)
    bars = risk.tornado(base, [], risk.tornado_ranges(risk.DEFAULT_FACTORS))
    summary.main_risk = bars[0] if bars and bars[0].swing > 0 else None
    return summary


def runs_visible_to(user) -> QuerySet[ScenarioRun]:
    return ScenarioRun.objects.filter(
        cost_structure__company__in=companies_visible_to(user)
    ).select_related("cost_structure__company")


def run_get(user, pk: int) -> ScenarioRun:
    return get_object_or_404(runs_visible_to(user), pk=pk)


def price_series() -> QuerySet[PriceSeries]:
    # Market prices, not a firm's data: every staff role may read them.
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
