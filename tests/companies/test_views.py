import pytest
from django.utils import translation

from dipps.companies.models import Company, SniCode
from tests.factories import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    for i in range(30):
        c = make_company(
            f"Bolag {i:02d} AB",
            municipality_code="2281" if i % 2 else "2380",
            size_class="micro" if i % 3 == 0 else "small",
            target_group="industry",
            primary_division=16 if i % 5 else 62,
            programme=world.programme if i < 20 else None,
        )
        SniCode.objects.create(company=c, version=2025, code="16.101", division=16, section="C")
    return world


def count(response):
    return response.context["page"].paginator.count


def test_the_list_pages_by_25(client_as, register):
    response = client_as("coach").get("/companies/")
    assert count(response) == 32
    assert len(response.context["page"].object_list) == 25
    assert len(client_as("coach").get("/companies/?page=2").context["page"].object_list) == 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=Bolag 0", 10),
        ("municipality=2281", 16),  # 15 odd-numbered + Sundsvalls Mekaniska
        ("size_class=micro", 10),
        ("division=62", 6),
        ("programme=DIPPS", 22),
        ("target_group=industry&size_class=small&municipality=2380", 10),
    ],
)
def test_filters_narrow_the_list(client_as, register, query, expected):
    assert count(client_as("finance").get(f"/companies/?{query}")) == expected


def test_search_finds_a_company_by_organisation_number(client_as, register):
    response = client_as("coach").get("/companies/?q=556677-8899")
    assert [c.name for c in response.context["page"]] == ["Jämtlands Trä AB"]


def test_a_sole_traders_number_is_masked_in_the_list_and_the_export(client_as, world):
    make_company("Anna Snickare", orgnr="8001011236", is_sole_trader=True)
    client = client_as("coach")
    body = client.get("/companies/?q=Anna").content.decode()
    assert "800101-1236" not in body and "8001011236" not in body
    export = client.get("/companies/export.csv?q=Anna").content.decode("utf-8-sig")
    assert "1236" not in export
    assert "Anna Snickare" in export


def test_the_export_follows_the_filter_and_uses_swedish_csv(client_as, register):
    with translation.override("sv"):
        response = client_as("coach").get("/companies/export.csv?size_class=micro")
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 11
    assert lines[0].count(";") == 5
    assert response["Content-Disposition"].startswith('attachment; filename="')


def test_the_xlsx_export_opens_with_one_row_per_company(client_as, register):
    import io

    from openpyxl import load_workbook

    response = client_as("manager").get("/companies/export.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row == 1 + Company.objects.count()


def test_the_company_page_shows_figures_and_history_to_staff_only(client_as, world):
    world.company.key_figures.create(fiscal_year=2024, headcount=12, turnover_sek=1234567)
    from dipps.core import audit

    audit.record(instance=world.company, action="update", changes={"name": ["a", "b"]})
    with translation.override("sv"):
        staff = client_as("coach").get(f"/companies/{world.company.pk}/")
        own = client_as("company").get(f"/companies/{world.company.pk}/")
    assert "1\xa0234\xa0567\xa0kr" in staff.content.decode()
    assert staff.context["history"]
    assert "history" not in own.context


def test_the_company_page_shows_work_units_class_and_status_in_words(client_as, world):
    from dipps.companies.services import company_refresh_derived
    from dipps.core.models import ExchangeRate

    for year in (2023, 2024):
        ExchangeRate.objects.create(currency="EUR", valid_from=f"{year}-01-01", sek_per_unit=11)
    for year, awu in ((2023, "46.5"), (2024, "51.25")):
        world.company.key_figures.create(
            fiscal_year=year, headcount=awu, turnover_sek=60_000_000, balance_sheet_sek=1
        )
    company_refresh_derived(world.company)
    with translation.override("sv"):
        page = client_as("coach").get(f"/companies/{world.company.pk}/").content.decode()
    # 2024: 51.25 AWU is medium by the figures, but one year over keeps the status small.
    year = '<td>2024<br><span class="muted">2024-01-01 – 2024-12-31</span></td>'
    assert year + '<td class="num">51,25</td>' in page
    assert "<td>medelstort</td><td>litet</td>" in page
    assert "<td>litet</td><td>litet</td>" in page  # 2023
    assert "Personal (årsarbetsenheter)" in page and "SME-status (tvåårsregeln)" in page


def test_a_coach_adds_and_edits_a_contact_and_the_history_says_so(client_as, world):
    client = client_as("coach")
    response = client.post(
        f"/companies/{world.company.pk}/contacts/new/",
        {
            "name": "Anna Berg",
            "role": "VD",
            "email": "anna@example.se",
            "phone": "",
            "gender": "woman",
            "legal_basis": "legitimate_interest",
        },
    )
    assert response.status_code == 302
    contact = world.company.contacts.get()
    assert (contact.name, contact.gender) == ("Anna Berg", "woman")
    client.post(
        f"/companies/{world.company.pk}/contacts/{contact.pk}/",
        {
            "name": "Anna Berg",
            "role": "Produktionschef",
            "email": "anna@example.se",
            "phone": "",
            "gender": "woman",
            "legal_basis": "consent",
        },
    )
    contact.refresh_from_db()
    assert (contact.role, contact.legal_basis) == ("Produktionschef", "consent")
    from dipps.core.audit import history_for

    changes = [h.changes for h in history_for(world.company)]
    assert changes[0]["role"] == ["VD", "Produktionschef"]
    assert changes[1] == {"contact_added": "Anna Berg"}


def test_a_bad_e_mail_address_is_refused_and_nothing_is_saved(client_as, world):
    response = client_as("coach").post(
        f"/companies/{world.company.pk}/contacts/new/",
        {
            "name": "Anna",
            "email": "not-an-address",
            "legal_basis": "consent",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not world.company.contacts.exists()
