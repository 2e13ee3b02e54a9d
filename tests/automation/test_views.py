"""The coach's path through the pages: a pre-study, a step with quotes, one click to the
scenario; what a representative and an observer see; the pipeline and its exports."""

from decimal import Decimal

import pytest
from django.urls import reverse

from dipps.automation.models import PreStudy, ProcessStep
from dipps.scenarios import services as scenarios
from dipps.scenarios.models import Measure
from tests.factories import approve_cases

STEP = {
    "name": "Palletering vid linje 2",
    "what_is_done": "Två operatörer staplar kartonger på pall.",
    "cycle_time_seconds": "12",
    "annual_volume": "180000",
    "manual_hours_per_year": "1800",
    "problems": "Tunga lyft",
    "solution": "cobot",
    "hours_saved_per_year": "1600",
    "other_annual_savings": "0",
    "residual_value": "0",
    "risks": "",
    "roles_changing": "Operatör blir robotansvarig",
    "quote-TOTAL_FORMS": "2",
    "quote-INITIAL_FORMS": "0",
    "quote-0-supplier": "Cobotbolaget AB",
    "quote-0-investment": "1200000",
    "quote-0-annual_operating_cost": "40000",
    "quote-0-chosen": "on",
    "quote-1-supplier": "Dyrare AB",
    "quote-1-investment": "1500000",
    "quote-1-annual_operating_cost": "30000",
}


@pytest.fixture
def filled(world, client_as):
    approve_cases(world.programme)
    figures = {"revenue_sek": Decimal(20_000_000), "labour": Decimal(4_000_000)}
    scenarios.cost_structure_save(company=world.company, year=2024, figures=figures, by=None)
    client = client_as("coach")
    response = client.post(
        reverse("automation:create", args=[world.company.pk]),
        {
            "programme": world.programme.pk,
            "title": "Förstudie pall",
            "status": "prestudy",
            "hourly_labour_cost": "420",
            "years": "7",
            "discount_rate_percent": "6",
            "summary": "",
        },
    )
    study = PreStudy.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{study.pk}/")
    response = client.post(reverse("automation:step_add", args=[study.pk]), STEP)
    assert response.status_code == 302
    return study


def test_the_coach_sees_the_figures_in_swedish_formats(filled, client_as):
    page = client_as("coach").get(reverse("automation:prestudy", args=[filled.pk]))
    text = page.content.decode()
    assert "632\xa0000\xa0kr" in text  # annual saving
    assert "1,90" in text  # payback years
    assert "2\xa0328\xa0065\xa0kr" in text  # NPV
    assert "49,51\xa0%" in text  # IRR


def test_one_click_puts_the_step_in_the_scenario_and_links_to_it(world, filled, client_as):
    client = client_as("coach")
    step = ProcessStep.objects.get()
    response = client.post(reverse("automation:step_to_scenario", args=[step.pk]), follow=True)
    measure = Measure.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "scenarios:detail", args=[measure.cost_structure_id]
    )
    text = response.content.decode()
    assert "Cobot" in text or "cobot" in text
    assert "16,8" in text  # 672 000 / 4 000 000 = 16.8 % less labour
    page = client.get(reverse("automation:prestudy", args=[filled.pk])).content.decode()
    assert reverse("scenarios:detail", args=[measure.cost_structure_id]) in page


def test_two_chosen_quotes_come_back_with_a_message(filled, client_as):
    data = {**STEP, "quote-1-chosen": "on"}
    response = client_as("coach").post(reverse("automation:step_add", args=[filled.pk]), data)
    assert response.status_code == 200
    assert "Välj bara en offert." in response.content.decode()
    assert ProcessStep.objects.count() == 1


def test_the_representative_reads_without_edit_buttons(filled, client_as):
    page = client_as("company").get(reverse("automation:prestudy", args=[filled.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Palletering vid linje 2" in text
    assert reverse("automation:step_to_scenario", args=[ProcessStep.objects.get().pk]) not in text


def test_the_pipeline_names_no_firm(world, filled, client_as):
    page = client_as("observer").get(reverse("automation:pipeline", args=[world.programme.code]))
    text = page.content.decode()
    assert world.company.name not in text
    assert "1\xa0200\xa0000\xa0kr" in text
    export = client_as("observer").get(
        reverse("automation:pipeline_export", args=[world.programme.code, "csv"])
    )
    csv = export.content.decode("utf-8-sig")
    assert world.company.name not in csv
    assert "1600" in csv.replace(",0", "").replace("\xa0", "")


@pytest.mark.slow
def test_the_pdf_is_in_swedish(filled, client_as):
    from io import BytesIO

    from pypdf import PdfReader

    response = client_as("company").get(reverse("automation:prestudy_pdf", args=[filled.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Förstudie automatisering" in text
    assert "Återbetalningstid" in text
