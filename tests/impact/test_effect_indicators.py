"""The effect figures reach the indicators through impact's provider (docs/impact.md,
"Effect indicators"): values on the database, counted by hand.

Four firms, each first supported on 2024-03-01 (baseline: 2023), window 2024-01-01 –
2025-12-31 (latest year compared: 2025):

- A, small: value added 2023 = 2,000,000 + 7,500,000 + 500,000 = 10,000,000 over 10 staff
  = 1,000,000.00; 2025 = 3,100,000 + 8,400,000 + 600,000 = 12,100,000 over 11 = 1,100,000.00.
  Electricity 2023 100,000 kWh × 524.10 g = 52,410 kg; 2025 90,000 kWh × 524.10 g (the 2023
  residual mix, the latest) = 47,169 kg. Material 50 t for 10,000 units, then 46 t for 11,500.
- B, small: figures for 2023 only → without follow-up.
- C, large (300 staff, 600 MSEK): 300,000,000 / 300 = 1,000,000.00, then 330,000,000 / 300 =
  1,100,000.00: a rise, but not an SME, so not in RCR25.
- D: no employees (staff 0) → excluded, counted as without staff.

Value added per employee over A and C: 1,000,000.00 before, 1,100,000.00 after, +100,000.00;
RCR25 = 1 (of 1 SME compared). RCR29: 52.410 t before, 47.169 t after. Energy intensity
100,000 / 10,000,000 = 0.0100 and 90,000 / 12,100,000 = 0.0074 kWh per SEK. Material
50.000 → 46.000 t; per unit 5.000 → 4.000 kg.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.impact.services import Figures, productivity_save
from dipps.impact.services_energy import energy_year_save
from dipps.indicators import services
from dipps.indicators.imports import entry_for
from dipps.indicators.selectors import MEASURE, indicator_values
from tests.factories import make_company
from tests.indicators.helpers import activity, figures, rates, rebuild

pytestmark = pytest.mark.django_db

WINDOW = (date(2024, 1, 1), date(2025, 12, 31))


def accounts(company, year, profit, personnel, depreciation):
    productivity_save(
        company=company,
        years=[Figures(year, D(20_000_000), D(personnel), D(depreciation), D(profit))],
        source="annual_report",
    )


@pytest.fixture
def data(world):
    p = world.programme
    rates()
    a, b, c, d = (make_company(f"{n} AB", programme=p) for n in "ABCD")
    for firm in (a, b, c, d):
        activity(p, date(2024, 3, 1), [firm])
    rebuild(p)
    figures(a, 2023, 10)
    figures(a, 2025, 11)
    accounts(a, 2023, 2_000_000, 7_500_000, 500_000)
    accounts(a, 2025, 3_100_000, 8_400_000, 600_000)
    energy_year_save(
        company=a,
        year=2023,
        uses={"electricity": D(100_000)},
        materials=[("stål", D(50))],
        units_produced=D(10_000),
    )
    energy_year_save(
        company=a,
        year=2025,
        uses={"electricity": D(90_000)},
        materials=[("stål", D(46))],
        units_produced=D(11_500),
    )
    figures(b, 2023, 5)
    accounts(b, 2023, 1_000_000, 2_000_000, 100_000)
    figures(c, 2023, 300, "600000000")
    figures(c, 2025, 300, "600000000")
    accounts(c, 2023, 100_000_000, 190_000_000, 10_000_000)
    accounts(c, 2025, 120_000_000, 200_000_000, 10_000_000)
    figures(d, 2023, 0)
    figures(d, 2025, 0)
    accounts(d, 2023, 100_000, 0, 0)
    accounts(d, 2025, 200_000, 0, 0)
    return p


def test_the_effect_figures_of_the_window(data):
    values = indicator_values(data, *WINDOW)
    assert values["RCO01"]["large"] == 1
    e = values["effect"]
    assert e["firms"] == 4
    assert e["value_added_per_employee"] == {
        "firms": 2,
        "without_baseline": 0,
        "without_follow_up": 1,
        "without_staff": 1,
        "mean": {"before": "1000000.00", "after": "1100000.00", "change": "100000.00"},
        "median": {"before": "1000000.00", "after": "1100000.00", "change": "100000.00"},
    }
    assert (e["RCR25"], e["RCR25_smes_compared"]) == (1, 1)
    assert e["emissions"] == {
        "method": "market",
        "firms": 1,
        "without_follow_up": 0,
        "before": "52.410",
        "after": "47.169",
    }
    assert e["energy_intensity"] == {"firms": 1, "before": "0.0100", "after": "0.0074"}
    assert e["material"] == {"firms": 1, "before": "50.000", "after": "46.000"}
    assert (e["material_per_unit"]["before"], e["material_per_unit"]["after"]) == (
        "5.000",
        "4.000",
    )
    # Cumulatively (from the programme's start) the same four firms.
    assert values["cumulative"]["effect"] == e


def test_a_window_ending_mid_year_compares_only_closed_years(data):
    e = indicator_values(data, date(2024, 1, 1), date(2025, 6, 30))["effect"]
    # 2025 has not closed and nobody has 2024 figures: no firm has a later year yet.
    va = e["value_added_per_employee"]
    assert (va["firms"], va["without_follow_up"], e["RCR25"]) == (0, 4, 0)
    assert e["emissions"]["firms"] == 0 and e["emissions"]["without_follow_up"] == 1


def test_a_set_naming_rcr25_and_rcr29_gets_computed_values(data):
    for code, target in (("RCR25", "2"), ("RCR29", ""), ("RCR29_baseline", "")):
        entry, problems = entry_for(None, code, target=target)
        assert not problems
        services.indicator_save(programme=data, entry=entry)
    own, problems = entry_for(
        None,
        "DIPPS-FV",
        name_sv="Förädlingsvärde per anställd, förändring",
        name_en="Value added per employee, change",
        unit="sek",
        measure="va_employee_mean_change",
    )
    assert not problems
    services.indicator_save(programme=data, entry=own)
    rows = {r["code"]: r for r in indicator_values(data, *WINDOW)["indicators"]}
    assert (rows["RCR25"]["value"], rows["RCR25"]["target"]) == (1, "2.00")
    assert rows["RCR29"]["value"] == "47.169"
    assert rows["RCR29"]["unit"] == "tonnes_co2e_year"
    assert rows["RCR29_baseline"]["value"] == "52.410"
    assert rows["DIPPS-FV"]["cumulative"] == "100000.00"


def test_the_page_and_export_show_definitions_and_the_note(data, client_as):
    for code in ("RCR25", "RCR29"):
        entry, _ = entry_for(None, code)
        services.indicator_save(programme=data, entry=entry)
    client = client_as("observer")
    client.cookies["django_language"] = "en"
    url = reverse("indicators:page", args=[data.code])
    page = client.get(url, {"from": "2024-01-01", "to": "2025-12-31"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "whose value added per annual work unit is higher after the support" in text
    assert "value added per employee compared for 2 firms" in text
    export = client.get(
        reverse("indicators:export", args=[data.code, "csv"]),
        {"from": "2024-01-01", "to": "2025-12-31"},
    )
    assert export.status_code == 200
    assert "Current prices (nominal SEK)" in export.content.decode("utf-8-sig")


def test_impact_registers_its_measures():
    assert MEASURE["RCR25"].path == ("effect", "RCR25")
    assert MEASURE["RCR29"].unit == "tonnes_co2e_year"
    assert MEASURE["va_employee_mean_change"].definition_in("en").startswith("Value added")
