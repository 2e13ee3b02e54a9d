"""The shipped framework and catalogue files, and the checks that guard their format."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Any

import pytest

from dipps.maturity.frameworks import (
    FrameworkError,
    FrameworkNotFound,
    available_frameworks,
    load_framework,
    load_interventions,
    parse_framework,
    parse_interventions,
)

DMA_SHAPE = [
    # (dimension, question, type, options or rows)
    ("strategy", "strategy.investments", "grid", 10),
    ("strategy", "strategy.preparedness", "multi", 10),
    ("readiness", "readiness.basic", "multi", 10),
    ("readiness", "readiness.advanced", "scale", 7),
    ("human", "human.skills", "multi", 7),
    ("human", "human.engagement", "multi", 8),
    ("data", "data.management", "multi", 8),
    ("data", "data.security", "multi", 6),
    ("automation", "automation.technologies", "scale", 5),
    ("green", "green.uses", "multi", 10),
    ("green", "green.practices", "ternary", 5),
]


def raw(name: str) -> dict[str, Any]:
    path = resources.files("dipps.maturity").joinpath("data", "frameworks", name)
    return json.loads(path.read_text("utf-8"), parse_float=Decimal)


def problems_of(data: Any) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(data, "test.json")
    return caught.value.problems


def test_both_shipped_frameworks_are_available() -> None:
    assert available_frameworks() == (("dipps-dma-sme", 1), ("dipps-siri", 1))


def test_the_dma_framework_has_the_shape_fixed_by_the_issue() -> None:
    framework = load_framework("dipps-dma-sme", 1)
    assert framework.scoring == "dma"
    assert framework.score_max == 100
    assert [d.id for d in framework.dimensions] == [
        "strategy",
        "readiness",
        "human",
        "data",
        "automation",
        "green",
    ]
    shape = [(q.dimension, q.id, q.type, q.size) for q in framework.questions.values()]
    assert shape == DMA_SHAPE
    assert [b.id for b in framework.bands] == [
        "basic",
        "average",
        "moderately_advanced",
        "advanced",
    ]
    assert [b.max for b in framework.bands] == [25, 50, 75, None]


def test_only_option_7_of_data_management_is_negative() -> None:
    framework = load_framework("dipps-dma-sme", 1)
    negatives = {
        (q.id, i)
        for q in framework.questions.values()
        for i, option in enumerate(q.options)
        if option.negative
    }
    assert negatives == {("data.management", 7)}
    assert framework.questions["data.management"].options[7].text.en == (
        "Data is not collected digitally"
    )


def test_scale_questions_label_all_six_levels() -> None:
    framework = load_framework("dipps-dma-sme", 1)
    for qid in ("readiness.advanced", "automation.technologies"):
        levels = framework.questions[qid].levels
        assert len(levels) == 6
        assert levels[0].en == "Not used"


def test_the_siri_framework_has_3_blocks_8_pillars_and_16_band_dimensions() -> None:
    framework = load_framework("dipps-siri", 1)
    assert framework.scoring == "band_mean"
    assert framework.score_max == 5
    assert [g.id for g in framework.groups] == ["process", "technology", "organisation"]
    pillars = {d.id: (d.group, len(d.questions)) for d in framework.dimensions}
    assert pillars == {
        "operations": ("process", 1),
        "supply_chain": ("process", 1),
        "product_lifecycle": ("process", 1),
        "automation": ("technology", 3),
        "connectivity": ("technology", 3),
        "intelligence": ("technology", 3),
        "talent": ("organisation", 2),
        "structure": ("organisation", 2),
    }
    assert len(framework.questions) == 16
    assert {q.type for q in framework.questions.values()} == {"band"}
    assert all(len(q.levels) == 6 for q in framework.questions.values())


@pytest.mark.parametrize("key", [("dipps-dma-sme", 1), ("dipps-siri", 1)])
def test_every_text_of_a_framework_is_in_swedish_and_english(key: tuple[str, int]) -> None:
    framework = load_framework(*key)
    texts = [framework.title]
    for dimension in framework.dimensions:
        texts.append(dimension.title)
        for question in dimension.questions:
            texts += [question.text, *question.rows, *question.levels]
            texts += [option.text for option in question.options]
    assert all(text.sv.strip() and text.en.strip() for text in texts)
    assert framework.title.get("en") == framework.title.en
    assert framework.title.get("sv") == framework.title.sv


def test_loading_is_cached_and_the_newest_version_is_the_default() -> None:
    assert load_framework("dipps-siri", 1) is load_framework("dipps-siri", 1)
    assert load_framework("dipps-siri").version == 1


def test_an_unknown_framework_or_version_is_reported_with_what_exists() -> None:
    with pytest.raises(FrameworkNotFound) as caught:
        load_framework("dipps-dma-sme", 9)
    assert caught.value.problems == [
        "no framework dipps-dma-sme version 9 (available: dipps-dma-sme v1, dipps-siri v1)"
    ]
    with pytest.raises(FrameworkNotFound):
        load_framework("nonexistent")


def test_a_framework_parsed_from_the_shipped_data_round_trips() -> None:
    framework = parse_framework(raw("dipps-dma-sme.v1.json"))
    assert framework.id == "dipps-dma-sme"
    assert framework.dimension("data").questions[0].id == "data.management"
    with pytest.raises(KeyError):
        framework.dimension("nope")


def test_it_lists_every_problem_of_a_broken_framework_with_its_place() -> None:
    data = raw("dipps-dma-sme.v1.json")
    data["scoring"] = "median"
    data["colour"] = "blue"
    del data["title"]
    data["dimensions"][1]["id"] = "strategy"
    question = data["dimensions"][0]["questions"][1]
    question["type"] = "multi"
    question["options"][0]["negative"] = "yes"
    del question["options"][1]["text"]["en"]
    data["dimensions"][2]["questions"][0]["id"] = "strategy.investments"
    data["dimensions"][4]["questions"][0]["levels"] = data["dimensions"][4]["questions"][0][
        "levels"
    ][:5]
    assert problems_of(data) == [
        ": missing key 'title'",
        ": unknown key 'colour'",
        "scoring: expected one of dma, band_mean, got 'median'",
        "dimensions[0].questions[1].options[0].negative: expected true or false",
        "dimensions[0].questions[1].options[1].text: missing key 'en'",
        "dimensions[0].questions[1].options[1].text.en: expected a non-empty string",
        "dimensions[1].id: duplicate id 'strategy'",
        "dimensions[2].questions[0].id: duplicate id 'strategy.investments'",
        "dimensions[4].questions[0].levels: expected 6 labels for the levels 0 to 5",
    ]


def test_it_rejects_question_shapes_that_cannot_be_scored() -> None:
    data = raw("dipps-dma-sme.v1.json")
    questions = data["dimensions"][0]["questions"]
    questions[0]["type"] = "slider"
    questions[1]["options"] = [
        {"text": {"sv": "Nej", "en": "No"}, "negative": True},
    ]
    questions[1]["rows"] = [{"sv": "Rad", "en": "Row"}]
    del data["dimensions"][1]["questions"][1]["rows"]
    data["dimensions"][2]["questions"] = []
    assert problems_of(data) == [
        "dimensions[0].questions[0].type: expected one of multi, grid, scale, ternary, band, "
        "got 'slider'",
        "dimensions[0].questions[1].rows: not used by a 'multi' question",
        "dimensions[0].questions[1].options: needs at least one option that is not negative",
        "dimensions[1].questions[1]: a 'scale' question needs 'rows'",
        "dimensions[2].questions: expected a non-empty list",
    ]


def test_band_bounds_must_increase_and_the_last_band_is_open() -> None:
    data = raw("dipps-dma-sme.v1.json")
    data["bands"][1]["max"] = 25
    data["bands"][3]["max"] = 100
    data["version"] = 0
    assert problems_of(data) == [
        "version: expected a positive whole number, got 0",
        "bands[1].max: band bounds must increase",
        "bands[3].max: the last band must have max null (no upper bound)",
    ]


def test_band_bounds_may_be_fractional_and_stay_exact() -> None:
    data = raw("dipps-siri.v1.json")
    data["bands"][0]["max"] = Decimal("0.1")
    assert parse_framework(data).bands[0].max == Fraction(1, 10)


def test_dimensions_must_name_a_known_group_when_groups_exist() -> None:
    data = raw("dipps-siri.v1.json")
    data["dimensions"][0]["group"] = "marketing"
    del data["dimensions"][1]["group"]
    assert problems_of(data) == [
        "dimensions[0].group: unknown group 'marketing'",
        "dimensions[1]: the framework has groups, so every dimension needs one",
    ]


def test_a_document_that_is_not_an_object_is_rejected() -> None:
    assert problems_of([1, 2]) == [": expected an object"]


REQUIRED_INTERVENTIONS = {
    "analysis",
    "workshop",
    "coaching",
    "training",
    "study_visit",
    "expert_support",
    "network_meeting",
}


def test_the_catalogue_holds_the_working_method_activity_types_and_targeted_ones() -> None:
    catalogue = load_interventions()
    ids = [i.id for i in catalogue]
    assert set(ids) >= REQUIRED_INTERVENTIONS
    assert len(set(ids) - REQUIRED_INTERVENTIONS) >= 12
    assert len(ids) == len(set(ids))
    assert {"erp_selection", "cyber_security_review", "energy_mapping", "skills_plan"} <= set(ids)


def test_every_catalogue_link_names_a_framework_dimension_and_every_dimension_has_one() -> None:
    known = {d.id for key in available_frameworks() for d in load_framework(*key).dimensions}
    linked = {d for i in load_interventions() for d in i.dimensions}
    assert linked == known


def test_catalogue_effects_are_exact_shares_and_efforts_are_hours() -> None:
    energy = {i.id: i for i in load_interventions()}["energy_mapping"]
    assert energy.expected_effect == Fraction(7, 10)
    assert energy.effort_hours == 32
    assert energy.dimensions == ("green", "data")
    assert all(0 < i.expected_effect <= 1 for i in load_interventions())


def test_it_lists_every_problem_of_a_broken_catalogue() -> None:
    path = resources.files("dipps.maturity").joinpath("data", "interventions.json")
    data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    broken = copy.deepcopy(data)
    broken["interventions"][0]["expected_effect"] = Decimal("1.5")
    broken["interventions"][1]["effort_hours"] = 0
    broken["interventions"][2]["dimensions"] = ["Data"]
    broken["interventions"][3]["id"] = "analysis"
    with pytest.raises(FrameworkError) as caught:
        parse_interventions(broken, "interventions.json")
    assert caught.value.problems == [
        "interventions[0].expected_effect: expected a number in (0, 1], got Decimal('1.5')",
        "interventions[1].effort_hours: expected a positive whole number, got 0",
        "interventions[2].dimensions[0]: expected a dimension id, got 'Data'",
        "interventions[3].id: duplicate id 'analysis'",
    ]
    assert len(parse_interventions(data)) == len(load_interventions())
