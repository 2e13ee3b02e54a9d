"""Filling a cost structure from SIE result balances: pure, exact values."""

from decimal import Decimal
from pathlib import Path

import pytest

from dipps.finance.sie import parse_bytes, parse_file
from dipps.scenarios.sie_mapping import line_for, map_sie

TESTDATA = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "sie"

SIE = """#FLAGGA 0
#SIETYP 1
#ORGNR 556036-0793
#FNAMN "Norrlands Trä AB"
#RAR 0 20240101 20241231
#RAR -1 20230101 20231231
#KONTO 3010 "Försäljning"
#KONTO 5310 "El för drift"
#RES 0 3010 -1000000.00
#RES 0 3740 -0.40
#RES 0 4010 300000
#RES 0 4990 -10000
#RES 0 5020 2000
#RES 0 5310 48000
#RES 0 5370 12000
#RES 0 5380 3000
#RES 0 5410 5000
#RES 0 6110 7000
#RES 0 7010 200000
#RES 0 7510 62840
#RES 0 7730 1000
#RES 0 7832 25000
#RES 0 7960 400
#RES 0 8410 9000
#RES 0 9999 -1
#RES -1 3010 -900000
"""


def test_bas_accounts_map_to_the_documented_lines():
    assert [line_for(a) for a in ("3010", "3999", "4010", "4990")] == [
        "revenue",
        "revenue",
        "materials",
        "materials",
    ]
    assert [line_for(a) for a in ("5020", "5120", "5310", "5319")] == ["electricity"] * 4
    assert [line_for(a) for a in ("5320", "5370", "5390")] == ["other_energy"] * 3
    assert line_for("5380") == "other"  # water is not energy
    assert [line_for(a) for a in ("7010", "7699", "7730", "7832", "7960")] == [
        "labour",
        "labour",
        "depreciation",
        "depreciation",
        "other",
    ]
    assert [line_for(a) for a in ("1930", "2440", "8410", "8999", "x12")] == [None] * 5


def test_the_result_balances_of_the_year_are_summed_with_revenue_sign_flipped():
    mapping = map_sie(parse_bytes(SIE.encode("utf-8")))
    assert mapping.year == 2024
    assert mapping.amount("revenue") == Decimal("1000000.40")
    assert mapping.amount("materials") == Decimal("290000.00")
    assert mapping.amount("electricity") == Decimal("50000.00")
    assert mapping.amount("other_energy") == Decimal("12000.00")
    assert mapping.amount("labour") == Decimal("262840.00")
    assert mapping.amount("depreciation") == Decimal("26000.00")
    assert mapping.amount("other") == Decimal("15400.00")  # 5380 + 5410 + 6110 + 7960
    assert [a for a, _, _ in mapping.lines["electricity"].accounts] == ["5020", "5310"]
    assert mapping.lines["revenue"].accounts[0] == ("3010", "Försäljning", Decimal("1000000.00"))
    assert mapping.orgnr == "5560360793"
    assert not mapping.negative_lines and not mapping.empty


def test_without_kwh_in_the_file_the_use_is_the_cost_at_the_assumed_price():
    mapping = map_sie(parse_bytes(SIE.encode("utf-8")), assumed_price=Decimal("1.25"))
    assert mapping.electricity_kwh == Decimal("40000.00")
    assert mapping.electricity_price == Decimal("1.25")
    assert mapping.kwh_from_file is False


def test_kwh_come_from_the_quantity_of_the_electricity_accounts_when_given():
    text = SIE.replace("#RES 0 5310 48000", "#RES 0 5310 48000 40000")
    mapping = map_sie(parse_bytes(text.encode("utf-8")))
    assert mapping.kwh_from_file is True
    assert mapping.electricity_kwh == Decimal("40000.00")
    assert mapping.electricity_price == Decimal("1.2500")  # 50 000 kr / 40 000 kWh


def test_the_previous_year_can_be_chosen():
    mapping = map_sie(parse_bytes(SIE.encode("utf-8")), year_index=-1)
    assert mapping.year == 2023
    assert mapping.amount("revenue") == Decimal("900000.00")
    assert mapping.amount("labour") == Decimal("0.00")


def test_a_line_summing_below_zero_is_flagged_for_correction():
    text = SIE.replace("#RES 0 4990 -10000", "#RES 0 4990 -400000")
    assert map_sie(parse_bytes(text.encode("utf-8"))).negative_lines == ["materials"]


def test_a_file_without_result_balances_sums_the_years_transactions():
    text = """#FLAGGA 0
#SIETYP 4
#RAR 0 20240101 20241231
#VER A 1 20240115 "Sale"
{
#TRANS 1930 {} 1250
#TRANS 3010 {} -1000
#TRANS 2610 {} -250
}
#VER A 2 20240120 "Power"
{
#TRANS 5310 {} 800
#TRANS 1930 {} -800
}
"""
    mapping = map_sie(parse_bytes(text.encode("utf-8")))
    assert mapping.amount("revenue") == Decimal("1000.00")
    assert mapping.amount("electricity") == Decimal("800.00")


def test_a_file_with_nothing_for_the_year_is_empty():
    text = "#FLAGGA 0\n#SIETYP 1\n#RAR 0 20240101 20241231\n#UB 0 1930 100\n"
    assert map_sie(parse_bytes(text.encode("utf-8"))).empty


def test_a_real_sie_type_1_file_maps_to_its_accounts():
    path = TESTDATA / "BL0001_typ1.SE"
    if not path.exists():
        pytest.skip(f"shared SIE test data not found at {path}")
    mapping = map_sie(parse_file(path))
    assert mapping.year == 2010  # fiscal year 2009-07-01 .. 2010-06-30
    assert mapping.amount("revenue") == Decimal("289328.17")
    assert mapping.amount("materials") == Decimal("47293.20")
    assert mapping.amount("electricity") == Decimal("1440.00")
    assert mapping.amount("other") == Decimal("12378.50")
    assert mapping.amount("depreciation") == Decimal("4513.00")
    assert mapping.amount("labour") == Decimal("0.00")
