import datetime as dt

import pytest

from dipps.companies import orgnr
from dipps.companies.orgnr import InvalidOrgNumber

PERSONAL = "8001011231"  # 1980-01-01, valid check digit


@pytest.mark.parametrize(
    "raw", ["556036-0793", "5560360793", "16556036-0793", "165560360793", " 556036 0793 "]
)
def test_organisation_number_forms_normalise_to_ten_digits(raw):
    assert orgnr.normalise(raw) == "5560360793"


def test_display_adds_the_hyphen():
    assert orgnr.display("5560360793") == "556036-0793"


def test_an_organisation_number_is_not_a_personal_number():
    assert orgnr.is_personal_number("5560360793") is False


def test_a_sole_traders_personal_number_is_recognised():
    assert orgnr.normalise("800101-1231") == PERSONAL
    assert orgnr.normalise("19800101-1231") == PERSONAL
    assert orgnr.is_personal_number(PERSONAL) is True


def test_a_personal_number_is_masked_showing_only_the_birth_date():
    assert orgnr.mask(PERSONAL) == "19800101-****"
    assert orgnr.mask("19800101-1231") == "19800101-****"


def test_an_organisation_number_is_shown_in_full_everywhere():
    assert orgnr.shown("5560360793", is_sole_trader=False) == "556036-0793"
    assert orgnr.shown("5560360793", is_sole_trader=None) == "556036-0793"
    assert orgnr.shown("5560360793", is_sole_trader=False, full=True) == "556036-0793"


def test_a_sole_traders_number_is_masked_unless_the_full_form_is_asked_for():
    assert orgnr.shown(PERSONAL, is_sole_trader=True) == "19800101-****"
    assert orgnr.shown(PERSONAL, is_sole_trader=True, full=True) == "800101-1231"


def test_a_personal_number_is_masked_even_when_the_firm_is_not_flagged_as_a_sole_trader():
    assert orgnr.shown(PERSONAL, is_sole_trader=False) == "19800101-****"
    assert orgnr.shown("19800101-1231", is_sole_trader=None) == "19800101-****"


def test_a_firm_flagged_as_a_sole_trader_is_masked_whatever_its_number_looks_like():
    assert orgnr.shown("5560360793", is_sole_trader=True) == "******-****"


def test_a_stored_personal_number_that_no_longer_validates_is_still_masked():
    assert orgnr.shown("8001011232", is_sole_trader=True) == "******-****"
    assert orgnr.shown("8001011232", is_sole_trader=None) == "******-****"


def test_a_stored_number_that_no_longer_validates_is_shown_raw_where_it_may_be_shown():
    assert orgnr.shown("5560360794", is_sole_trader=False) == "5560360794"
    assert orgnr.shown("8001011232", is_sole_trader=True, full=True) == "8001011232"
    assert orgnr.shown("", is_sole_trader=None) == ""


def test_birth_date_of_a_personal_number():
    assert orgnr.birth_date(PERSONAL) == dt.date(1980, 1, 1)


def test_a_wrong_check_digit_is_reported_as_such():
    with pytest.raises(InvalidOrgNumber) as info:
        orgnr.normalise("556036-0794")
    assert str(info.value) == (
        "'556036-0794' is not a valid Swedish organisation number: "
        "the check digit (last digit) does not match."
    )


def test_a_wrong_length_is_reported_with_the_count():
    with pytest.raises(InvalidOrgNumber) as info:
        orgnr.normalise("556036-079")
    assert str(info.value) == (
        "'556036-079' has 9 digits; a Swedish organisation number has 10 (e.g. 556036-0793)."
    )


def test_letters_are_refused():
    with pytest.raises(InvalidOrgNumber, match="only digits and a hyphen"):
        orgnr.normalise("SE556036079301")


def test_an_impossible_birth_date_is_refused_for_a_personal_number():
    with pytest.raises(InvalidOrgNumber, match="birth date part is not a real date"):
        orgnr.normalise("801301-1234")


def test_prefix_16_before_a_personal_number_is_refused():
    with pytest.raises(InvalidOrgNumber, match="prefix 16 is only used before organisation"):
        orgnr.normalise("16800101-1231")


def test_a_twelve_digit_number_with_an_unknown_prefix_is_refused():
    with pytest.raises(InvalidOrgNumber, match="must start with 16"):
        orgnr.normalise("175560360793")


def test_invalid_numbers_are_value_errors_for_the_import_layer():
    assert issubclass(InvalidOrgNumber, ValueError)
    assert orgnr.is_valid("556036-0793") is True
    assert orgnr.is_valid("556036-0794") is False
