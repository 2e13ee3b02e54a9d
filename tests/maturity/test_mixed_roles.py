"""Users with different roles in two programmes: an assessment belongs to its programme,
so staff see only their programmes' assessments of a firm; its representative sees all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dipps.companies.models import Participation
from dipps.maturity import services
from dipps.maturity.models import AnsweredBy, Assessment
from dipps.programmes.models import Programme
from tests.matrix import add_mixed_users

from .builders import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(world):
    """The world's company takes part in OTHER too, with a submitted T0 in each programme."""
    add_mixed_users(world)
    other = Programme.objects.get(code="OTHER")
    Participation.objects.create(company=world.company, programme=other)
    world.extra["other"] = other
    world.extra["dipps_t0"] = submitted(world.company, world.programme, level=1)
    world.extra["other_t0"] = submitted(world.company, other, level=3)
    return world


def _results(client, user, company):
    client.force_login(user)
    response = client.get(reverse("maturity:company", args=[company.pk]))
    assert response.status_code == 200
    return response


def test_the_company_page_shows_staff_the_assessments_of_their_own_programme_only(client, mixed):
    coach = _results(client, mixed.users["coach"], mixed.company).context["results"]
    assert coach.history == [mixed.extra["dipps_t0"]]
    finance_elsewhere = _results(client, mixed.users["observer_finance"], mixed.company)
    assert finance_elsewhere.context["results"].history == [mixed.extra["other_t0"]]


@pytest.mark.parametrize("user", ["company", "coach_rep"])
def test_the_representative_sees_every_assessment_of_their_firm(client, mixed, user):
    results = _results(client, mixed.users[user], mixed.company).context["results"]
    assert {a.pk for a in results.history} == {
        mixed.extra["dipps_t0"].pk,
        mixed.extra["other_t0"].pk,
    }


def test_a_representative_who_coaches_elsewhere_may_not_start_or_accept_for_their_firm(
    client, world
):
    add_mixed_users(world)
    submitted(world.company, world.programme, level=1)
    context = _results(client, world.users["coach_rep"], world.company).context
    assert (context["can_write"], context["can_accept"], context["programmes"]) == (
        False,
        False,
        [],
    )


def test_where_their_firm_takes_part_in_the_programme_they_coach_they_start_there_only(
    client, mixed
):
    context = _results(client, mixed.users["coach_rep"], mixed.company).context
    assert context["can_write"] is True
    assert [p.code for p in context["programmes"]] == ["OTHER"]


def test_the_index_lists_the_latest_assessments_of_the_programmes_where_the_user_is_staff(
    client, mixed
):
    client.force_login(mixed.users["coach_rep"])
    assert list(client.get(reverse("maturity:index")).context["recent"]) == [
        mixed.extra["other_t0"]
    ]
    client.force_login(mixed.users["coach"])
    assert list(client.get(reverse("maturity:index")).context["recent"]) == [
        mixed.extra["dipps_t0"]
    ]


def test_the_answers_are_the_companys_where_the_user_represents_it_and_the_coachs_where_they_coach(
    client, mixed
):
    here = services.assessment_start(company=mixed.company, programme=mixed.programme, stage="t1")
    there = services.assessment_start(
        company=mixed.company, programme=mixed.extra["other"], stage="t1"
    )
    client.force_login(mixed.users["coach_rep"])
    for draft in (here, there):
        response = client.post(reverse("maturity:answer", args=[draft.pk]), {"action": "save"})
        assert response.status_code == 302
    here.refresh_from_db()
    there.refresh_from_db()
    assert (here.answered_by, there.answered_by) == (AnsweredBy.COMPANY, AnsweredBy.COACH)


def test_a_coach_may_not_start_an_assessment_in_a_programme_where_they_do_not_write(client, mixed):
    client.force_login(mixed.users["coach"])
    before = Assessment.objects.count()
    response = client.post(
        reverse("maturity:start", args=[mixed.company.pk]),
        {"programme": mixed.extra["other"].pk, "stage": "t2", "framework": "dipps-dma-sme"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Välj program, mättillfälle och ramverk."
    ]
    assert Assessment.objects.count() == before


def test_a_suggestion_accepted_in_another_programme_is_not_shown_as_accepted_here(client, mixed):
    services.suggestion_accept(
        company=mixed.company,
        programme=mixed.extra["other"],
        intervention_id="energy_mapping",
        assessment=mixed.extra["other_t0"],
        by=None,
    )
    here = _results(client, mixed.users["coach"], mixed.company).context["results"]
    there = _results(client, mixed.users["observer_finance"], mixed.company).context["results"]
    assert (here.accepted, there.accepted) == (set(), {"energy_mapping"})


def test_a_coach_accepts_only_from_an_assessment_of_their_programme(client, mixed):
    client.force_login(mixed.users["coach"])
    response = client.post(
        reverse("maturity:accept", args=[mixed.company.pk]),
        {"assessment": mixed.extra["other_t0"].pk, "intervention": "energy_mapping"},
    )
    assert response.status_code == 302
    assert not mixed.company.accepted_suggestions.exists()
