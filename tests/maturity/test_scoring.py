"""Exact scoring rules of issue 3, answer validation, suggestions, percentiles and the command."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipps.maturity.frameworks import (
    Framework,
    Intervention,
    Text,
    load_framework,
    load_interventions,
    parse_framework,
)
from dipps.maturity.management.commands.maturity import rounded, score_answers_file
from dipps.maturity.scoring import (
    MIN_PEER_GROUP,
    InvalidAnswers,
    Problem,
    band_of,
    peer_percentile,
    percentile,
    percentile_sorted,
    score,
    score_document,
    suggest,
    unanswered,
    validate_answers,
)

DMA = load_framework("dipps-dma-sme", 1)
SIRI = load_framework("dipps-siri", 1)
T = {"sv": "x", "en": "x"}

# The issue's own example: strategy 37.5, overall 41.25, band average.
#   strategy.investments: already rows 0 and 3 (2), planned row 1 (0.5) -> 10 x 2.5/10 = 2.5
#   strategy.preparedness: 5 of 10                                       -> 5
#   strategy = 10 x (2.5 + 5) / 2 = 37.5
#   readiness: basic 10 of 10 -> 10, advanced all 0 -> 0              -> 50
#   human: skills 7 of 7 -> 10, engagement none -> 0                    -> 50
#   data: management the 7 positive options -> 10, security none -> 0   -> 50
#   automation: levels 1+2+3+4+5 = 15 -> 10 x 3/5 = 6                   -> 60
#   green: nothing ticked, practices all "no"                           -> 0
#   overall = (37.5 + 50 + 50 + 50 + 60 + 0) / 6 = 247.5 / 6 = 41.25  -> average
ISSUE_EXAMPLE = {
    "strategy.investments": {"already": [0, 3], "planned": [1]},
    "strategy.preparedness": [0, 2, 5, 6, 9],
    "readiness.basic": list(range(10)),
    "readiness.advanced": [0, 0, 0, 0, 0, 0, 0],
    "human.skills": list(range(7)),
    "human.engagement": [],
    "data.management": [0, 1, 2, 3, 4, 5, 6],
    "data.security": [],
    "automation.technologies": [1, 2, 3, 4, 5],
    "green.uses": [],
    "green.practices": ["no", "no", "no", "no", "no"],
}

# A mixed answer set touching every rule, worked by hand:
#   strategy: investments 2.5 (as above), preparedness 3 of 10 -> 3; 10 x 5.5/2 = 55/2
#   readiness: basic 0; advanced 0+1+2+3+4+5+0 = 15 -> 10 x (15/7)/5 = 30/7;
#              10 x (30/7)/2 = 150/7
#   human: skills 1 of 7 -> 10/7; engagement 0; 10 x (10/7)/2 = 50/7
#   data: management ticks the negative option 7 -> 0; security 3 of 6 -> 5; 10 x 5/2 = 25
#   automation: all 5 -> 10 -> 100
#   green: uses 10 of 10 -> 10; practices yes+partial+no+no+yes = 2.5 -> 5; 10 x 15/2 = 75
#   overall = (55/2 + 150/7 + 50/7 + 25 + 100 + 75) / 6 = (3585/14) / 6 = 1195/28 (42.68)
MIXED = {
    "strategy.investments": {"already": [0, 3], "planned": [1, 3]},
    "strategy.preparedness": [0, 2, 5],
    "readiness.basic": [],
    "readiness.advanced": [0, 1, 2, 3, 4, 5, 0],
    "human.skills": [0],
    "human.engagement": [],
    "data.management": [0, 7],
    "data.security": [0, 1, 2],
    "automation.technologies": [5, 5, 5, 5, 5],
    "green.uses": list(range(10)),
    "green.practices": ["yes", "partial", "no", "no", "yes"],
}


def document(answers: dict[str, Any], framework: Framework = DMA) -> dict[str, Any]:
    return {"framework": framework.id, "version": framework.version, "answers": answers}


def one_question(question: dict[str, Any], scoring: str = "dma") -> Framework:
    """A framework of one dimension 'd' with one question 'd.q', with the DMA bands."""
    path = resources.files("dipps.maturity").joinpath("data", "frameworks", "dipps-dma-sme.v1.json")
    data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    data["scoring"] = scoring
    data["dimensions"] = [
        {"id": "d", "title": T, "questions": [{"id": "d.q", "text": T, **question}]}
    ]
    return parse_framework(data)


def multi(size: int, negative: tuple[int, ...] = ()) -> Framework:
    options = [{"text": T, "negative": i in negative} for i in range(size)]
    return one_question({"type": "multi", "options": options})


def rows(kind: str, size: int) -> Framework:
    return one_question({"type": kind, "rows": [T] * size})


def test_the_issue_example_scores_exactly_as_worked_by_hand() -> None:
    result = score(DMA, ISSUE_EXAMPLE)
    assert result.dimensions == {
        "strategy": 37.5,
        "readiness": 50,
        "human": 50,
        "data": 50,
        "automation": 60,
        "green": 0,
    }
    assert result.overall == Fraction(165, 4) == 41.25
    assert result.band == "average"
    assert (result.framework, result.version) == ("dipps-dma-sme", 1)


def test_a_mixed_answer_set_scores_exact_fractions() -> None:
    result = score(DMA, MIXED)
    assert result.dimensions == {
        "strategy": Fraction(55, 2),
        "readiness": Fraction(150, 7),
        "human": Fraction(50, 7),
        "data": 25,
        "automation": 100,
        "green": 75,
    }
    assert result.overall == Fraction(1195, 28)
    assert result.band == "average"


def test_all_empty_answers_score_zero_and_all_full_answers_score_one_hundred() -> None:
    empty = {
        qid: (
            {"already": [], "planned": []}
            if q.type == "grid"
            else [0] * q.size
            if q.type == "scale"
            else ["no"] * q.size
            if q.type == "ternary"
            else []
        )
        for qid, q in DMA.questions.items()
    }
    full = {
        qid: (
            {"already": list(range(q.size))}
            if q.type == "grid"
            else [5] * q.size
            if q.type == "scale"
            else ["yes"] * q.size
            if q.type == "ternary"
            else [i for i, o in enumerate(q.options) if not o.negative]
        )
        for qid, q in DMA.questions.items()
    }
    assert score(DMA, empty).overall == 0
    assert score(DMA, empty).band == "basic"
    assert set(score(DMA, full).dimensions.values()) == {100}
    assert score(DMA, full).band == "advanced"


def test_multi_scores_ticked_positive_options_over_positive_options() -> None:
    framework = multi(8, negative=(7,))
    # 3 of the 7 positive options: question 10 x 3/7, dimension 10 x that
    assert score(framework, {"d.q": [0, 4, 6]}).dimensions["d"] == Fraction(300, 7)
    assert score(framework, {"d.q": []}).dimensions["d"] == 0


def test_a_ticked_negative_option_zeroes_a_multi_question() -> None:
    framework = multi(8, negative=(7,))
    assert score(framework, {"d.q": [7]}).overall == 0
    assert score(framework, {"d.q": [0, 1, 2, 3, 4, 5, 6, 7]}).overall == 0
    assert score(framework, {"d.q": [0, 1, 2, 3, 4, 5, 6]}).overall == 100


def test_data_management_scores_zero_whenever_its_negative_option_is_ticked() -> None:
    answers = dict(ISSUE_EXAMPLE, **{"data.management": [0, 1, 2, 3, 4, 5, 6, 7]})
    assert score(DMA, answers).dimensions["data"] == 0


def test_grid_counts_already_one_planned_half_and_a_row_in_both_as_already() -> None:
    framework = rows("grid", 4)
    # row 0 both -> 1, row 1 planned -> 0.5, rows 2-3 neither: 10 x 1.5/4 = 3.75
    answers = {"d.q": {"already": [0], "planned": [0, 1]}}
    assert score(framework, answers).dimensions["d"] == 37.5
    assert score(framework, {"d.q": {"planned": [0, 1, 2, 3]}}).overall == 50
    assert score(framework, {"d.q": {}}).overall == 0


def test_scale_scores_ten_times_the_mean_level_over_five() -> None:
    framework = rows("scale", 3)
    # mean 8/3, question 10 x (8/3)/5 = 16/3, dimension 160/3
    assert score(framework, {"d.q": [5, 0, 3]}).dimensions["d"] == Fraction(160, 3)


def test_ternary_counts_yes_one_partial_half_no_zero() -> None:
    framework = rows("ternary", 4)
    # 0.5 + 0.5 + 1 + 0 = 2 of 4 -> question 5 -> dimension 50
    assert score(framework, {"d.q": ["partial", "partial", "yes", "no"]}).overall == 50
    assert score(framework, {"d.q": ["partial", "no", "no", "no"]}).overall == 12.5


@pytest.mark.parametrize(
    ("ticked", "band"),
    [
        (0, "basic"),
        (25, "basic"),
        (26, "average"),
        (50, "average"),
        (51, "moderately_advanced"),
        (75, "moderately_advanced"),
        (76, "advanced"),
        (100, "advanced"),
    ],
)
def test_bands_include_their_upper_edge(ticked: int, band: str) -> None:
    framework = multi(100)  # overall = number of options ticked
    result = score(framework, {"d.q": list(range(ticked))})
    assert result.overall == ticked
    assert result.band == band
    assert band_of(framework, result.overall) == band


def test_band_edges_hold_for_values_a_hair_either_side() -> None:
    assert band_of(DMA, Fraction(25)) == "basic"
    assert band_of(DMA, Fraction(2500001, 100000)) == "average"
    assert band_of(DMA, 75.0) == "moderately_advanced"
    assert band_of(DMA, Fraction(7500001, 100000)) == "advanced"


# SIRI, hand-worked: pillar = mean band of its dimensions, overall = mean of all 16 bands.
#   operations 3, supply_chain 2, product_lifecycle 1, automation (4+2+0)/3 = 2,
#   connectivity 5, intelligence (1+2+2)/3 = 5/3, talent (3+4)/2 = 7/2, structure (0+1)/2 = 1/2
#   overall = (3+2+1 + 6 + 15 + 5 + 7 + 1) / 16 = 40/16 = 5/2 -> "established" (> 2, <= 3)
SIRI_ANSWERS = {
    "operations.vertical_integration": 3,
    "supply_chain.horizontal_integration": 2,
    "product_lifecycle.integrated_lifecycle": 1,
    "automation.shop_floor": 4,
    "automation.enterprise": 2,
    "automation.facility": 0,
    "connectivity.shop_floor": 5,
    "connectivity.enterprise": 5,
    "connectivity.facility": 5,
    "intelligence.shop_floor": 1,
    "intelligence.enterprise": 2,
    "intelligence.facility": 2,
    "talent.workforce_learning": 3,
    "talent.leadership": 4,
    "structure.collaboration": 0,
    "structure.strategy_governance": 1,
}


def test_siri_scores_mean_band_per_pillar_and_overall() -> None:
    result = score(SIRI, SIRI_ANSWERS)
    assert result.dimensions == {
        "operations": 3,
        "supply_chain": 2,
        "product_lifecycle": 1,
        "automation": 2,
        "connectivity": 5,
        "intelligence": Fraction(5, 3),
        "talent": Fraction(7, 2),
        "structure": Fraction(1, 2),
    }
    assert result.overall == Fraction(5, 2)
    # the mean over all sixteen dimensions, not the mean of the pillar means
    assert result.overall != mean(result.dimensions.values())
    assert result.band == "established"


def test_the_scoring_rule_comes_from_the_file_not_the_framework_id() -> None:
    framework = one_question({"type": "band", "levels": [T] * 6}, scoring="band_mean")
    assert framework.id == "dipps-dma-sme"
    assert score(framework, {"d.q": 4}).overall == 4
    in_dma = one_question({"type": "band", "levels": [T] * 6}, scoring="dma")
    assert score(in_dma, {"d.q": 4}).overall == 80


def problems(framework: Framework, answers: dict[str, Any]) -> list[str]:
    return [str(p) for p in validate_answers(framework, document(answers, framework))]


def test_valid_answers_have_no_problems() -> None:
    assert problems(DMA, ISSUE_EXAMPLE) == []
    assert problems(SIRI, SIRI_ANSWERS) == []


def test_it_names_missing_and_unknown_questions() -> None:
    answers = dict(ISSUE_EXAMPLE, **{"strategy.vision": []})
    del answers["green.uses"]
    assert problems(DMA, answers) == [
        "green.uses: missing answer (every question must be answered)",
        "strategy.vision: unknown question (not in dipps-dma-sme v1)",
    ]


def test_the_core_alone_says_which_questions_are_unanswered() -> None:
    assert unanswered(DMA, ISSUE_EXAMPLE) == []
    answers = dict(ISSUE_EXAMPLE, **{"readiness.advanced": [9] * 7})  # wrong, yet answered
    del answers["green.uses"], answers["human.skills"]
    assert unanswered(DMA, answers) == ["human.skills", "green.uses"]


def test_it_names_indices_out_of_range_duplicates_and_non_numbers() -> None:
    answers = dict(
        ISSUE_EXAMPLE,
        **{
            "strategy.investments": {"already": [10], "planned": [-1], "maybe": [2]},
            "human.skills": [7, 0, 0, "3", True],
        },
    )
    assert problems(DMA, answers) == [
        "strategy.investments: unknown key 'maybe' (expected 'already' and 'planned')",
        "strategy.investments: 'already': row index 10 is out of range (0 to 9)",
        "strategy.investments: 'planned': row index -1 is out of range (0 to 9)",
        "human.skills: option index 7 is out of range (0 to 6)",
        "human.skills: option index 0 is listed twice",
        "human.skills: option index '3' is not a whole number",
        "human.skills: option index True is not a whole number",
    ]


def test_it_names_levels_outside_0_to_5_and_wrong_row_counts() -> None:
    answers = dict(
        ISSUE_EXAMPLE,
        **{
            "readiness.advanced": [0, 6, -1, 2.5, 0, 0, 0],
            "automation.technologies": [1, 2],
            "green.practices": ["yes", "maybe", "no", "no", "YES"],
        },
    )
    assert problems(DMA, answers) == [
        "readiness.advanced: row 1: value 6 is outside 0 to 5",
        "readiness.advanced: row 2: value -1 is outside 0 to 5",
        "readiness.advanced: row 3: 2.5 is not a whole number",
        "automation.technologies: expected 5 values (one per row), got 2",
        "green.practices: row 1: 'maybe' is not one of yes, partial, no",
        "green.practices: row 4: 'YES' is not one of yes, partial, no",
    ]


def test_it_names_answers_of_the_wrong_type() -> None:
    answers = dict(
        ISSUE_EXAMPLE,
        **{
            "strategy.investments": [0, 1],
            "strategy.preparedness": "0,2",
            "readiness.advanced": {"0": 1},
            "green.practices": None,
        },
    )
    assert problems(DMA, answers) == [
        'strategy.investments: expected {"already": [...], "planned": [...]}, got a list',
        "strategy.preparedness: expected a list of option indices, got a string",
        "readiness.advanced: expected a list of 7 values, got an object",
        "green.practices: expected a list of 5 values, got null",
    ]


def test_it_names_band_values_outside_0_to_5() -> None:
    answers = dict(SIRI_ANSWERS, **{"talent.leadership": 6, "structure.collaboration": "2"})
    assert problems(SIRI, answers) == [
        "talent.leadership: value 6 is outside 0 to 5",
        "structure.collaboration: expected a whole number 0 to 5, got a string",
    ]


def test_it_reports_a_framework_or_version_mismatch() -> None:
    payload = {"framework": "dipps-siri", "version": 2, "answers": ISSUE_EXAMPLE}
    assert [str(p) for p in validate_answers(DMA, payload)] == [
        "framework: expected 'dipps-dma-sme', got 'dipps-siri'",
        "version: expected 1, got 2",
    ]
    assert validate_answers(DMA, {"framework": "dipps-dma-sme", "version": 1}) == [
        Problem(None, "answers: missing")
    ]
    assert [str(p) for p in validate_answers(DMA, [])] == [
        "expected an object with framework, version and answers, got a list"
    ]


def test_score_refuses_invalid_answers_with_every_problem() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        score(DMA, {"green.uses": [99]})
    assert len(caught.value.problems) == 11
    assert caught.value.problems[-2] == Problem(
        "green.uses", "option index 99 is out of range (0 to 9)"
    )


def test_score_document_loads_the_named_framework() -> None:
    assert score_document(document(SIRI_ANSWERS, SIRI)).overall == Fraction(5, 2)
    with pytest.raises(InvalidAnswers) as caught:
        score_document({"framework": "dipps-dma-sme", "version": 7, "answers": {}})
    assert [str(p) for p in caught.value.problems] == [
        "no framework dipps-dma-sme version 7 (available: dipps-dma-sme v1, dipps-siri v1)"
    ]
    with pytest.raises(InvalidAnswers) as caught:
        score_document({"framework": "dipps-dma-sme", "version": "1"})
    assert str(caught.value.problems[0]).startswith("framework and version: expected")


# ----- the reference implementation, read straight off the issue text -----


def reference(framework: Framework, answers: dict[str, Any]) -> dict[str, Fraction]:
    def question(qid: str) -> Fraction:  # 0..1 of the question's maximum
        q, a = framework.questions[qid], answers[qid]
        if q.type == "multi":
            positive = [i for i, o in enumerate(q.options) if not o.negative]
            if any(q.options[i].negative for i in a):
                return Fraction(0)
            return Fraction(len(a), len(positive))
        if q.type == "grid":
            already, planned = set(a.get("already", [])), set(a.get("planned", []))
            rows = [
                1 if r in already else Fraction(1, 2) if r in planned else 0 for r in range(q.size)
            ]
            return Fraction(sum(rows)) / q.size
        if q.type == "scale":
            return Fraction(sum(a), q.size) / 5
        if q.type == "ternary":
            return sum(Fraction({"yes": 2, "partial": 1, "no": 0}[v], 2) for v in a) / q.size
        return Fraction(a, 5)

    top = framework.score_max
    dims = {
        d.id: top * sum(question(q.id) for q in d.questions) / len(d.questions)
        for d in framework.dimensions
    }
    if framework.scoring == "dma":
        dims["*"] = sum(dims.values()) / len(dims)
    else:
        dims["*"] = top * sum(question(q) for q in framework.questions) / len(framework.questions)
    return dims


@st.composite
def answer_sets(draw: st.DrawFn, framework: Framework) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, q in framework.questions.items():
        indices = st.lists(st.integers(0, q.size - 1), unique=True)
        if q.type == "multi":
            answers[qid] = draw(indices)
        elif q.type == "grid":
            answers[qid] = {"already": draw(indices), "planned": draw(indices)}
        elif q.type == "scale":
            answers[qid] = draw(st.lists(st.integers(0, 5), min_size=q.size, max_size=q.size))
        elif q.type == "ternary":
            words = st.sampled_from(["yes", "partial", "no"])
            answers[qid] = draw(st.lists(words, min_size=q.size, max_size=q.size))
        else:
            answers[qid] = draw(st.integers(0, 5))
    return answers


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(answer_sets(DMA))
def test_dma_scores_stay_within_0_and_100_and_match_the_reference(answers: dict) -> None:
    result = score(DMA, answers)
    expected = reference(DMA, answers)
    assert result.dimensions == {k: v for k, v in expected.items() if k != "*"}
    assert result.overall == expected["*"]
    assert all(0 <= v <= 100 for v in result.dimensions.values())
    assert 0 <= result.overall <= 100
    assert result.band == band_of(DMA, result.overall)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(answer_sets(SIRI))
def test_siri_scores_stay_within_0_and_5_and_match_the_reference(answers: dict) -> None:
    result = score(SIRI, answers)
    expected = reference(SIRI, answers)
    assert result.overall == expected["*"]
    assert all(0 <= v <= 5 for v in result.dimensions.values())
    assert result.band == band_of(SIRI, result.overall)


# ----- suggestions -----


def intervention(iid: str, dims: tuple[str, ...], effect: str, hours: int) -> Intervention:
    return Intervention(iid, Text(iid, iid), dims, hours, Fraction(effect), Text("", ""))


def test_suggestions_rank_by_gap_times_effect_then_effort() -> None:
    scores = {
        "strategy": 80,
        "readiness": 40,
        "human": 100,
        "data": 10,
        "automation": 50,
        "green": 75,
    }
    catalogue = [
        intervention("a", ("data",), "1/2", 16),  # gap 90 x 1/2 = 45
        intervention("b", ("readiness",), "9/10", 30),  # 60 x 9/10 = 54
        intervention("c", ("human",), "1", 5),  # gap 0: never suggested
        intervention("d", ("strategy", "data"), "2/5", 8),  # weakest link data: 90 x 2/5 = 36
        intervention("e", ("automation",), "9/10", 10),  # 50 x 9/10 = 45
        intervention("f", ("data",), "1/2", 8),  # 45, less effort than a and e
        intervention("g", ("operations",), "1", 1),  # not a dimension of this framework
    ]
    ranked = suggest(DMA, scores, catalogue, limit=10)
    assert [(s.intervention.id, s.dimension, s.priority) for s in ranked] == [
        ("b", "readiness", 54),
        ("f", "data", 45),
        ("e", "automation", 45),
        ("a", "data", 45),
        ("d", "data", 36),
    ]
    assert [s.intervention.id for s in suggest(DMA, scores, catalogue, limit=2)] == ["b", "f"]


def test_suggestions_measure_gaps_in_percent_of_the_scale_for_band_frameworks() -> None:
    scores = {d.id: Fraction(5) for d in SIRI.dimensions} | {"intelligence": Fraction(5, 3)}
    ranked = suggest(SIRI, scores, load_interventions())
    # gap (5 - 5/3) / 5 = 200/3 %; effect 0.6 -> 40 (equal: the smaller effort first);
    # effect 0.5 -> 100/3
    assert [(s.intervention.id, s.priority) for s in ranked] == [
        ("data_strategy", 40),
        ("ai_vision_pilot", 40),
        ("expert_support", Fraction(100, 3)),
        ("digital_twin_pilot", Fraction(100, 3)),
    ]
    assert ranked[0].gap == Fraction(200, 3)
    assert {s.dimension for s in ranked} == {"intelligence"}


def test_the_shipped_catalogue_suggests_for_the_weakest_dma_dimension_first() -> None:
    result = score(DMA, ISSUE_EXAMPLE)
    ranked = suggest(DMA, result.dimensions, load_interventions())
    assert len(ranked) == 5
    # green scores 0 (gap 100); energy_mapping links it with effect 0.7
    assert (ranked[0].intervention.id, ranked[0].dimension, ranked[0].priority) == (
        "energy_mapping",
        "green",
        70,
    )


# ----- percentiles -----


def test_percentile_counts_peers_below_plus_half_of_ties() -> None:
    peers = [10, 20, 20, 30, 40]
    assert percentile(20, peers) == 40  # (1 + 2/2) / 5
    assert percentile(5, peers) == 0
    assert percentile(50, peers) == 100
    assert percentile(30, peers) == 70  # (3 + 1/2) / 5
    assert percentile(Fraction(165, 4), [41.25] * 4) == 50


def test_sorted_percentile_agrees_with_the_plain_one() -> None:
    peers = sorted([Fraction(1, 3), 0.5, 0.5, 2, 7, 7, 7, 9])
    for value in [0, Fraction(1, 3), 0.5, 1, 7, 9, 10]:
        assert percentile_sorted(value, peers) == percentile(value, peers)


def test_small_peer_groups_are_never_shown() -> None:
    assert MIN_PEER_GROUP == 5
    assert peer_percentile(3, [1, 2, 3, 4]) is None
    assert peer_percentile(3, [1, 2, 3, 4, 5]) == 50
    with pytest.raises(ValueError):
        percentile(1, [])


# ----- the command -----


def test_rounding_for_display_is_half_up_on_the_exact_value() -> None:
    assert rounded(Fraction(12345, 1000)) == 12.35
    assert rounded(Fraction(1195, 28)) == 42.68
    assert rounded(Fraction(100, 3)) == 33.33


def write(tmp_path: Path, payload: Any) -> str:
    path = tmp_path / "answers.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    return str(path)


def test_the_command_prints_the_scores_as_json(tmp_path: Path) -> None:
    outcome = score_answers_file(write(tmp_path, document(MIXED)))
    assert outcome.status == 0
    assert outcome.errors == []
    assert json.loads(outcome.output) == {
        "framework": "dipps-dma-sme",
        "version": 1,
        "dimensions": {
            "strategy": 27.5,
            "readiness": 21.43,
            "human": 7.14,
            "data": 25.0,
            "automation": 100.0,
            "green": 75.0,
        },
        "overall": 42.68,
        "band": "average",
    }


def test_the_command_reads_standard_input_for_a_dash() -> None:
    outcome = score_answers_file("-", io.StringIO(json.dumps(document(ISSUE_EXAMPLE))))
    assert json.loads(outcome.output)["overall"] == 41.25


def test_the_command_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    answers = dict(ISSUE_EXAMPLE, **{"readiness.advanced": [9] * 7, "extra": 1})
    del answers["green.uses"]
    outcome = score_answers_file(write(tmp_path, document(answers)))
    assert (outcome.status, outcome.output) == (2, "")
    assert outcome.errors == [
        "readiness.advanced: row 0: value 9 is outside 0 to 5",
        "readiness.advanced: row 1: value 9 is outside 0 to 5",
        "readiness.advanced: row 2: value 9 is outside 0 to 5",
        "readiness.advanced: row 3: value 9 is outside 0 to 5",
        "readiness.advanced: row 4: value 9 is outside 0 to 5",
        "readiness.advanced: row 5: value 9 is outside 0 to 5",
        "readiness.advanced: row 6: value 9 is outside 0 to 5",
        "green.uses: missing answer (every question must be answered)",
        "extra: unknown question (not in dipps-dma-sme v1)",
    ]


def test_the_command_explains_unreadable_files_and_bad_json(tmp_path: Path) -> None:
    from django.conf import settings

    if settings.configured:  # the messages are translated; assert the English source
        from django.utils import translation

        with translation.override("en"):
            _check_unreadable_files_and_bad_json(tmp_path)
    else:
        _check_unreadable_files_and_bad_json(tmp_path)


def _check_unreadable_files_and_bad_json(tmp_path: Path) -> None:
    missing = score_answers_file(str(tmp_path / "nope.json"))
    assert missing.status == 2
    assert missing.errors == [f"cannot read {tmp_path / 'nope.json'}: No such file or directory"]
    bad = score_answers_file(write(tmp_path, '{"framework": "dipps-dma-sme",\n  version: 1}'))
    assert bad.status == 2
    assert bad.errors == [
        f"{tmp_path / 'answers.json'} is not valid JSON: Expecting property name enclosed in "
        "double quotes at line 2, column 3"
    ]
    unknown = score_answers_file(write(tmp_path, {"framework": "x", "version": 1}))
    assert unknown.status == 2
    assert unknown.errors[0].startswith("no framework x version 1")


@pytest.mark.skipif(
    importlib.util.find_spec("dipps.settings") is None, reason="no Django settings yet"
)
@pytest.mark.slow
def test_dipps_maturity_score_exits_2_without_a_traceback(tmp_path: Path) -> None:
    def run(path: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="dipps.settings")
        return subprocess.run(
            [sys.executable, "-m", "dipps", "maturity", "score", path],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    good = run(write(tmp_path, document(ISSUE_EXAMPLE)))
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["dimensions"]["strategy"] == 37.5
    bad = run(write(tmp_path, document({"green.uses": "all"})))
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "green.uses: expected a list of option indices, got a string" in bad.stderr.splitlines()
    assert len(bad.stderr.splitlines()) == 11


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 12)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=12) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(answer_sets(DMA), st.dictionaries(st.sampled_from([*DMA.questions, "x.y"]), json_values))
def test_any_json_answers_get_problems_or_a_score_never_an_exception(
    valid: dict[str, Any], damage: dict[str, Any]
) -> None:
    answers = valid | damage
    found = validate_answers(DMA, document(answers))
    if found:
        assert all(isinstance(p, Problem) and str(p) for p in found)
        with pytest.raises(InvalidAnswers):
            score(DMA, answers)
    else:
        assert 0 <= score(DMA, answers).overall <= 100


def test_rounding_rounds_ties_away_from_zero_and_keeps_two_decimals() -> None:
    assert rounded(Fraction(1, 8)) == 0.13
    assert rounded(Fraction(-1, 8)) == -0.13
    assert rounded(Fraction(1, 3), 0) == 0
    assert rounded(Fraction(1195, 28), 4) == 42.6786
