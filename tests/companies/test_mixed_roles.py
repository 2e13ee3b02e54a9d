"""Users with different roles in two programmes: the register shows and changes only
what the role held for each firm allows (a role in OTHER never reaches a DIPPS firm)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dipps.companies.models import Company, Participation
from dipps.companies.views import SESSION_KEY
from dipps.core import staging
from dipps.programmes.models import Programme
from tests.factories import ORGNRS, make_company
from tests.matrix import add_mixed_users

pytestmark = pytest.mark.django_db

HEADER = "orgnr,name,sni,municipality_code,fiscal_year,headcount,turnover_sek,balance_sheet_sek"


@pytest.fixture
def mixed(world):
    """The world, its mixed users, and a firm each in OTHER and SIMMITT plus a prospect."""
    add_mixed_users(world)
    make_company("Ånge Plåt AB", programme=Programme.objects.get(code="OTHER"))
    make_company("Kramfors Gjuteri AB", programme=Programme.objects.get(code="SIMMITT"))
    make_company("Bräcke Prospekt AB")
    return world


def listed(client, user, path="/companies/") -> set[str]:
    client.force_login(user)
    return {c.name for c in client.get(path).context["page"]}


def test_a_finance_officer_elsewhere_lists_that_programmes_firms_and_the_prospects(client, mixed):
    assert listed(client, mixed.users["observer_finance"]) == {"Ånge Plåt AB", "Bräcke Prospekt AB"}


def test_a_coach_elsewhere_does_not_list_the_firm_they_represent_here(client, mixed):
    assert listed(client, mixed.users["coach_rep"]) == {"Ånge Plåt AB", "Bräcke Prospekt AB"}


def test_the_manager_of_the_predecessor_lists_its_firms_only(client, mixed):
    assert listed(client, mixed.users["outsider"]) == {"Kramfors Gjuteri AB", "Bräcke Prospekt AB"}


def test_the_staff_here_list_the_predecessors_firms_but_not_another_programmes(client, mixed):
    assert listed(client, mixed.users["finance"]) == {
        "Jämtlands Trä AB",
        "Sundsvalls Mekaniska AB",
        "Kramfors Gjuteri AB",
        "Bräcke Prospekt AB",
    }


def test_the_programme_filter_offers_only_programmes_where_the_user_is_staff(client, mixed):
    client.force_login(mixed.users["observer_finance"])
    form = client.get("/companies/").context["form"]
    assert [code for code, _label in form.fields["programme"].choices] == ["", "OTHER"]


def test_the_export_of_a_coach_elsewhere_names_no_firm_of_this_programme(client, mixed):
    client.force_login(mixed.users["coach_rep"])
    text = client.get("/companies/export.csv").content.decode("utf-8-sig")
    assert "Ånge Plåt AB" in text
    assert "Jämtlands Trä AB" not in text and "Sundsvalls Mekaniska AB" not in text


def test_a_representative_who_coaches_elsewhere_sees_their_firm_read_only(client, mixed):
    client.force_login(mixed.users["coach_rep"])
    page = client.get(f"/companies/{mixed.company.pk}/")
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert "history" not in page.context


def _upload(client, user, *rows: str):
    client.force_login(user)
    data = "\n".join([HEADER + ",programme", *rows]).encode()
    return client.post(
        "/companies/import/", {"file": SimpleUploadedFile("companies.csv", data, "text/csv")}
    )


def test_an_import_may_not_change_a_firm_or_join_a_programme_where_the_user_does_not_write(
    client, mixed
):
    before = Company.objects.count()
    response = _upload(
        client,
        mixed.users["coach_rep"],
        "5566778899,Jämtlands Trä AB,16.101,2380,2024,5,1000000,500000,",
        f"{ORGNRS[0]},Ny Firma AB,16.101,2380,2024,5,1000000,500000,DIPPS",
        f"{ORGNRS[1]},Annan Firma AB,16.101,2380,2024,5,1000000,500000,OTHER",
    )
    # The site speaks Swedish unless asked otherwise.
    assert [str(e) for e in response.context["parsed"].errors] == [
        "Rad 2, kolumn orgnr: organisationsnumret hör till ett företag i ett program där du "
        "inte är projektledare eller processledare, så du får inte ändra det.",
        "Rad 3, kolumn programme: du är inte projektledare eller processledare i DIPPS, så du "
        "får inte lägga till företag i det.",
    ]
    assert "preview" not in response.context
    assert SESSION_KEY not in client.session
    assert Company.objects.count() == before


def test_a_coach_imports_into_the_programme_where_they_coach(client, mixed):
    response = _upload(
        client,
        mixed.users["coach_rep"],
        f"{ORGNRS[1]},Annan Firma AB,16.101,2380,2024,5,1000000,500000,OTHER",
    )
    assert response.context["parsed"].errors == []
    assert client.post("/companies/import/confirm/").status_code == 302
    firm = Company.objects.get(orgnr=ORGNRS[1])
    assert list(firm.participations.values_list("programme__code", flat=True)) == ["OTHER"]


def test_a_coach_here_may_not_add_firms_to_another_programme(client, mixed):
    response = _upload(
        client,
        mixed.users["coach"],
        "5566778899,Jämtlands Trä AB,16.101,2380,2024,5,1000000,500000,",
        f"{ORGNRS[1]},Annan Firma AB,16.101,2380,2024,5,1000000,500000,OTHER",
    )
    assert [(e.row, e.column) for e in response.context["parsed"].errors] == [(3, "programme")]


def test_the_confirmation_checks_the_rows_again(client, mixed):
    """A stash made before the role was lost (or smuggled in) is refused when applied."""
    client.force_login(mixed.users["coach_rep"])
    data = "\n".join(
        [HEADER + ",programme", f"{ORGNRS[0]},Ny Firma AB,16.101,2380,2024,5,1000000,500000,DIPPS"]
    ).encode()
    session = client.session
    session[SESSION_KEY] = staging.stage(
        owner=mixed.users["coach_rep"], purpose=SESSION_KEY, filename="c.csv", data=data
    )
    session.save()
    response = client.post("/companies/import/confirm/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Filen innehåller fel; inget importerades."
    ]
    assert not Company.objects.filter(orgnr=ORGNRS[0]).exists()
    assert not Participation.objects.filter(programme__code="DIPPS", company__name="Ny Firma AB")
