from decimal import Decimal

import pytest

from dipps.engagements.models import ActionItem, Activity, Engagement, StageChange, TimesheetEntry
from dipps.site.demo import load_demo
from dipps.stateaid.models import AidEntry
from dipps.stateaid.selectors import headroom_of

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_has_every_stage_a_year_of_work_and_a_firm_near_the_ceiling():
    load_demo(company_count=30)
    stages = set(Engagement.objects.values_list("stage", flat=True))
    assert stages == {
        "first_contact",
        "needs_analysis",
        "plan_agreed",
        "implementation",
        "follow_up",
        "closed",
        "paused",
        "declined",
    }
    assert ActionItem.objects.count() > 20
    assert Activity.objects.count() > 60
    assert TimesheetEntry.objects.filter(user__username="coach").count() > 200
    assert TimesheetEntry.objects.filter(user__username="coach2").exists()
    assert AidEntry.objects.filter(source="declared").count() == 5
    # One grant of 2023, under Regulation 1407/2013 (issue 13).
    assert AidEntry.objects.filter(granted__year=2023, source="declared").count() == 1
    heads = [headroom_of(e.company).headroom_eur for e in Engagement.objects.all()]
    assert min(heads) < Decimal(15000)
    assert all(h >= 0 for h in heads)
    counts = (
        Activity.objects.count(),
        StageChange.objects.count(),
        AidEntry.objects.count(),
        TimesheetEntry.objects.count(),
        ActionItem.objects.count(),
    )
    load_demo(company_count=30)
    assert counts == (
        Activity.objects.count(),
        StageChange.objects.count(),
        AidEntry.objects.count(),
        TimesheetEntry.objects.count(),
        ActionItem.objects.count(),
    )
