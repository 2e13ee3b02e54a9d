"""The firm's impact page: SIE upload → review → save; baseline, T1 and the change."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dipps.companies.models import KeyFigures
from dipps.engagements.models import CompanySupport
from dipps.impact.models import ProductivityYear
from dipps.impact.selectors import impact_page
from dipps.impact.services import Figures, productivity_save
from dipps.maturity.models import Assessment
from tests.maturity.builders import submitted

pytestmark = pytest.mark.django_db

# Two fiscal years of Jämtlands Trä AB (556677-8899), worked by hand:
# 2024: net sales 300 000; personnel 60 000; depreciation 10 000;
#       operating profit = 300 000 − 200 000 − 60 000 − 10 000 = 30 000; value added 100 000
# 2025: net sales 401 000 (3000 + 3010); personnel 105 000; depreciation 15 000;
#       operating profit = 401 000 − 150 000 − 105 000 − 15 000 = 131 000; value added 251 000
SIE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#FNAMN "Jämtlands Trä AB"
#ORGNR 556677-8899
#RAR 0 20250101 20251231
#RAR -1 20240101 20241231
#RES 0 3000 -400000.00
#RES 0 3010 -1000.00
#RES 0 4010 150000.00
#RES 0 7010 105000.00
#RES 0 7830 15000.00
#RES -1 3000 -300000.00
#RES -1 4000 200000.00
#RES -1 7010 60000.00
#RES -1 7830 10000.00
"""


def test_sie_upload_review_then_save(world, client_as):
    client = client_as("coach")
    url = reverse("impact:sie", args=[world.company.pk])
    upload = SimpleUploadedFile("tra_2025.se", SIE.encode("cp437"))
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert not ProductivityYear.objects.exists()  # nothing saved before the review
    forms = response.context["formset"].initial
    assert [(f["fiscal_year"], f["operating_profit"]) for f in forms] == [
        (2024, D("30000.00")),
        (2025, D("131000.00")),
    ]
    # The coach corrects 2025's depreciation and unticks nothing.
    data = {
        "confirm": "1",
        "source_name": "tra_2025.se",
        "year-TOTAL_FORMS": "2",
        "year-INITIAL_FORMS": "2",
    }
    for i, f in enumerate(forms):
        for name in ("fiscal_year", "net_sales", "personnel_costs", "operating_profit"):
            data[f"year-{i}-{name}"] = str(f[name])
        data[f"year-{i}-depreciation"] = "16000" if f["fiscal_year"] == 2025 else "10000"
        data[f"year-{i}-keep"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    y25 = ProductivityYear.objects.get(company=world.company, fiscal_year=2025)
    assert (y25.depreciation, y25.value_added) == (D("16000.00"), D("252000.00"))
    assert (y25.source, y25.source_name) == ("sie", "tra_2025.se")


def test_a_bad_review_saves_nothing(world, client_as):
    client = client_as("manager")
    data = {
        "confirm": "1",
        "source_name": "x.se",
        "year-TOTAL_FORMS": "2",
        "year-INITIAL_FORMS": "2",
        "year-0-fiscal_year": "2024",
        "year-0-net_sales": "100",
        "year-0-personnel_costs": "100",
        "year-0-depreciation": "100",
        "year-0-operating_profit": "100",
        "year-0-keep": "on",
        "year-1-fiscal_year": "2025",
        "year-1-net_sales": "-5",
        "year-1-personnel_costs": "100",
        "year-1-depreciation": "100",
        "year-1-operating_profit": "many",
        "year-1-keep": "on",
    }
    response = client.post(reverse("impact:sie", args=[world.company.pk]), data)
    assert response.status_code == 200
    errors = response.context["formset"].errors[1]
    assert set(errors) == {"net_sales", "operating_profit"}
    assert not ProductivityYear.objects.exists()


def test_an_sie_file_of_another_firm_is_refused(world, client_as):
    text = SIE.replace("556677-8899", "556036-0793")
    upload = SimpleUploadedFile("other.se", text.encode("cp437"))
    response = client_as("coach").post(
        reverse("impact:sie", args=[world.company.pk]), {"file": upload}
    )
    assert response.status_code == 200
    assert "556036-0793" in response.context["form"].errors["file"][0]


def test_page_marks_baseline_and_t1_and_the_change(world, client_as):
    firm = world.company
    # First support 2024-03-15 → baseline 2023; T1 submitted 2025-04-02 → T1 year 2024.
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
            # 2023: 1 200 000 + 4 800 000 + 300 000 = 6 300 000 / 12.5 = 504 000.00
            Figures(2023, D("14000000"), D("4800000"), D("300000"), D("1200000")),
            # 2024: 1 500 000 + 5 200 000 + 320 000 = 7 020 000 / 13 = 540 000.00
            Figures(2024, D("15200000"), D("5200000"), D("320000"), D("1500000")),
        ],
        source="annual_report",
    )
    page = impact_page(world.users["coach"], firm.pk)
    assert (page.marks.baseline, page.marks.t1, page.marks.t2) == (2023, 2024, 2025)
    assert [r.per_employee for r in page.rows] == [D("504000.00"), D("540000.00")]
    t1_row = page.comparisons[0]
    # +36 000 of 504 000 = 7.142… % → 7.1 %
    assert (t1_row.change.amount, t1_row.change.percent) == (D("36000.00"), D("7.1"))
    assert page.comparisons[1].change is None  # T2's year 2025 has no figures yet
    response = client_as("company").get(reverse("impact:company", args=[firm.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and 'role="img"' in body and "<desc" in body
    assert "36" in body and "7,1" in body
    # The representative reads but does not write.
    assert reverse("impact:sie", args=[firm.pk]) not in body


def test_type_in_a_year(world, client_as):
    client = client_as("coach")
    url = reverse("impact:enter", args=[world.company.pk])
    response = client.post(
        url,
        {
            "fiscal_year": "2024",
            "net_sales": "12 400 000",
            "personnel_costs": "5150000,50",
            "depreciation": "310000",
            "operating_profit": "-40000",
        },
    )
    assert response.status_code == 302
    row = ProductivityYear.objects.get(company=world.company, fiscal_year=2024)
    assert (row.personnel_costs, row.value_added, row.source) == (
        D("5150000.50"),
        D("5420000.50"),
        "annual_report",
    )
    response = client.get(url + "?year=2024")
    assert response.context["form"].initial["operating_profit"] == D("-40000.00")


def test_a_follow_up_in_the_baseline_year_compares_nothing(world):
    firm = world.company
    CompanySupport.objects.create(
        programme=world.programme,
        company=firm,
        first_date=date(2025, 3, 1),
        last_date=date(2025, 3, 1),
    )
    t1 = submitted(firm, world.programme, stage="t1")
    Assessment.objects.filter(pk=t1.pk).update(submitted=datetime(2025, 11, 2, 10, tzinfo=UTC))
    page = impact_page(world.users["manager"], firm.pk)
    assert (page.marks.baseline, page.marks.t1, page.marks.t2) == (2024, 2024, 2025)
    assert page.comparisons[0].too_early and page.comparisons[0].change is None
    assert not page.comparisons[1].too_early


def test_without_follow_ups_the_latest_year_is_compared(world):
    firm = world.company
    CompanySupport.objects.create(
        programme=world.programme,
        company=firm,
        first_date=date(2024, 1, 1),
        last_date=date(2024, 1, 1),
    )
    for year, staff in ((2023, "10"), (2025, "10")):
        KeyFigures.objects.create(company=firm, fiscal_year=year, headcount=D(staff))
    productivity_save(
        company=firm,
        years=[
            Figures(2023, D("9000000"), D("4000000"), D("200000"), D("800000")),  # 500 000
            Figures(2025, D("9500000"), D("4200000"), D("200000"), D("1100000")),  # 550 000
        ],
        source="import",
    )
    page = impact_page(world.users["finance"], firm.pk)
    assert (page.marks.baseline, page.marks.t1) == (2023, None)
    [latest] = page.comparisons
    assert (latest.mark, latest.year) == ("latest", 2025)
    assert (latest.change.amount, latest.change.percent) == (D("50000.00"), D("10.0"))
    assert not page.can_write  # the finance officer reads
