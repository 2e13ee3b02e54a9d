"""Eligibility at the point of support: refusals, the manager's override and the page."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.companies.models import EligibilityOverride, SniCode
from dipps.companies.selectors import eligibility_of
from dipps.companies.services import (
    eligibility_override_remove,
    eligibility_override_set,
    eligibility_require,
)
from dipps.core.audit import history_for
from dipps.engagements.models import Activity, TimesheetEntry
from dipps.engagements.services import (
    TimesheetRow,
    action_item_save,
    engagement_start,
    timesheet_week_save,
)
from dipps.stateaid.models import AidEntry
from tests.engagements.helpers import rates, record

pytestmark = pytest.mark.django_db


def _outside(company, municipality="2480"):
    """Umeå (Västerbotten, county 24): just outside Mittnorrland (22, 23)."""
    company.municipality_code = municipality
    company.save(update_fields=["municipality_code"])


def _sni(company, code, version=2007):
    SniCode.objects.create(
        company=company, version=version, code=code, division=int(code[:2]), section="C"
    )


def test_an_activity_for_a_firm_outside_the_region_is_refused_with_the_reason(world):
    rates(world.programme)
    _outside(world.company)
    with pytest.raises(ValidationError) as refused:
        record(world)
    (message,) = refused.value.message_dict["companies"]
    assert "Jämtlands Trä AB" in message
    assert "Umeå" in message and "Västerbottens län" in message
    assert Activity.objects.count() == 0 and AidEntry.objects.count() == 0


def test_the_neighbouring_municipality_inside_the_region_is_fine(world):
    rates(world.programme)
    _outside(world.company, "2284")  # Örnsköldsvik, Västernorrland
    record(world)
    assert Activity.objects.count() == 1


def test_a_large_firm_is_refused(world):
    rates(world.programme)
    world.company.size_class = "large"
    world.company.save(update_fields=["size_class"])
    with pytest.raises(ValidationError) as refused:
        record(world)
    assert "2003/361" in refused.value.message_dict["companies"][0]


def test_an_excluded_sector_is_refused_and_its_neighbour_is_not(world):
    rates(world.programme)
    _sni(world.company, "10.200")  # processing of fish
    _sni(world.other_company, "10.300")  # processing of fruit and vegetables
    with pytest.raises(ValidationError) as refused:
        record(world, companies=[world.company, world.other_company])
    (message,) = refused.value.message_dict["companies"]  # only the first firm
    assert "10.200" in message and "10.2" in message and "2023/2831" in message
    record(world, companies=[world.other_company])


def test_a_group_activity_names_every_ineligible_firm(world):
    rates(world.programme)
    _outside(world.company)
    world.other_company.size_class = "large"
    world.other_company.save(update_fields=["size_class"])
    with pytest.raises(ValidationError) as refused:
        record(world, companies=[world.company, world.other_company])
    assert len(refused.value.message_dict["companies"]) == 2


def test_an_override_lets_the_activity_through_and_is_audited(world):
    rates(world.programme)
    _outside(world.company)
    manager = world.users["manager"]
    override = eligibility_override_set(
        company=world.company,
        programme=world.programme,
        motivation="Produktionen ligger i Krokom; sätet i Umeå.",
        by=manager,
    )
    assert override.reason_codes == ["region"] and override.decided_by == manager
    entry = history_for(world.company).first()
    assert entry.user == manager
    assert entry.changes == {
        "eligibility_override": {
            "programme": world.programme.code,
            "reasons": ["region"],
            "motivation": "Produktionen ligger i Krokom; sätet i Umeå.",
            "renewed": False,
        }
    }
    record(world)
    assert Activity.objects.count() == 1
    assert eligibility_of(world.company, world.programme).allowed
    assert not eligibility_of(world.company).allowed  # no programme: no override


def test_an_override_does_not_cover_a_reason_that_comes_later(world):
    rates(world.programme)
    _outside(world.company)
    eligibility_override_set(
        company=world.company, programme=world.programme, motivation="Filial", by=None
    )
    world.company.size_class = "large"
    world.company.save(update_fields=["size_class"])
    with pytest.raises(ValidationError) as refused:
        record(world)
    message = refused.value.message_dict["companies"][0]
    assert "2003/361" in message and "Umeå" not in message


def test_an_override_needs_a_reason_an_ineligible_firm_and_a_participation(world):
    with pytest.raises(ValidationError) as eligible:
        eligibility_override_set(
            company=world.company, programme=world.programme, motivation="x", by=None
        )
    assert list(eligible.value.message_dict) == ["programme"]
    _outside(world.company)
    with pytest.raises(ValidationError) as empty:
        eligibility_override_set(
            company=world.company, programme=world.programme, motivation="  ", by=None
        )
    assert list(empty.value.message_dict) == ["motivation"]
    assert not EligibilityOverride.objects.exists()


def test_removing_an_override_refuses_again_and_is_audited(world):
    rates(world.programme)
    _outside(world.company)
    manager = world.users["manager"]
    override = eligibility_override_set(
        company=world.company, programme=world.programme, motivation="Filial", by=manager
    )
    eligibility_override_remove(override=override, by=manager)
    assert history_for(world.company).first().changes["eligibility_override_removed"] == {
        "programme": world.programme.code,
        "reasons": ["region"],
        "motivation": "Filial",
    }
    with pytest.raises(ValidationError):
        record(world)


def test_a_new_action_plan_item_is_refused_but_an_existing_one_may_change(world):
    coach = world.users["coach"]
    engagement = engagement_start(company=world.company, programme=world.programme, by=coach)
    values = {"goal": "Digital orderhantering", "intervention": "coaching", "dimensions": []}
    item = action_item_save(engagement=engagement, values=values, by=coach)
    _outside(world.company)
    with pytest.raises(ValidationError) as refused:
        action_item_save(engagement=engagement, values=values, by=coach)
    assert "companies" in refused.value.message_dict
    action_item_save(
        engagement=engagement, values={**values, "status": "done"}, by=coach, item=item
    )


def test_a_new_timesheet_row_on_an_ineligible_firms_activity_is_refused(world):
    rates(world.programme)
    coach = world.users["coach"]
    activity = record(world, day=date(2025, 3, 3))
    row = TimesheetRow(
        programme=world.programme, kind="activity", activity=activity, hours=[D(2)] + [D(0)] * 6
    )
    monday = date(2025, 3, 3)
    timesheet_week_save(user=coach, monday=monday, rows=[row], by=coach)
    _outside(world.company)
    # The week's own row stays editable: it was recorded while the firm was eligible.
    row.hours = [D(3)] + [D(0)] * 6
    timesheet_week_save(user=coach, monday=monday, rows=[row], by=coach)
    # A new week's row on the activity is new support to the firm: refused.
    with pytest.raises(ValidationError) as refused:
        timesheet_week_save(user=coach, monday=date(2025, 3, 10), rows=[row], by=coach)
    assert "companies" in refused.value.message_dict
    assert TimesheetEntry.objects.filter(day__gte=date(2025, 3, 10)).count() == 0


def test_eligibility_require_passes_eligible_firms(world):
    eligibility_require(companies=[world.company, world.other_company], programme=world.programme)


# --- the company page -----------------------------------------------------------------


def test_the_company_page_shows_why_a_firm_is_not_eligible(world, client_as):
    _outside(world.company)
    _sni(world.company, "03.110")
    page = client_as("coach").get(reverse("companies:detail", args=[world.company.pk]))
    html = page.content.decode()
    assert 'data-reason="region"' in html and 'data-reason="sector"' in html
    assert "Umeå" in html and "03.110" in html
    assert "Registrera undantaget" not in html  # a coach may not override
    manager_page = client_as("manager").get(reverse("companies:detail", args=[world.company.pk]))
    assert "Registrera undantaget" in manager_page.content.decode()


def test_the_company_page_says_an_eligible_firm_is_eligible(world, client_as):
    _sni(world.company, "16.101")
    html = client_as("coach").get(reverse("companies:detail", args=[world.company.pk]))
    assert 'data-reason="' not in html.content.decode()
    assert "Stödberättigat" in html.content.decode()


def test_the_company_page_hides_eligibility_from_the_representative(world, client_as):
    _outside(world.company)
    html = client_as("company").get(reverse("companies:detail", args=[world.company.pk]))
    assert 'data-testid="eligibility"' not in html.content.decode()


def test_a_manager_records_and_removes_an_override_on_the_page(world, client_as):
    _outside(world.company)
    client = client_as("manager")
    url = reverse("companies:override", args=[world.company.pk])
    client.post(url, {"programme": world.programme.code, "motivation": "Filial i Krokom"})
    override = EligibilityOverride.objects.get()
    html = client.get(reverse("companies:detail", args=[world.company.pk])).content.decode()
    assert "Filial i Krokom" in html and 'data-testid="override"' in html
    client.post(reverse("companies:override_remove", args=[world.company.pk, override.pk]))
    assert not EligibilityOverride.objects.exists()


def test_an_override_without_a_reason_is_refused_on_the_page(world, client_as):
    _outside(world.company)
    client = client_as("manager")
    url = reverse("companies:override", args=[world.company.pk])
    page = client.post(url, {"programme": world.programme.code, "motivation": ""}, follow=True)
    assert not EligibilityOverride.objects.exists()
    assert "Motivering till undantaget: Detta fält måste fyllas i." in page.content.decode()


def test_the_activity_form_warns_before_anything_is_typed(world, client_as):
    _outside(world.company)
    client = client_as("coach")
    url = reverse("engagements:activity_new") + f"?company={world.company.pk}"
    html = client.get(url).content.decode()
    assert 'data-testid="eligibility-warning"' in html and "Umeå" in html
    eligibility_override_set(
        company=world.company, programme=world.programme, motivation="Filial", by=None
    )
    assert 'data-testid="eligibility-warning"' not in client.get(url).content.decode()


def test_the_admin_shows_overrides_read_only(world, client, django_user_model):
    _outside(world.company)
    eligibility_override_set(
        company=world.company, programme=world.programme, motivation="Filial i Krokom", by=None
    )
    admin = django_user_model.objects.create_superuser("root", "root@example.se", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:companies_company_change", args=[world.company.pk]))
    assert page.status_code == 200
    assert "Filial i Krokom" in page.content.decode()


def test_an_accepted_maturity_suggestion_for_an_ineligible_firm_is_refused(world, client_as):
    from tests.maturity.builders import submitted

    assessment = submitted(world.company, world.programme, level=1)
    _outside(world.company)
    page = client_as("coach").post(
        reverse("maturity:accept", args=[world.company.pk]),
        {"assessment": assessment.pk, "intervention": "energy_mapping"},
        follow=True,
    )
    assert "får inte stödjas av DIPPS" in page.content.decode()
    assert not world.company.accepted_suggestions.exists()
