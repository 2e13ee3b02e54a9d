"""The deterministic scenario model, its validation and the `dipps scenario stress` contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipps.scenarios.jsonio import run_file, run_montecarlo, run_stress
from dipps.scenarios.model import (
    FACTORS,
    Automation,
    CostStructure,
    EnergyEfficiency,
    MaterialEfficiency,
    Shock,
    apply_measures,
    ebit,
    exposure,
    margin,
    revenue_after,
    stress,
    validate_cost_structure,
    validate_measures,
    validate_shock,
)

D = Decimal
SRC = Path(__file__).resolve().parents[2] / "src"

# A sawmill-sized example, worked by hand in the comments below.
FIRM = CostStructure(
    revenue={"SEK": 10_000_000, "EUR": 8_000_000, "USD": 2_000_000},
    materials={"SEK": 4_000_000, "EUR": 3_000_000},
    electricity_kwh=1_500_000,
    electricity_price_sek_per_kwh=D("0.85"),
    other_energy=300_000,
    labour=7_000_000,
    other=2_000_000,
    depreciation=800_000,
)
PLAN = [
    EnergyEfficiency(D("0.15")),
    Automation(D("0.10"), D(2_000_000), D(5)),
    MaterialEfficiency(D("0.05")),
]
STRESS_INPUT = {
    "base": {
        "revenue": {"SEK": 10000000, "EUR": 8000000, "USD": 2000000},
        "materials": {"SEK": 4000000, "EUR": 3000000},
        "electricity_kwh": 1500000,
        "electricity_price_sek_per_kwh": 0.85,
        "other_energy": 300000,
        "labour": 7000000,
        "other": 2000000,
        "depreciation": 800000,
    },
    "measures": [
        {"type": "energy_efficiency", "kwh_reduction": 0.15},
        {"type": "automation", "labour_reduction": 0.10, "investment": 2000000, "years": 5},
        {"type": "material_efficiency", "materials_reduction": 0.05},
    ],
    "shocks": {
        "krona -10 %": {"fx.EUR": -0.1, "fx.USD": -0.1, "fx.other": -0.1},
        "a bad year": {"fx.EUR": -0.1, "price.electricity": 1.0, "wage": 0.04},
    },
}


# --- EBIT by hand -----------------------------------------------------------------------------


def test_base_ebit_is_revenue_less_every_cost():
    # 20 000 000 − (7 000 000 + 1 275 000 + 300 000 + 7 000 000 + 2 000 000 + 800 000)
    assert ebit(FIRM) == D("1625000.00")
    assert margin(FIRM) == D("0.08125")


def test_a_weaker_euro_raises_euro_revenue_and_euro_materials_alike():
    # revenue 10 000 000 + 8 800 000 + 2 000 000; materials 4 000 000 + 3 300 000
    assert ebit(FIRM, {"fx.EUR": D("0.1")}) == D("2125000.00")


def test_materials_bought_abroad_feel_both_the_currency_and_the_price():
    firm = CostStructure(revenue={"SEK": 1000, "EUR": 1000}, materials={"EUR": 500})
    # 1000 + 1000·1.1 − 500·1.1·1.2 = 2100 − 660
    assert ebit(firm, {"fx.EUR": D("0.1"), "price.materials": D("0.2")}) == D("1440.00")
    assert revenue_after(firm, {"fx.EUR": D("0.1")}) == D("2100.0")


def test_a_bad_year_combines_its_shocks():
    # revenue 19 200 000; materials 6 700 000; electricity 2 550 000; labour 7 280 000
    shock = Shock({"fx.EUR": D("-0.1"), "price.electricity": D(1), "wage": D("0.04")})
    assert ebit(FIRM, shock) == D("-430000.00")


def test_every_factor_moves_ebit_by_its_own_cost_line():
    one_percent = D("0.01")
    expected = {
        "fx.EUR": D("50000"),  # (8 000 000 − 3 000 000) · 1 %
        "fx.USD": D("20000"),
        "fx.other": D("0"),
        "price.materials": D("-70000"),
        "price.electricity": D("-12750"),
        "price.other_energy": D("-3000"),
        "wage": D("-70000"),
        "price.other": D("-20000"),
    }
    moves = {f: ebit(FIRM, {f: one_percent}) - ebit(FIRM) for f in FACTORS}
    assert moves == expected


# --- measures -------------------------------------------------------------------------------


def test_measures_change_the_base_before_the_shock():
    improved = apply_measures(FIRM, PLAN)
    assert improved.electricity_kwh == D("1275000.00")
    assert improved.labour == D("6300000.00")
    assert improved.depreciation == D("1200000")  # 800 000 + 2 000 000 / 5
    assert improved.materials == {
        "SEK": D("3800000.00"),
        "EUR": D("2850000.00"),
        "USD": D("0.00"),
        "OTHER": D("0.00"),
    }
    assert ebit(improved) == D("2466250.0000")


def test_two_measures_of_one_kind_compound():
    improved = apply_measures(FIRM, [EnergyEfficiency(D("0.5")), EnergyEfficiency(D("0.5"))])
    assert improved.electricity_kwh == D("375000.00")


def test_stress_reports_with_and_without_measures_for_the_base_and_each_shock():
    result = stress(FIRM, PLAN, {"electricity x2": {"price.electricity": D(1)}})
    assert result.base.ebit == D("1625000.00")
    assert result.base.ebit_with_measures == D("2466250.0000")
    shocked = result.shocks["electricity x2"]
    assert shocked.ebit == D("350000.00")  # 1 625 000 − 1 275 000
    assert shocked.ebit_with_measures == D("1382500.0000")  # 2 466 250 − 1 083 750
    assert shocked.margin == D("0.0175")


def test_margin_is_undefined_without_revenue():
    firm = CostStructure(labour=100)
    assert margin(firm) is None
    assert ebit(firm) == D(-100)


# --- validation -----------------------------------------------------------------------------


def test_it_rejects_negative_kwh_and_costs_naming_each_field():
    firm = CostStructure(
        revenue={"SEK": -1}, materials={"EUR": -2}, electricity_kwh=-3, labour=-4, other=-5
    )
    assert validate_cost_structure(firm) == [
        "base.revenue.SEK: must not be negative, got -1",
        "base.materials.EUR: must not be negative, got -2",
        "base.electricity_kwh: must not be negative, got -3",
        "base.labour: must not be negative, got -4",
        "base.other: must not be negative, got -5",
    ]


def test_it_rejects_an_unknown_currency():
    problems = validate_cost_structure(CostStructure(revenue={"GBP": 5}))
    assert problems == [
        "base.revenue.GBP: unknown currency 'GBP'; expected one of SEK, EUR, USD, OTHER"
    ]


def test_it_rejects_a_shock_below_minus_100_percent_but_accepts_minus_100():
    assert validate_shock(Shock({"price.electricity": D(-1)})) == []
    assert validate_shock(Shock({"price.electricity": D("-1.01")})) == [
        "shock.price.electricity: a change below -100 % is impossible (a price cannot be "
        "negative), got -1.01"
    ]


def test_it_rejects_an_unknown_shock_factor():
    assert validate_shock(Shock({"fx.GBP": D("0.1")}), "shocks.brexit") == [
        "shocks.brexit.fx.GBP: unknown shock factor 'fx.GBP'; expected one of " + ", ".join(FACTORS)
    ]


def test_it_rejects_reductions_outside_zero_to_one_and_years_of_zero():
    measures = [
        EnergyEfficiency(D("1.2")),
        MaterialEfficiency(D("-0.1")),
        Automation(D("0.1"), D(-5), D(0)),
    ]
    assert validate_measures(measures) == [
        "measures[0].kwh_reduction: must be a share between 0 and 1 (0.15 = 15 %), got 1.2",
        "measures[1].materials_reduction: must be a share between 0 and 1 (0.15 = 15 %), got -0.1",
        "measures[2].investment: must not be negative, got -5",
        "measures[2].years: must be more than 0, got 0",
    ]


def test_it_rejects_an_unknown_measure_type():
    assert validate_measures(["robots"]) == [
        "measures[0]: unknown measure type 'robots'; expected one of energy_efficiency, "
        "automation, material_efficiency"
    ]


# --- invariants -----------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**9, places=2)
changes = st.decimals(min_value=-1, max_value=3, places=4)


@st.composite
def cost_structures(draw, foreign_materials=True):
    currencies = ("SEK", "EUR", "USD", "OTHER") if foreign_materials else ("SEK",)
    return CostStructure(
        revenue={c: draw(amounts) for c in ("SEK", "EUR", "USD", "OTHER")},
        materials={c: draw(amounts) for c in currencies},
        electricity_kwh=draw(amounts),
        electricity_price_sek_per_kwh=draw(st.decimals(min_value=0, max_value=5, places=4)),
        other_energy=draw(amounts),
        labour=draw(amounts),
        other=draw(amounts),
        depreciation=draw(amounts),
    )


@pytest.mark.slow
@given(cost_structures())
def test_a_zero_shock_leaves_ebit_at_revenue_less_costs(firm):
    costs = (
        firm.total_materials
        + firm.electricity_kwh * firm.electricity_price_sek_per_kwh
        + firm.other_energy
        + firm.labour
        + firm.other
        + firm.depreciation
    )
    assert ebit(firm, {f: D(0) for f in FACTORS}) == firm.total_revenue - costs


@pytest.mark.slow
@given(cost_structures(foreign_materials=False), st.decimals(min_value=0, max_value=1, places=4))
def test_a_stronger_krona_never_raises_ebit_for_a_pure_exporter(firm, strengthening):
    shock = {"fx.EUR": -strengthening, "fx.USD": -strengthening, "fx.other": -strengthening}
    assert ebit(firm, shock) <= ebit(firm)


@pytest.mark.slow
@given(cost_structures(), st.dictionaries(st.sampled_from(FACTORS), changes))
def test_measures_without_investment_never_lower_ebit(firm, shock):
    plan = [EnergyEfficiency(D("0.2")), MaterialEfficiency(D("0.1")), Automation(D("0.1"), 0, 1)]
    assert ebit(apply_measures(firm, plan), shock) >= ebit(firm, shock)


# --- the JSON contract ----------------------------------------------------------------------


def test_stress_json_matches_the_hand_computation_rounded_at_the_edge():
    outcome = run_stress(json.dumps(STRESS_INPUT))
    assert outcome.exit_code == 0
    assert outcome.problems == [] and outcome.warnings == []
    assert json.loads(outcome.output) == {
        "base": {
            "ebit": 1625000.0,
            "margin": 0.0813,  # 0.08125 rounds half up
            "ebit_with_measures": 2466250.0,
            "margin_with_measures": 0.1233,
        },
        "shocks": {
            # revenue 19 000 000; materials 6 700 000 (6 365 000 with measures)
            "krona -10 %": {
                "ebit": 925000.0,
                "margin": 0.0487,
                "ebit_with_measures": 1751250.0,
                "margin_with_measures": 0.0922,
            },
            "a bad year": {
                "ebit": -430000.0,
                "margin": -0.0224,
                "ebit_with_measures": 615500.0,
                "margin_with_measures": 0.0321,
            },
        },
    }
    assert '"ebit": 1625000.00,' in outcome.output


def test_stress_json_writes_null_margins_and_a_warning_when_revenue_is_zero():
    outcome = run_stress('{"base": {"labour": 100}}')
    assert json.loads(outcome.output)["base"] == {
        "ebit": -100.0,
        "margin": None,
        "ebit_with_measures": -100.0,
        "margin_with_measures": None,
    }
    assert outcome.warnings == ["base.revenue: revenue is zero, so the margin is undefined (null)"]


def test_bad_input_yields_every_problem_and_exit_status_2():
    bad = {
        "base": {"revenue": {"SEK": -5}, "labour": "lots", "wages": 1},
        "measures": [{"type": "teleport"}, {"type": "automation", "labour_reduction": 0.1}],
        "shocks": {"x": {"fx.EUR": -1.5}},
    }
    outcome = run_stress(json.dumps(bad))
    assert outcome.exit_code == 2
    assert outcome.output is None
    assert outcome.problems == [
        "base.wages: unknown field; expected one of revenue, materials, electricity_kwh, "
        "electricity_price_sek_per_kwh, other_energy, labour, other, depreciation",
        'base.labour: expected a number, got "lots"',
        "base.revenue.SEK: must not be negative, got -5",
        'measures[0].type: unknown measure type "teleport"; expected one of energy_efficiency, '
        "automation, material_efficiency",
        "measures[1].investment: missing; a measure of type automation needs it",
        "measures[1].years: missing; a measure of type automation needs it",
        "shocks.x.fx.EUR: a change below -100 % is impossible (a price cannot be negative), "
        "got -1.5",
    ]


def test_broken_json_and_missing_files_are_problems_not_tracebacks(tmp_path):
    assert run_stress('{"base": ').problems == [
        "not valid JSON: Expecting value at line 1, column 10"
    ]
    missing = tmp_path / "none.json"
    assert run_file(str(missing), run_stress).problems == [
        f"{missing}: cannot read the file: No such file or directory"
    ]


def test_montecarlo_json_names_a_correlation_that_is_not_positive_semi_definite():
    data = {
        "base": STRESS_INPUT["base"],
        "factors": {
            "fx.EUR": {"distribution": "normal", "mean": 0, "sd": 0.05},
            "fx.USD": {"distribution": "normal", "mean": 0, "sd": 0.05},
            "wage": {"distribution": "triangular", "low": 0.02, "mode": 0.03, "high": 0.05},
        },
        "correlation": [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]],
    }
    outcome = run_montecarlo(json.dumps(data), draws=1000, seed=1)
    assert outcome.exit_code == 2
    assert outcome.problems[0].startswith(
        "correlation: not positive semi-definite (smallest eigenvalue -0.8"
    )
    assert outcome.problems[1].startswith("correlation: the nearest valid correlation matrix is")


@pytest.mark.slow
def test_the_command_prints_json_or_problems_with_exit_status_2(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(STRESS_INPUT))
    bad.write_text('{"base": {"labour": -1}, "shocks": {"s": {"wage": -2}}}')
    env = {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "dipps.settings"}

    def run(path):
        command = [sys.executable, "-m", "dipps", "scenario", "stress", str(path)]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    ok = run(good)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["shocks"]["a bad year"]["ebit"] == -430000.0
    failed = run(bad)
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert failed.stderr.splitlines() == [
        "base.labour: must not be negative, got -1",
        "shocks.s.wage: a change below -100 % is impossible (a price cannot be negative), got -2",
    ]


def test_the_total_costs_are_every_cost_before_a_shock():
    # 7 000 000 materials + 1 275 000 electricity + 300 000 other energy + 7 000 000 labour
    # + 2 000 000 other + 800 000 depreciation; revenue less this is the EBIT.
    assert FIRM.total_costs == D(18_375_000)
    assert FIRM.total_revenue - FIRM.total_costs == ebit(FIRM) == D(1_625_000)
    assert CostStructure().total_costs == 0


def test_the_exposure_shares_are_shares_of_revenue_materials_and_costs():
    shares = exposure(FIRM)
    assert shares.export == D("0.5")
    assert shares.imported_materials == D(3_000_000) / D(7_000_000)
    assert shares.energy == D(1_575_000) / D(18_375_000)
    assert shares.labour == D(7_000_000) / D(18_375_000)
    empty = exposure(CostStructure())
    assert (empty.export, empty.imported_materials, empty.energy, empty.labour) == (None,) * 4
