"""The programme aggregate of the scenario planner, computed from core objects alone."""

from __future__ import annotations

from decimal import Decimal

from dipps.scenarios.aggregate import MIN_FIRMS, Firm, programme_exposure
from dipps.scenarios.model import CostStructure, EnergyEfficiency
from dipps.scenarios.runs import PRESET_SHOCKS

from .test_model import FIRM

D = Decimal


def test_below_three_firms_only_the_count_is_given():
    exposure = programme_exposure([Firm(2023, FIRM), Firm(2024, FIRM)], PRESET_SHOCKS)
    assert MIN_FIRMS == 3
    assert exposure.firms == 2
    assert exposure.median_margin is None and exposure.year_from is None
    assert exposure.shocks == []


def test_three_firms_give_medians_of_margin_shares_and_changes():
    firms = [Firm(2023, FIRM), Firm(2024, FIRM), Firm(2024, FIRM, [EnergyEfficiency(D("0.5"))])]
    exposure = programme_exposure(firms, PRESET_SHOCKS)
    assert (exposure.firms, exposure.year_from, exposure.year_to) == (3, 2023, 2024)
    assert exposure.median_margin == D("0.08125")  # 1 625 000 / 20 000 000
    assert exposure.median_export_share == D("0.5")  # 10 000 000 of 20 000 000 abroad
    assert exposure.median_labour_share == D(7_000_000) / D(18_375_000)
    assert [s.key for s in exposure.shocks] == list(PRESET_SHOCKS)
    wages = next(s for s in exposure.shocks if s.key == "wages")
    assert wages.median_change == D("-0.014")  # 4 % of 7 000 000 / 20 000 000
    assert (wages.firms, wages.losses, wages.losses_with_measures) == (3, 0, 0)
    electricity = next(s for s in exposure.shocks if s.key == "electricity")
    # Twice the price costs 1 275 000 more, or 637 500 more on half the kWh.
    assert electricity.median_change == D("-0.06375")
    assert electricity.median_change_with_measures == D("-0.06375")  # two of three have none


def test_a_firm_without_revenue_counts_in_the_shares_but_not_under_the_shocks():
    idle = CostStructure(labour=D(1_000_000), other=D(1_000_000))
    firms = [Firm(2024, FIRM), Firm(2024, FIRM), Firm(2024, FIRM), Firm(2024, idle)]
    exposure = programme_exposure(firms, PRESET_SHOCKS)
    assert exposure.firms == 4
    assert all(s.firms == 3 for s in exposure.shocks)
    # Labour shares 0.381, 0.381, 0.381 and 0.5: the median is still the sawmill's.
    assert exposure.median_labour_share == D(7_000_000) / D(18_375_000)
    assert exposure.median_export_share == D("0.5")  # the idle firm has no revenue to share
