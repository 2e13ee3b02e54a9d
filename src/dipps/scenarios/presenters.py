"""What a run page, its PDF and its spreadsheet show: tables, charts and a few key numbers.

One function builds the context from a stored run, so the page, the report and the download
cannot disagree. Results are recomputed from the run's stored input (seeded, exact).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from dipps.core.exporters import Table

from . import charts, model, risk, runs, selectors
from .forms import FACTOR_LABELS
from .model import CostStructure
from .models import CostStructure as StoredCostStructure
from .models import RunKind, ScenarioRun

HUNDRED = Decimal(100)


def _pct(share) -> Decimal | None:
    return None if share is None else Decimal(repr(float(share))) * HUNDRED


@dataclass
class Exposure:
    revenue: Decimal
    export_share: Decimal | None
    imported_share: Decimal | None
    energy_share: Decimal | None
    labour_share: Decimal | None


def exposure(base: CostStructure) -> Exposure:
    """The model's exposure shares in per cent, for the run page and its report."""
    shares = model.exposure(base)

    def percent(share: Decimal | None) -> Decimal | None:
        return None if share is None else share * HUNDRED

    return Exposure(
        revenue=base.total_revenue,
        export_share=percent(shares.export),
        imported_share=percent(shares.imported_materials),
        energy_share=percent(shares.energy),
        labour_share=percent(shares.labour),
    )


@dataclass
class CompanySummary:
    cost_structure: StoredCostStructure | None
    can_edit: bool = False
    ebit: Decimal | None = None
    margin: Decimal | None = None
    main_risk: risk.TornadoBar | None = None


def company_summary(user, company) -> CompanySummary | None:
    """The company page's panel: the latest cost structure in brief, or None for a role
    that may not see it.

    The selector reads (one query); the figures come from the pure core, in memory, on the
    illustrative ranges and without the measures, so the panel costs nothing more.
    """
    found = selectors.company_scenarios(user, company)
    if found is None:
        return None
    summary = CompanySummary(cost_structure=found.cost_structure, can_edit=found.can_edit)
    if found.cost_structure is not None:
        base = found.cost_structure.to_core()
        summary.ebit, summary.margin = model.ebit(base), model.margin(base)
        summary.main_risk = risk.main_risk(base)
    return summary


def _stress_context(parsed: runs.Parsed) -> dict:
    result = runs.stress_result(parsed)
    rows = [(_("No shock"), result.base)] + list(result.shocks.items())
    table = [
        {
            "name": name,
            "ebit": o.ebit,
            "margin": _pct(o.margin),
            "ebit_with": o.ebit_with_measures,
            "margin_with": _pct(o.margin_with_measures),
            "change": o.ebit - result.base.ebit,
            "change_with": o.ebit_with_measures - result.base.ebit_with_measures,
        }
        for name, o in rows
    ]
    series = [_("without measures"), _("with measures")]
    chart = charts.grouped_bars(
        _("EBIT by shock"),
        _(
            "Bar chart of operating profit (EBIT) under each shock, without and with the "
            "measures; the numbers are in the table."
        ),
        [(r["name"], [r["ebit"], r["ebit_with"]]) for r in table],
        series,
        "stress",
        unit=_("Operating profit (EBIT), kr"),
    )
    worst = sorted(table[1:], key=lambda r: r["change"])
    return {
        "stress_rows": table,
        "stress_chart": chart,
        "undefined_margin": any(r["margin"] is None for r in table),
        "main_risks": worst[:3],
    }


def _montecarlo_context(parsed: runs.Parsed, run: ScenarioRun) -> dict:
    view = runs.risk_view(parsed, run.draws or 100_000, run.seed)
    mc = view.montecarlo
    without, with_ = mc.without_measures, mc.with_measures

    def stat_rows():
        rows = []
        for key, label in (
            ("mean", _("mean")),
            ("p5", _("5th percentile")),
            ("p50", _("median")),
            ("p95", _("95th percentile")),
        ):
            rows.append(("ebit", label, getattr(without.ebit, key), getattr(with_.ebit, key)))
        for key, label in (
            ("mean", _("mean")),
            ("p5", _("5th percentile")),
            ("p50", _("median")),
            ("p95", _("95th percentile")),
        ):
            rows.append(
                (
                    "margin",
                    label,
                    _pct(getattr(without.margin, key)) if without.margin else None,
                    _pct(getattr(with_.margin, key)) if with_.margin else None,
                )
            )
        return rows

    with_bars = {b.factor: b for b in view.tornado_with_measures}
    tornado_rows = [
        {
            "factor": FACTOR_LABELS[b.factor],
            "low": _pct(b.low),
            "high": _pct(b.high),
            "ebit_low": b.ebit_low,
            "ebit_high": b.ebit_high,
            "swing": b.swing,
            "swing_with": with_bars[b.factor].swing,
            "sobol": _pct(mc.sobol.get(b.factor, 0.0)),
            "sobol_with": _pct(mc.sobol_with_measures.get(b.factor, 0.0)),
        }
        for b in view.tornado
    ]
    base_ebit = runs.stress_result(parsed).base.ebit
    edges = mc.histogram.edges
    bins = [
        (
            Decimal(repr(edges[i])),
            Decimal(repr(edges[i + 1])),
            mc.histogram.without_measures[i],
            mc.histogram.with_measures[i],
        )
        for i in range(len(edges) - 1)
    ]
    return {
        "mc": mc,
        "mc_rows": stat_rows(),
        "loss": (_pct(without.probability_of_loss), _pct(with_.probability_of_loss)),
        "tornado_rows": tornado_rows,
        "main_risks": tornado_rows[:3],
        "tornado_chart": charts.tornado(
            _("Tornado: EBIT with each factor at its 5th and 95th percentile"),
            _(
                "Each bar spans EBIT with one factor at its low and at its high, the others "
                "unchanged, widest first; the line is EBIT without any shock. The numbers are in "
                "the table."
            ),
            base_ebit,
            [(str(r["factor"]), r["ebit_low"], r["ebit_high"]) for r in tornado_rows],
            "tornado",
            unit=_("Operating profit (EBIT), kr"),
        ),
        "histogram_chart": charts.histogram(
            _("Distribution of EBIT over %(draws)s simulated years") % {"draws": mc.draws},
            _(
                "Histogram of simulated operating profit without and with the measures; the "
                "dashed line is zero. The counts per interval are in the table."
            ),
            edges,
            [
                (_("without measures"), mc.histogram.without_measures),
                (_("with measures"), mc.histogram.with_measures),
            ],
            "histogram",
            unit=_("Operating profit (EBIT), kr"),
            count_unit=_("Simulated years"),
        ),
        "bins": bins,
    }


def run_context(run: ScenarioRun) -> dict:
    parsed = runs.parse_input(run.input_json, run.illustrative, run.assumptions)
    context = {
        "run": run,
        "cs": run.cost_structure,
        "exposure": exposure(parsed.base),
        "measures": parsed.measures,
    }
    if run.kind == RunKind.STRESS:
        context.update(_stress_context(parsed))
    else:
        context.update(_montecarlo_context(parsed, run))
    return context


def run_table(run: ScenarioRun, context: dict) -> Table:
    name = f"{run.cost_structure.company.name} {run.cost_structure.year} {run.get_kind_display()}"
    if run.kind == RunKind.STRESS:
        headers = [
            _("Shock"),
            _("EBIT"),
            _("Margin (%)"),
            _("EBIT with measures"),
            _("Margin with measures (%)"),
        ]
        rows = [
            [r["name"], r["ebit"], r["margin"], r["ebit_with"], r["margin_with"]]
            for r in context["stress_rows"]
        ]
        return Table(name, headers, rows)
    headers = [_("Section"), _("Item"), _("Without measures"), _("With measures")]
    rows = [
        [_("EBIT") if k == "ebit" else _("Margin (%)"), label, a, b]
        for k, label, a, b in context["mc_rows"]
    ]
    rows.append([_("Risk"), _("probability of a loss (%)"), *context["loss"]])
    for r in context["tornado_rows"]:
        rows.append([_("Tornado: swing in EBIT"), str(r["factor"]), r["swing"], r["swing_with"]])
    for r in context["tornado_rows"]:
        rows.append([_("Share of variance (%)"), str(r["factor"]), r["sobol"], r["sobol_with"]])
    return Table(name, headers, rows)
