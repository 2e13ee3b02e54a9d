"""Users with different roles in two programmes: a cost structure belongs to a company,
so the roles held in the company's programmes decide; the programme view is per programme."""

import pytest
from django.urls import reverse

from dipps.programmes.models import Programme
from dipps.scenarios import presenters, services
from dipps.scenarios.model import Shock
from dipps.scenarios.models import CostStructure
from tests.factories import make_company
from tests.matrix import add_mixed_users

from .test_services import FIGURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(world):
    """A cost structure of the world's company (DIPPS) and one of a firm of OTHER."""
    add_mixed_users(world)
    firm = make_company("Ånge Plåt AB", programme=Programme.objects.get(code="OTHER"))
    world.extra["here"] = services.cost_structure_save(
        company=world.company, year=2024, figures=FIGURES, by=None
    )
    world.extra["there"] = services.cost_structure_save(
        company=firm, year=2024, figures=FIGURES, by=None
    )
    world.extra["firm"] = firm
    return world


def _get(client, user, name, *args, query=""):
    client.force_login(user)
    return client.get(reverse(name, args=args) + query)


def test_the_index_of_a_finance_officer_elsewhere_lists_only_that_programmes_firms(client, mixed):
    response = _get(client, mixed.users["observer_finance"], "scenarios:index")
    assert list(response.context["structures"]) == [mixed.extra["there"]]


def test_the_index_of_a_representative_who_coaches_elsewhere_lists_both_their_firms(client, mixed):
    response = _get(client, mixed.users["coach_rep"], "scenarios:index")
    assert {cs.pk for cs in response.context["structures"]} == {
        mixed.extra["here"].pk,
        mixed.extra["there"].pk,
    }


def test_a_coach_elsewhere_may_choose_only_the_firms_where_they_coach(client, mixed):
    for name in ("scenarios:create", "scenarios:sie_fill"):
        response = _get(client, mixed.users["coach_rep"], name)
        form = response.context["form" if name == "scenarios:create" else "upload"]
        assert list(form.fields["company"].queryset) == [mixed.extra["firm"]]


def test_a_coach_elsewhere_cannot_save_a_cost_structure_for_the_firm_they_represent(client, mixed):
    client.force_login(mixed.users["coach_rep"])
    data = {"company": mixed.company.pk, "year": 2025, "notes": ""}
    data.update({k: "0" for k in services.COST_FIELDS})
    response = client.post(reverse("scenarios:create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["company"]
    assert not CostStructure.objects.filter(company=mixed.company, year=2025).exists()


def test_the_representative_reads_their_firms_figures_and_runs_read_only(client, mixed):
    run = services.stress_run(
        cost_structure=mixed.extra["here"], shocks={"wages": Shock({"wage": "0.04"})}, by=None
    )
    user = mixed.users["coach_rep"]
    assert (
        _get(client, user, "scenarios:detail", mixed.extra["here"].pk).context["can_edit"] is False
    )
    assert _get(client, user, "scenarios:run", run.pk).context["can_edit"] is False
    assert _get(client, user, "scenarios:detail", mixed.extra["there"].pk).context["can_edit"]
    summary = presenters.company_summary(user, mixed.company)
    assert summary.cost_structure == mixed.extra["here"] and summary.can_edit is False


def test_a_finance_officer_elsewhere_gets_no_summary_on_a_firm_of_this_programme(mixed):
    assert presenters.company_summary(mixed.users["observer_finance"], mixed.company) is None
    summary = presenters.company_summary(mixed.users["observer_finance"], mixed.extra["firm"])
    assert summary.cost_structure == mixed.extra["there"] and summary.can_edit is False


def test_the_programme_view_offers_the_programmes_where_the_user_reads_and_opens_each(
    client, mixed
):
    user = mixed.users["observer_finance"]
    response = _get(client, user, "scenarios:programme", query="?programme=OTHER")
    assert response.context["programme"].code == "OTHER"
    assert [p.code for p in response.context["programmes"]] == ["DIPPS", "OTHER"]
    assert _get(client, user, "scenarios:programme", query="?programme=DIPPS").status_code == 200


def test_the_programme_view_refuses_a_programme_where_the_user_only_represents_a_firm(
    client, mixed
):
    user = mixed.users["coach_rep"]
    assert _get(client, user, "scenarios:programme", query="?programme=DIPPS").status_code == 403
    assert _get(client, user, "scenarios:programme").context["programme"].code == "OTHER"
