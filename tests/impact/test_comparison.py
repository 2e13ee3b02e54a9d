"""The comparison group: import (command and upload), the estimate on the database, the page
and the pseudonymised panel (docs/impact.md, "Comparison group")."""

import csv
import io
import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from dipps.companies.models import KeyFigures, SniCode
from dipps.engagements.models import CompanySupport
from dipps.impact import did
from dipps.impact.imports_comparison import read_comparison
from dipps.impact.models import ComparisonFirm, ComparisonYear
from dipps.impact.selectors_comparison import evaluation, pseudonym
from dipps.impact.services import Figures, productivity_save
from dipps.impact.services_comparison import comparison_import
from tests.factories import make_company

pytestmark = pytest.mark.django_db

# The hand-worked example. Two supported firms in SNI division 25, 10 staff in the baseline
# year (small), first support 2024-03-15 → baseline 2023, post = the latest year, 2025:
#   A 556036-0793: 2023 value added 5 000 000 / 10 = 500 000; 2025 5 300 000 / 10 = 530 000
#                  → change +30 000
#   B 556703-7485: 2023 6 000 000 / 10 = 600 000; 2025 6 100 000 / 10 = 610 000 → +10 000
# The comparison file (cell pre year 2023, post year 2025):
#   556123-4567 small: 2023 8 000 000 / 20 = 400 000; 2025 8 160 000 / 20 = 408 000 → +8 000
#   556987-6542 small: 2023 8 400 000 / 12 = 700 000; 2025 8 424 000 / 12 = 702 000 → +2 000
#   556547-5489 60 staff in 2023: medium → in no cell
#   556111-2227 no SNI code → in no cell
#   559012-3450 small, 2023 only → dropped by the estimate
# treated_change = (30 000 + 10 000) / 2 = 20 000; comparison_change = (8 000 + 2 000) / 2
# = 5 000; att = 15 000; every draw's att lies between 10 000 − 8 000 and 30 000 − 2 000.
HEADER = "orgnr;year;net_sales;personnel_costs;operating_profit;depreciation;employees;sni;name"
ROWS = [
    "556123-4567;2023;24 000 000;5 600 000;2 000 000;400 000;20;25.110;Ås Mekaniska AB",
    "5561234567;2025;25 000 000;5 700 000;2 060 000;400 000;20;;",
    "5569876542;2023;20 000 000;6 000 000;2 100 000;300 000;12;25110;",
    "5569876542;2025;20 000 000;6 000 000;2 124 000;300 000;12,0;25110;",
    "5565475489;2023;50 000 000;20 000 000;3 000 000;1 000 000;60;25620;",
    "5565475489;2025;50 000 000;20 000 000;3 500 000;1 000 000;60;25620;",
    "5561112227;2023;10 000 000;3 000 000;500 000;100 000;8;;",
    "5590123450;2023;9 000 000;2 500 000;400 000;100 000;11;25990;",
]


def _csv(rows=ROWS, header=HEADER) -> bytes:
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode()


def _supported(world, number, figures):
    firm = make_company(orgnr=number, programme=world.programme)
    SniCode.objects.create(company=firm, version=2007, code="25110", division=25, section="C")
    CompanySupport.objects.create(
        programme=world.programme,
        company=firm,
        first_date=date(2024, 3, 15),
        last_date=date(2024, 6, 1),
    )
    years = []
    for year, (profit, personnel, depreciation) in figures.items():
        KeyFigures.objects.create(company=firm, fiscal_year=year, headcount=D(10))
        years.append(Figures(year, D(20_000_000), D(personnel), D(depreciation), D(profit)))
    productivity_save(company=firm, years=years, source="annual_report")
    return firm


@pytest.fixture
def example(world):
    _supported(
        world,
        "5560360793",
        {2023: (1_000_000, 3_800_000, 200_000), 2025: (1_200_000, 3_900_000, 200_000)},
    )
    _supported(
        world,
        "5567037485",
        {
            2023: (1_500_000, 4_200_000, 300_000),
            2024: (1_000_000, 4_200_000, 300_000),
            2025: (1_600_000, 4_200_000, 300_000),
        },
    )
    parsed = read_comparison(_csv(), "extrakt.csv")
    assert parsed.errors == []
    errors, result = comparison_import(
        programme=world.programme, rows=parsed.rows, filename="extrakt.csv"
    )
    assert errors == []
    return result


def test_the_estimate_on_the_database_is_the_hand_worked_one(world, example):
    assert example == {
        "programme": "DIPPS",
        "firms": 5,
        "created": 8,
        "updated": 0,
        "unchanged": 0,
    }
    result = evaluation(world.programme)
    [cell] = result.matching.cells
    assert (cell.division, cell.size, cell.pre_year, cell.post_year) == (25, "small", 2023, 2025)
    assert sorted(f.key for f in cell.comparison) == ["5561234567", "5569876542", "5590123450"]
    assert result.matching.treated_matched == 2
    assert len(result.matching.unmatched_comparison) == 2
    e = result.estimate
    assert (e.treated, e.comparison, e.dropped) == (2, 2, 1)
    assert (e.treated_change, e.comparison_change, e.att) == (
        D("20000.00"),
        D("5000.00"),
        D("15000.00"),
    )
    assert D(2000) <= e.ci95[0] <= e.att <= e.ci95[1] <= D(28000)
    assert (e.draws, e.seed) == (did.DEFAULT_DRAWS, did.DEFAULT_SEED)
    trend = {p.relative_year: p for p in result.trend}
    assert trend[-1].treated_mean == D(550000)  # (500 000 + 600 000) / 2
    # 559012-3450: 3 000 000 / 11 = 272 727.27 (öre, half up); the mean of three.
    assert trend[-1].comparison_mean == (D(400000) + D(700000) + D("272727.27")) / 3
    assert trend[1].treated_mean == D(570000)  # (530 000 + 610 000) / 2


def test_a_reimport_is_idempotent_and_replaces_a_changed_firm_year(world, example):
    before = list(ComparisonYear.objects.order_by("pk").values())
    parsed = read_comparison(_csv(), "extrakt.csv")
    _e, again = comparison_import(programme=world.programme, rows=parsed.rows, filename="x.csv")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 8)
    assert list(ComparisonYear.objects.order_by("pk").values()) == before
    changed = [ROWS[0].replace("2 000 000", "2 100 000", 1)]
    parsed = read_comparison(_csv(changed), "ny.csv")
    _e, third = comparison_import(programme=world.programme, rows=parsed.rows, filename="ny.csv")
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 1, 0)
    year = ComparisonYear.objects.get(firm__orgnr="5561234567", fiscal_year=2023)
    assert (year.operating_profit, year.source_name) == (D("2100000.00"), "ny.csv")
    assert ComparisonFirm.objects.get(orgnr="5561234567").name == "Ås Mekaniska AB"


def test_every_bad_row_is_named_with_its_column_and_nothing_is_read():
    rows = [
        "556123-4568;2023;1;1;1;1;5;25110;",  # check digit
        "5569876542;20x3;1;1;1;1;5;25110;",
        "5569876542;2024;tio;-5;1;1;-1;25110;",
        "5565475489;2024;1;1;1;1;5;99999;",
        "19121212-1212;2024;1;1;1;1;5;;",  # a person's number
    ]
    parsed = read_comparison(_csv(rows), "x.csv")
    assert parsed.rows == []
    found = [(e.row, e.column) for e in parsed.errors]
    assert found == [
        (2, "orgnr"),
        (3, "year"),
        (4, "net_sales"),
        (4, "personnel_costs"),
        (4, "employees"),
        (5, "sni"),
        (6, "orgnr"),
    ]
    assert "enskild firma" in parsed.errors[-1].message  # Swedish, the default language


def test_a_supported_firm_or_a_repeated_year_refuses_the_whole_file(world):
    rows = [
        "5561234567;2023;1;1;1;1;5;25110;",
        "5566778899;2023;1;1;1;1;5;25110;",  # world.company takes part in the programme
        "5561234567;2023;1;1;1;1;5;25120;",  # again, and another SNI code
    ]
    parsed = read_comparison(_csv(rows), "x.csv")
    errors, result = comparison_import(programme=world.programme, rows=parsed.rows, filename="x")
    assert result is None
    assert [(e.row, e.column) for e in errors] == [(3, "orgnr"), (4, "year"), (4, "sni")]
    assert "DIPPS" in errors[0].message
    assert ComparisonFirm.objects.count() == 0 and ComparisonYear.objects.count() == 0


def test_the_command_imports_an_xlsx_file_for_a_programme(world, tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(";"))
    for line in ROWS[:2]:
        ws.append(line.split(";"))
    path = tmp_path / "extrakt.xlsx"
    wb.save(path)
    call_command("import", "comparison", "DIPPS", str(path))
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "file": str(path),
        "programme": "DIPPS",
        "firms": 1,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    with pytest.raises(CommandError) as refused:
        call_command("import", "comparison", "NOPE", str(path))
    assert refused.value.returncode == 2
    with pytest.raises(CommandError) as missing:
        call_command("import", "comparison", str(path))
    assert missing.value.returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(["5561234567;2023;1;1;1;1;många;25110;"]))
    err = io.StringIO()
    with pytest.raises(CommandError) as rows:
        call_command("import", "comparison", "DIPPS", str(bad), stderr=err)
    assert rows.value.returncode == 2
    assert "employees" in err.getvalue()  # row 2, column employees, on stderr
    assert ComparisonYear.objects.count() == 2


def test_the_page_shows_the_estimate_in_swedish_and_the_manager_imports(world, example, client_as):
    client = client_as("observer")
    page = client.get(reverse("impact:comparison", args=["DIPPS"]), HTTP_ACCEPT_LANGUAGE="sv")
    text = page.content.decode()
    assert page.status_code == 200
    assert "15\u00a0000,00\u00a0kr" in text  # att
    assert "<svg" in text and 'role="img"' in text
    assert "5561234567" not in text and "Ås Mekaniska" not in text
    assert 'enctype="multipart/form-data"' not in text  # observers do not import
    manager = client_as("manager")
    upload = SimpleUploadedFile("fel.csv", _csv(["5561234567;2023;1;1;1;1;x;25110;"]))
    refused = manager.post(reverse("impact:comparison_import", args=["DIPPS"]), {"file": upload})
    assert refused.status_code == 400
    assert "employees" in refused.content.decode()
    good = SimpleUploadedFile("extrakt.csv", _csv([ROWS[0].replace("2 000 000", "2 050 000")]))
    done = manager.post(reverse("impact:comparison_import", args=["DIPPS"]), {"file": good})
    assert done.status_code == 302
    year = ComparisonYear.objects.get(firm__orgnr="5561234567", fiscal_year=2023)
    assert (year.operating_profit, year.entered_by) == (D("2050000.00"), world.users["manager"])


def test_the_panel_has_pseudonyms_and_figures_but_no_number_or_name(world, example, client_as):
    client = client_as("finance")
    response = client.get(
        reverse("impact:comparison_export", args=["DIPPS", "csv"]), HTTP_ACCEPT_LANGUAGE="sv"
    )
    text = response.content.decode("utf-8-sig")
    assert "5561234567" not in text and "556123" not in text and "Ås" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Pseudonym" and "Förädlingsvärde per anställd" in rows[0]
    # 2 + 3 treated firm-years, 2 + 2 + 1 comparison firm-years (the matched cell only).
    assert len(rows) == 1 + 10
    mine = [r for r in rows if r[0] == pseudonym("5561234567")]
    assert [r[4:6] for r in mine] == [["2023", "-1"], ["2025", "1"]]
    assert mine[0][-2:] == ["8000000,00", "400000,00"]
    assert pseudonym("5561234567") == pseudonym("5561234567") != pseudonym("5569876542")
