"""Many firms on shared draws give each firm the same summary as its own simulation."""

from decimal import Decimal

import pytest

from dipps.scenarios.model import Automation, CostStructure, EnergyEfficiency
from dipps.scenarios.portfolio import simulate_firms
from dipps.scenarios.risk import DEFAULT_FACTORS, draw_factors, simulate


def _firm(scale: int, eur: int, materials_eur: int) -> CostStructure:
    return CostStructure(
        revenue={"SEK": Decimal(10_000 * scale), "EUR": Decimal(eur)},
        materials={"SEK": Decimal(2_000 * scale), "EUR": Decimal(materials_eur)},
        electricity_kwh=Decimal(50_000),
        electricity_price_sek_per_kwh=Decimal("0.9"),
        other_energy=Decimal(1_000),
        labour=Decimal(4_000 * scale),
        other=Decimal(1_500 * scale),
        depreciation=Decimal(500),
    )


FIRMS = [
    (_firm(1, 3_000, 1_000), [EnergyEfficiency(Decimal("0.2"))]),
    (_firm(3, 0, 0), [Automation(Decimal("0.1"), Decimal(20_000), Decimal(5))]),
    (_firm(2, 8_000, 4_000), []),
    (CostStructure(revenue={}, materials={}, labour=Decimal(100)), []),  # margin undefined
] * 5  # 20 firms: more than one block


def _close(a, b):
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def test_shared_draws_match_each_firms_own_simulation():
    x = draw_factors(DEFAULT_FACTORS, 20_000, seed=7)
    outcomes = simulate_firms(FIRMS, DEFAULT_FACTORS, x)
    assert len(outcomes) == len(FIRMS)
    for (base, measures), outcome in zip(FIRMS, outcomes, strict=True):
        alone = simulate(base, measures, DEFAULT_FACTORS, x)
        for mine, theirs in (
            (outcome.without_measures, alone.without_measures),
            (outcome.with_measures, alone.with_measures),
        ):
            assert mine.probability_of_loss == theirs.probability_of_loss
            for key in ("mean", "p5", "p50", "p95"):
                assert _close(getattr(mine.ebit, key), getattr(theirs.ebit, key))
            if theirs.margin is None:
                assert mine.margin is None
            else:
                assert _close(mine.margin.p50, theirs.margin.p50)
                assert _close(mine.margin.mean, theirs.margin.mean)
