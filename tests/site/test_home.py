"""Landing page and menu for users with roles in several programmes.

The primary role picks the page; what the page lists comes only from the programmes
where the user holds that role. The menu shows what any held role may open."""

import pytest
from django.urls import reverse

from dipps.accounts.models import Role
from dipps.programmes.models import Programme
from dipps.site import nav
from tests.factories import make_company, make_programme, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(world):
    """OTHER, with three firms of its own and none of DIPPS's."""
    programme = make_programme(code="OTHER")
    for name in ("Annan Ett AB", "Annan Två AB", "Annan Tre AB"):
        make_company(name, programme=programme)
    return programme


def landing(client, user):
    client.force_login(user)
    response = client.get(reverse("site:home"))
    assert response.status_code == 200
    return response


def codes(programmes) -> list[str]:
    return [p.code for p in programmes]


def aggregates(response) -> list[tuple[str, int]]:
    return [(p.code, a["total"]) for p, a in response.context["programme_aggregates"]]


def menu(response) -> list[str]:
    return [url for url, _label in response.context["menu"]]


def test_an_observer_here_and_finance_officer_there_lands_as_finance_with_the_other_programme(
    client, world, other
):
    user = make_user(Role.OBSERVER, world.programme)
    make_user(Role.FINANCE, other, user=user)
    response = landing(client, user)
    assert [t.name for t in response.templates][0] == "site/home_finance.html"
    assert codes(response.context["programmes"]) == ["OTHER"]
    assert reverse("programmes:detail", args=["DIPPS"]) not in response.content.decode()


def test_an_observer_sees_aggregates_of_the_programmes_they_observe_only(client, world, other):
    response = landing(client, world.users["observer"])
    assert codes(response.context["programmes"]) == ["DIPPS"]
    assert aggregates(response) == [("DIPPS", 2)]
    assert "Annan" not in response.content.decode()


def test_an_observer_of_two_programmes_sees_each_programmes_aggregates_apart(client, world, other):
    make_user(Role.OBSERVER, other, user=world.users["observer"])
    response = landing(client, world.users["observer"])
    assert sorted(aggregates(response)) == [("DIPPS", 2), ("OTHER", 3)]


def test_a_manager_here_and_observer_there_sees_checks_and_aggregates_of_here_only(
    client, world, other
):
    manager = world.users["manager"]
    make_user(Role.OBSERVER, other, user=manager)
    response = landing(client, manager)
    assert [p.code for p, _check in response.context["checks"]] == ["DIPPS"]
    assert aggregates(response) == [("DIPPS", 2)]


def test_a_coach_here_and_observer_there_counts_only_the_firms_they_coach(client, world, other):
    coach = world.users["coach"]
    make_user(Role.OBSERVER, other, user=coach)
    make_company("Prospekt AB")  # in no programme yet: every staff role sees it
    response = landing(client, coach)
    assert codes(response.context["programmes"]) == ["DIPPS"]
    assert response.context["company_count"] == 3


def test_a_representative_here_and_coach_there_lands_as_coach_of_the_other_programme(
    client, world, other
):
    user = make_user(Role.COMPANY, world.programme, company=world.company)
    make_user(Role.COACH, other, user=user)
    response = landing(client, user)
    assert [t.name for t in response.templates][0] == "site/home_coach.html"
    assert codes(response.context["programmes"]) == ["OTHER"]
    assert response.context["company_count"] == 3


def test_a_manager_of_a_closed_predecessor_sees_only_that_programme(client, world):
    simmitt = make_programme(code="SIMMITT", status=Programme.Status.CLOSED)
    world.programme.predecessor = simmitt
    world.programme.save(update_fields=["predecessor"])
    response = landing(client, make_user(Role.MANAGER, simmitt))
    assert codes(response.context["programmes"]) == ["SIMMITT"]
    assert aggregates(response) == [("SIMMITT", 0)]


def test_the_menu_shows_what_any_role_held_somewhere_may_open(client, world, other):
    user = make_user(Role.OBSERVER, world.programme)
    make_user(Role.FINANCE, other, user=user)
    assert menu(landing(client, user)) == [
        reverse("site:home"),
        reverse("companies:list"),
        reverse("maturity:index"),
        reverse("stateaid:register"),
        reverse("programmes:list"),
        reverse("finance:index"),
        reverse("indicators:index"),
        reverse("scenarios:index"),
    ]


def test_the_menu_of_an_observer_alone_has_no_staff_pages(client, world):
    assert menu(landing(client, world.users["observer"])) == [
        reverse("site:home"),
        reverse("maturity:index"),
        reverse("programmes:list"),
        reverse("indicators:index"),
        reverse("scenarios:programme"),
    ]


def test_menu_for_takes_a_set_of_roles_and_gives_one_item_per_label():
    items = nav.menu_for({"observer", "company"})
    labels = [label for _url, label in items]
    assert len(labels) == len(set(labels))
    assert [url for url, _label in items] == [
        reverse("site:home"),
        reverse("maturity:index"),
        reverse("programmes:list"),
        reverse("indicators:index"),
        reverse("scenarios:index"),
    ]
    assert nav.menu_for(set()) == []
