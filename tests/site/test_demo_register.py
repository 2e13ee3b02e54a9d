"""The demo register's series, worked by hand (no database)."""

from decimal import Decimal as D

from dipps.companies.demo_trades import TRADES, trade_of_code
from dipps.site.demo_register import sales_per_awu_series, staff_series


def test_staff_moves_half_a_person_under_ten_one_under_twenty_and_five_percent_above():
    # 3 + 20/10 = 5.0; then ±20/40 = ±0.5 a year.
    assert staff_series(3, [20, -20, 20]) == [D("5.0"), D("4.5"), D("5.0")]
    # 12 − 2 = 10.0; then ±20/20 = ±1.0 a year.
    assert staff_series(12, [-20, 20, -20]) == [D("10.0"), D("11.0"), D("10.0")]
    # 120; +5 % = 126.0; −5 % of 126 = 119.7.
    assert staff_series(120, [0, 20, -20]) == [D("120.0"), D("126.0"), D("119.7")]


def test_staff_stays_within_the_sizes_sme_class():
    # A micro firm never reaches 10 work units, a small one never drops under 10.
    assert staff_series(6, [20, 20, 20, 20]) == [D("8.0"), D("8.5"), D("9.0"), D("9.5")]
    assert staff_series(6, [20] * 6)[-1] == D("9.5")
    assert staff_series(12, [-20, -20, -20]) == [D("10.0"), D("10.0"), D("10.0")]
    assert staff_series(3, [-20, -20]) == [D("1.0"), D("1.0")]
    # 232; +5 % = 243.6; +5 % would be 255.8, over the medium class: 245.
    assert staff_series(230, [20, 20, 20]) == [D("232.0"), D("243.6"), D("245.0")]


def test_sales_per_work_unit_follow_the_trade_and_move_two_percent_at_most():
    # A workshop (factor 1.0): 1 500 + (1 200 − 1 200) = 1 500 kSEK; a draw of 1 700 keeps
    # it; 2 200 adds 500/25 000 = 2 %.
    assert sales_per_awu_series("25.620", [1200, 1700, 2200]) == [
        D("1500000.0"),
        D("1500000.0"),
        D("1530000.000"),
    ]
    # A design consultancy (factor 0.7): 2 500 kSEK × 0.7 = 1 750 000; −2 % = 1 715 000.
    assert sales_per_awu_series("71.121", [2200, 1200]) == [D("1750000.0"), D("1715000.000")]


def test_trades_from_sni_codes():
    assert trade_of_code("16.101") is TRADES["sawmill"]
    assert trade_of_code("16.230") is TRADES["wood"]
    assert trade_of_code("31.090") is TRADES["wood"]
    assert trade_of_code("10.710") is TRADES["food"]
    assert trade_of_code("25.620") is TRADES["metal"]
    assert trade_of_code("52.100") is TRADES["logistics"]
    assert trade_of_code("62.010") is TRADES["services"]
