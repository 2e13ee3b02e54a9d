"""Saving a firm's energy and material figures, and the page (docs/impact.md, "Energy,
material and emissions"). Worked example, market-based (Nordic residual mix; 2025 uses the
2023 row, the latest published):

2023: electricity 100,000 kWh × 524.10 g = 52,410.00 kg; diesel 1,000 l × 9.8 = 9,800 kWh ×
      266 g = 2,606.80 kg → 109,800 kWh, 55,016.80 kg; steel 50 t
2025: electricity 90,000 kWh → 47,169.00 kg; diesel 800 l = 7,840 kWh → 2,085.44 kg →
      97,840 kWh, 49,254.44 kg; steel 46 t; 1.60 kr/kWh
An item completed 2024-06-01 expecting 15,000 kWh and 3 t:
expected 15,000 × 55,016.80 / 109,800 / 1000 = 7.5159… → 7.52 t CO2e; 15,000 × 1.60 = 24,000 kr
measured 11,960 kWh, 4 t, 5.76236 → 5.76 t CO2e, 11,960 × 1.60 = 19,136 kr
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import ActionItem, Engagement
from dipps.impact.emissions import Method, round2
from dipps.impact.models_energy import EnergyYear
from dipps.impact.selectors_energy import energy_report
from dipps.impact.services_energy import energy_year_save


def _fill(w):
    energy_year_save(
        company=w.company,
        year=2023,
        uses={"electricity": D(100000), "diesel": D(1000)},
        materials=[("stål", D(50))],
        price_per_kwh=D("1.50"),
        by=None,
    )
    energy_year_save(
        company=w.company,
        year=2025,
        uses={"electricity": D(90000), "diesel": D(800)},
        materials=[("stål", D(46))],
        price_per_kwh=D("1.60"),
        waste_tonnes=D("2.5"),
        by=None,
    )
    e = Engagement.objects.create(
        company=w.company, programme=w.programme, started=date(2023, 9, 1)
    )
    return ActionItem.objects.create(
        engagement=e,
        goal="Frekvensstyrda fläktar",
        intervention="workshop",
        created=date(2023, 10, 1),
        status=ActionItem.Status.DONE,
        completed=date(2024, 6, 1),
        expected_kwh_year=D(15000),
        expected_tonnes_year=D(3),
    )


def test_report_worked_example(world):
    _fill(world)
    report = energy_report(world.users["coach"], world.company, Method.MARKET)
    y23, y25 = report.years
    assert (y23.kwh, round2(y23.kg_co2e), y23.material_tonnes) == (
        D("109800.0"),
        D("55016.80"),
        D(50),
    )
    assert (y25.kwh, round2(y25.kg_co2e), y25.material_tonnes) == (
        D("97840.0"),
        D("49254.44"),
        D(46),
    )
    assert {f.factor_year for f in y25.figures} == {2019, 2023}
    ((item, c),) = report.comparisons
    assert round2(c.expected_t_co2e) == D("7.52") and c.expected_sek == D("24000.00")
    assert c.measured_kwh == D("11960.0") and c.measured_tonnes == D(4)
    assert round2(c.measured_t_co2e) == D("5.76") and round2(c.measured_sek) == D("19136.00")


def test_location_based(world):
    _fill(world)
    report = energy_report(world.users["coach"], world.company, Method.LOCATION)
    # 100,000 kWh × 90 g = 9,000 kg + diesel 2,606.80 kg
    assert round2(report.years[0].kg_co2e) == D("11606.80")


def test_save_replaces_the_year_and_is_audited(world):
    _fill(world)
    energy_year_save(
        company=world.company, year=2023, uses={"electricity": D(5)}, materials=[], by=None
    )
    ey = EnergyYear.objects.get(company=world.company, year=2023)
    assert [(u.carrier, u.quantity, u.unit) for u in ey.uses.all()] == [
        ("electricity", D("5.000"), "kWh")
    ]
    assert not ey.materials.exists()
    entries = AuditEntry.objects.filter(model="impact.energyyear", object_id=str(ey.pk))
    assert [e.action for e in entries.order_by("id")] == ["create", "update"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2018}, "year"),
        ({"uses": {"electricity": D(-1)}}, "electricity"),
        ({"materials": [("stål", D(1)), ("Stål", D(2))]}, "__all__"),
        ({"heating_g_per_kwh": D(40)}, "heating_source"),
    ],
)
def test_bad_input_saves_nothing(world, kwargs, field):
    args = {"company": world.company, "year": 2024, "uses": {"electricity": D(1)}, "by": None}
    with pytest.raises(ValidationError) as raised:
        energy_year_save(**{**args, **kwargs})
    assert field in raised.value.message_dict
    assert not EnergyYear.objects.exists()


def test_local_heating_factor(world):
    energy_year_save(
        company=world.company,
        year=2024,
        uses={"district_heating": D(50000)},
        heating_g_per_kwh=D("45.5"),
        heating_source="Jämtkraft, Östersund 2024",
        by=None,
    )
    (y,) = energy_report(world.users["coach"], world.company).years
    assert round2(y.kg_co2e) == D("2275.00") and y.figures[0].source.startswith("Jämtkraft")


def test_page_names_the_method_and_shows_the_chart(world, client_as):
    _fill(world)
    url = reverse("impact:energy", args=[world.company.pk])
    page = client_as("company").get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Metod för el: marknadsbaserad (nordisk residualmix)." in text
    assert '<svg class="chart bars"' in text and "<desc" in text
    assert "energy-form" not in text  # the representative reads only
    assert "Frekvensstyrda fläktar" in text
    location = client_as("finance").get(url + "?method=location").content.decode()
    assert "Metod för el: platsbaserad (nordisk elmix)." in location


def test_post_saves_and_a_bad_row_says_which(world, client_as):
    client = client_as("coach")
    url = reverse("impact:energy_save", args=[world.company.pk])
    response = client.post(url, {"year": "2024", "electricity": "1000", "material_1": "Aluminium"})
    assert response.status_code == 400 and not EnergyYear.objects.exists()
    response = client.post(
        url,
        {
            "year": "2024",
            "electricity": "1000",
            "material_1": "Aluminium",
            "material_1_tonnes": "2",
        },
    )
    assert response.status_code == 302
    ey = EnergyYear.objects.get()
    assert ey.materials.get().tonnes == D(2)


def test_the_company_page_shows_the_latest_year(world, client_as):
    _fill(world)
    page = client_as("company").get(reverse("companies:detail", args=[world.company.pk]))
    text = page.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    # 2025: 97,840 kWh, 49.25 t CO2e
    assert "2025: 97 840 kWh, 49,25 ton CO2e (marknadsbaserad, nordisk residualmix)." in text
    assert reverse("impact:energy", args=[world.company.pk]) in text
