"""Sector exclusions from de minimis aid (2023/2831 art. 1(1)), from the shipped list."""

import pytest

from dipps.companies import sectors, sni


@pytest.mark.parametrize(
    ("version", "code", "listed", "ground"),
    [
        (2007, "03.110", "03", "fishery"),  # sea fishing
        (2007, "03.22", "03", "fishery"),  # freshwater aquaculture
        (2007, "10.200", "10.2", "fishery"),  # processing of fish
        (2007, "10.2", "10.2", "fishery"),
        (2007, "47.23", "47.23", "fishery"),  # retail of fish
        (2007, "01.110", "01.1", "agriculture"),  # cereals
        (2007, "01.500", "01.5", "agriculture"),  # mixed farming
        (2007, "01.70", "01.7", "agriculture"),  # hunting
        (2025, "03.30", "03", "fishery"),  # support to fishing (NACE 2.1), whole division
        (2025, "01.41", "01.4", "agriculture"),
    ],
)
def test_an_excluded_code_names_the_listed_code_and_the_ground(version, code, listed, ground):
    found = sectors.exclusion_of(version, code)
    assert found is not None
    assert (found.rule.code, found.ground) == (listed, ground)
    assert (
        found.article
        == {
            "fishery": "2023/2831 art. 1(1)(a)",
            "agriculture": "2023/2831 art. 1(1)(b)",
        }[ground]
    )


@pytest.mark.parametrize(
    ("version", "code"),
    [
        (2007, "10.130"),  # meat products: next to 10.2, processing of agricultural products
        (2007, "10.300"),  # the neighbour after 10.2
        (2007, "10.1"),
        (2007, "01.610"),  # support activities to agriculture: a service, not production
        (2007, "02.200"),  # logging: forestry is not agriculture
        (2007, "04"),  # no such division, and not a prefix of 03
        (2007, "47.22"),  # retail of meat, the neighbour of 47.23
        (2007, "47.24"),
        (2007, "46.38"),  # mixed wholesale class: not listed
        (2007, "16.101"),
        (2007, "30.110"),  # ship building starts with 3 but is not division 03
    ],
)
def test_a_neighbouring_code_is_not_excluded(version, code):
    assert sectors.exclusion_of(version, code) is None


def test_a_code_is_matched_in_its_own_version_only():
    rules = (sectors.Rule(2007, "10.2", "fishery"),)
    assert sectors.exclusion_of(2007, "10.20", rules) is not None
    assert sectors.exclusion_of(2025, "10.20", rules) is None


def test_a_firm_is_excluded_if_any_of_its_codes_is():
    codes = [(2007, "16.101"), (2007, "10.200"), (2025, "25.11")]
    found = sectors.exclusions(codes)
    assert [(e.version, e.code, e.rule.code) for e in found] == [(2007, "10.200", "10.2")]
    assert sectors.exclusions([(2007, "16.101")]) == []
    assert sectors.exclusions([]) == []


def test_the_longest_listed_code_wins():
    rules = (sectors.Rule(2007, "10", "fishery"), sectors.Rule(2007, "10.2", "agriculture"))
    assert sectors.exclusion_of(2007, "10.20", rules).rule.code == "10.2"
    assert sectors.exclusion_of(2007, "10.30", rules).rule.code == "10"


def test_every_listed_code_exists_in_its_sni_version():
    for rule in sectors.load():
        assert sni.lookup(rule.code, rule.version).code == rule.code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,version,ground\n", "first non-comment line"),
        ("version,code,ground\n2008,03,fishery\n", "line 2: the version must be 2007 or 2025"),
        ("version,code,ground\n2007,3,fishery\n", "line 2: '3' is not an SNI code"),
        ("version,code,ground\n2007,102,fishery\n", "line 2: '102' is not an SNI code"),
        ("version,code,ground\n2007,03,forestry\n", "line 2: the ground must be one of"),
        ("version,code,ground\n2007,03\n", "line 2: expected 3 columns, got 2"),
        ("# c\nversion,code,ground\n2007,03,fishery\n2007,03,fishery\n", "line 4: '03' is listed"),
    ],
)
def test_a_malformed_list_is_refused_naming_the_line(text, message):
    with pytest.raises(sectors.ExclusionDataError, match=message.replace("(", r"\(")):
        sectors.parse(text.splitlines(), source="x.csv")
