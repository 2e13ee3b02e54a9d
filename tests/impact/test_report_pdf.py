"""The firm's one-page impact PDF (docs/impact.md, "The impact PDF"): the worked examples of
the productivity page and of the energy page on one A4 page, in the user's language."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dipps.companies.models import KeyFigures
from dipps.engagements.models import ActionItem, CompanySupport, Engagement
from dipps.impact.selectors_energy import energy_report
from dipps.impact.selectors_report import before_after, impact_report
from dipps.impact.services import Figures, productivity_save
from dipps.impact.services_energy import energy_year_save
from dipps.maturity.models import Assessment
from tests.maturity.builders import submitted

pytestmark = pytest.mark.django_db


def _fill(world):
    firm = world.company
    # Baseline 2023, T1 2024 (tests/impact/test_productivity_views.py): 504 000 → 540 000 kr.
    CompanySupport.objects.create(
        programme=world.programme,
        company=firm,
        first_date=date(2024, 3, 15),
        last_date=date(2024, 11, 1),
    )
    t1 = submitted(firm, world.programme, stage="t1")
    Assessment.objects.filter(pk=t1.pk).update(submitted=datetime(2025, 4, 2, 10, tzinfo=UTC))
    for year, staff in ((2023, "12.5"), (2024, "13.0")):
        KeyFigures.objects.create(company=firm, fiscal_year=year, headcount=D(staff))
    productivity_save(
        company=firm,
        years=[
            Figures(2022, D("13000000"), D("4700000"), D("290000"), D("1000000")),
            Figures(2023, D("14000000"), D("4800000"), D("300000"), D("1200000")),
            Figures(2024, D("15200000"), D("5200000"), D("320000"), D("1500000")),
        ],
        source="annual_report",
    )
    # Energy (tests/impact/test_energy.py): 2023 109 800 kWh, 55.02 t; 2025 97 840 kWh, 49.25 t.
    for year, el, diesel, price in ((2023, 100000, 1000, "1.50"), (2025, 90000, 800, "1.60")):
        energy_year_save(
            company=firm,
            year=year,
            uses={"electricity": D(el), "diesel": D(diesel)},
            materials=[("stål", D(50))],
            price_per_kwh=D(price),
            by=None,
        )
    e = Engagement.objects.create(company=firm, programme=world.programme, started=date(2023, 9, 1))
    for n in range(7):  # more items than one page shows
        ActionItem.objects.create(
            engagement=e,
            goal=f"Frekvensstyrda fläktar, hall {n + 1}",
            intervention="workshop",
            created=date(2023, 10, 1),
            status=ActionItem.Status.DONE,
            completed=date(2024, 6, 1 + n),
            expected_kwh_year=D(15000),
            expected_tonnes_year=D(3),
        )


def test_before_is_the_last_year_not_after_the_baseline_and_after_the_latest(world):
    _fill(world)
    years = energy_report(world.users["coach"], world.company).years
    before, after = before_after(years, 2023)
    assert (before.year, after.year) == (2023, 2025)
    before, after = before_after(years, 2021)  # none that early: the earliest year
    assert (before.year, after.year) == (2023, 2025)
    before, after = before_after(years[:1], 2023)
    assert (before.year, after) == (2023, None)
    assert before_after([], 2023) == (None, None)


def test_report_compares_the_baseline_and_t1_and_energy_before_and_after(world):
    _fill(world)
    report = impact_report(world.users["coach"], world.company.pk)
    assert [(r.fiscal_year, c.change.amount if c else None) for r, c in report.compared_rows] == [
        (2023, None),
        (2024, D("36000.00")),
    ]
    assert [(c.kwh_before, c.kwh_after) for c in report.carriers] == [
        (D(100000), D(90000)),
        (D(9800), D(7840)),
    ]
    # 100 000 kWh × 524.10 g = 52.41 t; 9 800 kWh × 266 g = 2.6068 t
    assert [(c.t_before, c.t_after) for c in report.carriers] == [
        (D("52.41"), D("47.169")),
        (D("2.6068"), D("2.08544")),
    ]
    assert len(report.energy.comparisons) == 4 and report.items_left_out == 3


def _pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response, PdfReader(io.BytesIO(response.content))


@pytest.mark.slow
def test_the_pdf_is_one_page_in_swedish_with_a_swedish_file_name(world, client_as):
    _fill(world)
    client = client_as("company")
    response, pdf = _pdf(client, reverse("impact:report_pdf", args=[world.company.pk]))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert world.company.name in text
    assert "Förädlingsvärde per anställd" in text and "540 000 kr" in text.replace("\xa0", " ")
    assert "marknadsbaserad" in text  # the method named
    assert 'filename="effektrapport-' in response["Content-Disposition"]


@pytest.mark.slow
def test_the_pdf_follows_an_english_user(world, client_as):
    _fill(world)
    client = client_as("coach")
    client.cookies["django_language"] = "en"
    response, pdf = _pdf(client, reverse("impact:report_pdf", args=[world.company.pk]))
    assert len(pdf.pages) == 1
    assert "Value added per employee" in pdf.pages[0].extract_text()
    assert 'filename="impact-report-' in response["Content-Disposition"]


@pytest.mark.slow
def test_the_fullest_report_still_fits_one_page(world, client_as):
    """Four compared years (baseline, T1, T2 and the latest), every carrier, long goals."""
    _fill(world)
    firm = world.company
    for year, staff in ((2025, "13.5"), (2026, "14.0")):
        KeyFigures.objects.create(company=firm, fiscal_year=year, headcount=D(staff))
    productivity_save(
        company=firm,
        years=[
            Figures(2025, D("16000000"), D("5400000"), D("330000"), D("1700000")),
            Figures(2026, D("17000000"), D("5600000"), D("340000"), D("1900000")),
        ],
        source="annual_report",
    )
    every = {
        "electricity": D(90000),
        "district_heating": D(40000),
        "diesel": D(800),
        "petrol": D(300),
        "heating_oil": D(500),
        "lpg": D(200),
        "natural_gas": D(100),
        "wood_pellets": D(1000),
    }
    energy_year_save(
        company=firm, year=2025, uses=every, materials=[], price_per_kwh=D("1.6"), by=None
    )
    ActionItem.objects.filter(engagement__company=firm).update(goal="Lång beskrivning " * 12)
    report = impact_report(world.users["coach"], firm.pk)
    assert [r.fiscal_year for r, _c in report.compared_rows] == [2023, 2024, 2025, 2026]
    assert len(report.carriers) == 8
    _response, pdf = _pdf(client_as("manager"), reverse("impact:report_pdf", args=[firm.pk]))
    assert len(pdf.pages) == 1


@pytest.mark.slow
def test_the_pdf_without_figures_says_so(world, client_as):
    response, pdf = _pdf(
        client_as("manager"), reverse("impact:report_pdf", args=[world.company.pk])
    )
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Inga siffror från bokföringen ännu." in text
    assert "Inga energi- eller materialuppgifter ännu." in text
