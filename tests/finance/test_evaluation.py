"""Evaluation: when it is required (the 12 MSEK rule), the plan, its reports and files."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dipps.core.audit import history_for
from dipps.finance import evaluation, services
from dipps.finance.models import EvaluationPlan, EvaluationReport
from tests.matrix.evaluation import docx

from .helpers import ledger_for_claims

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- the rule (pure) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "required"),
    [
        (D("11999999.99"), False),  # one öre under the handbook's 12 MSEK
        (D("12000000.00"), True),  # the threshold itself: "at least" 12 MSEK
        (D("12000000.01"), True),
        (D("22185000.00"), True),  # DIPPS
        (D("0"), False),
        (None, False),  # no budget yet
    ],
)
def test_evaluation_is_required_from_twelve_million_inclusive(total, required):
    assert evaluation.evaluation_required(total) is required


def test_questions_are_read_one_a_line_without_blank_lines():
    text = "  Når insatserna rätt företag?\n\n\tVad ändras hos företagen?  \n"
    assert evaluation.questions(text) == [
        "Når insatserna rätt företag?",
        "Vad ändras hos företagen?",
    ]


def test_planned_reports_are_read_and_sorted_by_period_and_bad_lines_are_named():
    text = "4: Halvtidsrapport\n\n2 Startrapport\nSlutrapport utan period\n9 Finns inte"
    found, problems = evaluation.planned_reports(text, {1, 2, 3, 4})
    assert found == [
        evaluation.PlannedReport(2, "Startrapport"),
        evaluation.PlannedReport(4, "Halvtidsrapport"),
    ]
    assert problems == [
        evaluation.LineProblem(4, "Slutrapport utan period", "format"),
        evaluation.LineProblem(5, "9 Finns inte", "period"),
    ]


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("rapport.pdf", b"%PDF-1.7", "pdf"),
        ("RAPPORT.PDF", b"%PDF-1.4", "pdf"),
        ("rapport.docx", b"PK\x03\x04\x14\x00", "docx"),
        ("rapport.pdf", b"PK\x03\x04", None),  # name and content disagree
        ("rapport.docx", b"%PDF-1.7", None),
        ("rapport.doc", b"\xd0\xcf\x11\xe0", None),  # the old Word format is not accepted
        ("rapport.txt", b"%PDF-1.7", None),
    ],
)
def test_a_document_is_a_pdf_or_docx_by_both_name_and_content(name, head, kind):
    assert evaluation.document_kind(name, head) == kind


# --- the plan and reports on the database --------------------------------------------------


@pytest.fixture
def periods(world):
    ledger_for_claims(world, [])
    return world.programme.reporting_periods.order_by("number")


@pytest.mark.django_db
def test_the_plan_is_saved_with_its_questions_and_planned_reports(world, periods):
    plan = services.evaluation_plan_set(
        programme=world.programme,
        evaluator_name="Eva Utvärderare",
        evaluator_organisation="Ramböll Sverige AB",
        procurement_reference="RJH 2023/1234",
        questions="Når insatserna målgruppen?\nVad ändras hos företagen?",
        planned_reports="2 Slutrapport\n1 Halvtidsrapport",
        by=world.users["finance"],
    )
    plan.refresh_from_db()
    assert plan.questions == ["Når insatserna målgruppen?", "Vad ändras hos företagen?"]
    assert plan.planned_reports == [
        {"period": 1, "title": "Halvtidsrapport"},
        {"period": 2, "title": "Slutrapport"},
    ]
    assert [h.action for h in history_for(plan)] == ["create"]


@pytest.mark.django_db
def test_a_planned_report_in_an_unknown_period_is_refused_naming_the_line(world, periods):
    with pytest.raises(ValidationError) as error:
        services.evaluation_plan_set(
            programme=world.programme,
            evaluator_name="",
            evaluator_organisation="Ramböll Sverige AB",
            procurement_reference="",
            questions="",
            planned_reports="1 Halvtid\n7 Slut",
        )
    assert error.value.messages == [
        "Planned reports, line 2 (“7 Slut”): the programme has no reporting period with "
        "that number."
    ]
    assert not EvaluationPlan.objects.exists()


@pytest.mark.django_db
def test_a_report_is_kept_with_its_file_under_a_token_name(world, periods):
    report = services.evaluation_report_add(
        programme=world.programme,
        when=periods[0].end,
        title="Halvtidsutvärdering",
        summary="Arbetssättet fungerar.",
        upload=SimpleUploadedFile("Halvtid slutversion.pdf", PDF),
        period=periods[0],
    )
    assert report.kind == "pdf"
    assert report.filename == "Halvtid slutversion.pdf"
    assert report.file.name.startswith(f"evaluation/{world.programme.pk}/")
    assert report.file.name.endswith(".pdf") and "Halvtid" not in report.file.name
    with report.file.open("rb") as handle:
        assert handle.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rapport.pdf", b"not a pdf"),
        ("rapport.docx", b"PK\x03\x04 but not a zip"),
        ("rapport.xlsx", PDF),
    ],
)
def test_a_file_that_is_not_a_pdf_or_docx_is_refused_and_nothing_is_saved(
    world, periods, name, data
):
    with pytest.raises(ValidationError) as error:
        services.evaluation_report_add(
            programme=world.programme,
            when=periods[0].end,
            title="Rapport",
            summary="",
            upload=SimpleUploadedFile(name, data),
        )
    assert error.value.messages == [
        f"“{name}” is not a PDF or Word (DOCX) document; upload the report as one."
    ]
    assert not EvaluationReport.objects.exists()


@pytest.mark.django_db
def test_a_docx_without_a_word_document_inside_is_refused(world, periods):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ValidationError):
        services.evaluation_report_add(
            programme=world.programme,
            when=periods[0].end,
            title="Rapport",
            summary="",
            upload=SimpleUploadedFile("rapport.docx", buffer.getvalue()),
        )


@pytest.mark.django_db
def test_a_report_over_the_document_limit_is_refused_by_its_size(world, periods, settings):
    settings.DIPPS_UPLOAD_MAX_DOCUMENT_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        services.evaluation_report_add(
            programme=world.programme,
            when=periods[0].end,
            title="Rapport",
            summary="",
            upload=SimpleUploadedFile("stor.pdf", big),
        )
    assert "PDF and DOCX documents may be at most 1 MB" in error.value.messages[0]


# --- the pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_says_evaluation_is_required_and_hides_the_contact_person_from_observers(
    world, periods, client_as
):
    services.evaluation_plan_set(
        programme=world.programme,
        evaluator_name="Eva Utvärderare",
        evaluator_organisation="Ramböll Sverige AB",
        procurement_reference="RJH 2023/1234",
        questions="Når insatserna målgruppen?",
        planned_reports="2 Slutrapport",
    )
    url = reverse("finance:evaluation", args=[world.programme.code])
    page = client_as("finance").get(url).content.decode()
    assert "ska utvärderas" in page  # the page is Swedish (the default language)
    assert "Eva Utvärderare" in page and "Ramböll Sverige AB" in page
    observed = client_as("observer").get(url).content.decode()
    assert "Ramböll Sverige AB" in observed and "Når insatserna målgruppen?" in observed
    assert "Eva Utvärderare" not in observed
    assert 'name="evaluator_name"' not in observed  # and no form to edit the plan


@pytest.mark.django_db
def test_the_finance_overview_links_to_the_evaluation(world, periods, client_as):
    page = client_as("finance").get(reverse("finance:overview", args=[world.programme.code]))
    html = page.content.decode()
    assert "Utvärdering krävs: den totala budgeten är minst 12" in html
    assert reverse("finance:evaluation", args=[world.programme.code]) in html


@pytest.mark.django_db
def test_a_report_uploaded_through_the_page_downloads_under_its_own_name(world, periods, client_as):
    c = client_as("finance")
    response = c.post(
        reverse("finance:evaluation_report_add", args=[world.programme.code]),
        {
            "date": "2024-06-15",
            "title": "Halvtidsutvärdering",
            "summary": "Bra.",
            "period": periods[0].pk,
            "file": SimpleUploadedFile("halvtid.docx", docx()),
        },
    )
    assert response.status_code == 302
    report = EvaluationReport.objects.get()
    download = client_as("observer").get(reverse("finance:evaluation_file", args=[report.pk]))
    assert download.status_code == 200
    assert 'filename="halvtid.docx"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == docx()
