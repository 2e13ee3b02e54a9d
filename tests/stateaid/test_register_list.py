"""The de minimis register as a list a person reads: 50 entries a page, filtered by firm,
source, programme and year, downloadable as filtered; and the cases awaiting decision."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.stateaid.models import AidEntry, DeMinimisCase
from dipps.stateaid.selectors_case import cases_awaiting_decision
from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def aid(company, day, eur, programme=None, giver="Almi"):
    return AidEntry.objects.create(
        company=company, source="programme" if programme else "declared", programme=programme,
        giver=programme.code if programme else giver, granted=day, amount_sek=D(0),
        amount_eur=D(eur), sek_per_eur=D("11.4325"),
    )  # fmt: skip


@pytest.fixture
def many(world):
    for n in range(60):
        aid(world.company, date(2024, 1, 1 + n % 28), f"{n + 1}.00", world.programme)
    aid(world.other_company, date(2023, 5, 5), "7.00")
    aid(world.other_company, date(2024, 5, 5), "8.00", world.programme)
    return world


def amounts(response):
    return [r[7] for r in response.context["rows"]]


def test_the_register_shows_fifty_entries_a_page_newest_first(many, client_as):
    client = client_as("manager")
    first = client.get(reverse("stateaid:register"))
    assert first.context["page"].paginator.count == 62
    assert len(first.context["rows"]) == 50
    assert first.context["rows"][0][0] == date(2024, 5, 5)
    second = client.get(reverse("stateaid:register"), {"page": 2})
    assert len(second.context["rows"]) == 12
    assert second.context["rows"][-1][0] == date(2023, 5, 5)
    body = second.content.decode()
    assert "Sida 2 av 2" in body and 'rel="prev"' in body


def test_the_register_filters_by_firm_source_programme_and_year(many, client_as):
    client = client_as("coach")
    url = reverse("stateaid:register")
    assert amounts(client.get(url, {"q": "sundsvall"})) == [D("8.00"), D("7.00")]
    assert amounts(client.get(url, {"q": "556112"})) == [D("8.00"), D("7.00")]
    assert amounts(client.get(url, {"source": "declared"})) == [D("7.00")]
    assert amounts(client.get(url, {"year": "2023"})) == [D("7.00")]
    found = client.get(url, {"q": "Sundsvall", "programme": "DIPPS", "year": "2024"})
    assert amounts(found) == [D("8.00")]
    empty = client.get(url, {"q": "Finns Inte AB"})
    assert amounts(empty) == [] and "Ingen post matchar filtret." in empty.content.decode()


def test_a_bad_filter_value_shows_the_whole_register(many, client_as):
    page = client_as("coach").get(reverse("stateaid:register"), {"year": "tjugo"})
    assert page.context["page"].paginator.count == 62


def test_the_download_holds_what_the_filter_shows_on_every_page(many, client_as):
    client = client_as("manager")
    csv = client.get(reverse("stateaid:register_export", args=["csv"]), {"source": "declared"})
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Sundsvalls Mekaniska AB" in lines[1]
    everything = client.get(reverse("stateaid:register_export", args=["csv"]))
    assert len(everything.content.decode("utf-8-sig").strip().splitlines()) == 63


def test_the_cases_awaiting_decision_are_the_checked_ones_of_the_programme(world):
    other = make_programme("OTHER")
    checked = DeMinimisCase.objects.create(
        programme=world.programme, company=world.company, status="checked"
    )
    DeMinimisCase.objects.create(
        programme=world.programme, company=world.other_company, status="declared"
    )
    DeMinimisCase.objects.create(programme=other, company=world.other_company, status="checked")
    assert list(cases_awaiting_decision(world.programme)) == [checked]
