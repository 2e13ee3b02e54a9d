"""The company page's scenario summary: latest EBIT and margin, the main risk, links."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dipps.scenarios import presenters, services

from .test_services import FIGURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def structures(world):
    services.cost_structure_save(company=world.company, year=2023, figures=FIGURES, by=None)
    return services.cost_structure_save(
        company=world.company,
        year=2024,
        figures={**FIGURES, "labour": Decimal("6000000")},
        by=None,
    )


def test_the_summary_takes_the_latest_year(world, structures):
    summary = presenters.company_summary(world.users["coach"], world.company)
    assert summary.cost_structure == structures
    assert summary.ebit == Decimal("2625000")  # 1 625 000 with 1 000 000 less labour
    assert summary.margin == Decimal("0.13125")
    # 7 000 000 of materials × (95th − 5th percentile of N(2 %, 10 %)) = 7 000 000 × 0.329
    assert summary.main_risk.factor == "price.materials"
    assert round(summary.main_risk.swing, -3) == Decimal("2303000")
    assert summary.can_edit


def test_a_representative_sees_the_own_summary_read_only(world, structures):
    summary = presenters.company_summary(world.users["company"], world.company)
    assert summary.cost_structure == structures and not summary.can_edit
    assert presenters.company_summary(world.users["company"], world.other_company) is None


def test_an_observer_gets_no_summary(world, structures):
    assert presenters.company_summary(world.users["observer"], world.company) is None


def test_the_summary_costs_one_query_once_the_roles_are_known(world, structures):
    user = world.users["finance"]
    # The memberships are cached on the user, the firm's programmes on the company.
    presenters.company_summary(user, world.company)
    with CaptureQueriesContext(connection) as queries:
        presenters.company_summary(user, world.company)
    assert len(queries) == 1


def test_the_company_page_shows_the_panel_with_links(client_as, world, structures):
    page = client_as("coach").get(reverse("companies:detail", args=[world.company.pk]))
    html = page.content.decode()
    assert 'id="scenario-panel"' in html
    assert reverse("scenarios:detail", args=[structures.pk]) in html
    assert reverse("scenarios:stress", args=[structures.pk]) in html
    assert "2\xa0625\xa0000" in html or "2 625 000" in html


def test_the_finance_officer_sees_the_panel_without_run_links(client_as, world, structures):
    html = client_as("finance").get(reverse("companies:detail", args=[world.company.pk]))
    html = html.content.decode()
    assert 'id="scenario-panel"' in html
    assert reverse("scenarios:stress", args=[structures.pk]) not in html


def test_a_company_without_a_cost_structure_offers_to_enter_one(client_as, world):
    html = client_as("coach").get(reverse("companies:detail", args=[world.company.pk]))
    html = html.content.decode()
    assert 'id="scenario-panel"' in html
    assert reverse("scenarios:sie_fill") in html
