"""T1 and T2 due lists: the coach's desk, the start page and the engagement page."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dipps.engagements.models import Engagement, StageChange
from dipps.engagements.selectors import follow_ups_due, my_follow_ups
from dipps.maturity.models import Assessment

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def engagement(world, company=None, follow_up: date | None = None):
    e = Engagement.objects.create(
        company=company or world.company, programme=world.programme, started=date(2025, 1, 10)
    )
    e.coaches.add(world.users["coach"])
    if follow_up is not None:
        e.stage = "follow_up"
        e.save()
        StageChange.objects.create(
            engagement=e, from_stage="implementation", to_stage="follow_up", on=follow_up
        )
    return e


def assess(world, stage, day: date, company=None):
    return Assessment.objects.create(
        company=company or world.company,
        programme=world.programme,
        stage=stage,
        framework="dipps-dma-sme",
        framework_version=1,
        status="submitted",
        is_current=True,
        submitted=datetime(day.year, day.month, day.day, 9, tzinfo=TZ),
    )


def due_list(world, today):
    return [
        (f.engagement.company.name, f.stage, f.due.isoformat(), f.overdue)
        for f in my_follow_ups(world.users["coach"], today)
    ]


def test_t1_is_due_when_the_engagement_reaches_follow_up(world):
    engagement(world, follow_up=date(2025, 9, 15))
    engagement(world, company=world.other_company)  # not in follow-up: nothing due
    assert due_list(world, date(2025, 9, 14)) == []
    assert due_list(world, date(2025, 9, 15)) == [("Jämtlands Trä AB", "t1", "2025-09-15", False)]
    assert due_list(world, date(2025, 9, 16)) == [("Jämtlands Trä AB", "t1", "2025-09-15", True)]


def test_t2_is_due_twelve_months_after_the_first_t1_to_the_day(world):
    engagement(world, follow_up=date(2025, 9, 15))
    assess(world, "t0", date(2025, 1, 20))
    assess(world, "t1", date(2025, 10, 1))
    assess(world, "t1", date(2025, 11, 5))  # a correction does not move T2
    assert due_list(world, date(2026, 8, 31)) == []  # 31 days before: not yet listed
    assert due_list(world, date(2026, 9, 1)) == [("Jämtlands Trä AB", "t2", "2026-10-01", False)]
    assert due_list(world, date(2026, 10, 1)) == [("Jämtlands Trä AB", "t2", "2026-10-01", False)]
    assert due_list(world, date(2026, 10, 2)) == [("Jämtlands Trä AB", "t2", "2026-10-01", True)]
    assess(world, "t2", date(2026, 10, 20))
    assert due_list(world, date(2026, 10, 21)) == []


def test_a_leap_day_t1_makes_t2_due_on_28_february(world):
    engagement(world, follow_up=date(2024, 2, 1))
    assess(world, "t1", date(2024, 2, 29))
    assert due_list(world, date(2025, 2, 28)) == [("Jämtlands Trä AB", "t2", "2025-02-28", False)]
    assert due_list(world, date(2025, 3, 1)) == [("Jämtlands Trä AB", "t2", "2025-02-28", True)]


def test_another_programmes_t1_does_not_count(world):
    from tests.factories import make_programme

    e = engagement(world, follow_up=date(2025, 9, 15))
    elsewhere = make_programme("OTHER")
    Assessment.objects.create(
        company=world.company,
        programme=elsewhere,
        stage="t1",
        framework="dipps-dma-sme",
        framework_version=1,
        status="submitted",
        submitted=datetime(2025, 9, 20, 9, tzinfo=TZ),
    )
    due = follow_ups_due(world.users["manager"], [e], date(2025, 9, 21))
    assert [(f.stage, f.due) for f in due] == [("t1", date(2025, 9, 15))]


def test_the_start_page_desk_and_engagement_page_show_the_due_assessment(world, client_as):
    engagement(world, follow_up=date(2025, 9, 15))
    coach = client_as("coach")
    for name in ("site:home", "engagements:desk"):
        body = coach.get(reverse(name)).content.decode()
        assert 'data-testid="follow-ups"' in body
        assert "T1 – efter stödet" in body and "försenad" in body  # today is long after
    page = coach.get(reverse("engagements:company", args=[world.company.pk]))
    assert page.context["engagements"][0].follow_up.stage == "t1"
    assert 'data-testid="next-follow-up"' in page.content.decode()
