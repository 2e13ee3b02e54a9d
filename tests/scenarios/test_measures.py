"""Measures are edited with an audit history and linked to the company's own plan items."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import ActionItem, Engagement
from dipps.scenarios import selectors, services
from dipps.scenarios.models import Measure

from .test_views import cs, english  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _item(world, company, goal):
    engagement, _ = Engagement.objects.get_or_create(
        company=company, programme=world.programme, defaults={"started": date(2024, 1, 1)}
    )
    return ActionItem.objects.create(
        engagement=engagement, goal=goal, intervention="energy", created=date(2024, 1, 2)
    )


@pytest.fixture
def led(cs):  # noqa: F811
    return services.measure_add(
        cost_structure=cs,
        data={"type": "energy_efficiency", "name": "LED", "kwh_reduction": Decimal("0.10")},
        by=None,
    )


def test_editing_a_measure_saves_it_and_records_what_changed(world, led):
    coach = world.users["coach"]
    services.measure_update(
        measure=led,
        data={"type": "energy_efficiency", "name": "LED-armaturer", "kwh_reduction": "0.15"},
        by=coach,
    )
    led.refresh_from_db()
    assert (led.name, led.kwh_reduction) == ("LED-armaturer", Decimal("0.1500"))
    entry = AuditEntry.objects.filter(model="scenarios.measure", action="update").get()
    assert entry.user == coach
    assert entry.changes == {
        "name": ["LED", "LED-armaturer"],
        "kwh_reduction": ["0.1000", "0.1500"],
    }


def test_an_invalid_edit_saves_nothing(led):
    with pytest.raises(ValidationError):
        services.measure_update(
            measure=led,
            data={"type": "automation", "name": "Robot", "labour_reduction": Decimal("0.1")},
            by=None,
        )
    assert Measure.objects.get(pk=led.pk).name == "LED"
    assert not AuditEntry.objects.filter(model="scenarios.measure", action="update").exists()


def test_the_edit_page_shows_percentages_and_saves_through_the_form(client_as, world, cs, led):  # noqa: F811
    client = client_as("coach")
    url = reverse("scenarios:measure_edit", args=[cs.pk, led.pk])
    page = client.get(url)
    assert page.context["form"]["kwh_pct"].value() == Decimal("10")
    response = client.post(url, {"type": "energy_efficiency", "name": "LED", "kwh_pct": "20"})
    assert response.url == reverse("scenarios:detail", args=[cs.pk])
    assert Measure.objects.get(pk=led.pk).kwh_reduction == Decimal("0.2000")
    history = client.get(url).context["history"]
    assert [entry.action for entry, _ in history] == ["update", "create"]
    assert [(str(label), old, new) for label, old, new in history[0][1]] == [
        ("färre kWh", "0.1000", "0.2000")
    ]


def test_an_edit_with_a_missing_field_says_which(client_as, cs, led, english):  # noqa: F811
    response = english("coach").post(
        reverse("scenarios:measure_edit", args=[cs.pk, led.pk]),
        {"type": "automation", "name": "Robot", "labour_pct": "10"},
    )
    assert response.status_code == 400
    assert "Required for this type of measure." in response.content.decode()


def test_a_measure_is_linked_to_an_item_of_the_same_company(client_as, world, cs, led):  # noqa: F811
    item = _item(world, world.company, "Byt till LED i verkstaden")
    client = client_as("coach")
    client.post(
        reverse("scenarios:measure_edit", args=[cs.pk, led.pk]),
        {"type": "energy_efficiency", "name": "LED", "kwh_pct": "10", "action_item": item.pk},
    )
    assert Measure.objects.get(pk=led.pk).action_item == item
    page = client.get(reverse("scenarios:detail", args=[cs.pk])).content.decode()
    assert "Byt till LED i verkstaden" in page


def test_the_item_choice_lists_only_the_companys_own_items(client_as, world, cs, led):  # noqa: F811
    own = _item(world, world.company, "Eget")
    other = _item(world, world.other_company, "Annat företags")
    form = client_as("coach").get(reverse("scenarios:detail", args=[cs.pk])).context["measure_form"]
    assert list(form.fields["action_item"].queryset) == [own]
    response = client_as("coach").post(
        reverse("scenarios:measure_add", args=[cs.pk]),
        {"type": "energy_efficiency", "name": "X", "kwh_pct": "5", "action_item": other.pk},
    )
    assert response.status_code == 400
    assert not Measure.objects.filter(name="X").exists()


def test_the_service_refuses_another_companys_item(world, cs):  # noqa: F811
    other = _item(world, world.other_company, "Annat")
    with pytest.raises(ValidationError, match="belongs to another company"):
        services.measure_add(
            cost_structure=cs,
            data={
                "type": "material_efficiency",
                "name": "Spill",
                "materials_reduction": Decimal("0.05"),
                "action_item": other,
            },
            by=None,
        )


def test_removing_the_plan_item_keeps_the_measure_unlinked(world, cs, led):  # noqa: F811
    item = _item(world, world.company, "LED")
    led.action_item = item
    led.save()
    item.delete()
    led.refresh_from_db()
    assert led.action_item is None
    assert led.to_core().action_item_id is None


def test_the_selector_goes_through_the_engagements_visibility(world, cs):  # noqa: F811
    own = _item(world, world.company, "Eget")
    _item(world, world.other_company, "Annat")
    assert list(selectors.action_items_for(world.users["company"], world.company)) == [own]
    assert list(selectors.action_items_for(world.users["company"], world.other_company)) == []
