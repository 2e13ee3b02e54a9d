"""The final report: carried by the last claim, drawing on the data, frozen with the claim."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dipps.finance import services
from dipps.finance.models import FinalReport

from .helpers import ledger_for_claims, salary

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def claims(world):
    """Period 1 submitted with its progress report; period 2 (the last) a draft."""
    ledger_for_claims(world, [salary(1, date(2024, 1, 25))])
    periods = world.programme.reporting_periods.order_by("number")
    first = services.claim_open(period=periods[0])
    services.claim_update(
        claim=first,
        texts={"general": "Uppstart i Jämtland.", "results": "Tolv företag mätta."},
        cofinancing={},
    )
    services.claim_submit(claim=first)
    services.evaluation_plan_set(
        programme=world.programme,
        evaluator_name="Eva Utvärderare",
        evaluator_organisation="Ramböll Sverige AB",
        procurement_reference="",
        questions="",
        planned_reports="",
    )
    services.evaluation_report_add(
        programme=world.programme,
        when=date(2024, 6, 20),
        title="Halvtidsutvärdering",
        summary="Arbetssättet når rätt företag.",
        upload=SimpleUploadedFile("halvtid.pdf", PDF),
        period=periods[0],
    )
    last = services.claim_open(period=periods[1])
    return first, last


def test_the_figures_draw_on_earlier_progress_reports_costs_indicators_and_evaluation(
    world, claims
):
    _first, last = claims
    figures = services.final_figures(last)
    assert [(p["period"], p["general"], p["results"]) for p in figures.progress] == [
        (1, "Uppstart i Jämtland.", "Tolv företag mätta.")
    ]
    # Staff 10,000 + 3,000 (salary and fees), travel 1,234.50, indirect 15 % of staff 1,950.
    costs = {c["category"]: D(c["cumulative"]) for c in figures.costs}
    assert costs["staff"] == D("13000.00")
    assert costs["travel"] == D("1234.50")
    assert costs["indirect"] == D("1950.00")
    assert figures.cost_total == D("16184.50")
    assert figures.evaluator == "Ramböll Sverige AB"
    assert [(e["title"], e["period"]) for e in figures.evaluations] == [("Halvtidsutvärdering", 1)]
    assert "RCO01" in [i["code"] for i in figures.indicators]


def test_only_the_last_claim_carries_a_final_report(world, claims):
    first, _last = claims
    with pytest.raises(ValidationError) as error:
        services.final_report_update(claim=first, texts={"summary": "x"})
    assert error.value.messages == [
        "Only the programme's last payment claim carries a final report."
    ]


def test_the_report_is_frozen_with_its_figures_when_the_last_claim_is_submitted(world, claims):
    _first, last = claims
    services.final_report_update(claim=last, texts={"summary": "DIPPS nådde målen."})
    services.claim_submit(claim=last)
    report = FinalReport.objects.get(claim=last)
    assert report.snapshot["cost_total"] == "16184.50"
    with pytest.raises(ValidationError) as error:
        services.final_report_update(claim=last, texts={"summary": "Ändrad"})
    assert error.value.messages == [
        "The last payment claim has been submitted; its final report is frozen."
    ]
    # A report added after submission does not change what was submitted.
    services.evaluation_report_add(
        programme=world.programme,
        when=date(2025, 1, 20),
        title="Efterhandsutvärdering",
        summary="",
        upload=SimpleUploadedFile("efter.pdf", PDF),
    )
    last.refresh_from_db()
    assert [e["title"] for e in services.final_figures(last).evaluations] == ["Halvtidsutvärdering"]
    assert FinalReport.objects.get(claim=last).summary == "DIPPS nådde målen."


def test_the_claim_page_links_to_the_final_report_only_on_the_last_claim(world, claims, client_as):
    first, last = claims
    c = client_as("finance")
    url = reverse("finance:final_report_page", args=[last.pk])
    assert url in c.get(reverse("finance:claim", args=[last.pk])).content.decode()
    assert url not in c.get(reverse("finance:claim", args=[first.pk])).content.decode()


def test_writers_edit_the_report_and_readers_only_read_it(world, claims, client_as):
    _first, last = claims
    url = reverse("finance:final_report_page", args=[last.pk])
    response = client_as("manager").post(url, {"summary": "Sammanfattning", "lessons": "Lärdom"})
    assert response.status_code == 302
    report = FinalReport.objects.get(claim=last)
    assert (report.summary, report.lessons) == ("Sammanfattning", "Lärdom")
    page = client_as("coach").get(url).content.decode()
    assert "Sammanfattning" in page and 'name="summary"' not in page
    assert client_as("coach").post(url, {"summary": "x"}).status_code == 403


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "name", "draft"),
    [("sv", "slutrapport-DIPPS.pdf", "UTKAST"), ("en", "final-report-DIPPS.pdf", "DRAFT")],
)
def test_the_pdf_is_named_in_the_pages_language_and_marked_as_a_draft(
    world, claims, client_as, language, name, draft
):
    from io import BytesIO

    from pypdf import PdfReader

    _first, last = claims
    services.final_report_update(claim=last, texts={"summary": "DIPPS nådde målen."})
    c = client_as("observer")
    c.cookies["django_language"] = language
    response = c.get(reverse("finance:final_report_pdf", args=[last.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert draft in text and "DIPPS nådde målen." in text and "Ramböll Sverige AB" in text
    assert "Eva Utvärderare" not in text  # the evaluator's contact person is never in it
