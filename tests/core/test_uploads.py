"""The upload policy and the bounded table reader, without views: limits, bombs, big files."""

from __future__ import annotations

import codecs
import io
import time
import tracemalloc
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from django.utils import translation

from dipps.core import uploads
from dipps.core.tabular import TableError, TableOverLimit, read_table
from dipps.core.uploads import BoundedUploadHandler, OverLimit, UploadField, limits_for

from .hostile_files import (
    shared_strings_xml,
    sheet_xml,
    sparse_file,
    table_xlsx,
    xlsx,
    xlsx_bomb,
    xlsx_rows,
)

MB = 1024 * 1024
REQUIRED = ["date", "series", "value"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def bomb() -> bytes:
    return xlsx_bomb()


def refusal(data: bytes, name: str = "x.xlsx", limits=None) -> str:
    with pytest.raises(TableOverLimit) as error:
        read_table(data, name, required=REQUIRED, limits=limits)
    return str(error.value)


def measured(action):
    """(seconds, peak traced MB) of `action()`."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        action()
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return elapsed, peak


# --- the limits ----------------------------------------------------------------------------


def test_the_default_limits_are_those_of_the_issue():
    tabular, sie, json = (limits_for(k) for k in (uploads.TABULAR, uploads.SIE, uploads.JSON))
    assert (tabular.max_mb, sie.max_mb, json.max_mb) == (20, 100, 10)
    assert (tabular.max_bytes, sie.max_bytes) == (20 * MB, 100 * MB)
    assert (tabular.max_uncompressed_mb, tabular.max_ratio, tabular.max_rows) == (200, 100, 200_000)
    assert tabular.max_texts == 2_000_000


def test_the_limits_follow_the_settings(settings):
    settings.DIPPS_UPLOAD_MAX_TABULAR_MB = 5
    settings.DIPPS_UPLOAD_MAX_ROWS = 1000
    settings.DIPPS_UPLOAD_XLSX_MAX_RATIO = 50
    limits = limits_for(uploads.TABULAR)
    assert (limits.max_mb, limits.max_rows, limits.max_ratio) == (5, 1000, 50)


def test_raising_the_size_on_the_command_line_raises_the_unpacked_size_in_proportion():
    limits = limits_for(uploads.TABULAR, max_mb=50, max_rows=500_000)
    assert (limits.max_mb, limits.max_uncompressed_mb, limits.max_rows) == (50, 500, 500_000)
    # Lowering the size never lowers the unpacked limit below its setting.
    assert limits_for(uploads.TABULAR, max_mb=1).max_uncompressed_mb == 200


def test_a_file_over_the_size_limit_is_refused_with_its_size_and_the_limit():
    with pytest.raises(OverLimit) as error:
        uploads.check_size(20 * MB + 1, "stor.csv", limits_for(uploads.TABULAR))
    # 20 MB and one byte is shown as 20.1, never as a confusing 20.0.
    assert str(error.value) == "“stor.csv” is 20.1 MB; CSV and XLSX files may be at most 20 MB."
    assert error.value.flag == "--max-mb"
    uploads.check_size(20 * MB, "lagom.csv", limits_for(uploads.TABULAR))  # at the limit: fine


def test_the_refusal_is_in_swedish_with_swedish_numbers():
    with translation.override("sv"), pytest.raises(OverLimit) as error:
        uploads.check_size(150 * MB, "bok.se", limits_for(uploads.SIE))
    assert str(error.value) == "”bok.se” är 150,0 MB; SIE-filer får vara högst 100 MB."
    with translation.override("sv"):
        assert uploads.cli_message(error.value) == (
            "”bok.se” är 150,0 MB; SIE-filer får vara högst 100 MB. "
            "Höj gränsen för den här körningen med --max-mb N."
        )


# --- XLSX: the zip directory ---------------------------------------------------------------


def test_a_zip_bomb_is_refused_in_under_a_second_with_flat_memory(bomb):
    assert len(bomb) < 5 * MB  # a few MB packed …
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert unpacked > 2 * 1000**3  # … over 2 GB unpacked
    errors = []

    def read():
        try:
            read_table(bomb, "bomb.xlsx", required=REQUIRED)
        except TableOverLimit as error:
            errors.append(str(error))

    elapsed, peak = measured(read)
    assert errors == [
        "The workbook part xl/worksheets/sheet1.xml is packed 507 times smaller than it "
        "unpacks; at most 100 times is accepted. The file looks like a zip bomb and is not "
        "opened."
    ]
    assert elapsed < 1.0
    assert peak < 50  # MB, the bomb's own 4 MB included


def test_a_workbook_that_unpacks_past_the_limit_is_refused_even_if_it_packs_plausibly(
    bomb, settings
):
    settings.DIPPS_UPLOAD_XLSX_MAX_RATIO = 10_000
    assert refusal(bomb) == (
        "The workbook unpacks to 2,048.0 MB; at most 200 MB is read. Split it into smaller files."
    )


def test_a_small_well_packed_part_is_not_mistaken_for_a_bomb():
    rows = [["date", "series", "value"]] + [["2024-01-31", "fx.EUR", "11"]] * 6000
    data = table_xlsx(rows)
    [sheet] = [i for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if "sheet1" in i.filename]
    assert sheet.file_size < MB and sheet.file_size / sheet.compress_size > 100
    assert len(read_table(data, "ok.xlsx", required=REQUIRED)) == 6000


# --- XLSX: rows, columns, texts ------------------------------------------------------------


def test_an_xlsx_with_a_million_rows_is_refused_quickly(tmp_path):
    data = xlsx_rows(tmp_path / "million.xlsx", 1_000_000).read_bytes()
    assert len(data) < 20 * MB  # under the size limit: only the row limit refuses it
    started = time.perf_counter()
    message = refusal(data)
    assert message == (
        "The file has 1,000,001 rows; at most 200,000 rows are read. Split it into smaller files."
    )
    assert time.perf_counter() - started < 5  # counted in the bytes, not parsed row by row


def test_rows_are_counted_while_streaming_when_the_quick_count_is_dodged(settings):
    settings.DIPPS_UPLOAD_MAX_ROWS = 1000
    # One row element numbered 5 000: openpyxl yields 4 999 empty rows before it.
    sheet = sheet_xml([["date", "series", "value"]]).replace(
        b"</sheetData>", b'<row r="5000"><c r="A5000"><v>1</v></c></row></sheetData>'
    )
    assert refusal(xlsx(sheet)) == (
        "The file has more than 1,000 rows; at most 1,000 rows are read. "
        "Split it into smaller files."
    )


def test_a_cell_in_the_last_column_is_refused_instead_of_padding_every_row():
    sheet = sheet_xml([["date", "series", "value"]]).replace(
        b"</sheetData>", b'<row r="2"><c r="XFD2"><v>1</v></c></row></sheetData>'
    )
    assert refusal(xlsx(sheet)) == "Row 2 has 16,384 columns; at most 1,000 columns are read."


def test_a_lying_dimension_does_not_widen_the_rows():
    rows = [["date", "series", "value"], ["2024-01-31", "fx.EUR", "11.5"]]
    data = table_xlsx(rows, dimension="A1:XFD1048576")
    [row] = read_table(data, "x.xlsx", required=REQUIRED)
    assert (row.number, row.values) == (
        2,
        {"date": "2024-01-31", "series": "fx.EUR", "value": "11.5"},
    )


def test_shared_strings_are_read_as_openpyxl_reads_them():
    strings = (
        f'<sst xmlns="{"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}">'
        "<si><t>date</t></si><si><t>series</t></si><si><t>value</t></si>"
        "<si><r><t>fx.</t></r><r><t>EUR</t></r><rPh><t>x</t></rPh></si>"
        "<si><t>2024-01-31</t></si></sst>"
    ).encode()
    sheet = sheet_xml([]).replace(
        b"<sheetData>",
        b'<sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c>'
        b'</row><row><c t="s"><v>4</v></c><c t="s"><v>3</v></c><c><v>11</v></c></row>',
    )
    [row] = read_table(xlsx(sheet, shared_strings=strings), "x.xlsx", required=REQUIRED)
    assert row.values == {"date": "2024-01-31", "series": "fx.EUR", "value": "11"}


def test_too_many_distinct_texts_are_refused_before_they_fill_memory(settings):
    settings.DIPPS_UPLOAD_MAX_ROWS = 100  # allows 1 000 distinct texts
    data = xlsx(sheet_xml([["date", "series", "value"]]), shared_strings=shared_strings_xml(1001))
    assert refusal(data) == (
        "The workbook holds more than 1,000 different texts; at most 1,000 are read. "
        "Split it into smaller files."
    )
    ok = xlsx(sheet_xml([["date", "series", "value"]]), shared_strings=shared_strings_xml(1000))
    with pytest.raises(TableError, match="header but no data rows"):
        read_table(ok, "x.xlsx", required=REQUIRED)


# --- CSV -----------------------------------------------------------------------------------

CSV = "date;series;value\n2024-01-31;fx.EUR;11,42\n2024-02-29;Åkerström kWh;1,5\n"
EXPECTED = [
    (2, {"date": "2024-01-31", "series": "fx.EUR", "value": "11,42"}),
    (3, {"date": "2024-02-29", "series": "Åkerström kWh", "value": "1,5"}),
]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + CSV.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CSV.encode("utf-16-be"),
        CSV.encode("utf-16-le"),  # no byte-order mark
        CSV.encode("utf-16-be"),
        CSV.replace(";", "\t").encode("utf-16"),  # Excel's "Unicode text"
    ],
    ids=["le-bom", "be-bom", "le", "be", "excel-unicode-text"],
)
def test_a_utf16_csv_is_decoded(data):
    rows = read_table(data, "priser.csv", required=REQUIRED)
    assert [(r.number, r.values) for r in rows] == EXPECTED


def test_a_broken_utf16_csv_says_how_to_save_it():
    data = codecs.BOM_UTF16_LE + CSV.encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(TableError) as error:
        read_table(data, "priser.csv", required=REQUIRED)
    assert str(error.value) == (
        "The file looks like UTF-16 text but cannot be decoded as such. "
        "Save it as “CSV UTF-8” and upload it again."
    )


def test_a_csv_over_the_row_limit_is_refused_and_one_at_it_is_read(settings):
    settings.DIPPS_UPLOAD_MAX_ROWS = 10
    at_limit = "date,series,value\n" + "2024-01-31,fx.EUR,11\n" * 9
    assert len(read_table(at_limit.encode(), "x.csv", required=REQUIRED)) == 9
    over = at_limit + "\n"  # a blank row counts: a file of blank lines is no cheaper
    assert refusal(over.encode(), "x.csv") == (
        "The file has more than 10 rows; at most 10 rows are read. Split it into smaller files."
    )


def test_a_csv_cell_past_the_csv_field_limit_names_its_row():
    data = b'date,series,value\n2024-01-31,fx.EUR,11\n2024-01-31,"' + b"x" * 140_000 + b'",1\n'
    with pytest.raises(TableError) as error:
        read_table(data, "x.csv", required=REQUIRED)
    assert str(error.value) == (
        "Row 3 cannot be read as CSV: field larger than field limit (131072)."
    )


# --- the size limit, before anything is read -----------------------------------------------


def test_a_200_mb_csv_is_refused_by_the_form_without_being_read(tmp_path):
    class Form(forms.Form):
        file = UploadField(kind=uploads.TABULAR)

    upload = TemporaryUploadedFile("stor.csv", "text/csv", 200 * MB, "utf-8")
    upload.file.truncate(200 * MB)  # sparse: no disk, no memory
    holder: list = []
    elapsed, peak = measured(lambda: holder.append(Form(files={"file": upload})))
    form = holder[0]
    assert not form.is_valid()
    assert form.errors["file"] == [
        "“stor.csv” is 200.0 MB; CSV and XLSX files may be at most 20 MB."
    ]
    assert upload.file.tell() == 0  # not one byte read
    assert elapsed < 1.0 and peak < 5


def test_the_upload_field_names_its_limit_before_anyone_uploads(settings):
    field = UploadField(kind=uploads.SIE)
    assert str(field.help_text) == "At most 100 MB."
    settings.DIPPS_UPLOAD_MAX_SIE_MB = 30
    assert str(field.help_text) == "At most 30 MB."
    small = SimpleUploadedFile("bok.se", b"#FLAGGA 0\n")
    assert field.clean(small) is small


def test_a_200_mb_upload_stream_is_counted_but_never_stored_past_the_largest_limit():
    handler = BoundedUploadHandler(RequestFactory().post("/"))
    handler.new_file("file", "stor.csv", "text/csv", None)
    chunk = b"a,b\n" * (64 * 1024 // 4)
    position = 0
    stored = []

    def stream():
        nonlocal position
        while position < 200 * MB:
            handler.receive_data_chunk(chunk, position)
            position += len(chunk)
            stored.append(handler.file.tell())

    elapsed, peak = measured(stream)
    upload = handler.file_complete(position)
    assert upload.size == 200 * MB  # the true size, for the form's message
    assert upload.truncated is True
    assert max(stored) <= 100 * MB  # the largest limit (SIE)
    assert upload.read() == b""  # nothing half-kept that a parser could mistake for the file
    assert peak < 5
    assert elapsed < 10


def test_a_file_within_the_limits_is_stored_whole_by_the_handler():
    handler = BoundedUploadHandler(RequestFactory().post("/"))
    handler.new_file("file", "ok.csv", "text/csv", None)
    handler.receive_data_chunk(b"date,series,value\n", 0)
    upload = handler.file_complete(18)
    assert (upload.size, upload.truncated, upload.read()) == (18, False, b"date,series,value\n")


def test_a_200_mb_file_on_the_command_line_is_refused_without_being_read(tmp_path):
    path = sparse_file(tmp_path / "stor.csv", 200 * MB, b"date,series,value\n")
    errors = []

    def read():
        try:
            uploads.read_path(path, limits_for(uploads.TABULAR))
        except OverLimit as error:
            errors.append(str(error))

    elapsed, peak = measured(read)
    assert errors == [f"“{path}” is 200.0 MB; CSV and XLSX files may be at most 20 MB."]
    assert elapsed < 1.0 and peak < 5


def test_standard_input_is_read_no_further_than_the_limit(settings):
    settings.DIPPS_UPLOAD_MAX_JSON_MB = 1
    endless = io.BytesIO(b" " * (3 * MB))
    with pytest.raises(OverLimit) as error:
        uploads.read_path("-", limits_for(uploads.JSON), stdin=endless)
    assert str(error.value) == "Standard input is over 1 MB; JSON files may be at most 1 MB."
    assert endless.tell() == MB + 1
