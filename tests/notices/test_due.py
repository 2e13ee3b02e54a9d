"""The rules of `dipps remind` (notices.due), on exact days: the day a window opens, the
day it closes, and the days either side."""

from datetime import date

from dipps.notices import due

T1_DUE = date(2026, 3, 16)
T2_DUE = date(2026, 10, 1)


def phase(item):
    return item.phase if item is not None else None


def test_a_t1_is_mailed_on_its_due_day_and_again_the_day_after_as_overdue():
    assert due.follow_up(1, "t1", T1_DUE, date(2026, 3, 15)) is None
    assert phase(due.follow_up(1, "t1", T1_DUE, T1_DUE)) == "due"
    assert phase(due.follow_up(1, "t1", T1_DUE, date(2026, 3, 17))) == "overdue"
    assert phase(due.follow_up(1, "t1", T1_DUE, date(2027, 1, 1))) == "overdue"


def test_a_t2_opens_thirty_days_before_it_is_due_as_the_desk_lists_it():
    assert due.follow_up(1, "t2", T2_DUE, date(2026, 8, 31)) is None  # 31 days before
    assert phase(due.follow_up(1, "t2", T2_DUE, date(2026, 9, 1))) == "soon"  # 30 days
    assert phase(due.follow_up(1, "t2", T2_DUE, date(2026, 9, 30))) == "soon"
    assert phase(due.follow_up(1, "t2", T2_DUE, T2_DUE)) == "due"
    assert phase(due.follow_up(1, "t2", T2_DUE, date(2026, 10, 2))) == "overdue"


def test_a_period_is_mailed_from_n_days_before_its_last_day_to_the_last_day():
    end = date(2026, 6, 30)

    def on(day, claimed=False, days=14):
        return phase(due.claim_period(7, end, claimed=claimed, today=day, days=days))

    assert on(date(2026, 6, 15)) is None  # 15 days before
    assert on(date(2026, 6, 16)) == "ending"  # 14 days before: the window opens
    assert on(end) == "ending"  # the last day: still open
    assert on(date(2026, 7, 1)) is None  # the day after: closed
    assert on(date(2026, 6, 20), claimed=True) is None
    assert on(date(2026, 6, 29), days=0) is None
    assert on(end, days=0) == "ending"


def test_a_checked_case_is_mailed_from_the_day_of_its_check():
    checked = date(2026, 5, 4)
    assert due.deminimis_case(3, checked, today=date(2026, 5, 3)) is None
    assert phase(due.deminimis_case(3, checked, today=checked)) == "awaiting"
    assert phase(due.deminimis_case(3, checked, today=date(2026, 12, 1))) == "awaiting"
    assert due.deminimis_case(3, None, today=checked) is None


def test_the_key_names_kind_object_day_and_phase_so_each_phase_is_mailed_once():
    soon = due.follow_up(5, "t2", T2_DUE, date(2026, 9, 10))
    later = due.follow_up(5, "t2", T2_DUE, date(2026, 9, 20))
    overdue = due.follow_up(5, "t2", T2_DUE, date(2026, 10, 5))
    assert soon.key == "follow_up:5:2026-10-01:soon"
    assert soon.key == later.key
    assert overdue.key == "follow_up:5:2026-10-01:overdue"
    assert due.not_sent([soon, later, overdue], {soon.key}) == [overdue]
    assert due.not_sent([soon, later], set()) == [soon]
