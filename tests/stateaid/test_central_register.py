"""The central-register export (2023/2831 art. 6): columns, values and who may download."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dipps.companies.models import SniCode
from dipps.site.demo import luhn_complete
from dipps.stateaid.services import aid_declare
from tests.engagements.helpers import rates, record
from tests.factories import make_approved_case, make_company

pytestmark = pytest.mark.django_db

HEADERS_SV = [
    "Organisationsnummer",
    "Stödmottagare",
    "Stödbelopp (euro)",
    "Stödbelopp (kr)",
    "Beviljat datum",
    "Stödgivare",
    "Stödinstrument",
    "Förordning",
    "Branschkod (SNI)",
    "SNI-version",
]


def _url(world, fmt):
    return reverse("stateaid:central_register_export", args=[world.programme.code, fmt])


@pytest.fixture
def aid(world):
    rates(world.programme)
    SniCode.objects.create(
        company=world.company, version=2007, code="16.101", division=16, section="C"
    )
    record(world, day=date(2023, 10, 2))  # 1407/2013
    record(world, day=date(2025, 3, 3))  # 2023/2831
    # Declared aid from another giver is that giver's to register: not listed.
    aid_declare(
        company=world.other_company,
        giver="Almi",
        granted=date(2025, 1, 10),
        amount=D("1000.00"),
        currency="EUR",
        note="",
        by=world.users["coach"],
    )
    return world


def test_the_csv_has_the_documented_columns_and_one_row_per_grant(aid, client_as):
    response = client_as("finance").get(_url(aid, "csv"))
    assert response.status_code == 200
    assert (
        'filename="centralt-register-over-stod-av-mindre-betydelse-DIPPS.csv"'
        in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS_SV
    common = [
        "556677-8899",
        "Jämtlands Trä AB",
        "1224,58",
        "14000,00",
    ]
    tail = [
        "Region Jämtland Härjedalen",
        "Subventionerade tjänster (coachning och rådgivning)",
    ]
    assert rows[1:] == [
        [*common, "2023-10-02", *tail, "1407/2013", "16.101", "2007"],
        [*common, "2025-03-03", *tail, "2023/2831", "16.101", "2007"],
    ]


def test_the_xlsx_keeps_amounts_as_numbers_and_english_headers(aid, client_as):
    client = client_as("manager")
    client.cookies["django_language"] = "en"
    response = client.get(_url(aid, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3
    assert values[0] == (
        "Organisation number",
        "Beneficiary",
        "Aid amount (EUR)",
        "Aid amount (SEK)",
        "Date granted",
        "Granting authority",
        "Aid instrument",
        "Regulation",
        "Sector code (SNI)",
        "SNI version",
    )
    assert values[2][2:4] == (1224.58, 14000)
    assert values[2][7] == "2023/2831"


def test_a_sole_traders_number_is_masked(world, client_as):
    rates(world.programme)
    trader = make_company(
        "Bräcke Snickeri – Anna Berg",
        orgnr=luhn_complete("800101123"),
        is_sole_trader=True,
        programme=world.programme,
    )
    make_approved_case(world.programme, trader)
    record(world, companies=[trader])
    text = client_as("finance").get(_url(world, "csv")).content.decode("utf-8-sig")
    assert trader.orgnr not in text
    assert "\n19800101-****;Bräcke Snickeri – Anna Berg;1224,58;" in text


def test_only_the_programmes_own_grants_are_listed(aid, client_as):
    text = client_as("finance").get(_url(aid, "csv")).content.decode("utf-8-sig")
    assert "Sundsvalls Mekaniska AB" not in text and "Almi" not in text


def test_the_register_page_links_the_export_for_manager_and_finance_only(aid, client_as):
    link = _url(aid, "csv")
    assert link in client_as("finance").get(reverse("stateaid:register")).content.decode()
    assert link not in client_as("coach").get(reverse("stateaid:register")).content.decode()
