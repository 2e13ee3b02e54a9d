"""Writes of the scenario planner against the database: validation, runs, price history."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from dipps.core.models import AuditEntry
from dipps.scenarios import aggregate, jsonio, risk, runs, selectors, services
from dipps.scenarios.history_import import parse_history
from dipps.scenarios.model import Shock
from dipps.scenarios.models import CostStructure, PricePoint, PriceSeries, RunKind, Source
from tests.factories import make_company

pytestmark = pytest.mark.django_db

FIGURES = {
    "revenue_sek": Decimal("10000000"),
    "revenue_eur": Decimal("8000000"),
    "revenue_usd": Decimal("2000000"),
    "materials_sek": Decimal("4000000"),
    "materials_eur": Decimal("3000000"),
    "electricity_kwh": Decimal("1500000"),
    "electricity_price": Decimal("0.85"),
    "other_energy": Decimal("300000"),
    "labour": Decimal("7000000"),
    "other": Decimal("2000000"),
    "depreciation": Decimal("800000"),
}


@pytest.fixture
def cs(world):
    return services.cost_structure_save(
        company=world.company, year=2024, figures=FIGURES, by=world.users["coach"]
    )


def test_saving_a_cost_structure_twice_updates_it_and_keeps_an_audit_trail(world, cs):
    again = services.cost_structure_save(
        company=world.company,
        year=2024,
        figures={**FIGURES, "labour": Decimal("7100000")},
        by=world.users["coach"],
        source=Source.SIE,
        source_file="bok.se",
    )
    assert again.pk == cs.pk and CostStructure.objects.count() == 1
    assert again.labour == Decimal("7100000") and again.source == "sie"
    entries = AuditEntry.objects.filter(model="scenarios.coststructure").order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["labour"] == ["7000000.00", "7100000"]


def test_a_negative_cost_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        services.cost_structure_save(
            company=world.company,
            year=2024,
            figures={**FIGURES, "electricity_kwh": Decimal(-1)},
            by=None,
        )
    assert "base.electricity_kwh: must not be negative, got -1" in error.value.messages
    assert not CostStructure.objects.exists()


def test_an_automation_measure_needs_years(cs):
    with pytest.raises(ValidationError):
        services.measure_add(
            cost_structure=cs,
            data={
                "type": "automation",
                "name": "Robot",
                "labour_reduction": Decimal("0.1"),
                "investment": Decimal(1000),
                "years": None,
            },
            by=None,
        )
    assert not cs.measures.exists()


def test_a_stress_run_matches_the_hand_computed_ebit_and_the_command(cs):
    services.measure_add(
        cost_structure=cs,
        data={"type": "energy_efficiency", "name": "LED", "kwh_reduction": Decimal("0.15")},
        by=None,
    )
    run = services.stress_run(
        cost_structure=cs, shocks={"el": Shock({"price.electricity": "1.0"})}, by=None
    )
    result = json.loads(run.result_json)
    # 20 000 000 − 7 000 000 − 1 275 000 − 300 000 − 7 000 000 − 2 000 000 − 800 000
    assert result["base"]["ebit"] == 1625000.0
    # 15 % fewer kWh: electricity 1 083 750, so EBIT 1 816 250 before any shock
    assert result["base"]["ebit_with_measures"] == 1816250.0
    # electricity doubles: 1 275 000 more (1 083 750 more with the measure)
    assert result["shocks"]["el"]["ebit"] == 350000.0
    assert result["shocks"]["el"]["ebit_with_measures"] == 732500.0
    assert jsonio.run_stress(run.input_json).output == run.result_json


def test_a_shock_below_minus_100_percent_is_refused(cs):
    with pytest.raises(ValidationError) as error:
        services.stress_run(cost_structure=cs, shocks={"x": Shock({"wage": "-1.5"})}, by=None)
    assert "below -100 %" in error.value.messages[0]


def test_a_monte_carlo_run_reproduces_exactly_from_its_stored_input(cs):
    run = services.montecarlo_run(
        cost_structure=cs, factor_model=risk.DEFAULT_FACTORS, draws=2000, seed=7, by=None
    )
    assert run.kind == RunKind.MONTECARLO and run.illustrative
    again = jsonio.run_montecarlo(run.input_json, draws=2000, seed=7)
    assert again.output == run.result_json
    parsed = runs.parse_input(run.input_json, run.illustrative)
    view = runs.risk_view(parsed, 2000, 7)
    stored = json.loads(run.result_json)
    assert (
        round(view.montecarlo.without_measures.ebit.mean, 2)
        == stored["without_measures"]["ebit"]["mean"]
    )


def test_an_invalid_correlation_matrix_is_refused(cs):
    matrix = risk.DEFAULT_FACTORS.correlation.copy()
    matrix[0, 1] = 0.9  # [1, 0] stays 0.6
    bad = risk.FactorModel(risk.DEFAULT_FACTORS.factors, risk.DEFAULT_FACTORS.marginals, matrix)
    with pytest.raises(ValidationError) as error:
        services.montecarlo_run(cost_structure=cs, factor_model=bad, draws=1000, seed=1, by=None)
    assert any("not symmetric" in m for m in error.value.messages)


CSV = b"date,series,value\n2020-01-31,fx.EUR,10.5\n2020-02-29,fx.EUR,10.7\n2020-01-31,SE2,0.5\n"


def test_price_history_imports_all_rows_and_a_second_import_adds_nothing(world):
    parsed = parse_history(CSV, "prices.csv")
    assert not parsed.errors and parsed.series == ["SE2", "fx.EUR"]
    first = services.price_history_import(rows=parsed.rows, by=None)
    second = services.price_history_import(rows=parsed.rows, by=None)
    assert (first.series_created, first.points_created) == (2, 3)
    assert (second.series_created, second.points_created, second.points_updated) == (0, 0, 0)
    assert PriceSeries.objects.get(name="fx.EUR").factor == "fx.EUR"
    assert PriceSeries.objects.get(name="SE2").factor == ""


def test_price_history_with_a_bad_row_reports_every_problem_by_row():
    data = CSV + b"2020-13-01,fx.EUR,1\n2020-03-31,fx.EUR,-2\n2020-01-31,fx.EUR,10.6\n"
    with translation.override("en"):
        parsed = parse_history(data, "prices.csv")
        messages = [str(e) for e in parsed.errors]
    assert [(e.row, e.column) for e in parsed.errors] == [(5, "date"), (6, "value"), (7, "date")]
    assert messages[0].startswith("Row 5, column date: “2020-13-01” is not a date")
    assert "above zero" in messages[1]
    assert "(row 2)" in messages[2]
    assert not PricePoint.objects.exists()


def test_the_history_estimate_uses_series_linked_to_a_factor(world):
    rows = "date,series,value\n" + "".join(
        f"2020-{m:02d}-01,fx.EUR,{10 + (m % 3) * 0.2}\n2020-{m:02d}-01,SE2,{1 + (m % 2) * 0.3}\n"
        for m in range(1, 13)
    )
    services.price_history_import(rows=parse_history(rows.encode(), "p.csv").rows, by=None)
    services.price_series_set_factor(
        series=PriceSeries.objects.get(name="SE2"), factor="price.electricity", by=None
    )
    estimate = selectors.history_estimate(30)
    assert estimate.series == ("fx.EUR", "price.electricity")
    assert estimate.returns == 11  # 2020-01-01 .. 2020-12-01 in steps of 30 days


def programme_exposure(programme):
    return aggregate.programme_exposure(selectors.programme_firms(programme), runs.PRESET_SHOCKS)


def test_the_programme_view_needs_three_firms_and_names_none(world, cs):
    assert programme_exposure(world.programme).shocks == []
    for n in range(2):
        company = make_company(programme=world.programme)
        services.cost_structure_save(company=company, year=2023 + n, figures=FIGURES, by=None)
    exposure = programme_exposure(world.programme)
    assert exposure.firms == 3 and (exposure.year_from, exposure.year_to) == (2023, 2024)
    assert exposure.median_margin == Decimal("0.08125")  # 1 625 000 / 20 000 000
    assert exposure.median_export_share == Decimal("0.5")
    wages = next(s for s in exposure.shocks if s.key == "wages")
    assert wages.median_change == Decimal("-0.014")  # 4 % of 7 000 000 / 20 000 000
    assert wages.losses == 0
