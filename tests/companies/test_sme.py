import datetime as dt
from decimal import Decimal as D

import pytest

from dipps.companies import sme
from dipps.companies.sme import LINKED, PARTNER, Figures, Related, SizeClass


def classify(headcount, turnover, balance, related=()):
    return sme.classify(
        headcount=D(headcount), turnover_eur=D(turnover), balance_eur=D(balance), related=related
    )


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance", "expected"),
    [
        ("9", "2000000", "99000000", SizeClass.MICRO),  # turnover exactly at the ceiling
        ("9", "99000000", "2000000", SizeClass.MICRO),  # balance exactly at the ceiling
        ("9", "2000000.01", "2000000.01", SizeClass.SMALL),
        ("9.99", "100", "100", SizeClass.MICRO),
        ("10", "100", "100", SizeClass.SMALL),  # exactly 10 staff is not micro
        ("49", "10000000", "10000000", SizeClass.SMALL),
        ("50", "100", "100", SizeClass.MEDIUM),
        ("49", "10000000.01", "10000000.01", SizeClass.MEDIUM),
        ("249", "50000000", "43000000.01", SizeClass.MEDIUM),
        ("249", "50000000.01", "43000000", SizeClass.MEDIUM),
        ("249", "50000000.01", "43000000.01", SizeClass.LARGE),
        ("250", "100", "100", SizeClass.LARGE),
    ],
)
def test_size_class_thresholds_of_article_2(headcount, turnover, balance, expected):
    assert classify(headcount, turnover, balance) == expected


def test_size_class_compares_equal_to_its_stored_string():
    assert classify("3", "100", "100") == "micro"


def partner(share, headcount, turnover="0", balance="0", relation=PARTNER):
    return Related(relation, D(share), D(headcount), D(turnover), D(balance))


def test_a_partner_at_exactly_25_percent_adds_a_quarter_of_its_figures():
    own = Figures(D(8), D(1_000_000), D(1_000_000))
    result = sme.evaluate(own, [partner("25", "8", "4000000", "400000")])
    assert result.aggregated == Figures(D("10.00"), D("2000000.00"), D("1100000.00"))
    assert result.size_class == SizeClass.SMALL  # 10 AWU is no longer micro


def test_a_partner_at_exactly_50_percent_is_added_pro_rata_not_in_full():
    own = Figures(D(5), D(0), D(0))
    result = sme.evaluate(own, [partner("50", "8")])
    assert result.aggregated.headcount == D("9.00")
    assert result.size_class == SizeClass.MICRO


def test_a_linked_enterprise_is_added_in_full_whatever_the_share():
    own = Figures(D(5), D(1_000_000), D(500_000))
    result = sme.evaluate(own, [partner("51", "8", "1500000", "100000", relation=LINKED)])
    assert result.aggregated == Figures(D(13), D(2_500_000), D(600_000))
    assert result.size_class == SizeClass.SMALL


def test_partners_and_linked_enterprises_add_up():
    related = [
        partner("30", "100", "10000000", "10000000"),
        partner("100", "120", "30000000", "30000000", relation=LINKED),
    ]
    assert classify("40", "5000000", "5000000", related) == SizeClass.MEDIUM
    assert sme.aggregate(Figures(D(40), D(0), D(0)), related).headcount == D("190.00")


def test_a_partner_share_below_25_percent_is_refused_with_the_rule():
    with pytest.raises(sme.SmeInputError) as info:
        classify("5", "0", "0", [partner("24.99", "1")])
    assert str(info.value) == (
        "related enterprise 1: a partner enterprise has a share of 25-50 %, got 24.99 % "
        "(below 25 % it is not counted; above 50 % it is linked)."
    )


def test_a_partner_share_above_50_percent_is_refused():
    with pytest.raises(sme.SmeInputError, match="got 50.01 %"):
        classify("5", "0", "0", [partner("50.01", "1")])


def test_an_unknown_relation_is_refused():
    with pytest.raises(sme.SmeInputError, match="relation must be 'partner' or 'linked'"):
        classify("5", "0", "0", [partner("30", "1", relation="sister")])


def test_negative_figures_are_refused():
    with pytest.raises(sme.SmeInputError, match="headcount cannot be negative"):
        classify("-1", "0", "0")


@pytest.mark.parametrize(
    ("share", "expected"),
    [("24.99", None), ("25", PARTNER), ("50", PARTNER), ("50.01", LINKED), ("100", LINKED)],
)
def test_relation_for_share_follows_article_3(share, expected):
    assert sme.relation_for_share(D(share)) == expected


def test_sek_is_converted_with_a_sek_per_eur_rate_without_rounding():
    assert sme.sek_to_eur(D("11500000"), D("11.50")) == D("1000000")
    assert sme.sek_to_eur(D("100"), D("3")) == D("33.33333333333333333333333333")


def test_a_zero_rate_is_refused():
    with pytest.raises(sme.SmeInputError, match="must be positive"):
        sme.sek_to_eur(D(1), D(0))


RATES = [
    (dt.date(2024, 1, 1), D("11.10")),
    (dt.date(2024, 7, 1), D("11.40")),
    (dt.date(2025, 1, 1), D("11.50")),
]


def test_rate_for_picks_the_latest_rate_on_or_before_the_date():
    assert sme.rate_for(dt.date(2024, 6, 30), RATES) == D("11.10")
    assert sme.rate_for(dt.date(2024, 7, 1), RATES) == D("11.40")
    assert sme.rate_for(dt.date(2030, 1, 1), list(reversed(RATES))) == D("11.50")


def test_rate_for_a_date_before_every_rate_is_an_error_naming_the_dates():
    with pytest.raises(sme.MissingRateError) as info:
        sme.rate_for(dt.date(2023, 12, 31), RATES)
    assert str(info.value) == (
        "No EUR rate on or before 2023-12-31 (the earliest rate is dated 2024-01-01)."
    )


def test_rate_for_with_an_empty_table_is_an_error():
    with pytest.raises(sme.MissingRateError, match="No EUR rate on or before 2024-01-01."):
        sme.rate_for(dt.date(2024, 1, 1), [])
