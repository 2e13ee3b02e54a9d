"""The shipped list of ERDF common indicators (data/erdf_common_indicators.csv)."""

import pytest

from dipps.indicators import catalogue
from dipps.indicators.selectors import MEASURE

HEADER = "code,unit,measure,name_sv,name_en,definition_sv,definition_en"


def test_the_shipped_list_holds_the_indicators_dipps_reports_with_names_and_units():
    found = catalogue.common_indicators()
    assert {"RCO01", "RCO02", "RCO04", "RCR01", "RCR02", "RCR03", "RCR25", "RCR29"} <= set(found)
    assert len(found) == 19
    rco01 = found["RCO01"]
    assert (rco01.name_sv, rco01.name_en, rco01.unit) == (
        "Företag som får stöd",
        "Enterprises supported",
        "enterprises",
    )
    assert found["RCR29"].unit == "tonnes_co2e_year"
    assert all(c.definition_sv and c.definition_en for c in found.values())


def test_every_computed_common_indicator_names_a_figure_dipps_computes():
    computed = {c.code: c.measure for c in catalogue.common_indicators().values() if c.measure}
    assert computed == {
        "RCO01": "RCO01",
        "RCO04": "RCO04",
        "RCR03": "RCR03",
        "RCR04": "RCR04",
        "RCR25": "RCR25",
        "RCR29": "RCR29",
    }
    # RCR25 and RCR29 are impact's measures, registered when Django starts.
    assert set(computed.values()) <= set(MEASURE)


def test_comments_are_skipped_and_a_row_is_read():
    text = f"# source\n{HEADER}\nRCO99,enterprises,,Namn,Name,Def,Def\n"
    assert catalogue.parse(text)["RCO99"].name_en == "Name"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("XYZ1,enterprises,,N,N,D,D", "line 3: “XYZ1” is not a common indicator code (RCO01)"),
        ("RCO01,parsecs,,N,N,D,D", "line 3: unknown unit “parsecs”"),
        ("RCO01,enterprises,,,N,D,D", "line 3: RCO01 needs a Swedish and an English name"),
        ("RCO01,enterprises,,N,N", "line 3: expected 7 columns, found 5"),
    ],
)
def test_a_bad_line_is_named(row, message):
    with pytest.raises(ValueError) as e:
        catalogue.parse(f"# c\n{HEADER}\n{row}\n")
    assert str(e.value) == message


def test_a_code_twice_and_a_wrong_header_are_refused():
    with pytest.raises(ValueError, match="line 3: RCO01 is listed twice"):
        catalogue.parse(f"{HEADER}\nRCO01,number,,N,N,D,D\nRCO01,number,,N,N,D,D\n")
    with pytest.raises(ValueError, match="line 1: expected the header"):
        catalogue.parse("code,name\nRCO01,N\n")
