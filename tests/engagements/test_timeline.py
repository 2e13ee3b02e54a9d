"""The company timeline: activities, plan items, stage changes and maturity assessments."""

from datetime import UTC, datetime
from fractions import Fraction

import pytest
from django.urls import reverse

from dipps.maturity.figures import to_store
from dipps.maturity.models import Assessment

from .helpers import rates, record

pytestmark = pytest.mark.django_db


def assess(company, programme, stage, day, **kw):
    return Assessment.objects.create(
        company=company,
        programme=programme,
        stage=stage,
        framework="dipps",
        framework_version=1,
        status="submitted" if day else "draft",
        submitted=datetime(*day, 10, tzinfo=UTC) if day else None,
        scores=to_store(kw.pop("overall", Fraction(12, 5)), {}),
        **kw,
    )


def test_submitted_assessments_join_the_timeline_in_date_order(world, client_as):
    rates(world.programme)
    record(world)  # 2025-03-03
    assess(world.company, world.programme, "t0", (2024, 11, 5))
    assess(world.company, world.programme, "t1", (2025, 6, 2), overall=Fraction(7, 2))
    assess(world.company, world.programme, "t2", None)  # a draft is not an event
    page = client_as("coach").get(reverse("engagements:company", args=[world.company.pk]))
    events = [(e.day.isoformat(), e.kind, e.detail) for e in page.context["events"]]
    assert events == [
        ("2025-06-02", "assessment", "sammanlagt värde 3,5"),
        ("2025-03-03", "activity", ""),
        ("2024-11-05", "assessment", "sammanlagt värde 2,4"),
    ]
    assert "mognadsmätning" in page.content.decode()


def test_the_firm_sees_its_own_assessments_and_no_one_elses(world, client_as):
    assess(world.company, world.programme, "t0", (2024, 11, 5))
    assess(world.other_company, world.programme, "t0", (2024, 11, 6))
    page = client_as("company").get(reverse("engagements:company", args=[world.company.pk]))
    assert [e.day.isoformat() for e in page.context["events"]] == ["2024-11-05"]
