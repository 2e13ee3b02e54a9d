"""A claim's downloads: the PDF's page numbers and draft mark, names in the page's language,
and the verification list of every ledger row behind the claim, in the auditors' order."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dipps.core import pdf
from dipps.engagements.models import TimesheetEntry
from dipps.finance import services
from dipps.finance.models import StaffSalary

from .helpers import ledger_for_claims, salary

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(world):
    # Voucher 10 is dated before voucher 9: the list follows the numbers, not the dates.
    ledger_for_claims(world, [salary(10, date(2024, 1, 5)), salary(9, date(2024, 1, 25))])
    coach = world.users["coach"]
    coach.first_name, coach.last_name = "Anna", "Coach"
    coach.save()
    # The handbook's unit cost: 43,000 × 12 / 1,720 = 300.00 kr an hour.
    StaffSalary.objects.create(
        programme=world.programme,
        user=coach,
        first_month=date(2024, 1, 1),
        monthly_salary_sek=D("43000"),
        document="Anställningsavtal",
    )
    for day, h in ((date(2024, 1, 10), "10"), (date(2024, 1, 20), "5.5"), (date(2024, 2, 5), "8")):
        TimesheetEntry.objects.create(
            user=coach, programme=world.programme, day=day, kind="administration", hours=D(h)
        )
    services.staff_costs_from_timesheets(
        programme=world.programme, organisation=world.programme.owner
    )
    return services.claim_open(period=world.programme.reporting_periods.get(number=1))


def _client(client_as, language):
    c = client_as("finance")
    c.cookies["django_language"] = language
    return c


def _filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


def test_the_verification_list_holds_every_ledger_row_in_the_auditors_order(
    world, claim, client_as
):
    url = reverse("finance:claim_verification", args=[claim.pk, "csv"])
    response = _client(client_as, "en").get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    code = world.programme.code
    assert _filename(response) == f"verification-list-{code}-1.csv"
    assert rows == [
        [
            "Partner", "Voucher series", "Voucher number", "Date", "Account", "Text",
            "Amount (SEK)", "Cost category", "Person", "Month", "Hours",
            "Unit cost per hour (SEK)",
        ],
        ["IUC Z-Group", "", "", "2024-02-10", "", "Tåg Östersund–Sundsvall", "1234.50",
         "travel and accommodation", "", "", "", ""],
        ["IUC Z-Group", "A", "9", "2024-01-25", "7010", "Lön 9", "10000.00", "staff",
         "", "", "", ""],
        ["IUC Z-Group", "A", "9", "2024-01-25", "7510", "Lön 9", "3000.00", "staff",
         "", "", "", ""],
        ["IUC Z-Group", "A", "10", "2024-01-05", "7010", "Lön 10", "10000.00", "staff",
         "", "", "", ""],
        ["IUC Z-Group", "A", "10", "2024-01-05", "7510", "Lön 10", "3000.00", "staff",
         "", "", "", ""],
        ["Region Jämtland Härjedalen", "", "", "2024-01-31", "",
         "Staff cost Anna Coach, 15.50 h × 300.00 kr",
         "4650.00", "staff", "Anna Coach", "2024-01", "15.50", "300.00"],
        ["Region Jämtland Härjedalen", "", "", "2024-02-29", "",
         "Staff cost Anna Coach, 8.00 h × 300.00 kr",
         "2400.00", "staff", "Anna Coach", "2024-02", "8.00", "300.00"],
    ]  # fmt: skip


def test_a_swedish_verification_list_has_a_swedish_sheet_and_file_name(world, claim, client_as):
    url = reverse("finance:claim_verification", args=[claim.pk, "xlsx"])
    response = _client(client_as, "sv").get(url)
    code = world.programme.code
    assert _filename(response) == f"verifikationslista-{code}-1.xlsx"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == f"Verifikationslista {code} 1"
    assert [c.value for c in sheet[1]][:3] == [
        "Partner",
        "Verifikationsserie",
        "Verifikationsnummer",
    ]


@pytest.mark.parametrize(
    ("language", "stem", "sheet"),
    [
        ("sv", "ansokan-om-utbetalning", "Ansökan om utbetalning"),
        ("en", "payment-claim", "Payment claim"),
    ],
)
def test_the_claim_export_is_named_in_the_pages_language(
    world, claim, client_as, language, stem, sheet
):
    c = _client(client_as, language)
    code = world.programme.code
    response = c.get(reverse("finance:claim_export", args=[claim.pk, "xlsx"]))
    assert _filename(response) == f"{stem}-{code}-1.xlsx"
    assert load_workbook(io.BytesIO(response.content)).active.title == f"{sheet} {code} 1"
    response = c.get(reverse("finance:claim_export", args=[claim.pk, "csv"]))
    assert _filename(response) == f"{stem}-{code}-1.csv"


@pytest.fixture
def rendered(monkeypatch):
    """The HTML behind each PDF, to read the draft mark and page counters as text."""
    pages: list[str] = []
    render = pdf.render_to_string

    def recording(*args, **kwargs):
        pages.append(render(*args, **kwargs))
        return pages[-1]

    monkeypatch.setattr(pdf, "render_to_string", recording)
    return pages


@pytest.mark.parametrize(
    ("language", "name", "mark", "page"),
    [
        ("sv", "ansokan-om-utbetalning", "UTKAST", '"Sida " counter(page) " av " counter(pages)'),
        ("en", "payment-claim", "DRAFT", '"Page " counter(page) " of " counter(pages)'),
    ],
)
def test_a_draft_claims_pdf_is_marked_numbered_and_named_in_the_pages_language(
    world, claim, client_as, rendered, language, name, mark, page
):
    response = _client(client_as, language).get(reverse("finance:claim_pdf", args=[claim.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert _filename(response) == f"{name}-{world.programme.code}-1.pdf"
    assert f'id="draft-mark">{mark}</div>' in rendered[0]
    assert page in rendered[0]


def test_a_submitted_claims_pdf_has_no_draft_mark(world, claim, client_as, rendered):
    services.claim_submit(claim=claim, by=world.users["finance"])
    response = _client(client_as, "sv").get(reverse("finance:claim_pdf", args=[claim.pk]))
    assert response.status_code == 200
    assert "draft-mark" not in rendered[0].split("<body>")[1]
    assert "UTKAST" not in rendered[0]


@pytest.mark.parametrize(
    ("url", "sheet"), [("finance:ledger_export", "reskontra"), ("finance:budget_export", "budget")]
)
def test_a_swedish_ledger_and_budget_export_have_swedish_sheet_names(
    world, claim, client_as, url, sheet
):
    code = world.programme.code
    response = _client(client_as, "sv").get(reverse(url, args=[code, "xlsx"]))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active.title == f"{sheet} {code}"
    assert _filename(response).startswith(f"{sheet}-{code.lower()}-")
