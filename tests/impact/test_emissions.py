"""Energy to kWh and CO2e with dated factors, worked by hand (docs/impact.md,
"Energy, material and emissions")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from dipps.impact import emissions as em
from dipps.impact.emissions import EmissionsError, Method

SHIPPED = em.shipped()


def fig(carrier, quantity, unit, year, method=Method.MARKET, **kw):
    return em.figure(
        SHIPPED, carrier=carrier, quantity=D(quantity), unit=unit, year=year, method=method, **kw
    )


def test_every_shipped_factor_names_its_source_and_year():
    assert len(SHIPPED) >= 10
    for factor in SHIPPED:
        assert factor.source.strip() and 1990 <= factor.year <= 2100
    carriers = {f.carrier for f in SHIPPED}
    assert {"electricity", "district_heating", "diesel", "petrol", "heating_oil"} <= carriers
    assert {"lpg", "natural_gas", "wood_pellets"} <= carriers


def test_electricity_market_based_2023():
    # 10,000 kWh × 524.10 g/kWh = 5,241,000 g = 5,241.00 kg
    f = fig("electricity", "10000", "kWh", 2023)
    assert f.kwh == D(10000)
    assert em.round2(f.kg_co2e) == D("5241.00")
    assert f.factor_year == 2023 and "residual mix 2023" in f.source
    assert f.method is Method.MARKET


def test_electricity_location_based():
    # 10,000 kWh × 90 g/kWh = 900 kg, whatever the year from 2019
    f = fig("electricity", "10000", "kWh", 2023, Method.LOCATION)
    assert em.round2(f.kg_co2e) == D("900.00") and f.factor_year == 2019


def test_diesel_litres():
    # 1,000 l × 9.8 kWh/l = 9,800 kWh; × 266 g/kWh = 2,606,800 g = 2,606.80 kg
    f = fig("diesel", "1000", "litre", 2024)
    assert f.kwh == D("9800.0")
    assert em.round2(f.kg_co2e) == D("2606.80")


def test_other_units():
    # 2.5 MWh of district heating = 2,500 kWh × 60 g = 150 kg
    assert em.round2(fig("district_heating", "2.5", "MWh", 2024).kg_co2e) == D("150.00")
    # 1,000 m³ natural gas × 11.0 = 11,000 kWh × 203 g = 2,233 kg
    gas = fig("natural_gas", "1000", "m3", 2024)
    assert gas.kwh == D("11000.0") and em.round2(gas.kg_co2e) == D("2233.00")
    # 2,000 kg pellets × 4.7 = 9,400 kWh, biogenic: 0 kg
    pellets = fig("wood_pellets", "2000", "kg", 2024)
    assert pellets.kwh == D("9400.0") and pellets.kg_co2e == 0
    # 500 kg gasol × 12.8 = 6,400 kWh × 229 g = 1,465.60 kg
    assert em.round2(fig("lpg", "500", "kg", 2024).kg_co2e) == D("1465.60")


def test_local_district_heating_factor_replaces_the_default():
    # 50,000 kWh × 45.5 g = 2,275 kg
    f = fig(
        "district_heating", "50000", "kWh", 2024, own_g_per_kwh=D("45.5"), own_source="Jämtkraft"
    )
    assert em.round2(f.kg_co2e) == D("2275.00") and f.factor_year is None
    assert f.source == "Jämtkraft"


@pytest.mark.parametrize(
    ("year", "factor_year", "g"),
    [
        (2019, 2019, "338.53"),
        (2020, 2019, "338.53"),  # no 2020 row: the latest before it
        (2021, 2021, "371.99"),
        (2022, 2021, "371.99"),
        (2023, 2023, "524.10"),
        (2030, 2023, "524.10"),  # after the last row: the latest published
    ],
)
def test_factor_year_selection(year, factor_year, g):
    f = em.factor_for(SHIPPED, "electricity", Method.MARKET, year)
    assert (f.year, f.g_per_kwh) == (factor_year, D(g))


def test_no_factor_before_the_first_year():
    with pytest.raises(EmissionsError, match="no market factor for electricity in 2018"):
        em.factor_for(SHIPPED, "electricity", Method.MARKET, 2018)
    with pytest.raises(EmissionsError, match="no location factor for coal"):
        em.factor_for(SHIPPED, "coal", Method.LOCATION, 2024)


def test_a_method_specific_row_wins_over_a_generic_one_of_the_same_year():
    factors = em.parse_factors(
        "carrier,method,year,unit,kwh_per_unit,g_co2e_per_kwh,source\n"
        "x,,2020,kWh,1,10,A\nx,market,2020,kWh,1,20,B\n"
    )
    assert em.factor_for(factors, "x", Method.MARKET, 2021).source == "B"
    assert em.factor_for(factors, "x", Method.LOCATION, 2021).source == "A"


def test_wrong_unit():
    with pytest.raises(EmissionsError, match="diesel is counted in litre, kWh or MWh, not kg"):
        fig("diesel", "10", "kg", 2024)


HEADER = "carrier,method,year,unit,kwh_per_unit,g_co2e_per_kwh,source\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,,2020,kWh,1,10,", "line 4: source is empty"),
        ("x,,20,kWh,1,10,A", "line 4: year '20' must be a year"),
        ("x,both,2020,kWh,1,10,A", "line 4: method 'both'"),
        ("x,,2020,kWh,0,10,A", "line 4: kwh_per_unit must be more than 0"),
        ("x,,2020,kWh,1,-1,A", "line 4: g_co2e_per_kwh '-1' must be a number ≥ 0"),
        ("x,,2020,kWh,1,ten,A", "line 4: g_co2e_per_kwh 'ten' is not a number"),
        ("x,,2020,kWh,1,10", "line 4: expected 7 columns, found 6"),
        ("y,,2020,kWh,1,10,A", "line 4: y both methods 2020 twice"),
    ],
)
def test_bad_factor_rows(row, message):
    with pytest.raises(EmissionsError) as raised:
        em.parse_factors("# comment\n" + HEADER + "y,,2020,kWh,1,10,A\n" + row + "\n")
    assert str(raised.value).startswith(message)


def test_bad_header():
    with pytest.raises(EmissionsError, match="line 1: the header must be"):
        em.parse_factors("carrier,year\n")


def test_realised_against_expected():
    # Completed 2024: before = 2023, after = 2025.
    # 2023: 200,000 kWh, 30,000 kg CO2e (0.15 kg/kWh), 100 t material
    # 2025: 185,000 kWh, 27,000 kg, 96 t, 1.25 kr/kWh
    # expected 20,000 kWh → 20,000 × 0.15 = 3,000 kg = 3 t; × 1.25 = 25,000 kr
    # measured 15,000 kWh, 4 t, 3 tCO2e, 18,750 kr
    years = {
        2023: em.YearTotals(D(200000), D(30000), D(100)),
        2025: em.YearTotals(D(185000), D(27000), D(96), D("1.25")),
    }
    item = em.Expected(7, dt.date(2024, 5, 10), D(20000), D(5))
    (c,) = em.realised([item], years)
    assert (c.before_year, c.after_year) == (2023, 2025)
    assert c.expected_t_co2e == D(3) and c.expected_sek == D(25000)
    assert c.expected_tonnes == D(5)
    assert c.measured_kwh == D(15000) and c.measured_tonnes == D(4)
    assert c.measured_t_co2e == D(3) and c.measured_sek == D("18750.00")


def test_realised_without_a_year_or_a_price():
    years = {2023: em.YearTotals(D(1000), D(100), D(1))}
    (c,) = em.realised([em.Expected(1, dt.date(2024, 1, 1), D(10), None)], years)
    assert c.measured_kwh is None and c.measured_sek is None and c.expected_sek is None
    assert c.expected_t_co2e == D("0.001")  # 10 kWh × 0.1 kg/kWh / 1000 = 0.001 t
