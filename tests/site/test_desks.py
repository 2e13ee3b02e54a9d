"""Each role's start page: what it shows, from the selectors that own the figures, and how
many queries it costs."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dipps.accounts.models import Role
from dipps.engagements.models import ActionItem
from dipps.finance.models import PaymentClaim, ReportingPeriod, SieImport
from dipps.site import nav
from dipps.stateaid.models import DeMinimisCase
from tests.engagements.test_follow_ups import engagement
from tests.factories import make_company
from tests.finance.helpers import partner

pytestmark = pytest.mark.django_db


def home(client_as, role):
    response = client_as(role).get(reverse("site:home"))
    assert response.status_code == 200
    return response


def test_the_coach_sees_each_firm_with_its_next_step_and_links(world, client_as):
    e = engagement(world, follow_up=timezone.localdate() - timedelta(days=3))
    ActionItem.objects.create(
        engagement=e, goal="Nytt MES", intervention="expert_support",
        due=timezone.localdate() - timedelta(days=1), created=date(2025, 1, 1),
    )  # fmt: skip
    response = home(client_as, "coach")
    steps = response.context["firms"]
    assert [(s.engagement.company.name, s.overdue_items) for s in steps] == [
        ("Jämtlands Trä AB", 1)
    ]
    assert [f.stage for f in response.context["follow_ups"]] == ["t1"]
    body = response.content.decode()
    assert "1 försenad insats" in body
    assert "Mätning T1 – efter stödet ska göras senast" in body
    assert reverse("engagements:company", args=[world.company.pk]) in body
    assert reverse("maturity:company", args=[world.company.pk]) in body


def test_the_finance_officer_sees_the_claim_period_imports_and_missing_timesheets(world, client_as):
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(
        programme=world.programme, number=1, start=today - timedelta(days=30),
        end=today + timedelta(days=12),
    )  # fmt: skip
    PaymentClaim.objects.create(period=period)
    SieImport.objects.create(
        programme=world.programme, organisation=partner(world.programme), filename="mars.se"
    )
    response = home(client_as, "finance")
    (f,) = response.context["finance_programmes"]
    assert (f.claim_period.period, f.claim_period.days_left) == (period, 12)
    assert [i.filename for i in f.imports] == ["mars.se"]
    missing = response.context["missing_timesheets"]
    assert [(m.person, len(m.weeks)) for m in missing] == [(world.users["coach"].username, 4)]
    body = response.content.decode()
    assert "mars.se" in body and "Saknade tidrapporter" in body and "utkast" in body


def test_the_finance_officers_menu_has_no_my_companies(world, client_as):
    menu = [url for url, _label in home(client_as, "finance").context["menu"]]
    assert reverse("engagements:desk") not in menu
    assert reverse("finance:index") in menu
    coach_menu = [url for url, _label in home(client_as, "coach").context["menu"]]
    assert reverse("engagements:desk") in coach_menu
    assert reverse("engagements:desk") in [u for u, _l in nav.menu_for({Role.MANAGER})]


def test_the_manager_sees_budget_indicators_cases_awaiting_decision_and_the_claim(world, client_as):
    DeMinimisCase.objects.create(programme=world.programme, company=world.company, status="checked")
    response = home(client_as, "manager")
    (h,) = response.context["health"]
    assert [c.company.name for c in h.awaiting_decision] == ["Jämtlands Trä AB"]
    assert h.claim_period is None
    assert (h.budget.actual_total, h.budget.used_percent) == (D("0.00"), None)
    assert all(r.target for r in h.indicators)
    body = response.content.decode()
    assert "De minimis-ärenden som väntar på beslut" in body
    assert reverse("stateaid:case", args=[DeMinimisCase.objects.get().pk]) in body


def test_the_representative_sees_their_firms_plan_and_what_happens_next(world, client_as):
    e = engagement(world, follow_up=timezone.localdate() - timedelta(days=3))
    ActionItem.objects.create(
        engagement=e, goal="Digital ordermottagning", intervention="expert_support",
        due=timezone.localdate() + timedelta(days=20), created=date(2025, 1, 1),
    )  # fmt: skip
    response = home(client_as, Role.COMPANY)
    (firm,) = response.context["firms"]
    assert firm.company == world.company
    assert (firm.desk.open_count, firm.score, firm.scenario.cost_structure) == (1, "", None)
    body = response.content.decode()
    assert "Näst i handlingsplanen: Digital ordermottagning" in body
    assert "Uppföljande mätning T1 – efter stödet" in body
    assert world.other_company.name not in body


def test_the_coach_start_page_queries_grow_by_the_headroom_alone(world, client_as):
    engagement(world)
    client = client_as("coach")
    client.get(reverse("site:home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("site:home"))
    for n in range(4):
        engagement(world, company=make_company(f"Fler {n} AB", programme=world.programme))
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("site:home"))
    assert len(five) - len(one) == 4  # one headroom statement per firm
    assert len(one) <= 25


@pytest.mark.parametrize("role", ["manager", "finance", Role.COMPANY])
def test_the_other_start_pages_do_not_grow_with_the_firms(world, client_as, role):
    client = client_as(role)
    client.get(reverse("site:home"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("site:home"))
    for n in range(5):
        engagement(world, company=make_company(f"Fler {n} AB", programme=world.programme))
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("site:home"))
    assert len(after) == len(before)
    assert len(before) <= 60
