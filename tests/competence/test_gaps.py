"""The gap ranking, before/after and the programme's sum, on hand-worked examples."""

from decimal import Decimal as D

from dipps.competence import gaps
from dipps.competence.gaps import Row


def test_a_gap_is_needed_minus_current_and_never_negative():
    assert gaps.gap(1, 3) == 2
    assert gaps.gap(3, 3) == 0
    assert gaps.gap(4, 2) == 0


# A mechanical workshop, worked by hand:
#   operators ×10, PLC 1 → 2: gap 1, priority 10
#   operators ×10, lean 2 → 2: no gap
#   maintenance ×2, PLC 1 → 3: gap 2, priority 4
#   programmers ×2, robots 1 → 3: gap 2, priority 4 (ties maintenance/PLC on priority,
#       gap and people; "plc" < "robot_programming" puts PLC first)
#   planner ×1, data 0 → 3: gap 3, priority 3
#   management ×0, change 0 → 2: gap, but no one holds the role: left out
#   designer ×1, CAD 4 → 2: above the need, no gap, does not offset anything
ROWS = [
    Row("operator", "plc", 10, 1, 2),
    Row("operator", "lean", 10, 2, 2),
    Row("programmer", "robot_programming", 2, 1, 3),
    Row("maintenance", "plc", 2, 1, 3),
    Row("planner", "data_analysis", 1, 0, 3),
    Row("management", "change_leadership", 0, 0, 2),
    Row("designer", "cad_cam", 1, 4, 2),
]


def test_gaps_rank_by_people_times_gap_with_deterministic_ties():
    ranked = gaps.ranked(ROWS)
    assert [(g.role, g.skill, g.gap, g.priority) for g in ranked] == [
        ("operator", "plc", 1, 10),
        ("maintenance", "plc", 2, 4),
        ("programmer", "robot_programming", 2, 4),
        ("planner", "data_analysis", 3, 3),
    ]
    assert gaps.ranked(list(reversed(ROWS))) == ranked


def test_a_tie_on_priority_goes_to_the_bigger_gap_then_more_people():
    rows = [Row("operator", "lean", 4, 1, 2), Row("planner", "lean", 2, 0, 2)]
    # Both priority 4: the planner's gap of 2 beats the operators' gap of 1.
    assert [g.role for g in gaps.ranked(rows)] == ["planner", "operator"]


def test_before_and_after_per_skill():
    before = [Row("operator", "plc", 10, 1, 2), Row("maintenance", "plc", 2, 1, 3)]
    after = [
        Row("operator", "plc", 10, 2, 2),
        Row("maintenance", "plc", 2, 2, 3),
        Row("planner", "lean", 1, 1, 2),
    ]
    changes = gaps.before_after(before, after)
    # PLC before: mean (10·1 + 2·1) / 12 = 1.0, people × gap 10 + 4 = 14;
    #     after: (10·2 + 2·2) / 12 = 2.0, 0 + 2 = 2. Lean is new: no one before.
    assert changes == [
        gaps.SkillChange("lean", None, D("1.0"), 0, 1),
        gaps.SkillChange("plc", D("1.0"), D("2.0"), 14, 2),
    ]


def test_the_mean_level_rounds_half_up_to_one_decimal():
    rows = [Row("a", "x", 3, 1, 4), Row("b", "x", 1, 2, 4), Row("c", "x", 4, 1, 4)]
    # (3·1 + 1·2 + 4·1) / 8 = 1.125 → 1.1
    assert gaps.before_after([], rows)[0].mean_after == D("1.1")
    rows = [Row("a", "x", 1, 1, 4), Row("b", "x", 3, 2, 4)]
    # (1·1 + 3·2) / 4 = 1.75 → 1.8 (half up)
    assert gaps.before_after([], rows)[0].mean_after == D("1.8")


def test_the_programme_sums_people_times_gap_per_skill_over_firms():
    firm_a = [Row("operator", "plc", 10, 1, 2), Row("maintenance", "plc", 2, 1, 3)]
    firm_b = [Row("operator", "plc", 3, 0, 2), Row("planner", "lean", 1, 0, 4)]
    firm_c = [Row("operator", "lean", 5, 2, 2)]  # no gap: counts for no skill
    totals = gaps.across_firms([firm_a, firm_b, firm_c])
    # PLC: 10 + 4 + 6 = 20 over 15 people in 2 firms; lean: 4 over 1 person in 1 firm.
    assert totals == [gaps.SkillTotal("plc", 20, 15, 2), gaps.SkillTotal("lean", 4, 1, 1)]


def test_row_problems_name_the_fields_out_of_range():
    assert gaps.problems(Row("operator", "plc", 3, 0, 4)) == []
    assert gaps.problems(Row("operator", "plc", -1, 5, 2)) == ["people", "current"]
    assert gaps.problems(Row("operator", "plc", 1000, 0, -1)) == ["people", "needed"]
