"""The plan in the browser: budget and financing, partner settings, reporting periods."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from dipps.finance import services
from dipps.finance.models import (
    BudgetLine,
    FinancePlan,
    FinancingLine,
    PartnerLedger,
    ReportingPeriod,
)
from dipps.programmes.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as):
    """Pages in English, the language the messages are asserted in."""

    def login(role):
        c = client_as(role)
        c.cookies["django_language"] = "en"
        return c

    return login


def budget_post(world, financing):
    data = {
        "rate_percent": "15",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-0-year": "2024",
        "lines-0-organisation": str(world.programme.owner_id),
        "lines-0-category": "staff",
        "lines-0-amount": "100000",
        "lines-1-year": "",  # an empty extra row is ignored
        "financing-TOTAL_FORMS": str(len(financing)),
        "financing-INITIAL_FORMS": "0",
    }
    by_name = {f.name: f.pk for f in world.programme.financiers.all()}
    for i, (name, amount) in enumerate(financing):
        data.update(
            {
                f"financing-{i}-year": "2024",
                f"financing-{i}-financier": str(by_name[name]),
                f"financing-{i}-amount": amount,
            }
        )
    return data


BALANCED = [("IUC Z-Group", "11500"), ("Region Jämtland Härjedalen", "57500"), ("ERUF", "46000")]


def test_a_balanced_budget_is_saved_from_the_form(world, client_as):
    url = f"/finance/{world.programme.code}/budget/edit/"
    response = client_as("finance").post(url, budget_post(world, BALANCED))
    assert response.status_code == 302
    assert list(BudgetLine.objects.values_list("year", "category", "amount")) == [
        (2024, "staff", D("100000.00"))
    ]
    assert sorted(FinancingLine.objects.values_list("amount", flat=True)) == [
        D("11500.00"),
        D("46000.00"),
        D("57500.00"),
    ]
    # The edit page shows the saved rows again.
    page = client_as("finance").get(url).content.decode()
    assert 'value="100000.00"' in page


def test_a_budget_that_does_not_add_up_saves_nothing_and_says_why(world, client_as):
    url = f"/finance/{world.programme.code}/budget/edit/"
    short = [("IUC Z-Group", "11500"), ("Region Jämtland Härjedalen", "57500"), ("ERUF", "40000")]
    response = client_as("manager").post(url, budget_post(world, short))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "2024: costs are 115,000.00 kr but financing is 109,000.00 kr" in page
    assert BudgetLine.objects.count() == 0 and FinancingLine.objects.count() == 0
    assert not FinancePlan.objects.exists()


def test_a_bad_field_is_named_with_its_row(world, client_as):
    data = budget_post(world, BALANCED)
    data["lines-0-amount"] = "tusen"
    response = client_as("finance").post(f"/finance/{world.programme.code}/budget/edit/", data)
    assert "Row 1, Amount (SEK): Enter a number." in response.content.decode()
    assert BudgetLine.objects.count() == 0


def test_partner_settings_and_organisation_number_are_saved_together(world, client_as):
    owner = world.programme.owner
    data = {
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "1",
        "partners-0-organisation": str(owner.pk),
        "partners-0-orgnr": "232100-0214",
        "partners-0-dimension": "",
        "partners-0-object": "",
        "partners-0-accounts": "7010 7510 6540-6559",
    }
    url = f"/finance/{world.programme.code}/partners/"
    assert client_as("finance").post(url, data).status_code == 302
    owner.refresh_from_db()
    assert owner.orgnr == "2321000214"
    assert PartnerLedger.objects.get(organisation=owner).accounts == "7010 7510 6540-6559"


def test_bad_partner_settings_save_nothing(world, client_as):
    owner = world.programme.owner
    before = owner.orgnr
    data = {
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "1",
        "partners-0-organisation": str(owner.pk),
        "partners-0-orgnr": "123",
        "partners-0-dimension": "6",
        "partners-0-object": "",
        "partners-0-accounts": "70x0",
    }
    response = client_as("finance").post(f"/finance/{world.programme.code}/partners/", data)
    page = response.content.decode()
    assert "Region Jämtland Härjedalen: give a dimension and object" not in page
    assert "“70x0” is not an account or a range such as 6540-6559." in page
    assert "“123” is not a valid organisation number" in page
    assert Organisation.objects.get(pk=owner.pk).orgnr == before
    assert not PartnerLedger.objects.filter(organisation=owner).exists()


def periods_post(*periods, initial=0):
    data = {"periods-TOTAL_FORMS": str(len(periods)), "periods-INITIAL_FORMS": str(initial)}
    for i, (start, end, *delete) in enumerate(periods):
        data[f"periods-{i}-start"] = start
        data[f"periods-{i}-end"] = end
        if delete:
            data[f"periods-{i}-DELETE"] = "on"
    return data


def test_reporting_periods_are_set_and_removed_from_the_form(world, client_as):
    url = f"/finance/{world.programme.code}/periods/"
    client = client_as("manager")
    data = periods_post(("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31"))
    assert client.post(url, data).status_code == 302
    data = periods_post(
        ("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31", "delete"), initial=2
    )
    assert client.post(url, data).status_code == 302
    assert list(ReportingPeriod.objects.values_list("number", "start", "end")) == [
        (1, date(2024, 1, 1), date(2024, 6, 30))
    ]


def test_overlapping_periods_are_refused(world, client_as):
    data = periods_post(("2024-01-01", "2024-06-30"), ("2024-06-01", "2024-12-31"))
    response = client_as("finance").post(f"/finance/{world.programme.code}/periods/", data)
    assert "Period 2 overlaps the period before it." in response.content.decode()
    assert not ReportingPeriod.objects.exists()


def test_a_claimed_period_keeps_its_dates_and_a_period_with_a_claim_stays(world):
    services.reporting_periods_set(
        programme=world.programme,
        periods=[(date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), date(2024, 12, 31))],
    )
    first = world.programme.reporting_periods.get(number=1)
    services.claim_submit(claim=services.claim_open(period=first))
    services.claim_open(period=world.programme.reporting_periods.get(number=2))
    with pytest.raises(ValidationError) as e:
        services.reporting_periods_set(
            programme=world.programme, periods=[(date(2024, 1, 1), date(2024, 5, 31))]
        )
    assert e.value.messages == [
        "Period 1 (2024-01-01–2024-06-30) has been claimed; its dates cannot change.",
        "Period 2 has a payment claim and cannot be removed.",
    ]
    assert ReportingPeriod.objects.count() == 2
