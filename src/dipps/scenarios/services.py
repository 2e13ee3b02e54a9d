"""Writes of the scenario planner, each in one transaction and checked by the pure core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from dipps.core import audit

from . import risk, runs
from .history_import import PriceRow
from .model import FACTORS, Shock, validate_cost_structure, validate_measure, validate_shock
from .models import (
    CostStructure,
    Measure,
    PricePoint,
    PriceSeries,
    RunKind,
    ScenarioRun,
    Source,
)

COST_FIELDS = (
    "revenue_sek",
    "revenue_eur",
    "revenue_usd",
    "revenue_other",
    "materials_sek",
    "materials_eur",
    "materials_usd",
    "materials_other",
    "electricity_kwh",
    "electricity_price",
    "other_energy",
    "labour",
    "other",
    "depreciation",
)
MEASURE_FIELDS = (
    "type",
    "name",
    "kwh_reduction",
    "labour_reduction",
    "investment",
    "years",
    "materials_reduction",
    "action_item",
)


@transaction.atomic
def cost_structure_save(
    *,
    company,
    year: int,
    figures: Mapping[str, Decimal],
    by,
    source: str = Source.MANUAL,
    source_file: str = "",
    notes: str = "",
) -> CostStructure:
    """Create or replace the company's cost structure for ``year``."""
    instance = CostStructure.objects.filter(company=company, year=year).first()
    before = audit.snapshot(instance) if instance else {}
    if instance is None:
        instance = CostStructure(company=company, year=year)
    for name in COST_FIELDS:
        setattr(instance, name, Decimal(figures.get(name, 0) or 0))
    instance.source, instance.source_file, instance.notes = source, source_file, notes
    problems = validate_cost_structure(instance.to_core())
    if problems:
        raise ValidationError(problems)
    created = instance.pk is None
    instance.save()
    audit.record(
        instance=instance,
        action="create" if created else "update",
        by=by,
        changes=audit.diff(before, audit.snapshot(instance)),
    )
    return instance


def _measure_fill(measure: Measure, data: Mapping[str, object]) -> None:
    """Set the fields from ``data`` and check them; raises ValidationError, saves nothing."""
    for name in MEASURE_FIELDS:
        setattr(measure, name, data.get(name))
    problems = validate_measure(measure.to_core(), "measure")
    if measure.type == "automation" and not measure.years:
        problems.append("measure.years: must be more than 0")
    item = measure.action_item
    if item is not None and item.engagement.company_id != measure.cost_structure.company_id:
        problems.append(
            "measure.action_item: the action-plan item belongs to another company; "
            "choose one of this company's items"
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def measure_add(*, cost_structure: CostStructure, data: Mapping[str, object], by) -> Measure:
    measure = Measure(cost_structure=cost_structure)
    _measure_fill(measure, data)
    measure.save()
    audit.record(instance=measure, action="create", by=by, changes=audit.snapshot(measure))
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, data: Mapping[str, object], by) -> Measure:
    """Change a measure in place; the audit history keeps what changed from what to what.

    Runs already made keep their snapshot of the old measure, as they do for cost figures.
    """
    # Both snapshots as stored, so that 0.1 typed for a stored 0.1000 is no change.
    before = audit.snapshot(Measure.objects.get(pk=measure.pk))
    _measure_fill(measure, data)
    measure.save()
    measure.refresh_from_db()
    changes = audit.diff(before, audit.snapshot(measure))
    if changes:
        audit.record(instance=measure, action="update", by=by, changes=changes)
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    audit.record(instance=measure, action="delete", by=by, changes=audit.snapshot(measure))
    measure.delete()


def _core_inputs(cost_structure: CostStructure):
    return cost_structure.to_core(), [m.to_core() for m in cost_structure.measures.all()]


@transaction.atomic
def stress_run(*, cost_structure: CostStructure, shocks: Mapping[str, Shock], by) -> ScenarioRun:
    problems = [p for name, s in shocks.items() for p in validate_shock(s, f"shocks.{name}")]
    if not shocks:
        problems.append("shocks: choose at least one shock")
    if problems:
        raise ValidationError(problems)
    base, measures = _core_inputs(cost_structure)
    text = runs.stress_input(base, measures, shocks)
    outcome = runs.jsonio.run_stress(text)
    if outcome.problems:
        raise ValidationError(outcome.problems)
    return ScenarioRun.objects.create(
        cost_structure=cost_structure,
        kind=RunKind.STRESS,
        input_json=text,
        result_json=outcome.output or "",
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


@transaction.atomic
def montecarlo_run(
    *, cost_structure: CostStructure, factor_model: risk.FactorModel, draws: int, seed: int, by
) -> ScenarioRun:
    problems = risk.validate_factor_model(factor_model)
    if problems:
        raise ValidationError(problems)
    base, measures = _core_inputs(cost_structure)
    text = runs.montecarlo_input(base, measures, factor_model)
    outcome = runs.jsonio.run_montecarlo(text, draws=draws, seed=seed)
    if outcome.problems:
        raise ValidationError(outcome.problems)
    return ScenarioRun.objects.create(
        cost_structure=cost_structure,
        kind=RunKind.MONTECARLO,
        input_json=text,
        draws=draws,
        seed=seed,
        illustrative=factor_model.illustrative,
        assumptions=factor_model.source[:255],
        result_json=outcome.output or "",
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


@dataclass
class HistoryImportResult:
    series_created: int
    points_created: int
    points_updated: int


@transaction.atomic
def price_history_import(*, rows: list[PriceRow], by) -> HistoryImportResult:
    """Idempotent: a second import of the same file changes nothing."""
    series: dict[str, PriceSeries] = {}
    created_series = created = updated = 0
    for name in sorted({r.series for r in rows}):
        # A series named after a shock factor (fx.EUR, price.electricity …) is mapped at once.
        factor = name if name in FACTORS else ""
        series[name], was_created = PriceSeries.objects.get_or_create(
            name=name, defaults={"factor": factor}
        )
        created_series += was_created
    existing = {
        (p.series_id, p.date): p for p in PricePoint.objects.filter(series__in=series.values())
    }
    new, changed = [], []
    for row in rows:
        s = series[row.series]
        point = existing.get((s.pk, row.date))
        if point is None:
            new.append(PricePoint(series=s, date=row.date, value=row.value))
        elif point.value != row.value:
            point.value = row.value
            changed.append(point)
    PricePoint.objects.bulk_create(new)
    PricePoint.objects.bulk_update(changed, ["value"])
    created, updated = len(new), len(changed)
    for s in series.values():
        audit.record(
            instance=s,
            action="update",
            by=by,
            changes={"points_created": created, "points_updated": updated},
        )
    return HistoryImportResult(created_series, created, updated)


@transaction.atomic
def price_series_set_factor(*, series: PriceSeries, factor: str, by) -> PriceSeries:
    before = series.factor
    series.factor = factor
    series.save(update_fields=["factor"])
    audit.record(instance=series, action="update", by=by, changes={"factor": [before, factor]})
    return series
