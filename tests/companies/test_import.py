import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from dipps.companies.imports import read_companies
from dipps.companies.models import Company, KeyFigures
from dipps.companies.services import companies_import
from dipps.core.models import AuditEntry, ExchangeRate
from dipps.core.tabular import TableError
from tests.factories import make_programme

pytestmark = pytest.mark.django_db

HEADER = "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek"
GOOD = "\n".join(
    [
        HEADER + ",sni_version,contact_name,contact_email,programme",
        "556036-0793,Norrlands Trä AB,16.101,2380,2024,18,24500000,15300000,2007,"
        "Anna Berg,anna@example.se,DIPPS",
        "556036-0793,Norrlands Trä AB,16.101,2380,2023,17,23100000,14800000,2007,,,",
        '5565475489,Sundsvalls Mek AB,28300,2281,2024,60,"98 000 000,00",40000000,,,,',
    ]
).encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def rates(db):
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=D("11"))
    make_programme()


def parse(data: bytes, name="companies.csv"):
    with translation.override("en"):
        return read_companies(data, name, known_programmes={"DIPPS"})


def test_a_good_file_imports_companies_figures_contacts_and_derived_classes():
    parsed = parse(GOOD)
    assert parsed.errors == []
    result = companies_import(rows=parsed.rows)
    assert (result.companies_created, result.figures_created) == (2, 3)
    wood = Company.objects.get(orgnr="5560360793")
    assert wood.name == "Norrlands Trä AB"
    assert list(wood.sni_codes.values_list("version", "code", "division")) == [(2007, "16.101", 16)]
    assert wood.target_group == "industry"
    # 18 staff, 24.5 MSEK / 11 = 2.23 M€ turnover but 15.3 MSEK / 11 = 1.39 M€ balance → micro? no:
    # micro needs < 10 staff; 18 staff → small.
    assert wood.size_class == "small"
    assert wood.contacts.get().email == "anna@example.se"
    assert list(wood.participations.values_list("programme__code", flat=True)) == ["DIPPS"]
    mek = Company.objects.get(orgnr="5565475489")
    assert KeyFigures.objects.get(company=mek).turnover_sek == D("98000000.00")
    assert mek.size_class == "medium"
    assert AuditEntry.objects.filter(model="companies.company", action="create").count() == 2


def test_importing_the_same_file_twice_changes_nothing():
    companies_import(rows=parse(GOOD).rows)
    again = companies_import(rows=parse(GOOD).rows)
    assert (again.companies_created, again.figures_created) == (0, 0)
    assert (again.companies_updated, again.figures_updated) == (2, 3)
    assert Company.objects.count() == 2
    assert KeyFigures.objects.count() == 3


def test_a_reimport_updates_figures_in_place():
    companies_import(rows=parse(GOOD).rows)
    changed = GOOD.replace(b"2024,60,", b"2024,61,")
    companies_import(rows=parse(changed).rows)
    assert KeyFigures.objects.get(company__orgnr="5565475489", fiscal_year=2024).headcount == 61


def test_a_code_in_both_versions_is_read_as_sni_2025_unless_the_row_says_2007():
    parsed = parse(
        (
            HEADER + ",sni_version\n"
            "5560360793,A AB,25.620,2380,,,,,\n"
            "5565475489,B AB,25.620,2380,,,,,2007\n"
        ).encode()
    )
    assert [(r.sni_codes[0].version, r.sni_codes[0].name) for r in parsed.rows] == [
        (2025, "Tillverkning av lås och gångjärn"),
        (2007, "Metallegoarbeten"),
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "123,X AB,16.101,2380,2024,3,1,1",
            "Row 2, column orgnr: “123” is not a valid Swedish organisation number",
        ),
        (
            "5560360793,X AB,99.999,2380,2024,3,1,1",
            "Row 2, column sni: “99.999” is not a code in SNI 2025 or SNI 2007.",
        ),
        (
            "5560360793,X AB,16.101,9999,2024,3,1,1",
            "Row 2, column municipality_code: “9999” is not one of Sweden's 290 municipality",
        ),
        (
            "5560360793,X AB,16.101,2380,2024,-3,1,1",
            "Row 2, column headcount: the headcount cannot be negative.",
        ),
        (
            "5560360793,X AB,16.101,2380,2024,12.555,1,1",
            "Row 2, column headcount: expected staff in annual work units with at most two "
            "decimals, e.g. 12,5.",
        ),
        (
            "5560360793,X AB,16.101,2380,2024,3,lots,1",
            "Row 2, column turnover_sek: expected an amount in SEK",
        ),
        ("5560360793,,16.101,2380,2024,3,1,1", "Row 2, column name: the company name is missing."),
        (
            "5560360793,X AB,16.101,2380,,3,1,1",
            "Row 2, column fiscal_year: key figures need the fiscal year they belong to.",
        ),
    ],
)
def test_each_bad_row_is_reported_with_row_column_and_expectation(row, expected):
    parsed = parse(f"{HEADER}\n{row}\n".encode())
    assert parsed.rows == []
    assert str(parsed.errors[0]).startswith(expected)


def test_the_same_company_and_year_twice_names_both_rows():
    parsed = parse(
        f"{HEADER}\n5560360793,X AB,16.101,2380,2024,3,1,1\n"
        f"556036-0793,X AB,16.101,2380,2024,4,1,1\n".encode()
    )
    assert [str(e) for e in parsed.errors] == [
        "Row 3, column fiscal_year: organisation number 5560360793 and fiscal year 2024 "
        "appear already on row 2; give one row per company and year."
    ]


def test_one_bad_row_means_the_command_saves_nothing_and_exits_2(tmp_path, capsys):
    path = tmp_path / "companies.csv"
    path.write_bytes(GOOD + b"\n123,Bad AB,16.101,2380,2024,1,1,1,,,,\n")
    with translation.override("en"), pytest.raises(CommandError) as err:
        call_command("import", "companies", str(path))
    assert err.value.returncode == 2
    assert "Row 5, column orgnr" in capsys.readouterr().err
    assert Company.objects.count() == 0


def test_the_command_imports_an_xlsx_file(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["5560360793", "Norrlands Trä AB", 16101, 2380, 2024, 18, 24500000, 15300000])
    path = tmp_path / "companies.xlsx"
    wb.save(path)
    call_command("import", "companies", str(path))
    assert '"companies_created": 1' in capsys.readouterr().out
    assert Company.objects.get().sni_codes.get().code == "16.101"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "x.png", "Only CSV and XLSX files can be imported."),
        (b"PK\x03\x04garbage", "x.xlsx", "The file could not be opened as an XLSX workbook."),
        (b"orgnr,name\n1,2\n", "x.csv", "Row 1 (header) lacks the column(s): sni,"),
        (HEADER.encode() + b"\n", "x.csv", "The file has a header but no data rows."),
    ],
)
def test_a_file_that_is_not_a_usable_table_is_refused_as_a_whole(data, name, message):
    with pytest.raises(TableError) as err:
        parse(data, name)
    assert str(err.value).startswith(message)


def test_swedish_csv_with_semicolons_and_decimal_commas_is_read():
    data = (
        "orgnr;name;sni;municipality_code;fiscal_year;headcount;turnover_sek;"
        "balance_sheet_sek\n5560360793;Åre Trä AB;16101;2321;2024;5,75;1 234 567,50;"
        "900000\n"
    ).encode("cp1252")
    parsed = parse(data)
    assert parsed.errors == []
    assert parsed.rows[0].name == "Åre Trä AB"
    assert parsed.rows[0].turnover_sek == D("1234567.50")
    assert parsed.rows[0].headcount == D("5.75")  # annual work units


def test_staff_in_annual_work_units_is_stored_with_its_decimals():
    companies_import(rows=parse(GOOD.replace(b"2024,60,", b"2024,9.5,")).rows)
    figures = KeyFigures.objects.get(company__orgnr="5565475489", fiscal_year=2024)
    assert (figures.headcount, figures.size_class, figures.sme_status) == (
        D("9.50"),
        "small",  # 98m SEK turnover, 40m balance at 11 SEK/EUR: over €2m, so not micro
        "small",
    )


def test_an_upload_is_previewed_and_only_saved_on_confirm(client_as):
    client = client_as("coach")
    upload = io.BytesIO(GOOD)
    upload.name = "companies.csv"
    response = client.post("/companies/import/", {"file": upload})
    assert response.status_code == 200
    assert b"Norrlands Tr" in response.content
    assert not Company.objects.filter(orgnr="5565475489").exists()
    response = client.post("/companies/import/confirm/")
    assert response.status_code == 302
    assert Company.objects.filter(orgnr="5565475489").exists()


def test_an_upload_with_errors_lists_them_and_offers_no_confirm(client_as):
    client = client_as("manager")
    upload = io.BytesIO(f"{HEADER}\n123,X AB,16.101,2380,2024,3,1,1\n".encode())
    upload.name = "companies.csv"
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        response = client.post("/companies/import/", {"file": upload})
    assert b"Row 2, column orgnr" in response.content
    assert b"import/confirm" not in response.content
