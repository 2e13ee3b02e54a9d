"""Tornado, Monte Carlo, Sobol shares, correlation checks and history estimates."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest

from dipps.scenarios.model import FACTORS, CostStructure, EnergyEfficiency, ebit
from dipps.scenarios.risk import (
    DEFAULT_FACTORS,
    FactorModel,
    HistoryError,
    LinearForm,
    Normal,
    Triangular,
    check_correlation,
    draw_factors,
    ebit_draws,
    estimate_from_history,
    linear_form,
    main_risk,
    monte_carlo,
    nearest_correlation,
    normal_cdf,
    sobol_exact,
    sobol_from_draws,
    tornado,
    tornado_ranges,
    validate_factor_model,
)

D = Decimal

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
# Buys all its materials in SEK: EBIT is then exactly linear in the factors.
LINEAR_FIRM = CostStructure(
    revenue={"SEK": 6_000_000, "EUR": 9_000_000, "USD": 3_000_000},
    materials={"SEK": 6_000_000},
    electricity_kwh=2_000_000,
    electricity_price_sek_per_kwh=D("1.10"),
    other_energy=500_000,
    labour=5_000_000,
    other=1_500_000,
    depreciation=600_000,
)


def normal_model(correlation: np.ndarray) -> FactorModel:
    sds = (0.06, 0.09, 0.08, 0.10, 0.40, 0.15, 0.01, 0.02)
    return FactorModel(FACTORS, tuple(Normal(0.01, sd) for sd in sds), correlation)


# --- tornado --------------------------------------------------------------------------------


def test_tornado_puts_the_widest_swing_first_and_breaks_ties_in_factor_order():
    ranges = {f: (D("-0.1"), D("0.1")) for f in FACTORS}
    bars = tornado(FIRM, [], ranges)
    assert [(bar.factor, bar.swing) for bar in bars] == [
        ("price.materials", D("1400000.000")),
        ("wage", D("1400000.000")),
        ("fx.EUR", D("1000000.000")),
        ("fx.USD", D("400000.000")),
        ("price.other", D("400000.000")),
        ("price.electricity", D("255000.0000")),
        ("price.other_energy", D("60000.000")),
        ("fx.other", D("0.000")),
    ]
    assert (bars[0].ebit_low, bars[0].ebit_high) == (D("2325000.000"), D("925000.000"))


def test_tornado_applies_the_measures_first():
    bars = tornado(FIRM, [EnergyEfficiency(D("0.5"))], {"price.electricity": (D(0), D(1))})
    assert bars[0].swing == D("637500.00")  # half of 1 275 000


def test_tornado_ranges_are_the_5th_and_95th_percentiles():
    model = FactorModel(
        ("wage", "price.electricity"),
        (Normal(0.03, 0.01), Triangular(0.0, 0.0, 1.0)),
        np.eye(2),
    )
    ranges = tornado_ranges(model)
    assert [float(v) for v in ranges["wage"]] == pytest.approx([0.0135515, 0.0464485], abs=1e-7)
    low, high = ranges["price.electricity"]
    assert (float(low), float(high)) == pytest.approx((1 - math.sqrt(0.95), 1 - math.sqrt(0.05)))


# --- Monte Carlo ----------------------------------------------------------------------------


def test_the_same_seed_reproduces_the_result_exactly_and_another_seed_does_not():
    first = monte_carlo(FIRM, [EnergyEfficiency(D("0.2"))], draws=20_000, seed=42)
    again = monte_carlo(FIRM, [EnergyEfficiency(D("0.2"))], draws=20_000, seed=42)
    other = monte_carlo(FIRM, [EnergyEfficiency(D("0.2"))], draws=20_000, seed=43)
    assert first == again
    assert first.without_measures != other.without_measures
    assert first.illustrative is True


def test_vectorised_ebit_agrees_with_the_exact_model_draw_by_draw():
    x = draw_factors(DEFAULT_FACTORS, 50, seed=7)
    y = ebit_draws(linear_form(FIRM, FACTORS), x)
    exact = [
        float(ebit(FIRM, dict(zip(FACTORS, map(float, x[:, j]), strict=True)))) for j in range(50)
    ]
    assert y == pytest.approx(exact, rel=1e-12, abs=1e-6)


def test_summaries_match_numpy_percentiles_histogram_and_loss_share():
    seed, draws = 5, 30_000
    result = monte_carlo(FIRM, [], draws=draws, seed=seed, bins=20)
    y = ebit_draws(linear_form(FIRM, FACTORS), draw_factors(DEFAULT_FACTORS, draws, seed))
    s = result.without_measures
    assert [s.ebit.p5, s.ebit.p50, s.ebit.p95] == pytest.approx(
        list(np.percentile(y, [5, 50, 95])), rel=1e-12
    )
    assert s.ebit.mean == pytest.approx(float(y.mean()), rel=1e-9)
    assert s.probability_of_loss == np.count_nonzero(y < 0) / draws
    assert result.histogram.without_measures == list(np.histogram(y, result.histogram.edges)[0])
    assert sum(result.histogram.with_measures) == draws


def test_measures_shift_the_distribution_by_their_saving_when_nothing_else_varies():
    model = FactorModel(("wage",), (Normal(0.0, 0.05),), np.eye(1))
    result = monte_carlo(FIRM, [EnergyEfficiency(D("0.2"))], model, draws=10_000, seed=1)
    shift = result.with_measures.ebit.mean - result.without_measures.ebit.mean
    assert shift == pytest.approx(255_000.0, rel=1e-12)  # 20 % of 1 275 000


def test_monte_carlo_margin_is_none_without_revenue():
    result = monte_carlo(CostStructure(labour=100), [], draws=1_000, seed=1)
    assert result.without_measures.margin is None
    assert result.without_measures.probability_of_loss == 1.0


def test_triangular_draws_follow_their_distribution():
    model = FactorModel(("price.electricity",), (Triangular(-0.4, 0.0, 1.0),), np.eye(1))
    x = draw_factors(model, 200_000, seed=3)[0]
    assert x.min() >= -0.4 and x.max() <= 1.0
    assert x.mean() == pytest.approx(0.2, abs=0.003)
    assert np.mean(x < 0) == pytest.approx(0.4 / 1.4, abs=0.003)


def test_normal_cdf_is_accurate_to_two_parts_in_ten_million():
    z = np.linspace(-8, 8, 3201)
    exact = np.array([0.5 * math.erfc(-v / math.sqrt(2)) for v in z])
    assert np.max(np.abs(normal_cdf(z) - exact)) < 2e-7


# --- Sobol ----------------------------------------------------------------------------------


def _form(a: list[float]) -> LinearForm:
    k = len(a)
    return LinearForm(tuple(FACTORS[:k]), 0.0, np.array(a), np.zeros(k), 1.0, np.zeros(k), None)


def test_exact_sobol_shares_of_independent_factors_are_their_variance_shares():
    model = FactorModel(FACTORS[:2], (Normal(0, 1), Normal(0, 1)), np.eye(2))
    assert sobol_exact(_form([1.0, 2.0]), model) == pytest.approx(
        {"fx.EUR": 0.2, "fx.USD": 0.8}, rel=1e-15
    )


def test_exact_sobol_share_counts_what_a_correlated_factor_carries_along():
    # Var = 1 + 1 + 2·0.5 = 3; Cov(y, x1) = 1.5; S1 = 1.5² / 3 = 0.75
    model = FactorModel(FACTORS[:2], (Normal(0, 1), Normal(0, 1)), np.array([[1, 0.5], [0.5, 1]]))
    assert sobol_exact(_form([1.0, 1.0]), model) == pytest.approx(
        {"fx.EUR": 0.75, "fx.USD": 0.75}, rel=1e-15
    )


def test_sobol_shares_from_100000_draws_match_the_exact_formula_to_1_percent():
    model = normal_model(DEFAULT_FACTORS.correlation)
    form = linear_form(LINEAR_FIRM, FACTORS)
    x = draw_factors(model, 100_000, seed=2024)
    y = ebit_draws(form, x)
    exact = sobol_exact(form, model)
    estimated = sobol_from_draws(FACTORS, x, y)
    # "To 1 %": within one percentage point of variance share for every factor, and within 1 %
    # of its own size for the dominant one. Relative 1 % on a share near 0.05 would need tens
    # of millions of draws (the estimator's own spread is ~0.002 at this sample size).
    dominant = max(exact, key=exact.get)
    assert exact[dominant] > 0.5
    assert estimated[dominant] == pytest.approx(exact[dominant], rel=0.01)
    for factor in FACTORS:
        assert estimated[factor] == pytest.approx(exact[factor], abs=0.01), factor
    binned = sobol_from_draws(FACTORS, x, y, method="binned")
    for factor in FACTORS:
        assert binned[factor] == pytest.approx(exact[factor], abs=0.02), factor


def test_independent_shares_sum_to_one_in_the_linear_model():
    shares = sobol_exact(linear_form(LINEAR_FIRM, FACTORS), normal_model(np.eye(8)))
    assert sum(shares.values()) == pytest.approx(1.0, rel=1e-12)


# --- correlation matrices -------------------------------------------------------------------


def test_the_illustrative_defaults_are_flagged_and_valid():
    assert DEFAULT_FACTORS.illustrative is True
    assert DEFAULT_FACTORS.factors == FACTORS
    assert validate_factor_model(DEFAULT_FACTORS) == []


def test_it_says_what_is_wrong_with_a_correlation_matrix():
    check = check_correlation([[1, 0.5], [0.4, 0.9]], ["fx.EUR", "fx.USD"])
    assert check.problems == [
        "correlation: not symmetric: [fx.EUR][fx.USD] = 0.5 but [fx.USD][fx.EUR] = 0.4",
        "correlation[fx.USD][fx.USD]: the diagonal must be 1, got 0.9",
    ]
    assert check.nearest is not None


def test_a_matrix_that_is_not_positive_semi_definite_gets_a_valid_nearest_one():
    bad = np.array([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
    check = check_correlation(bad)
    assert len(check.problems) == 1
    assert check.problems[0].startswith("correlation: not positive semi-definite")
    nearest = check.nearest
    assert np.array_equal(nearest, nearest.T)
    assert np.all(np.diag(nearest) == 1.0)
    assert np.linalg.eigvalsh(nearest).min() >= -1e-12
    assert check_correlation(nearest).ok


def test_nearest_correlation_reproduces_highams_example():
    # Higham (2002), IMA J. Numer. Anal. 22, section 4.
    nearest = nearest_correlation(np.array([[1, 1, 0], [1, 1, 1], [0, 1, 1]], dtype=float))
    expected = np.array([[1, 0.7607, 0.1573], [0.7607, 1, 0.7607], [0.1573, 0.7607, 1]])
    assert np.max(np.abs(nearest - expected)) < 1e-4


# --- history --------------------------------------------------------------------------------


def _rows(name: str, log_returns: list[float], start: date = date(2024, 1, 1)):
    value = 100.0
    rows = [(start, name, value)]
    for i, r in enumerate(log_returns, start=1):
        value *= math.exp(r)
        rows.append((start + timedelta(days=i), name, value))
    return rows


def test_history_gives_the_exact_sd_and_correlation_of_known_returns():
    up_down = [0.01, -0.01] * 50
    rows = _rows("EURSEK", up_down) + _rows("USDSEK", [-2 * r for r in up_down])
    estimate = estimate_from_history(rows, horizon_days=1)
    assert estimate.series == ("EURSEK", "USDSEK")
    assert estimate.returns == 100
    assert estimate.sd["EURSEK"] == pytest.approx(0.01 * math.sqrt(100 / 99), rel=1e-9)
    assert estimate.sd["USDSEK"] == pytest.approx(0.02 * math.sqrt(100 / 99), rel=1e-9)
    assert estimate.correlation[0, 1] == pytest.approx(-1.0, abs=1e-12)


def test_history_recovers_a_known_volatility_over_a_longer_horizon():
    rng = np.random.default_rng(11)
    rows = _rows("el.SE2", list(rng.normal(0.0, 0.02, 20_000)))
    estimate = estimate_from_history(rows, horizon_days=25)
    assert estimate.returns == 800
    assert estimate.sd["el.SE2"] == pytest.approx(0.02 * math.sqrt(25), rel=0.06)


def test_history_with_too_few_points_says_how_many_and_what_to_do():
    rows = _rows("EURSEK", [0.01, 0.02, -0.01])
    with pytest.raises(HistoryError) as raised:
        estimate_from_history(rows, horizon_days=2)
    assert raised.value.problems == [
        "only 1 return(s) of 2 days fit in the period the series share (2024-01-01 to "
        "2024-01-04); at least 3 are needed: use a shorter horizon or longer series"
    ]


def test_history_rejects_prices_that_are_not_positive_and_lonely_series():
    rows = [(date(2024, 1, 1), "EURSEK", 11.2), (date(2024, 1, 2), "EURSEK", 0.0)]
    rows.append((date(2024, 1, 1), "USDSEK", 10.5))
    with pytest.raises(HistoryError) as raised:
        estimate_from_history(rows, horizon_days=1)
    assert raised.value.problems == [
        "row 2: series 'EURSEK': a price must be positive, got 0.0",
        "series 'EURSEK': 1 valid point(s); at least 2 are needed",
        "series 'USDSEK': 1 valid point(s); at least 2 are needed",
    ]


def test_the_main_risk_is_the_widest_tornado_bar_and_none_when_nothing_moves_ebit():
    bars = tornado(FIRM, [], tornado_ranges(DEFAULT_FACTORS))
    assert main_risk(FIRM) == bars[0]
    assert main_risk(FIRM).factor == "price.materials"  # 7 000 000 × 0.329
    assert main_risk(CostStructure()) is None
