import pytest

from dipps.companies import municipalities as m

MITTNORRLAND = ("22", "23")  # the default of settings.DIPPS_REGION_COUNTIES


def test_there_are_exactly_290_municipalities_with_unique_codes():
    codes = [x.code for x in m.all_municipalities()]
    assert len(codes) == 290
    assert len(set(codes)) == 290


def test_there_are_21_counties():
    assert len(m.counties()) == 21
    assert m.counties()["23"] == "Jämtlands län"


def test_jamtland_has_its_eight_municipalities():
    jamtland = {x.code: x.name for x in m.all_municipalities() if x.county_code == "23"}
    assert jamtland == {
        "2303": "Ragunda",
        "2305": "Bräcke",
        "2309": "Krokom",
        "2313": "Strömsund",
        "2321": "Åre",
        "2326": "Berg",
        "2361": "Härjedalen",
        "2380": "Östersund",
    }


def test_vasternorrland_has_its_seven_municipalities():
    vn = {x.code: x.name for x in m.all_municipalities() if x.county_code == "22"}
    assert vn == {
        "2260": "Ånge",
        "2262": "Timrå",
        "2280": "Härnösand",
        "2281": "Sundsvall",
        "2282": "Kramfors",
        "2283": "Sollefteå",
        "2284": "Örnsköldsvik",
    }


def test_mittnorrland_is_the_fifteen_municipalities_of_counties_22_and_23():
    region = [x for x in m.all_municipalities() if m.in_region(x.code, MITTNORRLAND)]
    assert len(region) == 15
    assert m.in_region("2380", MITTNORRLAND) is True
    assert m.in_region("2401", MITTNORRLAND) is False  # Nordmaling, Västerbotten
    assert m.in_region("2281", MITTNORRLAND) is True  # Sundsvall


def test_lookup_returns_code_name_and_county():
    assert m.lookup("2380") == m.Municipality("2380", "Östersund", "23", "Jämtlands län")


def test_a_code_that_lost_its_leading_zero_is_padded():
    assert m.lookup(180).name == "Stockholm"
    assert m.exists("0180") is True


def test_an_unknown_code_raises_an_error_naming_it():
    with pytest.raises(m.UnknownMunicipality) as info:
        m.lookup("2399")
    assert str(info.value) == "'2399' is not one of Sweden's 290 municipality codes."


@pytest.mark.parametrize("raw", ["23805", "abcd", ""])
def test_malformed_codes_do_not_exist(raw):
    assert m.exists(raw) is False
    assert m.in_region(raw, MITTNORRLAND) is False


def test_name_is_empty_for_an_unknown_code():
    assert m.name("9999") == ""
    assert m.name("2262") == "Timrå"
