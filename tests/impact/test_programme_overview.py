"""The programme's impact overview (docs/impact.md, "The programme's overview"), worked by
hand: two firms with a baseline and a later figure, one supported firm without figures.

Firm A (Jämtlands Trä AB): 504 000 → 540 000 kr per employee = +7.142 857… %; energy
109 800 → 97 840 kWh = −10.892 5… %, 55 016.80 → 49 254.44 kg CO2e = −10.473 8… %.
Firm B: 100 000 → 90 000 kr per employee = −10 %.
Median of value added: (7.142 857… − 10) / 2 = −1.428 5… → −1.4 %.
Bins of 5 points from −10 to 10: −10…−5: 1, −5…0: 0, 0…5: 0, 5…10: 1.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.companies.models import KeyFigures
from dipps.engagements.models import CompanySupport
from dipps.impact.selectors_programme import programme_impact
from dipps.impact.services import Figures, productivity_save
from dipps.impact.services_energy import energy_year_save
from tests.factories import ORGNRS, make_company

pytestmark = pytest.mark.django_db


def _support(world, firm):
    CompanySupport.objects.create(
        programme=world.programme,
        company=firm,
        first_date=date(2024, 3, 15),
        last_date=date(2024, 11, 1),
    )


def _fill(world):
    a, b = world.company, world.other_company
    for firm in (a, b):
        _support(world, firm)
    for year, staff in ((2023, "12.5"), (2024, "13.0")):
        KeyFigures.objects.create(company=a, fiscal_year=year, headcount=D(staff))
        KeyFigures.objects.create(company=b, fiscal_year=year, headcount=D(10))
    productivity_save(
        company=a,
        years=[
            Figures(2023, D("14000000"), D("4800000"), D("300000"), D("1200000")),
            Figures(2024, D("15200000"), D("5200000"), D("320000"), D("1500000")),
        ],
        source="annual_report",
    )
    productivity_save(
        company=b,
        years=[
            Figures(2023, D("5000000"), D("800000"), D("100000"), D("100000")),  # 1 000 000
            Figures(2024, D("5000000"), D("700000"), D("100000"), D("100000")),  # 900 000
        ],
        source="annual_report",
    )
    for year, el, diesel in ((2023, 100000, 1000), (2025, 90000, 800)):
        energy_year_save(
            company=a,
            year=year,
            uses={"electricity": D(el), "diesel": D(diesel)},
            materials=[],
            price_per_kwh=D("1.50"),
            by=None,
        )
    _support(world, make_company("Bräcke Mekaniska AB", orgnr=ORGNRS[3], programme=world.programme))


def test_the_changes_their_bins_and_medians(world):
    _fill(world)
    data = programme_impact(world.programme)
    assert data.firms == 3
    va = data.value_added
    assert va.with_before == 2 and len(va.changes) == 2
    assert sorted(round(c, 4) for c in va.changes) == [D("-10.0000"), D("7.1429")]
    assert va.median == D("-1.4") and (va.rose, va.fell) == (1, 1)
    assert [(b.low, b.high, b.count) for b in va.bins] == [
        (-10, -5, 1),
        (-5, 0, 0),
        (0, 5, 0),
        (5, 10, 1),
    ]
    assert data.energy.with_before == 1
    assert [round(c, 2) for c in data.energy.changes] == [D("-10.89")]
    assert [round(c, 2) for c in data.co2e.changes] == [D("-10.47")]
    assert data.energy.median == D("-10.9") and data.co2e.median == D("-10.5")


def test_observers_see_the_aggregate_and_no_firm(world, client_as):
    _fill(world)
    response = client_as("observer").get(reverse("impact:programme", args=[world.programme.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('role="img"') == 3 and body.count("<figcaption>") == 3
    assert "\u22121,4\u00a0%" in body  # the median, signed with a true minus
    assert "−10…−5" in body  # a bin, in the table and on the axis
    for firm in (world.company, world.other_company):
        assert firm.name not in body
    assert (
        client_as("company")
        .get(reverse("impact:programme", args=[world.programme.code]))
        .status_code
        == 403
    )


def test_a_programme_without_figures_says_so(world, client_as):
    response = client_as("coach").get(reverse("impact:programme", args=[world.programme.code]))
    assert response.status_code == 200
    assert "Inget företag har ännu siffror både före och efter." in response.content.decode()
