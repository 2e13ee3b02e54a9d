"""The finance officer downloads a claim's verification list (XLSX and CSV) and the final
report (PDF) through the links on the pages, as a person would, in Swedish."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser

HEADER = ["Partner", "Verifikationsserie", "Verifikationsnummer", "Datum", "Konto"]


def test_the_finance_officer_downloads_the_verification_list_and_the_final_report(
    page, live_server, demo
):
    login(page, live_server, "ekonom", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ekonomi").click()
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^DIPPS –")).click()
    # The overview says the programme must be evaluated (22 185 000 kr ≥ 12 MSEK).
    assert page.locator("#evaluation-required").inner_text().startswith("Utvärdering krävs")

    # The last period (July–August 2028) carries the demo's draft final report.
    row = page.locator("tr", has=page.get_by_role("cell", name="2028-07-01"))
    row.get_by_role("link", name="Utkast").click()
    page.wait_for_url(re.compile(r"/finance/claim/\d+/$"))
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert number.isdigit()

    links = page.locator("#verification-list")
    with page.expect_download() as info:
        links.get_by_role("link", name="XLSX").click()
    xlsx = info.value
    assert xlsx.suggested_filename == "verifikationslista-DIPPS-10.xlsx"
    with open(xlsx.path(), "rb") as handle:  # saved without an extension
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.title == "Verifikationslista DIPPS 10"
    assert [c.value for c in sheet[1]][:5] == HEADER

    with page.expect_download() as info:
        links.get_by_role("link", name="CSV").click()
    csv_file = info.value
    assert csv_file.suggested_filename == "verifikationslista-DIPPS-10.csv"
    with open(csv_file.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:5] == HEADER

    page.locator("#final-report").get_by_role("link", name="Slutrapport").click()
    page.wait_for_url(re.compile(r"/finance/claim/\d+/final-report/$"))
    assert page.get_by_role("heading", name="Slutrapport – DIPPS").is_visible()
    assert (
        page.get_by_label("Det som lever vidare efter projektet")
        .input_value()
        .startswith("IUC Z-Group")
    )
    link = page.get_by_role("link", name="Slutrapport som PDF")
    # Fetched with the page's session: Chromium's viewer would wrap the PDF in its own page.
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'inline; filename="slutrapport-DIPPS.pdf"'
    body = response.body()
    assert body[:5] == b"%PDF-"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "UTKAST" in text and "Norrlandsutvärdering AB" in text
