"""Every download is named in the page's language: no English word in a Swedish file name,
no Swedish word in an English one.

The downloads are those of `test_personal_data_in_exports.EXPORTS`, which fails when a new
export URL is not listed there, so a new download is checked here too. The words are a small
list of the ones our names use; a name built from an untranslated string shows up as one.
"""

import re

import pytest

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


@pytest.mark.slow
def test_every_download_is_named_in_the_pages_language(demo, manager):  # noqa: F811
    wrong: dict[str, set[str]] = {}
    checked = 0
    for urls, _shows in EXPORTS.values():
        for url in urls(demo):
            forced = re.search(r"[?&]lang=(sv|en)", url)
            for language in [forced.group(1)] if forced else ["sv", "en"]:
                manager.cookies["django_language"] = language
                response = manager.get(url)
                assert response.status_code == 200, url
                words = _words(response["Content-Disposition"])
                foreign = words & (ENGLISH if language == "sv" else SWEDISH)
                if foreign:
                    wrong[f"{language} {url}"] = foreign
                checked += 1
    assert wrong == {}
    assert checked >= 60
