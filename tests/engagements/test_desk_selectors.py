"""The start pages' reads: a coach's firms with their next step, a representative's own
firm, and the coaches whose timesheets are missing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dipps.accounts.models import Role
from dipps.engagements.models import ActionItem, TimesheetEntry
from dipps.engagements.selectors_desk import coach_firms, company_desk
from dipps.engagements.time_selectors import missing_timesheets
from dipps.stateaid.models import AidEntry
from tests.engagements.helpers import rates, record
from tests.engagements.test_follow_ups import engagement
from tests.factories import make_company, make_programme, make_user

pytestmark = pytest.mark.django_db
TODAY = date(2025, 9, 17)  # a Wednesday: the week runs 15–21 September


def item(e, due, status="planned", goal="Mål"):
    return ActionItem.objects.create(
        engagement=e, goal=goal, intervention="expert_support", due=due, status=status,
        created=date(2025, 1, 10),
    )  # fmt: skip


def declared(company, eur):
    AidEntry.objects.create(
        company=company, source="declared", giver="Almi", granted=date(2025, 1, 1),
        amount_sek=D(0), amount_eur=D(eur), sek_per_eur=D("11.4325"),
    )  # fmt: skip


@pytest.fixture
def desk(world):
    rates(world.programme)
    quiet = make_company("Alfa Stilla AB", programme=world.programme)
    first = engagement(world, follow_up=date(2025, 9, 1))  # T1 due, overdue since
    second = engagement(world, company=world.other_company)
    engagement(world, company=quiet)
    item(second, date(2025, 9, 1))
    item(second, date(2025, 9, 16), status="in_progress")
    item(second, date(2025, 9, 1), status="done")  # done: not overdue
    item(second, date(2025, 10, 1))  # not yet due
    item(first, date(2025, 9, 17))  # due today: not overdue
    record(world, companies=[world.other_company], day=date(2025, 9, 16))
    record(world, companies=[world.other_company], day=date(2025, 9, 8))  # last week
    declared(world.company, "290000.00")  # 10 000 EUR left of 300 000
    return world


def test_a_coach_sees_each_firm_with_its_next_step_those_needing_attention_first(desk):
    steps = coach_firms(desk.users["coach"], TODAY)
    assert [
        (
            s.engagement.company.name,
            s.follow_up and (s.follow_up.stage, s.follow_up.due, s.follow_up.overdue),
            s.overdue_items,
            s.activities_this_week,
            s.headroom.headroom_eur,
            s.headroom_low,
        )
        for s in steps
    ] == [
        ("Jämtlands Trä AB", ("t1", date(2025, 9, 1), True), 0, 0, D("10000.00"), True),
        ("Sundsvalls Mekaniska AB", None, 2, 1, D("300000.00") - D("1224.58") * 2, False),
        ("Alfa Stilla AB", None, 0, 0, D("300000.00"), False),
    ]


def test_a_coach_who_coaches_nothing_and_another_coach_see_no_firms(desk):
    assert coach_firms(desk.users["manager"], TODAY) == []
    other = make_user(Role.COACH, desk.programme)
    assert coach_firms(other, TODAY) == []


def test_the_coach_desk_costs_a_fixed_handful_of_queries_and_one_per_firm(desk):
    coach = desk.users["coach"]
    coach_firms(coach, TODAY)  # warm the memberships cache
    with CaptureQueriesContext(connection) as three:
        coach_firms(coach, TODAY)
    for n in range(3):
        engagement(desk, company=make_company(f"Till {n} AB", programme=desk.programme))
    with CaptureQueriesContext(connection) as six:
        coach_firms(coach, TODAY)
    # The headroom is one statement per firm (stateaid.selectors.headroom_of); the rest
    # does not grow with the firms.
    assert len(six) - len(three) == 3
    assert len(three) <= 6 + 3


def test_a_representative_sees_their_firms_open_items_activities_and_next_follow_up(desk):
    rep = desk.users[Role.COMPANY]
    d = company_desk(rep, desk.company.pk, TODAY)
    assert [(i.goal, i.due) for i in d.open_items] == [("Mål", date(2025, 9, 17))]
    assert d.open_count == 1
    assert (d.follow_up.stage, d.follow_up.due) == ("t1", date(2025, 9, 1))
    assert d.recent == [] and d.upcoming == []
    # Another firm's desk asked for by the representative holds nothing of it.
    other = company_desk(rep, desk.other_company.pk, TODAY)
    assert other.open_items == [] and other.recent == [] and other.stages == []


def test_a_staff_member_sees_a_firms_last_and_next_activities(desk):
    record(desk, companies=[desk.other_company], day=date(2025, 9, 30))
    d = company_desk(desk.users["coach"], desk.other_company.pk, TODAY)
    assert [a.date for a in d.recent] == [date(2025, 9, 16), date(2025, 9, 8)]
    assert [a.date for a in d.upcoming] == [date(2025, 9, 30)]
    assert d.open_count == 3
    assert [i.due for i in d.open_items] == [date(2025, 9, 1), date(2025, 9, 16), date(2025, 10, 1)]


def test_the_coaches_without_timesheet_entries_are_listed_with_their_weeks(world):
    coach = world.users["coach"]
    busy = make_user(Role.COACH, world.programme, first_name="Berit", last_name="Flitig")
    for day in (date(2025, 8, 18), date(2025, 8, 25), date(2025, 9, 1), date(2025, 9, 14)):
        TimesheetEntry.objects.create(
            user=busy, programme=world.programme, day=day, kind="administration", hours=D(2)
        )
    TimesheetEntry.objects.create(
        user=coach, programme=world.programme, day=date(2025, 8, 27), kind="administration",
        hours=D(1),
    )  # fmt: skip
    TimesheetEntry.objects.create(  # this week's: not yet missing, not counted
        user=coach, programme=world.programme, day=date(2025, 9, 15), kind="administration",
        hours=D(1),
    )  # fmt: skip
    found = missing_timesheets(world.users["finance"], TODAY)
    assert [(m.person, m.weeks) for m in found] == [
        (coach.username, [date(2025, 8, 18), date(2025, 9, 1), date(2025, 9, 8)])
    ]
    assert missing_timesheets(world.users["manager"], TODAY) == found
    assert missing_timesheets(world.users["coach"], TODAY) == []  # not theirs to see


def test_weeks_before_the_programme_began_are_not_missing(world):
    late = make_programme("LATE", start=date(2025, 9, 1), end=date(2027, 8, 31))
    make_user(Role.COACH, late, first_name="Ny", last_name="Coach")
    officer = make_user(Role.FINANCE, late)
    found = missing_timesheets(officer, TODAY)
    assert [(m.person, m.weeks) for m in found] == [
        ("Ny Coach", [date(2025, 9, 1), date(2025, 9, 8)])
    ]
