"""Participants are persons (pure core): hand-counted examples, edges included."""

from datetime import date

from dipps.indicators.core import Attendance, persons

A, B, ORG = ("company", 1), ("company", 2), ("organisation", 1)
D1, D2, D3 = date(2024, 3, 1), date(2024, 9, 1), date(2024, 10, 1)


def test_nobody_gives_zero_everywhere():
    assert persons([]) == {
        "total": 0,
        "women": 0,
        "men": 0,
        "other": 0,
        "not_stated": 0,
        "age": {"under_30": 0, "30_49": 0, "50_plus": 0, "not_stated": 0},
    }


def test_one_person_at_two_activities_is_one_person():
    out = persons(
        [
            Attendance(A, "Anna Ek", "woman", "30_49", D1),
            Attendance(A, "Anna Ek", "woman", "30_49", D2),
        ]
    )
    assert (out["total"], out["women"], out["age"]["30_49"]) == (1, 1, 1)


def test_case_and_spaces_do_not_make_a_new_person_but_another_firm_does():
    out = persons(
        [
            Attendance(A, "Anna Ek", "", "", D1),
            Attendance(A, "  anna   EK ", "", "", D2),
            Attendance(B, "Anna Ek", "", "", D1),
            Attendance(ORG, "Anna Ek", "", "", D1),
        ]
    )
    assert out["total"] == 3
    assert out["not_stated"] == 3
    assert out["age"]["not_stated"] == 3


def test_a_pseudonymous_id_is_a_person_like_a_name():
    out = persons([Attendance(A, "P-0042", "man", "", D1), Attendance(A, "P-0043", "", "", D1)])
    assert (out["total"], out["men"], out["not_stated"]) == (2, 1, 1)


def test_the_latest_recorded_gender_and_age_band_count_and_empty_ones_do_not_erase():
    out = persons(
        [
            Attendance(A, "Kim Berg", "other", "under_30", D1),
            Attendance(A, "Kim Berg", "", "30_49", D2),  # turned 30: the latest band counts
            Attendance(A, "Kim Berg", "", "", D3),  # nothing recorded: nothing changes
        ]
    )
    assert out == {
        "total": 1,
        "women": 0,
        "men": 0,
        "other": 1,
        "not_stated": 0,
        "age": {"under_30": 0, "30_49": 1, "50_plus": 0, "not_stated": 0},
    }


def test_each_split_sums_to_the_total():
    rows = [
        Attendance(A, "Anna", "woman", "50_plus", D1),
        Attendance(A, "Bo", "man", "", D1),
        Attendance(B, "Cy", "", "under_30", D2),
        Attendance(B, "Cy", "", "under_30", D3),
    ]
    out = persons(rows)
    assert out["total"] == 3
    assert out["women"] + out["men"] + out["other"] + out["not_stated"] == 3
    assert sum(out["age"].values()) == 3
