"""Activities, action-plan items and dimensions by their names, never their codes (issue 17)."""

from datetime import date

import pytest
from django.utils import translation

from dipps.companies.models import Company
from dipps.engagements import catalogue
from dipps.engagements.forms import ActionItemForm, ActivityChoiceField
from dipps.engagements.models import Activity, ActivityCompany

pytestmark = pytest.mark.django_db


def test_the_action_plan_names_dimensions_as_the_maturity_pages_do():
    with translation.override("sv"):
        choices = dict(ActionItemForm().fields["dimensions"].choices)
        assert choices["strategy"] == "Digital affärsstrategi"
        assert choices["human"] == "Människan i digitaliseringen"
    with translation.override("en"):
        assert dict(catalogue.dimension_choices())["green"] == "Green digitalisation"


def test_a_timesheet_activity_reads_date_type_and_firms(world):
    activity = Activity.objects.create(
        date=date(2026, 11, 23), type="expert_support", programme=world.programme
    )
    ActivityCompany.objects.create(
        activity=activity,
        company=world.company,
        date=activity.date,
        staff_hours=1,
        external_cost_sek=0,
        participant_hours=0,
        aid_sek=0,
        aid_eur=0,
    )
    field = ActivityChoiceField(queryset=Activity.objects.all())
    with translation.override("sv"):
        assert field.label_from_instance(activity) == (
            f"2026-11-23 · Expertstöd · {world.company.name}"
        )
    with translation.override("en"):
        assert str(activity) == "2026-11-23 Expert support"
    assert Company.objects.count() >= 1
