"""Saving productivity years: services, the import file, history."""

import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dipps.core.models import AuditEntry
from dipps.impact.imports import read_productivity
from dipps.impact.models import ProductivityYear
from dipps.impact.services import Figures, productivity_import, productivity_save
from tests.factories import make_company, make_programme

pytestmark = pytest.mark.django_db

HEADER = "orgnr,fiscal_year,net_sales,personnel_costs,depreciation,operating_profit\n"


def test_save_creates_updates_and_keeps_the_same_figures():
    firm = make_company("Bräcke Svets AB", programme=make_programme())
    year = Figures(2023, D("9800000"), D("4100000"), D("250000"), D("610000"))
    saved = productivity_save(company=firm, years=[year], source="annual_report")
    assert (saved.created, saved.updated, saved.unchanged) == (1, 0, 0)
    row = ProductivityYear.objects.get(company=firm, fiscal_year=2023)
    assert row.value_added == D("4960000.00")  # 610 000 + 4 100 000 + 250 000
    again = productivity_save(company=firm, years=[year], source="sie", source_name="x.se")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    row.refresh_from_db()
    assert (row.source, row.source_name) == ("annual_report", "")
    changed = Figures(2023, D("9800000"), D("4100000"), D("250000"), D("700000"))
    productivity_save(company=firm, years=[changed], source="sie", source_name="x.se")
    row.refresh_from_db()
    assert (row.operating_profit, row.source, row.source_name) == (D("700000.00"), "sie", "x.se")
    actions = list(
        AuditEntry.objects.filter(model="impact.productivityyear").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


def test_save_refuses_a_year_twice_and_saves_nothing():
    firm = make_company(programme=make_programme())
    year = Figures(2023, D(1), D(1), D(1), D(1))
    with pytest.raises(ValueError):
        productivity_save(company=firm, years=[year, year], source="import")
    assert not ProductivityYear.objects.exists()


def test_import_file_all_or_nothing_then_idempotent(tmp_path, capsys):
    firm = make_company("Östersunds Mekaniska AB", orgnr="5560360793", programme=make_programme())
    good = HEADER + (
        '556036-0793,2023,12 400 000,"5 150 000,50",310000,820000\n'
        "5560360793,2024,13100000,5400000,300000,-40000\n"
    )
    path = tmp_path / "produktivitet.csv"
    path.write_text(good, encoding="utf-8")
    call_command("import", "productivity", str(path))
    out = json.loads(capsys.readouterr().out)
    assert (out["firms"], out["created"], out["updated"], out["unchanged"]) == (1, 2, 0, 0)
    y23 = ProductivityYear.objects.get(company=firm, fiscal_year=2023)
    assert y23.personnel_costs == D("5150000.50")
    assert (y23.source, y23.source_name) == ("import", "produktivitet.csv")
    # 820 000 + 5 150 000.50 + 310 000
    assert y23.value_added == D("6280000.50")
    call_command("import", "productivity", str(path))
    out = json.loads(capsys.readouterr().out)
    assert (out["created"], out["updated"], out["unchanged"]) == (0, 0, 2)


def test_import_names_every_bad_row_and_column(tmp_path, capsys):
    make_company(orgnr="5560360793", programme=make_programme())
    bad = HEADER + (
        "5560360793,2023,100,100,100,100\n"
        "1234,2023,100,100,100,100\n"
        "5560360793,23,100,100,100,100\n"
        "5560360793,2022,-5,lots,100,100\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import", "productivity", str(path))
    assert info.value.returncode == 2
    err = capsys.readouterr().err
    for row, column in [(3, "orgnr"), (4, "fiscal_year"), (5, "net_sales"), (5, "personnel_costs")]:
        assert f"Row {row}, column {column}" in err or f"Rad {row}, kolumn {column}" in err
    assert not ProductivityYear.objects.exists()


def test_import_refuses_unknown_firms_and_repeated_years():
    make_company(orgnr="5560360793", programme=make_programme())
    text = HEADER + ("5560360793,2023,1,1,1,1\n5560360793,2023,2,2,2,2\n5565475489,2023,1,1,1,1\n")
    parsed = read_productivity(text.encode(), "p.csv")
    assert parsed.errors == []
    errors, result = productivity_import(rows=parsed.rows, filename="p.csv")
    assert result is None
    assert [(e.row, e.column) for e in errors] == [(3, "fiscal_year"), (4, "orgnr")]
    assert not ProductivityYear.objects.exists()


def test_import_reads_xlsx_too():
    from io import BytesIO

    from openpyxl import Workbook

    firm = make_company(orgnr="5560360793", programme=make_programme())
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["556036-0793", 2024, 13100000, 5400000.5, 300000, -40000])
    data = BytesIO()
    book.save(data)
    parsed = read_productivity(data.getvalue(), "produktivitet.xlsx")
    assert parsed.errors == []
    errors, result = productivity_import(rows=parsed.rows, filename="produktivitet.xlsx")
    assert errors == [] and result["created"] == 1
    row = ProductivityYear.objects.get(company=firm)
    # -40 000 + 5 400 000.50 + 300 000
    assert (row.personnel_costs, row.value_added) == (D("5400000.50"), D("5660000.50"))
