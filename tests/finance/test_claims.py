from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.finance import services
from dipps.finance.models import CostEntry, ReportingPeriod

from .helpers import ledger_for_claims, salary

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(world):
    return ledger_for_claims(world, [salary(1, date(2024, 1, 25)), salary(2, date(2024, 7, 25))])


def test_a_claim_adds_the_flat_rate_to_the_periods_actual_costs(world, ledger):
    period = ReportingPeriod.objects.get(programme=world.programme, number=1)
    figures = services.claim_figures(services.claim_open(period=period))
    assert figures.costs == {
        "staff": D("13000.00"),
        "external_services": D("0.00"),
        "travel": D("1234.50"),
        "investments": D("0.00"),
        "indirect": D("1950.00"),
        "in_kind": D("0.00"),
    }
    assert figures.total == D("16184.50")
    assert figures.entries == 3


def test_a_submitted_claim_is_frozen(world, ledger):
    period = ReportingPeriod.objects.get(programme=world.programme, number=1)
    claim = services.claim_open(period=period)
    services.claim_update(claim=claim, texts={"general": "Allmänt"}, cofinancing={})
    claim = services.claim_submit(claim=claim, by=world.users["finance"])
    assert claim.status == "submitted"
    assert CostEntry.objects.filter(claim=claim).count() == 3
    with pytest.raises(ValidationError):
        services.claim_update(claim=claim, texts={"general": "ändrat"}, cofinancing={})
    travel = CostEntry.objects.get(category="travel")
    with pytest.raises(ValidationError):
        services.cost_entry_delete(entry=travel)
    with pytest.raises(ValidationError) as e:
        services.cost_entry_create(
            programme=world.programme,
            organisation=ledger,
            category="travel",
            when=date(2024, 3, 1),
            amount=D(10),
        )
    assert "already been claimed" in e.value.messages[0]
    # The figures read the same from the snapshot.
    assert services.claim_figures(claim).total == D("16184.50")


def test_claims_are_submitted_in_order(world, ledger):
    second = ReportingPeriod.objects.get(programme=world.programme, number=2)
    services.claim_open(period=ReportingPeriod.objects.get(programme=world.programme, number=1))
    with pytest.raises(ValidationError) as e:
        services.claim_submit(claim=services.claim_open(period=second))
    assert e.value.messages == ["Submit the claim for period 1 first."]


def test_cumulative_costs_run_to_the_end_of_the_period(world, ledger):
    second = ReportingPeriod.objects.get(programme=world.programme, number=2)
    figures = services.claim_figures(services.claim_open(period=second))
    assert figures.costs["staff"] == D("13000.00")
    assert figures.cumulative["staff"] == D("26000.00")
    assert figures.cumulative_total == D("31134.50")


def test_indirect_costs_cannot_be_entered_by_hand(world, ledger):
    with pytest.raises(ValidationError) as e:
        services.cost_entry_create(
            programme=world.programme,
            organisation=ledger,
            category="indirect",
            when=date(2024, 9, 1),
            amount=D(10),
        )
    assert e.value.messages == ["Indirect costs are the flat rate and cannot be entered as a cost."]


def test_periods_must_lie_inside_the_programme(world):
    with pytest.raises(ValidationError) as e:
        services.reporting_periods_set(
            programme=world.programme, periods=[(date(2023, 1, 1), date(2023, 12, 31))]
        )
    assert "outside the programme period" in e.value.messages[0]
