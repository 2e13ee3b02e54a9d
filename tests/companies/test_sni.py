from collections import Counter

import pytest

from dipps.companies import sni
from dipps.companies.sni import DEFAULT_SERVICE_DIVISIONS, UnknownSniCode


def level_counts(version):
    return Counter(e.level for e in sni.load(version).entries.values())


def test_sni_2025_file_has_the_nace_rev_2_1_structure():
    assert level_counts(2025) == {
        "section": 22,
        "division": 87,
        "group": 287,
        "class": 651,
        "subclass": 835,
    }


def test_sni_2007_file_has_the_nace_rev_2_structure_without_subclasses():
    assert level_counts(2007) == {"section": 21, "division": 88, "group": 272, "class": 615}


def test_sections_run_a_to_v_in_2025_and_a_to_u_in_2007():
    def sections(version):
        return "".join(
            sorted(k for k, e in sni.load(version).entries.items() if e.level == "section")
        )

    assert sections(2025) == "ABCDEFGHIJKLMNOPQRSTUV"
    assert sections(2007) == "ABCDEFGHIJKLMNOPQRSTU"


def test_a_dotted_and_an_undotted_code_read_the_same():
    assert sni.lookup("16.239") == sni.lookup("16239") == sni.lookup(" 16 239 ")


def test_a_code_valid_in_both_versions_is_read_as_sni_2025():
    code = sni.lookup("16.239")
    assert (code.version, code.code, code.level, code.section, code.division) == (
        2025,
        "16.239",
        "subclass",
        "C",
        16,
    )
    assert code.name == "Tillverkning av övriga byggnads- och inredningssnickerier"
    assert code.exact is True


def test_a_code_valid_in_both_is_read_as_sni_2007_when_asked():
    code = sni.lookup("16.23", 2007)
    assert (code.version, code.code, code.level) == (2007, "16.23", "class")
    assert code.name == "Tillverkning av andra byggnads- och inredningssnickerier"


def test_a_code_only_in_sni_2025_is_read_in_2025():
    code = sni.lookup("62100")
    assert (code.version, code.code, code.name, code.section) == (
        2025,
        "62.100",
        "Dataprogrammering",
        "K",
    )


def test_a_code_only_in_sni_2007_is_read_in_2007():
    code = sni.lookup("62.01")
    assert (code.version, code.code, code.name, code.section, code.division) == (
        2007,
        "62.01",
        "Dataprogrammering",
        "J",
        62,
    )


def test_a_2007_subclass_resolves_through_its_class_and_says_so():
    code = sni.lookup("62010")
    assert (code.version, code.code, code.level, code.exact) == (2007, "62.010", "subclass", False)
    assert code.name == "Dataprogrammering"


def test_division_62_is_section_j_in_2007_and_k_in_2025():
    assert sni.lookup("62", 2007).section == "J"
    assert sni.lookup("62", 2025).section == "K"
    assert sni.section_of_division(64, 2007) == "K"
    assert sni.section_of_division(64, 2025) == "L"


def test_a_group_code_with_three_digits_is_accepted():
    code = sni.lookup("25.6")
    assert (code.version, code.level, code.name) == (
        2025,
        "group",
        "Tillverkning av bestick, verktyg och andra järnhandelsvaror",
    )


def test_an_unknown_code_raises_an_error_naming_the_code():
    with pytest.raises(UnknownSniCode) as info:
        sni.lookup("99.999")
    assert str(info.value) == "SNI code '99.999' exists in neither SNI 2025 nor SNI 2007."


def test_a_code_missing_from_the_requested_version_names_code_and_version():
    with pytest.raises(UnknownSniCode) as info:
        sni.lookup("62.100", 2007)
    assert str(info.value) == "SNI code '62.100' does not exist in SNI 2007."


def test_a_subclass_unknown_in_2025_is_not_invented_there():
    with pytest.raises(UnknownSniCode):
        sni.lookup("16.235", 2025)


@pytest.mark.parametrize("raw", ["C", "1", "123456", "16-239", "", "16.2a"])
def test_malformed_codes_are_rejected_with_the_expected_format(raw):
    with pytest.raises(UnknownSniCode) as info:
        sni.lookup(raw)
    assert "expected 2 to 5 digits such as 16.239 or 16239" in str(info.value)


def test_an_unsupported_version_is_refused():
    with pytest.raises(ValueError, match="2007 or 2025, got 2002"):
        sni.lookup("16", 2002)


def test_unknown_code_error_is_a_key_error_for_callers_catching_lookups():
    assert issubclass(UnknownSniCode, KeyError)


@pytest.mark.parametrize(
    ("division", "expected"),
    [
        (4, "outside"),
        (5, "industry"),
        (9, "industry"),
        (10, "industry"),
        (16, "industry"),
        (33, "industry"),
        (35, "outside"),
        (49, "industry_service"),
        (52, "industry_service"),
        (53, "outside"),
        (62, "industry_service"),
        (63, "industry_service"),
        (64, "outside"),
        (69, "industry_service"),
        (74, "industry_service"),
        (75, "outside"),
        (77, "industry_service"),
        (78, "industry_service"),
        (79, "outside"),
        (82, "industry_service"),
    ],
)
def test_target_group_by_division_with_the_default_service_list(division, expected):
    assert sni.target_group(division, DEFAULT_SERVICE_DIVISIONS) == expected


def test_the_service_list_is_configurable():
    assert sni.target_group(62, [71]) == "outside"
    assert sni.target_group(95, [95]) == "industry_service"


def test_industry_wins_over_a_service_list_that_names_a_manufacturing_division():
    assert sni.target_group(25, [25]) == "industry"


def test_a_division_outside_01_to_99_is_refused():
    with pytest.raises(ValueError, match="01 to 99"):
        sni.target_group(0, DEFAULT_SERVICE_DIVISIONS)


def test_divisions_lists_each_version_with_its_own_sections():
    divisions_2025 = sni.divisions(2025)
    assert len(divisions_2025) == 87
    assert [(d.code, d.section) for d in divisions_2025 if d.code in ("58", "61", "68")] == [
        ("58", "J"),
        ("61", "K"),
        ("68", "M"),
    ]


def test_a_malformed_data_file_is_reported_with_its_line():
    lines = [
        "# comment",
        "level,code,name",
        "section,C,Tillverkning",
        "division,16,Trä",
        "class,16.2,X",
    ]
    with pytest.raises(sni.SniDataError, match="line 5: '16.2' is not a valid class code"):
        sni.parse_sni_csv(lines, 2025, source="test.csv")
