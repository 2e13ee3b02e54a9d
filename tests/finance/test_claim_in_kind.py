"""In kind in the payment claim: attendance gives a cost and financing of the same amount,
public and private apart, with a row per contributor; activities without attendance are
counted apart and give nothing."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.engagements.models import InKindRate
from dipps.finance import services
from dipps.finance.models import ReportingPeriod
from tests.engagements.helpers import attend, rates, record

from .helpers import ledger_for_claims, salary

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(world):
    rates(world.programme)  # aid rate and exchange rate for recording activities
    InKindRate.objects.all().delete()
    InKindRate.objects.create(
        programme=world.programme, valid_from=date(2023, 9, 1), hourly_rate_sek=D(350)
    )
    InKindRate.objects.create(
        programme=world.programme,
        valid_from=date(2023, 9, 1),
        role="manager",
        hourly_rate_sek=D(500),
    )
    ledger_for_claims(world, [salary(1, date(2024, 1, 25))])
    period = ReportingPeriod.objects.get(programme=world.programme, number=1)
    return services.claim_open(period=period)


def test_ten_hours_at_350_kr_are_3_500_kr_of_cost_and_of_private_financing(world, claim):
    activity = record(world, day=date(2024, 3, 4), participant_hours=D(10))
    attend(activity, "Anna Berg", world.company, "6")
    attend(activity, "Erik Lund", world.company, "4")
    figures = services.claim_figures(claim)
    assert figures.costs["in_kind"] == D("3500.00")
    assert (figures.in_kind_public, figures.in_kind_private) == (D("0.00"), D("3500.00"))
    assert figures.in_kind_financing == figures.costs["in_kind"]
    assert figures.in_kind == [
        {
            "name": world.company.name,
            "public": False,
            "hours": D("10.00"),
            "persons": 2,
            "amount": D("3500.00"),
        }
    ]
    # staff 13 000 + travel 1 234,50 + flat rate 1 950 + in kind 3 500
    assert figures.total == D("19684.50")
    # One fact, one figure: the period's indicators say the same.
    assert figures.indicators["in_kind"] == {"hours": "10.00", "value_sek": "3500.00"}


def test_public_and_private_contributors_with_role_rates_and_the_ledger_rows(world, claim):
    activity = record(world, day=date(2024, 3, 4), participant_hours=D(7))
    attend(activity, "Anna Berg", world.company, "2.5", role="manager")  # 1 250,00
    attend(activity, "Karin Sjö", world.programme.owner, "4.5")  # 1 575,00
    services.cost_entry_create(
        programme=world.programme,
        organisation=world.programme.owner,
        category="in_kind",
        when=date(2024, 4, 1),
        amount=D("1000.00"),
        text="Lokaler",
    )
    figures = services.claim_figures(claim)
    assert [(c["name"], c["public"], c["amount"]) for c in figures.in_kind] == [
        (world.programme.owner.name, True, D("1575.00")),
        (world.company.name, False, D("1250.00")),
        (world.programme.owner.name, True, D("1000.00")),
    ]
    assert figures.costs["in_kind"] == D("3825.00")
    assert (figures.in_kind_public, figures.in_kind_private) == (D("2575.00"), D("1250.00"))


def test_an_activity_without_attendance_is_not_claimable_and_is_counted_apart(world, claim):
    record(world, day=date(2024, 3, 4), participant_hours=D(10))
    outside = record(world, day=date(2024, 8, 5), participant_hours=D(3))  # period 2
    attend(outside, "Anna Berg", world.company, "3")
    figures = services.claim_figures(claim)
    assert figures.costs["in_kind"] == D("0.00")
    assert (figures.unlisted_activities, figures.unlisted_hours) == (1, D("10.00"))


def test_the_figures_survive_the_snapshot_of_a_submitted_claim(world, claim):
    activity = record(world, day=date(2024, 3, 4), participant_hours=D(10))
    attend(activity, "Anna Berg", world.company, "10")
    claim = services.claim_submit(claim=claim, by=world.users["finance"])
    activity.attendees.all().delete()  # later changes do not reach a submitted claim
    figures = services.claim_figures(claim)
    assert figures.costs["in_kind"] == D("3500.00")
    assert figures.in_kind_private == D("3500.00")
    assert figures.in_kind[0]["hours"] == D("10.00")


def test_the_claim_page_and_export_show_the_contributors(world, claim, client_as):
    activity = record(world, day=date(2024, 3, 4), participant_hours=D(10))
    attend(activity, "Anna Berg", world.company, "10")
    finance = client_as("finance")
    page = finance.get(reverse("finance:claim", args=[claim.pk])).content.decode()
    assert world.company.name in page
    assert "3\xa0500,00" in page
    csv = finance.get(reverse("finance:claim_export", args=[claim.pk, "csv"])).content.decode()
    assert f"Bidrag i annat än pengar (privat): {world.company.name};3500,00" in csv
