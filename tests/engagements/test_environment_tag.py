"""The environmental tag on action items: several of energy/material/emissions, or none."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from dipps.engagements.models import ActionItem
from dipps.engagements.services import action_item_save, engagement_start

pytestmark = pytest.mark.django_db

BASE = {"goal": "Värmeåtervinning i lackboxen", "intervention": "coaching", "dimensions": []}


@pytest.fixture
def engagement(world):
    return engagement_start(
        company=world.company, programme=world.programme, by=world.users["coach"]
    )


def test_tags_combine_and_are_shown_as_labels_in_their_order(world, engagement):
    item = action_item_save(
        engagement=engagement,
        values={**BASE, "environment": ["emissions", "energy"]},
        by=world.users["coach"],
    )
    with translation.override("sv"):
        assert item.environment_labels == ["energi", "utsläpp"]
    with translation.override("en"):
        assert item.environment_labels == ["energy", "emissions"]


@pytest.mark.parametrize(
    "tags",
    [["none", "energy"], ["water"], ["energy", "energy"]],
)
def test_none_stands_alone_and_unknown_or_repeated_tags_are_refused(world, engagement, tags):
    with pytest.raises(ValidationError) as refused:
        action_item_save(
            engagement=engagement, values={**BASE, "environment": tags}, by=world.users["coach"]
        )
    assert "environment" in refused.value.message_dict
    assert ActionItem.objects.count() == 0


def test_the_form_saves_the_tags_and_the_plan_lists_labels(world, engagement, client_as):
    c = client_as("coach")
    response = c.post(
        reverse("engagements:item_new", args=[engagement.pk]),
        {
            "goal": "Byt till LED i verkstaden",
            "intervention": "coaching",
            "owner": "coach",
            "status": "planned",
            "environment": ["energy", "material"],
            "expected_kwh_year": "12000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ActionItem.objects.get().environment == ["energy", "material"]
    c.cookies["django_language"] = "sv"
    html = c.get(reverse("engagements:company", args=[world.company.pk])).content.decode()
    assert 'data-testid="environment">energi, material<' in html


def test_an_untagged_item_shows_a_dash(world, engagement, client_as):
    action_item_save(engagement=engagement, values=BASE, by=world.users["coach"])
    html = (
        client_as("coach")
        .get(reverse("engagements:company", args=[world.company.pk]))
        .content.decode()
    )
    assert 'data-testid="environment">–<' in html
