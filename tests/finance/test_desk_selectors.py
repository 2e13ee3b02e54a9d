"""The finance officer's and programme manager's start pages: the claim period still to
claim, the imports in review and the budget used, as the finance pages show them."""

from datetime import date
from decimal import Decimal as D

import pytest

from dipps.finance import selectors
from dipps.finance.models import CostEntry, PaymentClaim, ReportingPeriod, SieImport
from dipps.finance.selectors_desk import budget_health, open_claim_period, pending_imports
from tests.finance.helpers import partner
from tests.finance.test_budget_versions import original

pytestmark = pytest.mark.django_db


def period(world, number, start, end, claim=None):
    p = ReportingPeriod.objects.create(
        programme=world.programme, number=number, start=start, end=end
    )
    if claim:
        PaymentClaim.objects.create(period=p, status=claim)
    return p


def test_the_open_claim_period_is_the_first_begun_period_not_yet_claimed(world):
    period(world, 1, date(2023, 9, 1), date(2024, 6, 30), claim=PaymentClaim.Status.SUBMITTED)
    second = period(world, 2, date(2024, 7, 1), date(2024, 12, 31), claim=PaymentClaim.Status.DRAFT)
    period(world, 3, date(2025, 1, 1), date(2025, 6, 30))
    found = open_claim_period(world.programme, date(2024, 12, 21))
    assert (found.period, found.claim.status, found.days_left, found.ended) == (
        second,
        "draft",
        10,
        False,
    )
    late = open_claim_period(world.programme, date(2025, 1, 5))
    assert (late.period, late.days_left, late.days_ago, late.ended) == (second, -5, 5, True)
    second.claim.status = PaymentClaim.Status.SUBMITTED
    second.claim.save()
    third = open_claim_period(world.programme, date(2025, 1, 5))
    assert (third.period.number, third.claim, third.status) == (3, None, "no claim started")


def test_no_period_is_open_before_the_first_begins_or_when_all_are_claimed(world):
    period(world, 1, date(2023, 9, 1), date(2024, 6, 30), claim=PaymentClaim.Status.SUBMITTED)
    assert open_claim_period(world.programme, date(2024, 6, 1)) is None
    assert open_claim_period(world.programme, date(2025, 6, 1)) is None


def test_pending_imports_are_those_in_review_oldest_first(world):
    org = partner(world.programme)
    first = SieImport.objects.create(programme=world.programme, organisation=org, filename="a.se")
    SieImport.objects.create(
        programme=world.programme, organisation=org, filename="b.se", status="confirmed"
    )
    last = SieImport.objects.create(programme=world.programme, organisation=org, filename="c.se")
    assert pending_imports(world.programme) == [first, last]


def test_budget_used_is_the_finance_overviews_counted_total_against_its_budget(world):
    original(world)  # 200 000 staff (+ 15 % flat rate), 50 000 services, 30 000 travel
    org = partner(world.programme)
    for n, amount in enumerate(("1000.00", "2500.50")):
        CostEntry.objects.create(
            programme=world.programme, organisation=org, category="external_services",
            date=date(2024, 3, 1), amount=D(amount), source="manual", natural_key=f"k{n}",
        )  # fmt: skip
    health = budget_health(world.programme)
    overview = selectors.overview(world.programme)
    assert (health.actual_total, health.budget_total) == (
        overview.actual_total,
        overview.budget_total,
    )
    assert (health.actual_total, health.budget_total) == (D("3500.50"), D("310000.00"))
    assert health.used_percent == D("3500.50") * 100 / D("310000.00")
