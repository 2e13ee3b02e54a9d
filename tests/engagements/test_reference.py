"""The dated reference values: hourly rates and employment cost, as services and pages."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import EmploymentCost, InKindRate
from dipps.engagements.selectors import in_kind_value
from dipps.engagements.services import employment_cost_set, in_kind_rate_set
from dipps.stateaid.models import AidRate
from dipps.stateaid.services import aid_rate_set

from .helpers import attend, rates, record

pytestmark = pytest.mark.django_db


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return {k: " ".join(v) for k, v in caught.value.message_dict.items()}


def test_an_in_kind_rate_is_set_corrected_and_audited(world):
    manager = world.users["manager"]
    in_kind_rate_set(
        programme=world.programme, valid_from=date(2024, 1, 1), hourly_rate_sek=D(450), by=manager
    )
    in_kind_rate_set(
        programme=world.programme, valid_from=date(2024, 1, 1), hourly_rate_sek=D(475), by=manager
    )
    assert list(InKindRate.objects.values_list("valid_from", "hourly_rate_sek")) == [
        (date(2024, 1, 1), D("475.00"))
    ]
    actions = list(
        AuditEntry.objects.filter(model="engagements.inkindrate")
        .order_by("id")
        .values_list("action", "changes")
    )
    assert actions == [
        ("create", {"hourly_rate_sek": [None, "450"]}),
        ("update", {"hourly_rate_sek": ["450.00", "475"]}),
    ]


def test_a_corrected_in_kind_rate_changes_the_in_kind_value_at_once(world):
    rates(world.programme)  # 500 kr from 2023-09-01, 600 kr from 2025-01-01
    activity = record(world, participant_hours=D(10), women=1)
    attend(activity, "Anna Berg", world.company, "10")
    assert in_kind_value(world.programme, world.programme.start, world.programme.end) == D(6000)
    in_kind_rate_set(
        programme=world.programme, valid_from=date(2025, 1, 1), hourly_rate_sek=D(650), by=None
    )
    assert in_kind_value(world.programme, world.programme.start, world.programme.end) == D(6500)


def test_a_rate_outside_the_programme_or_negative_or_absurd_is_refused(world):
    p = world.programme
    errors = errors_of(
        lambda: in_kind_rate_set(
            programme=p, valid_from=date(2030, 1, 1), hourly_rate_sek=D(-5), by=None
        )
    )
    assert errors == {
        "valid_from": "Timpriset måste börja inom programmets period, 2023-09-01 – 2028-08-31.",
        "hourly_rate_sek": "Timpriset kan inte vara negativt.",
    }
    errors = errors_of(
        lambda: aid_rate_set(
            programme=p, valid_from=date(2024, 1, 1), hourly_rate_sek=D(45000), by=None
        )
    )
    assert errors["hourly_rate_sek"].startswith("45\xa0000,00 kr i timmen ser ut som ett misstag")
    assert not InKindRate.objects.exists() and not AidRate.objects.exists()


def test_an_aid_rate_that_would_reprice_granted_aid_is_refused(world):
    rates(world.programme)  # aid rate 900 kr from 2023-09-01
    record(world, day=date(2025, 3, 3))
    errors = errors_of(
        lambda: aid_rate_set(
            programme=world.programme,
            valid_from=date(2025, 1, 1),
            hourly_rate_sek=D(950),
            by=None,
        )
    )
    assert "2025-03-03" in errors["valid_from"]
    # The same correction of the rate in force since 2023 would reprice it too.
    with pytest.raises(ValidationError):
        aid_rate_set(
            programme=world.programme, valid_from=date(2023, 9, 1), hourly_rate_sek=D(1), by=None
        )
    # After the last grant it is fine.
    aid_rate_set(
        programme=world.programme, valid_from=date(2025, 3, 4), hourly_rate_sek=D(950), by=None
    )
    assert AidRate.objects.filter(programme=world.programme).count() == 2


def test_an_employment_cost_gives_the_hourly_rate_and_is_audited(world, client_as):
    coach = world.users["coach"]
    employment_cost_set(
        user=coach,
        year=2025,
        annual_gross_cost_sek=D("688000"),
        document="Lönespec 2025",
        by=world.users["finance"],
    )
    page = client_as("finance").get(reverse("engagements:employment_costs") + "?year=2025")
    row = next(r for r in page.context["rows"] if r["user"] == coach)
    # 688 000 / 1 720 = 400.00 kr an hour
    assert (row["cost"], row["rate"], row["document"]) == (
        D("688000.00"),
        D("400.00"),
        "Lönespec 2025",
    )
    assert AuditEntry.objects.filter(model="engagements.employmentcost", action="create").exists()


def test_a_negative_or_absurd_employment_cost_or_a_bad_year_is_refused(world):
    errors = errors_of(
        lambda: employment_cost_set(
            user=world.users["coach"], year=25, annual_gross_cost_sek=D(-1), by=None
        )
    )
    assert errors == {
        "year": "Ange året med fyra siffror mellan 2000 och 2100.",
        "annual_gross_cost_sek": "Den årliga anställningskostnaden kan inte vara negativ.",
    }
    errors = errors_of(
        lambda: employment_cost_set(
            user=world.users["coach"], year=2025, annual_gross_cost_sek=D("68800000"), by=None
        )
    )
    assert "68\xa0800\xa0000,00 kr per år ser ut som ett misstag" in errors["annual_gross_cost_sek"]
    assert not EmploymentCost.objects.exists()


def test_the_manager_sets_a_rate_on_the_rates_page(world, client_as):
    client = client_as("manager")
    url = reverse("engagements:rates", args=[world.programme.code])
    response = client.post(
        url, {"kind": "aid", "valid_from": "2023-09-01", "hourly_rate_sek": "925,50"}
    )
    assert response.status_code == 302
    assert AidRate.objects.get().hourly_rate_sek == D("925.50")
    page = client.get(url).content.decode()
    assert "925,50\xa0kr" in page


def test_the_rates_page_shows_a_clear_message_and_saves_nothing_for_a_bad_rate(world, client_as):
    response = client_as("manager").post(
        reverse("engagements:rates", args=[world.programme.code]),
        {"kind": "in_kind", "valid_from": "2022-01-01", "hourly_rate_sek": "-3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "valid_from": ["Timpriset måste börja inom programmets period, 2023-09-01 – 2028-08-31."],
        "hourly_rate_sek": ["Timpriset kan inte vara negativt."],
    }
    assert not InKindRate.objects.exists()


def test_the_employment_cost_page_refuses_a_negative_cost_on_the_form(world, client_as):
    response = client_as("manager").post(
        reverse("engagements:employment_costs"),
        {"user": world.users["coach"].pk, "year": 2025, "annual_gross_cost_sek": "-10"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "annual_gross_cost_sek": ["Den årliga anställningskostnaden kan inte vara negativ."]
    }
