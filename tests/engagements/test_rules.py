"""The working method's pure rules: spreading, hours, stages, staff cost."""

from datetime import date
from decimal import Decimal as D

import pytest

from dipps.engagements import rules
from dipps.engagements.rules import ActivityFacts, activity_problems, spread


def test_spread_splits_in_cents_and_the_parts_add_up_exactly():
    assert spread(D("100.00"), [1, 1, 1]) == [D("33.34"), D("33.33"), D("33.33")]
    assert sum(spread(D("100.00"), [1, 1, 1])) == D("100.00")


def test_spread_by_participants_weights_the_parts():
    assert spread(D("10.00"), [3, 1]) == [D("7.50"), D("2.50")]
    assert spread(D("1.00"), [2, 1]) == [D("0.67"), D("0.33")]


def test_spread_with_no_participants_falls_back_to_equal_parts():
    assert spread(D("9.00"), [0, 0, 0]) == [D("3.00"), D("3.00"), D("3.00")]


def test_spread_of_nothing_over_no_one_is_empty():
    assert spread(D("5"), []) == []
    with pytest.raises(ValueError):
        spread(D("5"), [-1, 2])


def facts(**kw):
    base = dict(
        day=date(2025, 3, 3),
        programme_start=date(2023, 9, 1),
        programme_end=date(2028, 8, 31),
        company_count=1,
        coach_hours=[D(4)],
        coach_day_totals=[D(4)],
        external_cost_sek=D(0),
        participants=[1, 2, 0],
        participant_hours=D(9),
        group=False,
    )
    base.update(kw)
    return ActivityFacts(**base)


def codes(f):
    return [p.code for p in activity_problems(f)]


def test_a_sound_activity_has_no_problem():
    assert codes(facts()) == []


def test_an_activity_outside_the_programme_period_is_refused():
    assert codes(facts(day=date(2023, 8, 31))) == ["outside_programme"]
    assert codes(facts(day=date(2028, 8, 31))) == []


def test_a_group_activity_with_no_company_gets_its_own_message():
    assert codes(facts(company_count=0, group=True)) == ["group_without_company"]
    assert codes(facts(company_count=0)) == ["no_company"]


def test_negative_hours_and_more_than_24_hours_a_day_are_refused():
    assert codes(facts(coach_hours=[D(-1)], coach_day_totals=[D(-1)])) == ["negative_hours"]
    assert codes(facts(coach_hours=[D(5)], coach_day_totals=[D("24.5")])) == ["over_24"]
    assert codes(facts(coach_day_totals=[D(24)])) == []


def test_participants_hours_cannot_exceed_24_per_participant():
    assert codes(facts(participants=[1, 0, 0], participant_hours=D(25))) == ["participants_over_24"]
    assert codes(facts(participant_hours=D(-2))) == ["negative_hours"]


def test_timesheet_days_over_24_hours_are_named():
    problems = rules.day_problems({date(2025, 3, 3): D(25), date(2025, 3, 4): D(8)}, [D(25)])
    assert [(p.code, p.params["day"]) for p in problems] == [("day_over_24", date(2025, 3, 3))]
    assert [p.code for p in rules.day_problems({}, [D(-1)])] == ["negative_hours"]


def test_the_hourly_rate_is_the_annual_cost_over_1720_hours():
    assert rules.hourly_rate(D("688000")) == D("400.00")
    assert rules.hourly_rate(D("650000")) == D("377.91")


def test_staff_cost_rounds_once_at_the_end():
    # 650,000 / 1,720 × 7.5 = 2,834.3023… (the rounded rate would give 2,834.33)
    assert rules.staff_cost(D("7.5"), D("650000")) == D("2834.30")


def test_stages_move_forward_aside_with_a_reason_and_back_only_from_paused():
    assert rules.stage_problem("first_contact", "needs_analysis", "") is None
    assert rules.stage_problem("first_contact", "implementation", "") is None
    assert rules.stage_problem("implementation", "needs_analysis", "").code == "backwards"
    assert rules.stage_problem("implementation", "paused", " ").code == "reason_required"
    assert rules.stage_problem("implementation", "paused", "summer break") is None
    assert rules.stage_problem("paused", "needs_analysis", "") is None
    assert rules.stage_problem("closed", "follow_up", "").code == "final_stage"
    assert rules.stage_problem("declined", "paused", "x").code == "final_stage"
    assert rules.stage_problem("follow_up", "follow_up", "").code == "same_stage"
