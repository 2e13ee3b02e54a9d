"""Horizontal criteria on the database: a hand-counted programme, the page, the claim."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from dipps.companies.models import KeyFigures
from dipps.core.formatting import number
from dipps.indicators.selectors import horizontal_criteria
from tests.engagements.helpers import attend
from tests.factories import make_company

from .helpers import activity, item, rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    """Hand-counted for 2024: firms A, B, C supported; D only in 2023 (outside)."""
    p = world.programme
    a = make_company("Alfa Verkstad AB", programme=p, ceo_gender="woman", chair_gender="man")
    b = make_company("Beta Trä AB", programme=p, ceo_gender="man", chair_gender="man")
    c = make_company("Cesium Plåt AB", programme=p)  # nothing recorded: unknown, unknown
    d = make_company("Delta Form AB", programme=p, ceo_gender="woman", chair_gender="woman")
    # A: 2022 40 %, 2023 30 % → 30 (the latest year to 2024); 2025's 90 % is after the window.
    for year, share in ((2022, "40"), (2023, "30"), (2025, "90")):
        KeyFigures.objects.create(company=a, fiscal_year=year, women_share_percent=D(share))
    # B: 2024 15 % → 15. C: figures without a share → not known.
    KeyFigures.objects.create(company=b, fiscal_year=2024, women_share_percent=D("15"))
    KeyFigures.objects.create(company=c, fiscal_year=2024)
    KeyFigures.objects.create(company=d, fiscal_year=2024, women_share_percent=D("80"))
    first = activity(p, date(2024, 2, 1), [a], women=2, men=1)
    activity(p, date(2024, 5, 1), [b, c], men=2, other=1)
    activity(p, date(2023, 10, 1), [d], women=3)
    attend(first, "Anna Ek", a, "3", gender="woman", age_band="30_49")
    attend(first, "Bo Ek", a, "3", gender="man", age_band="under_30")
    attend(first, "Cilla Ek", a, "3")
    # Action items of 2024: energy 12 000 kWh; energy+emissions 3 000 kWh and 1,5 t;
    # material 0,4 t; none; one not assessed; one dropped and one done in 2023 (both out).
    item(p, a, None, status="in_progress", environment=["energy"], expected_kwh_year=D("12000"))
    item(
        p,
        a,
        date(2024, 6, 1),
        environment=["energy", "emissions"],
        expected_kwh_year=D("3000"),
        expected_tonnes_year=D("1.5"),
    )
    item(p, b, None, status="planned", environment=["material"], expected_tonnes_year=D("0.4"))
    item(p, b, date(2024, 9, 1), environment=["none"])
    item(p, c, None, status="planned")
    item(p, c, None, status="dropped", environment=["energy"], expected_kwh_year=D("999"))
    item(p, d, date(2023, 12, 1), environment=["energy"], expected_kwh_year=D("777"))
    rebuild(p)
    return p


def test_the_horizontal_criteria_for_2024_match_the_hand_count(data):
    h = horizontal_criteria(data, date(2024, 1, 1), date(2024, 12, 31))
    assert h["firms"] == 3
    assert h["ceo"] == {"women": 1, "men": 1, "other": 0, "unknown": 1}
    assert h["chair"] == {"women": 0, "men": 2, "other": 0, "unknown": 1}
    # Known for A (30) and B (15): mean 22.50, median (15 + 30) / 2 = 22.50.
    assert h["women_share"] == {"firms": 3, "known": 2, "mean": "22.50", "median": "22.50"}
    assert h["participants"] == {"women": 2, "men": 3, "other": 1}
    assert h["persons"] == {
        "total": 3,
        "women": 1,
        "men": 1,
        "other": 0,
        "not_stated": 1,
        "age": {"under_30": 1, "30_49": 1, "50_plus": 0, "not_stated": 1},
    }
    env = h["environment"]
    assert env["items"] == 5
    assert env["energy"] == {"items": 2, "kwh": "15000.00", "tonnes": "1.500"}
    assert env["emissions"] == {"items": 1, "kwh": "3000.00", "tonnes": "1.500"}
    assert env["material"] == {"items": 1, "kwh": "0.00", "tonnes": "0.400"}
    assert env["none"]["items"] == 1
    assert env["not_assessed"]["items"] == 1


def test_the_whole_programme_counts_the_2023_firm_too(data):
    h = horizontal_criteria(data)  # programme start to end
    assert h["firms"] == 4
    assert h["ceo"]["women"] == 2 and h["chair"]["women"] == 1
    # A's latest known share to 2028 is 2025's 90 %: 90, 15, 80 → mean 61.67, median 80.
    assert h["women_share"] == {"firms": 4, "known": 3, "mean": "61.67", "median": "80.00"}
    assert h["environment"]["energy"]["items"] == 3  # the item done in 2023 is in


def test_the_indicator_page_shows_counts_and_labels_but_no_names_to_an_observer(data, client_as):
    c = client_as("observer")
    c.cookies["django_language"] = "sv"
    url = reverse("indicators:page", args=[data.code]) + "?from=2024-01-01&to=2024-12-31"
    page = c.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('data-testid="horizontal"') :]
    assert "Horisontella kriterier" in section
    assert "Energi" in section or "energi" in section
    with translation.override("sv"):
        assert f">{number(15000)}<" in section  # kWh, formatted
    for name in ("Alfa Verkstad", "Beta Trä", "Cesium", "Anna Ek", "Bo Ek"):
        assert name not in html
    for code in ("not_assessed", "50_plus", ">woman<", ">energy<"):
        assert code not in section
