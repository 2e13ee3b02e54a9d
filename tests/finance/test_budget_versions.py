"""Budget versions: the approved budget is kept; a change request is a new version; the claim
compares with the version in force on its period's last day.

Hand-worked plan (staff + actual purchases + 15 %), one partner, 2024:
version 1: staff 200,000, external services 50,000, travel 30,000; flat rate 15 % of
200,000 = 30,000; total 310,000, financed 31,000 / 155,000 / 124,000 (10 / 50 / 40 %).
version 2 (the change request): 20,000 moved from travel to external services, so
external services 70,000 and travel 10,000; every total stays 310,000.
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse

from dipps.finance import budget, selectors, services
from dipps.finance.budget import ApprovedVersion, Difference
from dipps.finance.models import BudgetLine, BudgetVersion, FinancePlan, ReportingPeriod
from dipps.finance.services import BudgetInput, FinancingInput

from .helpers import ledger_for_claims, partner, salary


def plan(world, *, external="50000", travel="30000", rate="15"):
    org = partner(world.programme)
    fin = {f.name: f for f in world.programme.financiers.all()}
    lines = [
        BudgetInput(2024, org, "staff", D("200000")),
        BudgetInput(2024, org, "external_services", D(external)),
        BudgetInput(2024, org, "travel", D(travel)),
    ]
    total = D("200000") * (1 + D(rate) / 100) + D(external) + D(travel)
    financing = [
        FinancingInput(fin["IUC Z-Group"], 2024, total / 10),
        FinancingInput(fin["Region Jämtland Härjedalen"], 2024, total / 2),
        FinancingInput(fin["ERUF"], 2024, total * 4 / 10),
    ]
    return {"lines": lines, "financing": financing, "rate_percent": D(rate)}


def approve(version, *, in_force=date(2023, 9, 1), reference="RUN/123/2023"):
    return services.budget_version_decide(
        version=version,
        approve=True,
        reference=reference,
        decided=date(2023, 6, 14),
        in_force_from=in_force,
    )


def original(world):
    v1 = services.budget_set(programme=world.programme, **plan(world))
    return approve(v1)


def change(world, *, reason="Fler konsulttimmar, färre resor."):
    return services.budget_set(
        programme=world.programme,
        **plan(world, external="70000", travel="10000"),
        reason=reason,
    )


def amounts(version):
    return {
        c: a for c, a in version.lines.values_list("category").annotate(a=Sum("amount")).order_by()
    }


# The rule, without the database -----------------------------------------------------------

V1, V2, V3 = (
    ApprovedVersion(1, date(2023, 9, 1)),
    ApprovedVersion(2, date(2024, 7, 1)),
    ApprovedVersion(3, date(2024, 7, 1)),
)


@pytest.mark.parametrize(
    ("approved", "day", "number"),
    [
        ([V1, V2], date(2024, 6, 30), 1),  # the day before the change comes into force
        ([V1, V2], date(2024, 7, 1), 2),  # its first day
        ([V1, V2], date(2028, 8, 31), 2),
        ([V1, V2], date(2023, 1, 1), 1),  # before any in-force date: the first approved
        ([V2, V1], date(2024, 7, 1), 2),  # order of the list does not matter
        ([V1, V2, V3], date(2024, 7, 1), 3),  # same day: the later decision wins
        ([V2], date(2024, 1, 1), 2),  # only a later one approved: the fallback is it
        ([], date(2024, 1, 1), None),
    ],
)
def test_the_version_in_force_is_the_latest_started_one(approved, day, number):
    assert budget.version_in_force(approved, day) == number


def test_differences_list_only_the_changed_cells_per_year_and_for_the_whole_budget():
    before = budget.budget_totals(
        [
            budget.BudgetLine(2024, "IUC", "staff", D(1000)),
            budget.BudgetLine(2024, "IUC", "travel", D(300)),
        ],
        D(15),
    )
    after = budget.budget_totals(
        [
            budget.BudgetLine(2024, "IUC", "staff", D(1200)),
            budget.BudgetLine(2025, "IUC", "travel", D(300)),
        ],
        D(15),
    )
    assert budget.differences(before, after) == [
        Difference(2024, "staff", D(1000), D(1200)),
        Difference(2024, "travel", D(300), D(0)),
        Difference(2024, "indirect", D(150), D(180)),
        Difference(2025, "travel", D(0), D(300)),
        Difference(None, "staff", D(1000), D(1200)),
        Difference(None, "indirect", D(150), D(180)),
    ]
    assert budget.differences(before, before) == []
    assert Difference(None, "staff", D(1000), D(1200)).change == D(200)


# Services -----------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_the_first_save_makes_version_1_a_draft_and_approving_records_the_decision(world):
    v1 = services.budget_set(programme=world.programme, **plan(world), by=world.users["finance"])
    assert (v1.number, v1.kind, v1.status) == (1, "original", "draft")
    assert v1.created_by == world.users["finance"]
    assert selectors.version_in_force(world.programme, date(2024, 1, 1)) is None
    approve(v1)
    v1.refresh_from_db()
    assert (v1.status, v1.decision_reference, v1.decision_date, v1.in_force_from) == (
        "approved",
        "RUN/123/2023",
        date(2023, 6, 14),
        date(2023, 9, 1),
    )
    assert selectors.version_in_force(world.programme, date(2024, 1, 1)) == v1


def test_a_change_keeps_the_approved_version_and_makes_a_draft_change_request(world):
    v1 = original(world)
    v2 = change(world)
    assert (v2.number, v2.kind, v2.status) == (2, "change", "draft")
    assert v2.reason == "Fler konsulttimmar, färre resor."
    assert amounts(v1) == {
        "staff": D("200000.00"),
        "external_services": D("50000.00"),
        "travel": D("30000.00"),
    }
    assert amounts(v2) == {
        "staff": D("200000.00"),
        "external_services": D("70000.00"),
        "travel": D("10000.00"),
    }
    assert selectors.version_totals(v1).total == D("310000.00")
    assert selectors.version_totals(v2).total == D("310000.00")
    assert BudgetLine.objects.filter(version=v1).count() == 3
    # Still in force until the change is approved.
    assert selectors.version_in_force(world.programme, date(2025, 1, 1)) == v1
    assert [
        (d.year, d.category, d.base, d.changed) for d in selectors.version_differences(v2, v1)
    ] == [
        (2024, "external_services", D("50000.00"), D("70000.00")),
        (2024, "travel", D("30000.00"), D("10000.00")),
        (None, "external_services", D("50000.00"), D("70000.00")),
        (None, "travel", D("30000.00"), D("10000.00")),
    ]


def test_only_one_draft_at_a_time(world):
    original(world)
    first = change(world)
    second = services.budget_set(
        programme=world.programme, **plan(world, external="60000", travel="20000"), reason="x"
    )
    assert second.pk == first.pk and second.number == 2
    assert amounts(second)["external_services"] == D("60000.00")
    assert BudgetVersion.objects.filter(programme=world.programme).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetVersion.objects.create(programme=world.programme, number=3)


def test_a_submitted_version_cannot_be_edited_and_a_decided_one_cannot_change(world):
    v1 = original(world)
    v2 = services.budget_version_submit(version=change(world))
    with pytest.raises(ValidationError) as e:
        change(world)
    assert e.value.messages == [
        "Version 2 has been submitted and awaits its decision; it cannot be changed until it "
        "is approved or rejected."
    ]
    with pytest.raises(ValidationError) as e:
        approve(v1, reference="annat")
    assert e.value.messages == ["Version 1 has already been decided (approved); it cannot change."]
    v1.refresh_from_db()
    assert v1.decision_reference == "RUN/123/2023"
    assert v2.status == "submitted"


def test_a_rejected_change_is_kept_and_the_next_change_is_a_new_version(world):
    v1 = original(world)
    v2 = change(world)
    services.budget_version_decide(version=v2, approve=False, reference="", decided=None)
    v2.refresh_from_db()
    assert (v2.status, v2.in_force_from) == ("rejected", None)
    assert amounts(v2)["travel"] == D("10000.00")
    v3 = change(world, reason="Andra försöket.")
    assert (v3.number, v3.kind) == (3, "change")
    assert selectors.version_in_force(world.programme, date(2025, 1, 1)) == v1


def test_approval_needs_a_reference_a_date_a_day_in_the_programme_and_a_reason(world):
    original(world)
    v2 = change(world, reason="")
    with pytest.raises(ValidationError) as e:
        services.budget_version_decide(
            version=v2, approve=True, reference=" ", decided=None, in_force_from=date(2029, 1, 1)
        )
    assert e.value.messages == [
        "Decision reference: give the decision's reference number.",
        "Decision date: give the date of the decision.",
        "In force from: 2029-01-01 is outside the programme period (2023-09-01–2028-08-31).",
        "A change request needs its reason before it can be approved.",
    ]
    v2.refresh_from_db()
    assert v2.status == "draft"


def test_the_programmes_rate_follows_only_an_approved_version(world):
    original(world)
    services.budget_set(
        programme=world.programme, **plan(world, rate="10"), reason="Lägre schablon."
    )
    plan_ = FinancePlan.objects.get(programme=world.programme)
    assert plan_.indirect_rate_percent == D("15.00")  # the draft does not count yet
    v2 = BudgetVersion.objects.get(number=2)
    approve(v2, in_force=date(2024, 7, 1), reference="Ändringsbeslut 1")
    plan_.refresh_from_db()
    assert plan_.indirect_rate_percent == D("10.00")


# The claim ------------------------------------------------------------------------------------


@pytest.fixture
def two_versions(world):
    ledger_for_claims(world, [salary(1, date(2024, 1, 25)), salary(2, date(2024, 7, 25))])
    original(world)
    v2 = change(world)
    approve(v2, in_force=date(2024, 7, 1), reference="Ändringsbeslut 1")
    return world


@pytest.mark.parametrize(
    ("number", "version", "reference", "travel", "external"),
    [
        (1, 1, "RUN/123/2023", D("30000.00"), D("50000.00")),  # ends 2024-06-30
        (2, 2, "Ändringsbeslut 1", D("10000.00"), D("70000.00")),  # ends 2024-12-31
    ],
)
def test_a_claim_compares_with_the_version_in_force_on_its_last_day(
    two_versions, number, version, reference, travel, external
):
    period = ReportingPeriod.objects.get(programme=two_versions.programme, number=number)
    figures = services.claim_figures(services.claim_open(period=period))
    assert (figures.budget_version, figures.budget_decision) == (version, reference)
    assert figures.budget["travel"] == travel
    assert figures.budget["external_services"] == external
    assert figures.budget["indirect"] == D("30000.00")
    assert figures.budget_total == D("310000.00")


def test_a_submitted_claim_keeps_its_version_in_the_snapshot(two_versions):
    period = ReportingPeriod.objects.get(programme=two_versions.programme, number=1)
    claim = services.claim_submit(claim=services.claim_open(period=period))
    assert claim.snapshot["budget_version"] == 1
    assert claim.snapshot["budget_decision_date"] == "2023-06-14"
    frozen = services.claim_figures(claim)
    assert (frozen.budget_version, frozen.budget_decision_date) == (1, date(2023, 6, 14))


def test_the_claim_page_names_the_version(two_versions, client_as):
    period = ReportingPeriod.objects.get(programme=two_versions.programme, number=2)
    claim = services.claim_open(period=period)
    c = client_as("finance")
    c.cookies["django_language"] = "en"
    page = c.get(reverse("finance:claim", args=[claim.pk])).content.decode()
    assert 'id="claim-budget-version"' in page
    assert "Budget compared with: version 2, in force on the period" in page
    assert "decision Ändringsbeslut 1" in page


# Pages ------------------------------------------------------------------------------------------


def _page(client_as, url, role="finance"):
    c = client_as(role)
    c.cookies["django_language"] = "en"
    return c.get(url).content.decode()


def test_the_budget_page_shows_the_version_in_force_the_list_and_a_drafts_differences(
    world, client_as
):
    original(world)
    change(world)
    url = reverse("finance:budget", args=[world.programme.code])
    page = _page(client_as, url)
    assert "Shown: version 1 (original budget), approved." in page
    assert "This is the budget in force today." in page
    assert "Fler konsulttimmar, färre resor." in page  # in the list of versions
    draft = _page(client_as, url + "?version=2")
    assert "Shown: version 2 (change request), draft." in draft
    assert 'id="budget-differences"' in draft
    assert "70,000" in draft and "-20,000" in draft
    assert "Record the decision" not in draft  # the finance officer does not decide
    assert "Record the decision" in _page(client_as, url + "?version=2", role="manager")


def test_the_budget_export_uses_the_version_shown(world, client_as):
    original(world)
    change(world)
    c = client_as("finance")
    url = reverse("finance:budget_export", args=[world.programme.code, "csv"])
    in_force = c.get(url).content.decode()
    draft = c.get(url + "?version=2").content.decode()
    assert "30000" in in_force and "70000" not in in_force
    assert "70000" in draft and "30000.00" not in draft.replace("130000", "")


def test_editing_an_approved_budget_in_the_browser_makes_a_change_request(world, client_as):
    from .test_plan_forms import BALANCED, budget_post

    v1 = original(world)
    data = {**budget_post(world, BALANCED), "reason": "Ny fördelning."}
    c = client_as("finance")
    response = c.post(reverse("finance:budget_edit", args=[world.programme.code]), data)
    assert response.status_code == 302
    assert response["Location"].endswith("?version=2")
    assert amounts(v1)["travel"] == D("30000.00")
    v2 = BudgetVersion.objects.get(programme=world.programme, number=2)
    assert (v2.kind, v2.status, v2.reason) == ("change", "draft", "Ny fördelning.")
    assert amounts(v2) == {"staff": D("100000.00")}


def test_the_edit_page_starts_a_change_from_a_copy_of_the_version_in_force(world, client_as):
    original(world)
    page = _page(client_as, reverse("finance:budget_edit", args=[world.programme.code]))
    assert "Version 1 is approved and is never changed" in page
    assert 'value="30000.00"' in page


def test_the_manager_approves_in_the_browser(world, client_as):
    original(world)
    v2 = change(world)
    c = client_as("manager")
    c.cookies["django_language"] = "en"
    url = reverse("finance:budget_version_decide", args=[world.programme.code, 2])
    response = c.post(
        url,
        {
            "decision": "approve",
            "reference": "Ändringsbeslut 1",
            "decision_date": "2024-06-14",
            "in_force_from": "2024-07-01",
        },
    )
    assert response.status_code == 302
    v2.refresh_from_db()
    assert (v2.status, v2.in_force_from) == ("approved", date(2024, 7, 1))
    refused = c.post(url, {"decision": "reject"})
    assert "Version 2 has already been decided (approved); it cannot change." in (
        refused.content.decode()
    )


def test_the_demo_has_an_approved_original_and_change_and_its_claims_compare_with_each():
    from dipps.finance import demo
    from dipps.finance.models import PaymentClaim
    from tests.factories import make_programme

    programme = make_programme()
    demo.load()
    demo.load()
    versions = list(
        BudgetVersion.objects.filter(programme=programme).values_list(
            "number", "kind", "status", "in_force_from"
        )
    )
    assert versions == [
        (1, "original", "approved", date(2023, 9, 1)),
        (2, "change", "approved", date(2024, 7, 1)),
    ]
    v1, v2 = BudgetVersion.objects.filter(programme=programme).order_by("number")
    assert (
        selectors.version_totals(v1).total == selectors.version_totals(v2).total == D("22185000.00")
    )
    moved = selectors.version_differences(v2, v1)
    assert [(d.year, d.category, d.change) for d in moved if d.year is None] == [
        (None, "external_services", D("300000.00")),
        (None, "investments", D("-300000.00")),
    ]
    first, second = PaymentClaim.objects.filter(period__programme=programme).order_by(
        "period__start"
    )[:2]
    assert first.snapshot["budget_version"] == 1
    assert services.claim_figures(second).budget_version == 2


def test_setting_the_financiers_again_keeps_every_versions_financing(world):
    from dipps.programmes.services import FinancierInput, programme_set_financiers

    v1 = original(world)
    v2 = change(world)
    total = world.programme.total_budget
    programme_set_financiers(
        programme=world.programme,
        financiers=[
            FinancierInput("IUC Z-Group", D(10), total / 10, "private"),
            FinancierInput(
                "Region Jämtland Härjedalen", D(50), total / 2, "state_appropriation", is_owner=True
            ),
            FinancierInput("ERUF", D(40), total * 4 / 10, "eu_fund", decision_number="20201234"),
        ],
    )
    assert [v1.financing.count(), v2.financing.count()] == [3, 3]
    assert world.programme.financiers.get(name="ERUF").decision_number == "20201234"
    assert selectors.budget_check(world.programme, v1) == [
        "The budget totals 310,000.00 kr but the programme's total budget is 22,185,000.00 kr."
    ]


@pytest.mark.slow  # renders the PDF with WeasyPrint
def test_the_claim_pdf_names_the_version_in_swedish(two_versions, client_as, monkeypatch):
    from dipps.core import pdf

    pages: list[str] = []
    render = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: pages.append(render(*a, **k)) or pages[-1]
    )
    period = ReportingPeriod.objects.get(programme=two_versions.programme, number=1)
    claim = services.claim_open(period=period)
    c = client_as("finance")
    c.cookies["django_language"] = "sv"
    response = c.get(reverse("finance:claim_pdf", args=[claim.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        "Budgeten som jämförs: version 1, gällande på periodens sista dag "
        "(beslut RUN/123/2023, 2023-06-14)." in pages[0]
    )


def test_a_financier_of_a_budget_version_cannot_be_removed(world):
    from dipps.programmes.services import FinancierInput, programme_set_financiers

    v1 = original(world)
    total = world.programme.total_budget
    with pytest.raises(ValidationError) as e:
        programme_set_financiers(
            programme=world.programme,
            financiers=[
                FinancierInput("IUC Z-Group", D(10), total / 10, "private"),
                FinancierInput("Staten", D(90), total * 9 / 10, "state_appropriation"),
            ],
        )
    assert e.value.messages == [
        "ERUF finances an approved or planned budget and cannot be removed.",
        "Region Jämtland Härjedalen finances an approved or planned budget and cannot be removed.",
    ]
    assert v1.financing.count() == 3
    assert world.programme.financiers.count() == 3


def test_removing_a_programme_takes_its_budget_versions_with_it(world):
    from tests.factories import make_programme

    other = make_programme(code="NEW")
    world.programme = other  # the plan below is built on this programme
    approve(services.budget_set(programme=other, **plan(world)))
    change(world)
    other.delete()
    assert not BudgetVersion.objects.exists() and not BudgetLine.objects.exists()
