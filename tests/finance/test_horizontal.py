"""The horizontal criteria in the payment claim (page, PDF, snapshot) and the final report."""

from datetime import date

import pytest
from django.urls import reverse

from dipps.finance import services
from tests.indicators.helpers import activity, item, rebuild

from .helpers import ledger_for_claims, salary

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(world):
    """Two half-year periods in 2024; the world's firm (CEO a woman) supported in each."""
    ledger_for_claims(world, [salary(1, date(2024, 1, 25))])
    world.company.ceo_gender = "woman"
    world.company.save()
    activity(world.programme, date(2024, 3, 1), [world.company], women=1, men=2)
    activity(world.programme, date(2024, 9, 1), [world.company], women=4)
    item(world.programme, world.company, None, status="planned", environment=["energy"])
    rebuild(world.programme)
    periods = world.programme.reporting_periods.order_by("number")
    return services.claim_open(period=periods[0]), services.claim_open(period=periods[1])


def test_the_claim_carries_its_periods_horizontal_criteria_and_keeps_them_when_submitted(
    world, claims
):
    first, _last = claims
    h = services.claim_figures(first).indicators["horizontal"]
    assert (h["from"], h["to"], h["firms"]) == ("2024-01-01", "2024-06-30", 1)
    assert h["ceo"] == {"women": 1, "men": 0, "other": 0, "unknown": 0}
    assert h["participants"] == {"women": 1, "men": 2, "other": 0}
    services.claim_submit(claim=first)
    world.company.ceo_gender = "man"
    world.company.save()
    first.refresh_from_db()
    assert services.claim_figures(first).indicators["horizontal"]["ceo"]["women"] == 1


def test_the_claim_page_and_the_final_report_show_the_section(world, claims, client_as):
    first, last = claims
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    page = c.get(reverse("finance:claim", args=[first.pk])).content.decode()
    assert 'data-testid="horizontal"' in page and "Horizontal criteria" in page
    assert services.final_figures(last).horizontal["participants"] == {
        "women": 5,
        "men": 2,
        "other": 0,
    }
    observer = client_as("observer")
    observer.cookies["django_language"] = "en"
    report = observer.get(reverse("finance:final_report_page", args=[last.pk])).content.decode()
    section = report[report.index('data-testid="horizontal"') :]
    assert "Supported firms by the gender of their leadership" in section
    assert world.company.name not in section


def test_an_old_snapshot_without_the_criteria_still_shows_the_claim(world, claims, client_as):
    first, _last = claims
    services.claim_submit(claim=first)
    first.refresh_from_db()
    del first.snapshot["indicators"]["horizontal"]
    first.save()
    c = client_as("finance")
    page = c.get(reverse("finance:claim", args=[first.pk]))
    assert page.status_code == 200
    assert 'data-testid="horizontal"' not in page.content.decode()


@pytest.mark.slow  # renders the PDF with WeasyPrint
def test_the_claim_pdf_has_the_section_in_swedish(world, claims, client_as, monkeypatch):
    from dipps.core import pdf

    pages: list[str] = []
    render = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: pages.append(render(*a, **k)) or pages[-1]
    )
    first, _last = claims
    c = client_as("finance")
    c.cookies["django_language"] = "sv"
    response = c.get(reverse("finance:claim_pdf", args=[first.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Horisontella kriterier" in pages[0]
    assert "Stödda företag efter ledningens kön" in pages[0]
