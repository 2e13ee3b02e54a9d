"""The shipped catalogue, the levels and the roles."""

import pytest

from dipps.competence import skills


def test_the_shipped_catalogue_has_the_issues_skills_in_swedish_and_english():
    codes = [s.code for s in skills.shipped_skills()]
    assert codes == [
        "digital_basics",
        "data_analysis",
        "robot_programming",
        "plc",
        "lean",
        "cybersecurity",
        "energy_management",
        "cad_cam",
        "change_leadership",
    ]
    plc = skills.shipped_skills()[3]
    assert plc.name == {"sv": "PLC och styrsystem", "en": "PLC and control systems"}
    assert all(s.description["sv"] and s.description["en"] for s in skills.shipped_skills())


def test_five_levels_each_described_in_both_languages():
    assert [lv.value for lv in skills.LEVELS] == [0, 1, 2, 3, 4]
    assert all(lv.name["sv"] and lv.description["en"] for lv in skills.LEVELS)
    assert skills.text(skills.LEVELS[2].name, "en-gb") == "Independent"
    assert skills.text(skills.LEVELS[2].name, "de") == "Självständig"


def test_roles_include_the_issues_list():
    assert {"operator", "production_engineer", "maintenance", "programmer", "planner"} <= set(
        skills.ROLE_CODES
    )
    assert "management" in skills.ROLE_CODES


def test_a_bad_catalogue_names_every_line_and_field():
    text = (
        "# comment\n"
        "code,name_sv,name_en,description_sv,description_en\n"
        "plc,PLC,PLC,Styr,Control\n"
        "plc,PLC,PLC,Styr,Control\n"
        "Bad Code,Namn,,Beskr,Descr\n"
    )
    with pytest.raises(skills.CatalogueError) as caught:
        skills.read_catalogue(text)
    assert caught.value.problems == [
        "line 4: code 'plc' is given twice",
        "line 5: code 'Bad Code' is not a lower-case identifier",
        "line 5: name_en is empty",
    ]


def test_a_catalogue_without_its_columns_is_refused():
    with pytest.raises(skills.CatalogueError) as caught:
        skills.read_catalogue("code,name_sv\nplc,PLC\n")
    assert caught.value.problems == [
        "line 1: missing column(s) name_en, description_sv, description_en"
    ]
