from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from dipps.engagements.models import Engagement, StageChange
from dipps.finance.models import ReportingPeriod
from dipps.stateaid.models import DeMinimisCase

TZ = ZoneInfo("Europe/Stockholm")
#: The engagement reaches follow-up (T1 due), the period ends, the case is checked.
T1_DUE = date(2026, 6, 20)
PERIOD_END = date(2026, 6, 30)
CHECKED = date(2026, 6, 1)


@pytest.fixture
def due_world(world):
    """A coach with a T1 due, a finance officer with a period ending, a manager with a case
    awaiting a decision; every one with an e-mail address."""
    for role in ("manager", "coach", "finance"):
        user = world.users[role]
        user.email = f"{role}@example.se"
        user.first_name = role.title()
        user.save()
    e = Engagement.objects.create(
        company=world.company, programme=world.programme, started=date(2026, 1, 10)
    )
    e.coaches.add(world.users["coach"])
    e.stage = "follow_up"
    e.save()
    StageChange.objects.create(
        engagement=e, from_stage="implementation", to_stage="follow_up", on=T1_DUE
    )
    ReportingPeriod.objects.create(
        programme=world.programme, number=3, start=date(2026, 1, 1), end=PERIOD_END
    )
    DeMinimisCase.objects.create(
        programme=world.programme,
        company=world.other_company,
        status=DeMinimisCase.Status.CHECKED,
        checked_at=datetime(CHECKED.year, CHECKED.month, CHECKED.day, 23, 30, tzinfo=TZ),
        check_allowed=True,
    )
    world.extra["engagement"] = e
    return world
