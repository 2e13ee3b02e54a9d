"""Every download is named in the page's language: no English word in a Swedish file name,
no Swedish word in an English one.

The downloads are those of `test_personal_data_in_exports.EXPORTS`, which fails when a new
export URL is not listed there, so a new download is checked here too. The words are a small
list of the ones our names use; a name built from an untranslated string shows up as one.
"""

import io
import re

import pytest
from openpyxl import load_workbook

from .test_personal_data_in_exports import EXPORTS, demo, manager  # noqa: F401

ENGLISH = {
    "claim", "payment", "verification", "list", "maturity", "report", "certificate",
    "scenario", "extract", "exposure", "ledger", "companies", "indicators", "pseudonymised",
    "totals", "timesheet", "kind", "export", "final",
}  # fmt: skip
SWEDISH = {
    "ansokan", "utbetalning", "verifikationslista", "mognadsrapport", "intyg",
    "scenariorapport", "registerutdrag", "exponering", "reskontra", "foretag", "indikatorer",
    "pseudonymiserad", "summering", "tidrapport", "natura", "slutrapport",
}  # fmt: skip


def _words(disposition: str) -> set[str]:
    name = re.search(r'filename="([^"]+)"', disposition)
    assert name, disposition
    return set(re.split(r"[-_.\s]+", name.group(1).lower()))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_words(content: bytes) -> set[str]:
    """The words of an XLSX file's sheet names: they are in the page's language too."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {w for title in book.sheetnames for w in re.split(r"[-_.\s]+", title.lower()) if w}


def _too_precise(content: bytes, url: str) -> list[str]:
    """Numbers written with more than four decimals (and more than three significant digits):
    `-1.474226809646539` is noise, `0.000123` is a small figure."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if not isinstance(value, float) or value == round(value, 4):
                    continue
                if len(f"{abs(value):.15g}".lstrip("0.").rstrip("0")) > 3:
                    found.append(f"{url}: {value!r}")
    return found


@pytest.mark.slow
def test_every_download_is_named_in_the_pages_language(demo, manager):  # noqa: F811
    wrong: dict[str, set[str]] = {}
    precise: list[str] = []
    checked = 0
    for urls, _shows in EXPORTS.values():
        for url in urls(demo):
            forced = re.search(r"[?&]lang=(sv|en)", url)
            for language in [forced.group(1)] if forced else ["sv", "en"]:
                manager.cookies["django_language"] = language
                response = manager.get(url)
                assert response.status_code == 200, url
                words = _words(response["Content-Disposition"])
                if response["Content-Type"].startswith(XLSX):
                    words |= _sheet_words(response.content)
                    precise += _too_precise(response.content, url)
                foreign = words & (ENGLISH if language == "sv" else SWEDISH)
                if foreign:
                    wrong[f"{language} {url}"] = foreign
                checked += 1
    assert wrong == {}
    assert precise == []
    assert checked >= 60
