"""Access to the de minimis register per programme.

A firm's ledger is about the firm's total aid, so whoever may see the firm sees every
programme's aid to it; writing into it needs a writer's role for that firm; the
register of all firms lists the firms the user sees as staff.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.template import engines
from django.urls import reverse

from dipps.companies.models import Participation
from dipps.programmes.models import Programme
from dipps.stateaid.models import AidEntry, UndertakingMember
from tests.factories import make_company
from tests.matrix import add_mixed_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    add_mixed_users(world)
    world.extra["OTHER"] = Programme.objects.get(code="OTHER")
    return world


def _aid(company, eur, programme=None):
    return AidEntry.objects.create(
        company=company,
        source="programme" if programme else "declared",
        programme=programme,
        giver=programme.code if programme else "Almi",
        granted=date.today(),
        amount_sek=D(0),
        amount_eur=D(eur),
        sek_per_eur=D("11.4325"),
    )


def test_the_register_lists_the_firms_the_user_sees_as_staff_with_all_their_aid(w, client_as):
    other = w.extra["OTHER"]
    firm_elsewhere = make_company("Annanstans AB", programme=other)
    _aid(w.company, "100.00", w.programme)
    _aid(firm_elsewhere, "200.00", other)
    _aid(firm_elsewhere, "300.00")  # declared by the firm: counts in OTHER's register too

    def register(role):
        page = client_as(role).get(reverse("stateaid:register"))
        return sorted((r[1], r[7]) for r in page.context["rows"])

    assert register("observer_finance") == [
        ("Annanstans AB", D("200.00")),
        ("Annanstans AB", D("300.00")),
    ]
    assert register("coach_rep") == register("observer_finance")
    assert register("manager") == [("Jämtlands Trä AB", D("100.00"))]
    assert register("outsider") == []


def test_a_firms_ledger_counts_aid_from_a_programme_the_user_has_no_role_in(w, client_as):
    other = w.extra["OTHER"]
    Participation.objects.create(company=w.company, programme=other)
    _aid(w.company, "1000.00", w.programme)
    _aid(w.company, "2500.00", other)

    page = client_as("coach").get(reverse("stateaid:company", args=[w.company.pk]))
    assert page.context["headroom"].three_year_sum_eur == D("3500.00")
    assert sorted(e.amount_eur for e in page.context["entries"]) == [D("1000.00"), D("2500.00")]
    # Only DIPPS's certificate is offered: OTHER's is not DIPPS's coach's to issue.
    assert page.context["programme_codes"] == ["DIPPS"]
    refused = client_as("coach").get(reverse("stateaid:certificate", args=[w.company.pk, "OTHER"]))
    assert refused.status_code == 404


def test_linking_needs_a_writers_role_for_the_other_firm_too(w, client_as):
    firm_elsewhere = make_company("Annanstans AB", programme=w.extra["OTHER"])
    response = client_as("coach").post(
        reverse("stateaid:link", args=[w.company.pk]), {"orgnr": firm_elsewhere.orgnr}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Inget företag med det organisationsnumret finns registrerat."
    ]
    assert not UndertakingMember.objects.exists()


def test_the_headroom_card_is_empty_for_a_user_for_whom_no_reading_role_counts(w, rf):
    template = engines["django"].from_string("{% load deminimis %}{% deminimis_headroom company %}")

    def card(role):
        request = rf.get("/")
        request.user = w.users[role]
        return template.render({"company": w.company}, request)

    assert 'data-testid="headroom"' in card("coach_rep")  # the firm's representative
    assert 'data-testid="headroom"' in card("finance")
    assert 'data-testid="headroom"' not in card("observer_finance")  # observer here
    assert 'data-testid="headroom"' not in card("outsider")
