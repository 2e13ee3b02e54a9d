"""Every upload and every file-reading command goes through the upload policy.

Hostile and oversized files through the real pages (the message is shown, nothing is
saved or staged) and through the commands (the exit status, the message naming the limit).
"""

from __future__ import annotations

import codecs
import json
import time
import tracemalloc
from datetime import date
from decimal import Decimal as D

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from dipps.companies.models import Company, KeyFigures
from dipps.core.models import ExchangeRate, StagedUpload
from dipps.finance.models import SieImport
from dipps.scenarios.models import CostStructure, PricePoint
from tests.finance.helpers import partner, salary, sie_file

from .hostile_files import sparse_file, xlsx_bomb, xlsx_rows

MB = 1024 * 1024
HEADER = "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek"
ROW = "556036-0793,Norrlands Trä AB,16.101,2380,{year},18,24500000,15300000"
GOOD = f"{HEADER}\n{ROW.format(year=2024)}\n"
BOMB_MESSAGE = (
    "The workbook part xl/worksheets/sheet1.xml is packed 507 times smaller than it unpacks; "
    "at most 100 times is accepted. The file looks like a zip bomb and is not opened."
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return xlsx_bomb()


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory):
    return xlsx_rows(tmp_path_factory.mktemp("rows") / "million.xlsx", 1_000_000)


@pytest.fixture
def english(client_as, world):
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=D("11"))

    def login(role):
        client = client_as(role)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    with translation.override("en"):
        yield login


def post_companies(client, data: bytes, name: str):
    return client.post(reverse("companies:import"), {"file": SimpleUploadedFile(name, data)})


def page_text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def nothing_kept():
    return not Company.objects.filter(orgnr="5560360793").exists() and (
        not StagedUpload.objects.exists()
    )


def padded_companies_csv(size: int) -> bytes:
    """A valid company file of about `size` bytes: one firm, one row a fiscal year, each with
    an ignored note of 100 kB (under the CSV module's cell limit)."""
    note = "x" * 100_000
    years = range(2024, 2024 - size // 100_000 - 1, -1)
    rows = [f"{ROW.format(year=y)},{note}" for y in years]
    return (f"{HEADER},note\n" + "\n".join(rows) + "\n").encode()


# --- the company import page ---------------------------------------------------------------


def test_the_company_page_refuses_a_zip_bomb_and_keeps_nothing(english, bomb):
    started = time.perf_counter()
    response = post_companies(english("coach"), bomb, "företag.xlsx")
    assert time.perf_counter() - started < 2
    assert BOMB_MESSAGE in page_text(response)
    assert "import/confirm" not in page_text(response)
    assert nothing_kept()


def test_the_company_page_refuses_a_million_rows(english, million_rows):
    response = post_companies(english("manager"), million_rows.read_bytes(), "rader.xlsx")
    assert (
        "The file has 1,000,001 rows; at most 200,000 rows are read. Split it into smaller files."
        in page_text(response)
    )
    assert nothing_kept()


class MultipartStream:
    """A multipart/form-data body with one file of `size` bytes, made as it is read."""

    def __init__(self, boundary: str, filename: str, size: int) -> None:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.parts = [head, HEADER.encode() + b"\n"]
        self.left = size - len(self.parts[1])
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.length = len(head) + size + len(self.tail)
        self.row = (ROW.format(year=2024) + "\n").encode() * 1000
        self.buffer = b""

    def _more(self) -> bytes:
        if self.parts:
            return self.parts.pop(0)
        if self.left > 0:
            piece = self.row[: self.left]
            self.left -= len(piece)
            return piece
        tail, self.tail = self.tail, b""
        return tail

    def readline(self, size: int = -1) -> bytes:  # Django asks for it; multipart never uses it
        raise NotImplementedError

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.buffer) < size:
            more = self._more()
            if not more:
                break
            self.buffer += more
        cut = len(self.buffer) if size < 0 else size
        out, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return out


def test_the_company_page_refuses_a_200_mb_csv_with_flat_memory(english):
    client = english("coach")
    body = MultipartStream("grans", "stor.csv", 200 * MB)
    tracemalloc.start()
    started = time.perf_counter()
    response = client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=reverse("companies:import"),
        CONTENT_TYPE="multipart/form-data; boundary=grans",
        CONTENT_LENGTH=str(body.length),
        **{"wsgi.input": body},
    )
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    assert response.status_code == 200
    assert body.left == 0 and not body.tail  # the whole body went through Django
    assert "“stor.csv” is 200.0 MB; CSV and XLSX files may be at most 20 MB." in page_text(response)
    assert nothing_kept()
    # The whole body is read from the network (so the browser gets the page), but never
    # held: memory stays flat, and nothing past the largest limit reaches the disk.
    assert peak < 20
    assert elapsed < 10  # well under a second on a quiet machine, see docs/configuration.md


def test_the_company_page_reads_a_utf16_csv(english):
    client = english("coach")
    data = codecs.BOM_UTF16_LE + GOOD.replace(",", "\t").encode("utf-16-le")
    response = post_companies(client, data, "företag.csv")
    assert "Norrlands Trä AB" in page_text(response)
    client.post(reverse("companies:import_confirm"))
    assert Company.objects.get(orgnr="5560360793").name == "Norrlands Trä AB"


def test_a_valid_file_of_5_5_mb_is_previewed_staged_and_imported(english):
    client = english("coach")
    data = padded_companies_csv(int(5.5 * MB))
    assert len(data) > 5.5 * MB
    response = post_companies(client, data, "stor.csv")
    text = page_text(response)
    assert "import/confirm" in text  # there was a 5 MB stash limit that left an empty form
    assert StagedUpload.objects.get().filename == "stor.csv"
    assert client.session["company_import"] == StagedUpload.objects.get().pk
    client.post(reverse("companies:import_confirm"))
    assert KeyFigures.objects.filter(company__orgnr="5560360793").count() == 58
    assert not StagedUpload.objects.exists()


def test_a_file_over_the_tabular_limit_is_refused_by_the_form(english, settings):
    settings.DIPPS_UPLOAD_MAX_TABULAR_MB = 1
    response = post_companies(english("coach"), padded_companies_csv(int(1.5 * MB)), "stor.csv")
    assert "“stor.csv” is 1.6 MB; CSV and XLSX files may be at most 1 MB." in page_text(response)
    assert "At most 1 MB." in page_text(response)  # the help text named it beforehand
    assert nothing_kept()


# --- the other upload pages ----------------------------------------------------------------


def test_the_finance_sie_upload_refuses_a_file_over_the_sie_limit(english, world, settings):
    settings.DIPPS_UPLOAD_MAX_SIE_MB = 1
    org = partner(world.programme)
    data = sie_file([salary(1, date(2024, 1, 25))])
    big = data + b"\n" * (2 * MB)
    response = english("finance").post(
        reverse("finance:import", args=[world.programme.code]),
        {"organisation": org.pk, "file": SimpleUploadedFile("iuc.se", big)},
    )
    assert "“iuc.se” is 2.1 MB; SIE files may be at most 1 MB." in page_text(response)
    assert not SieImport.objects.exists()


def test_the_scenario_sie_fill_refuses_a_file_over_the_sie_limit(english, world, settings):
    settings.DIPPS_UPLOAD_MAX_SIE_MB = 1
    response = english("coach").post(
        reverse("scenarios:sie_fill"),
        {
            "company": world.company.pk,
            "file": SimpleUploadedFile("bok.se", b"#FLAGGA 0\n" * (MB // 5)),
            "year_index": 0,
        },
    )
    assert "“bok.se” is 2.0 MB; SIE files may be at most 1 MB." in page_text(response)
    assert not CostStructure.objects.exists()


def test_the_price_history_page_refuses_a_million_rows_and_reads_utf16(english, million_rows):
    client = english("coach")
    response = client.post(
        reverse("scenarios:series"),
        {"file": SimpleUploadedFile("rader.xlsx", million_rows.read_bytes())},
    )
    assert "The file has 1,000,001 rows; at most 200,000 rows are read." in page_text(response)
    assert not StagedUpload.objects.exists()
    data = "date\tseries\tvalue\n2020-01-31\tfx.EUR\t10,5\n".encode("utf-16")
    client.post(reverse("scenarios:series"), {"file": SimpleUploadedFile("p.txt", data)})
    client.post(reverse("scenarios:series_confirm"))
    assert [(p.series.name, p.value) for p in PricePoint.objects.all()] == [("fx.EUR", D("10.5"))]


# --- the commands --------------------------------------------------------------------------


def run(*args):
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command(*args)
    return error.value.returncode, str(error.value)


def test_the_import_command_refuses_a_zip_bomb_with_exit_status_3(world, tmp_path, bomb):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    started = time.perf_counter()
    status, message = run("import", "companies", str(path))
    assert time.perf_counter() - started < 1
    assert (status, message) == (3, f"{path}: {BOMB_MESSAGE}")
    assert nothing_kept()


def test_the_import_command_refuses_a_200_mb_csv_unread_and_names_the_flag(world, tmp_path):
    path = sparse_file(tmp_path / "stor.csv", 200 * MB, GOOD.encode())
    run("import", "companies", str(path))  # once untimed: the command's modules load
    tracemalloc.start()
    started = time.perf_counter()
    status, message = run("import", "companies", str(path))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    assert status == 3
    assert message == (
        f"{path}: “{path}” is 200.0 MB; CSV and XLSX files may be at most 20 MB. "
        "Raise the limit for this run with --max-mb N."
    )
    assert elapsed < 1 and peak < 5


def test_max_mb_raises_the_size_limit_for_one_run(world, tmp_path, settings, capsys):
    settings.DIPPS_UPLOAD_MAX_TABULAR_MB = 1
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=D("11"))
    path = tmp_path / "stor.csv"
    path.write_bytes(padded_companies_csv(int(1.5 * MB)))
    assert run("import", "companies", str(path))[0] == 3
    call_command("import", "companies", str(path), "--max-mb", "2")
    assert json.loads(capsys.readouterr().out)["figures_created"] == 16


def test_the_activity_import_refuses_a_million_rows_and_max_rows_raises_the_limit(
    world, tmp_path, million_rows, settings
):
    status, message = run("import", "activities", str(million_rows))
    assert (status, message) == (
        3,
        f"{million_rows}: The file has 1,000,001 rows; at most 200,000 rows are read. "
        "Split it into smaller files. Raise the limit for this run with --max-rows N.",
    )
    settings.DIPPS_UPLOAD_MAX_ROWS = 2
    path = tmp_path / "a.csv"
    path.write_text("date,programme,orgnr,type,staff_hours\n\n\n", encoding="utf-8")
    assert run("import", "activities", str(path))[0] == 3
    # With the limit raised the file is read, and refused for what it is: no data rows.
    assert run("import", "activities", str(path), "--max-rows", "3") == (
        2,
        f"{path}: The file has a header but no data rows.",
    )


def test_the_import_command_reads_a_utf16_csv(world, tmp_path, capsys):
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=D("11"))
    path = tmp_path / "företag.csv"
    path.write_bytes(GOOD.encode("utf-16"))
    call_command("import", "companies", str(path))
    assert json.loads(capsys.readouterr().out)["companies_created"] == 1


def test_sie_inspect_refuses_a_file_over_the_limit_and_still_reads_the_others(tmp_path, capsys):
    big = sparse_file(tmp_path / "stor.se", 150 * MB, b"#FLAGGA 0\n")
    good = tmp_path / "bok.se"
    good.write_bytes(sie_file([salary(1, date(2024, 1, 25))]))
    with translation.override("en"), pytest.raises(SystemExit) as exit_:
        call_command("sie", "inspect", str(big), str(good))
    assert exit_.value.code == 3
    out, err = capsys.readouterr()
    assert json.loads(out)["vouchers"] == 1
    assert err == (
        f"{big}: “{big}” is 150.0 MB; SIE files may be at most 100 MB. "
        "Raise the limit for this run with --max-mb N.\n"
    )


@pytest.mark.parametrize(
    "command", [("maturity", "score"), ("scenario", "stress"), ("scenario", "montecarlo")]
)
def test_the_json_commands_refuse_a_file_over_the_json_limit(command, tmp_path, capsys):
    path = sparse_file(tmp_path / "stor.json", 11 * MB, b"{")
    with translation.override("en"), pytest.raises(SystemExit) as exit_:
        call_command(*command, str(path))
    assert exit_.value.code == 3
    assert f"“{path}” is 11.0 MB; JSON files may be at most 10 MB." in capsys.readouterr().err


def luhn_orgnr(nine: str) -> str:
    total = 0
    for i, digit in enumerate(map(int, nine)):
        doubled = digit * 2 if i % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return nine + str((10 - total % 10) % 10)


def test_a_large_file_previews_its_first_500_rows_and_imports_all(english):
    client = english("coach")
    rows = [
        f"{luhn_orgnr(f'55600000{k}')},Firma {k} AB,16.101,2380,{year},5,1000000,500000"
        for k in range(3)
        for year in range(1900, 2101)
    ]
    data = (HEADER + "\n" + "\n".join(rows) + "\n").encode()
    text = page_text(post_companies(client, data, "många.csv"))
    assert text.count("Firma ") == 500
    assert "… and 103 more rows, not shown here; all are imported." in text
    client.post(reverse("companies:import_confirm"))
    assert KeyFigures.objects.filter(company__name__startswith="Firma ").count() == 603


def test_a_file_with_many_bad_rows_lists_the_first_200_problems(english):
    bad = "\n".join(f"123,X AB,16.101,2380,{2000 + n % 100},3,1,1" for n in range(250))
    text = page_text(post_companies(english("coach"), f"{HEADER}\n{bad}\n".encode(), "fel.csv"))
    assert text.count("column orgnr") == 200
    assert "… and 50 more problems." in text
    assert nothing_kept()
