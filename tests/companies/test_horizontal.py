"""Horizontal criteria in the register: the leadership by gender and the share of women."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from dipps.companies.imports import read_companies
from dipps.companies.models import Company, KeyFigures
from dipps.companies.services import companies_import, key_figures_save, leadership_set
from dipps.core.models import AuditEntry, ExchangeRate
from tests.factories import make_programme

pytestmark = pytest.mark.django_db

HEADER = (
    "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek,"
    "ceo_gender,chair_gender,women_share_percent"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def rates(db):
    ExchangeRate.objects.create(currency="EUR", valid_from="2023-01-01", sek_per_unit=D("11"))
    make_programme()


def parse(text: str):
    return read_companies(text.encode(), "companies.csv", known_programmes={"DIPPS"})


def test_the_new_columns_import_the_leadership_and_each_years_share():
    parsed = parse(
        "\n".join(
            [
                HEADER,
                "556036-0793,Norrlands Trä AB,16.101,2380,2024,18,24500000,15300000,Kvinna,man,"
                '"37,5"',
                "556036-0793,Norrlands Trä AB,16.101,2380,2023,17,23100000,14800000,,,",
                "5565475489,Sundsvalls Mek AB,28300,2281,2024,60,98000000,40000000,annat,okänt,0",
            ]
        )
    )
    assert parsed.errors == []
    companies_import(rows=parsed.rows)
    norr = Company.objects.get(orgnr="5560360793")
    sund = Company.objects.get(orgnr="5565475489")
    assert (norr.ceo_gender, norr.chair_gender) == ("woman", "man")
    assert (sund.ceo_gender, sund.chair_gender) == ("other", "unknown")
    shares = dict(
        KeyFigures.objects.filter(company=norr).values_list("fiscal_year", "women_share_percent")
    )
    assert shares == {2024: D("37.50"), 2023: None}
    assert KeyFigures.objects.get(company=sund).women_share_percent == D("0")


def test_empty_columns_keep_what_the_register_says():
    parse_ok = parse(
        HEADER + "\n556036-0793,Norrlands Trä AB,16.101,2380,2024,18,24500000,15300000,man,,"
    )
    companies_import(rows=parse_ok.rows)
    again = parse(
        HEADER + "\n556036-0793,Norrlands Trä AB,16.101,2380,2024,18,24500000,15300000,,,"
    )
    companies_import(rows=again.rows)
    assert Company.objects.get().ceo_gender == "man"


def test_bad_values_name_row_and_column_and_nothing_is_saved():
    parsed = parse(
        "\n".join(
            [
                HEADER,
                "556036-0793,Norrlands Trä AB,16.101,2380,2024,18,24500000,15300000,vd,man,101",
                "556036-0793,Norrlands Trä AB,16.101,2380,2023,17,23100000,14800000,,kvinna,",
            ]
        )
    )
    assert [str(e) for e in parsed.errors] == [
        "Row 2, column women_share_percent: expected a percentage from 0 to 100, e.g. 30 or 12,5.",
        "Row 2, column ceo_gender: expected kvinna, man, annat or okänt (woman, man, other, "
        "unknown), got “vd”.",
        "Row 3, column chair_gender: row 2 gives this company another value in this column.",
    ]
    assert Company.objects.count() == 0


def test_the_leadership_is_audited_and_refuses_an_unknown_value(world):
    company = world.company
    leadership_set(company=company, values={"ceo_gender": "woman", "chair_gender": "man"})
    leadership_set(company=company, values={"ceo_gender": "woman", "chair_gender": "man"})
    entries = AuditEntry.objects.filter(object_id=str(company.pk), action="update")
    assert [e.changes for e in entries] == [
        {"ceo_gender": ["unknown", "woman"], "chair_gender": ["unknown", "man"]}
    ]
    with pytest.raises(ValidationError):
        leadership_set(company=company, values={"ceo_gender": "vd"})
    company.refresh_from_db()
    assert company.ceo_gender == "woman"


def test_a_years_share_is_saved_with_the_key_figures(world):
    key_figures_save(
        company=world.company, fiscal_year=2024, values={"women_share_percent": D("42.5")}
    )
    assert world.company.key_figures.get(fiscal_year=2024).women_share_percent == D("42.50")


def test_the_sme_page_saves_the_leadership_and_the_company_page_shows_labels(world, client_as):
    c = client_as("coach")
    url = reverse("companies:sme", args=[world.company.pk])
    page = c.post(
        url,
        {
            "action": "leadership",
            "leadership-ceo_gender": "woman",
            "leadership-chair_gender": "other",
        },
    )
    assert page.status_code == 302
    world.company.refresh_from_db()
    assert (world.company.ceo_gender, world.company.chair_gender) == ("woman", "other")
    c.cookies["django_language"] = "en"
    html = c.get(reverse("companies:detail", args=[world.company.pk])).content.decode()
    assert 'data-testid="ceo-gender">woman<' in html
    assert 'data-testid="chair-gender">other or not stated<' in html
