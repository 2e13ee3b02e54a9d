"""The effect rules (impact/effect.py) on a hand-worked example, without the database.

Six firms, each supported in 2024 (baseline: fiscal and calendar 2023); the window ends
2025-12-31, so the latest year compared is 2025.

Value added per employee (SEK, to öre):
  A (SME)    2023: 10,000,000 / 10 = 1,000,000.00   2025: 12,100,000 / 11 = 1,100,000.00  +100,000
  B (SME)    2023:  4,500,000 /  5 =   900,000.00   2025:  4,200,000 /  6 =   700,000.00  −200,000
  C (large)  2023: 300,000,000 / 300 = 1,000,000.00 2025: 330,000,000 / 300 = 1,100,000.00 +100,000
  D: a baseline only → without follow-up; E: staff 0 in 2023 → without staff;
  F: no accounts → without baseline.
  before: mean (1,000,000 + 900,000 + 1,000,000) / 3 = 966,666.666… → 966,666.67,
          median 1,000,000.00; after: mean 966,666.67, median 1,100,000.00;
  changes +100,000, −200,000, +100,000: mean 0.00, median 100,000.00.
  RCR25: A only (B fell; C rose but is not an SME) → 1 of 2 SMEs compared.

Energy (calendar years):
  A 2023: 100,000 kWh, 50,000 kg CO2e, 50 t material, 10,000 units;
    2025: 90,000 kWh, 45,000 kg, 46 t, 11,500 units.
  B 2023: 20,000 kWh, 4,000 kg, no materials; 2024: 18,000 kWh, 3,000 kg (B has no 2024
    accounts, so it is left out of the intensity).
  D 2023 only → without follow-up.
  RCR29: (50,000 + 4,000) / 1000 = 54.000 t before, (45,000 + 3,000) / 1000 = 48.000 t after.
  Intensity (A only): 100,000 / 10,000,000 = 0.0100; 90,000 / 12,100,000 = 0.007438… → 0.0074.
  Material (A only): 50.000 → 46.000 t; per unit 50,000 kg / 10,000 = 5.000 kg,
    46,000 / 11,500 = 4.000 kg: −20.0 %.
"""

from decimal import Decimal as D

from dipps.impact import effect
from dipps.impact.effect import Accounts, Energy, Firm


def firm(sme=True, accounts=None, energy=None):
    return Firm(
        sme=sme,
        baseline=2023,
        last_fiscal=2025,
        energy_baseline=2023,
        last_calendar=2025,
        accounts=accounts or {},
        energy=energy or {},
    )


FIRMS = [
    firm(
        accounts={
            2023: Accounts(D(10_000_000), D(10)),
            2024: Accounts(D(11_000_000), D(10)),
            2025: Accounts(D(12_100_000), D(11)),
        },
        energy={
            2023: Energy(D(100_000), D(50_000), D(50), D(10_000)),
            2025: Energy(D(90_000), D(45_000), D(46), D(11_500)),
        },
    ),
    firm(
        accounts={2023: Accounts(D(4_500_000), D(5)), 2025: Accounts(D(4_200_000), D(6))},
        energy={2023: Energy(D(20_000), D(4_000)), 2024: Energy(D(18_000), D(3_000))},
    ),
    firm(
        sme=False,
        accounts={2023: Accounts(D(300_000_000), D(300)), 2025: Accounts(D(330_000_000), D(300))},
    ),
    firm(
        accounts={2023: Accounts(D(1_000_000), D(2))},
        energy={2023: Energy(D(1_000), D(100))},
    ),
    firm(accounts={2023: Accounts(D(1_000_000), D(0)), 2025: Accounts(D(2_000_000), D(1))}),
    firm(),
]


def test_the_worked_example():
    out = effect.effect(FIRMS)
    assert out == {
        "firms": 6,
        "value_added_per_employee": {
            "firms": 3,
            "without_baseline": 1,
            "without_follow_up": 1,
            "without_staff": 1,
            "mean": {"before": "966666.67", "after": "966666.67", "change": "0.00"},
            "median": {"before": "1000000.00", "after": "1100000.00", "change": "100000.00"},
        },
        "RCR25": 1,
        "RCR25_smes_compared": 2,
        "emissions": {
            "method": "market",
            "firms": 2,
            "without_follow_up": 1,
            "before": "54.000",
            "after": "48.000",
        },
        "energy_intensity": {"firms": 1, "before": "0.0100", "after": "0.0074"},
        "material": {"firms": 1, "before": "50.000", "after": "46.000"},
        "material_per_unit": {
            "firms": 1,
            "before": "5.000",
            "after": "4.000",
            "change_percent": "-20.0",
        },
    }


def test_no_firms_gives_empty_figures():
    out = effect.effect([], "location")
    assert out["value_added_per_employee"]["firms"] == 0
    assert out["value_added_per_employee"]["mean"] == {
        "before": None,
        "after": None,
        "change": None,
    }
    assert (out["RCR25"], out["emissions"]["before"], out["emissions"]["method"]) == (
        0,
        None,
        "location",
    )


def test_equal_is_not_higher_and_the_after_year_is_the_latest_closed():
    same = firm(accounts={2023: Accounts(D(500), D(1)), 2025: Accounts(D(500), D(1))})
    assert effect.effect([same])["RCR25"] == 0
    # 2026 has not closed by the window's end: 2024 is compared, a rise.
    later = firm(
        accounts={
            2023: Accounts(D(500), D(1)),
            2024: Accounts(D(600), D(1)),
            2026: Accounts(D(100), D(1)),
        }
    )
    assert effect.effect([later])["RCR25"] == 1
    assert effect.after_year([2022, 2023, 2024, 2026], 2023, 2025) == 2024
    assert effect.after_year([2022, 2023], 2023, 2025) is None


def test_rounding_is_half_up_at_the_edge():
    # 1,000 / 3 = 333.333… → 333.33 per firm; two firms 333.33 and 333.34 → mean 333.335 → 333.34
    firms = [
        firm(accounts={2023: Accounts(D(1000), D(3)), 2025: Accounts(D("333.34"), D(1))}),
        firm(accounts={2023: Accounts(D("333.34"), D(1)), 2025: Accounts(D(1000), D(3))}),
    ]
    va = effect.effect(firms)["value_added_per_employee"]
    assert va["mean"] == {"before": "333.34", "after": "333.34", "change": "0.00"}
    assert va["median"]["change"] == "0.00"


def test_a_loss_year_is_left_out_of_the_intensity_only():
    loss = firm(
        accounts={2023: Accounts(D(-100), D(1)), 2025: Accounts(D(200), D(1))},
        energy={2023: Energy(D(10), D(1)), 2025: Energy(D(10), D(1))},
    )
    out = effect.effect([loss])
    assert out["energy_intensity"] == {"firms": 0, "before": None, "after": None}
    assert out["emissions"]["firms"] == 1 and out["RCR25"] == 1
