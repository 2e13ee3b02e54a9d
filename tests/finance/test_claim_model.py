"""The claim's figures from the pure core, against values worked out by hand.

Anna earns 42,000 SEK a month in her first project month, 2024-03. Her unit cost:
42000 × 12 / 1720 = 504000 / 1720 = 293.0232558… → 293.02 per hour, for k = 0, that is until
twelve months have passed: 2025-02 is 12·1 + (2 − 3) = 11 months after 2024-03 (k = 0), 2025-03
is 12 months after (k = 1): 293.0232558… × 1.024 = 300.0558139… → 300.06. Rounding once, at the
end, matters: raising the rounded 293.02 would give 300.05248 → 300.05. 2026-03 (k = 2):
293.0232558… × 1.024² = 307.2571534… → 307.26.
"""

from decimal import Decimal as D

import pytest

from dipps.finance import claim_model as cm
from dipps.finance.claim_model import ClaimInput, ClaimInputError, InKind, Month, Staff


def anna(**hours):
    return {
        "person": "Anna",
        "monthly_salary": 42000,
        "first_month": "2024-03",
        "hours": {month.replace("_", "-")[1:]: h for month, h in hours.items()},
    }


def parse(**top):
    return cm.parse_claim({"cost_model": "staff_plus_40", "staff": [anna(m2025_01=80)], **top})


def test_the_unit_cost_is_a_twelfth_of_1720_hours_of_a_year_of_salary():
    assert cm.unit_cost(D(42000), Month(2024, 3), Month(2025, 1), D("2.4")) == D("293.02")


def test_the_twelfth_month_keeps_the_first_unit_cost_and_the_thirteenth_is_raised():
    first = Month(2024, 3)
    assert cm.unit_cost(D(42000), first, Month(2025, 2), D("2.4")) == D("293.02")  # month 11
    assert cm.unit_cost(D(42000), first, Month(2025, 3), D("2.4")) == D("300.06")  # month 12
    assert cm.unit_cost(D(42000), first, Month(2026, 3), D("2.4")) == D("307.26")  # month 24


def test_the_example_row_of_the_contract():
    result = cm.compute(parse())
    (row,) = result.staff_rows
    assert (row.person, str(row.month), row.unit_cost, row.hours, row.amount) == (
        "Anna",
        "2025-01",
        D("293.02"),
        D(80),
        D("23441.60"),
    )


def test_staff_plus_40_by_hand():
    # 80 h × 293.02 = 23441.60; 62.5 h × 293.02 = 18313.75; 10 h × 300.06 = 3000.60.
    # Staff 44755.95; flat rate 40 % = 17902.38 (17902.38 exactly); eligible 62658.33;
    # income 5000.00 → net 57658.33; EU 40 % = 23063.332 → 23063.33.
    claim = cm.parse_claim(
        {
            "cost_model": "staff_plus_40",
            "staff": [{**anna(), "hours": {"2025-03": 10, "2025-01": 80, "2025-02": D("62.5")}}],
            "income": D("5000.00"),
        }
    )
    result = cm.compute(claim)
    assert [str(r.month) for r in result.staff_rows] == ["2025-01", "2025-02", "2025-03"]
    assert [r.amount for r in result.staff_rows] == [D("23441.60"), D("18313.75"), D("3000.60")]
    assert result.staff_total == D("44755.95")
    assert result.flat_rate == D("17902.38")
    assert result.eligible_costs == D("62658.33")
    assert result.net_eligible_costs == D("57658.33")
    assert result.eu_support == D("23063.33")


def test_staff_plus_15_actual_by_hand():
    # 100 h × 293.02 = 29302.00; 15 % (the default) = 4395.30; purchases 10000.50 + 1200 + 0
    # + 3000 = 14200.50; eligible 47897.80; income 2000 → 45897.80; EU 40 % = 18359.12.
    claim = cm.parse_claim(
        {
            "cost_model": "staff_plus_15_actual",
            "staff": [anna(m2025_01=100)],
            "purchases": {"external_services": D("10000.50"), "travel": 1200, "premises": 3000},
            "income": 2000,
        }
    )
    result = cm.compute(claim)
    assert result.flat_rate == D("4395.30")
    assert result.purchases == {
        "external_services": D("10000.50"),
        "travel": D("1200.00"),
        "investments": D("0.00"),
        "premises": D("3000.00"),
    }
    assert result.eligible_costs == D("47897.80")
    assert result.net_eligible_costs == D("45897.80")
    assert result.eu_support == D("18359.12")


def test_a_row_is_rounded_half_up_to_ore():
    # 0.75 h × 293.02 = 219.765 → 219.77 (half-even would give 219.76).
    assert cm.compute(parse(staff=[anna(m2025_01=D("0.75"))])).staff_rows[0].amount == D("219.77")


def test_rows_are_sorted_by_person_then_month():
    bo = {
        "person": "Bo",
        "monthly_salary": 34400,
        "first_month": "2025-01",
        "hours": {"2025-01": 1},
    }
    result = cm.compute(parse(staff=[bo, anna(m2025_02=1, m2025_01=1)]))
    assert [(r.person, str(r.month)) for r in result.staff_rows] == [
        ("Anna", "2025-01"),
        ("Anna", "2025-02"),
        ("Bo", "2025-01"),
    ]
    assert result.staff_rows[2].unit_cost == D("240.00")  # 34400 × 12 / 1720 = 240 exactly


def test_income_larger_than_the_costs_leaves_nothing_to_pay():
    # Eligible: 23441.60 + 9376.64 = 32818.24, less than the income.
    result = cm.compute(parse(income=40000))
    assert result.eligible_costs == D("32818.24")
    assert (result.net_eligible_costs, result.eu_support) == (D("0.00"), D("0.00"))


def test_in_kind_is_summed_public_and_private_apart():
    # Public: 10 h × 350 = 3500.00 and 3 h × 333.33 = 999.99 → 4499.99;
    # private: 2.5 h × 410.10 = 1025.25. Total 5525.24. In kind does not change the costs.
    lines = [
        {"contributor": "Kommunen", "public": True, "hours": 10, "hourly_rate": 350},
        {
            "contributor": "Exempel AB",
            "public": False,
            "hours": D("2.5"),
            "hourly_rate": D("410.10"),
        },
        {"contributor": "Regionen", "public": True, "hours": 3, "hourly_rate": D("333.33")},
    ]
    result = cm.compute(parse(in_kind=lines))
    assert (result.in_kind_public, result.in_kind_private) == (D("4499.99"), D("1025.25"))
    assert result.in_kind_total == D("5525.24")
    assert result.eligible_costs == D("32818.24")


@pytest.mark.parametrize(
    "model,rate,allowed",
    [
        ("staff_plus_40", D(0), False),
        ("staff_plus_40", D("0.01"), True),
        ("staff_plus_40", D(40), True),
        ("staff_plus_40", D("40.01"), False),
        ("staff_plus_15_actual", D(0), True),
        ("staff_plus_15_actual", D(15), True),
        ("staff_plus_15_actual", D("15.01"), False),
    ],
)
def test_the_flat_rate_stays_in_its_models_range(model, rate, allowed):
    claim = ClaimInput(cost_model=model, staff=(), flat_rate_percent=rate)
    if allowed:
        assert cm.compute(claim).flat_rate == D("0.00")
    else:
        with pytest.raises(ClaimInputError) as error:
            cm.compute(claim)
        assert error.value.field == "flat_rate_percent"


def test_the_defaults_of_the_contract():
    claim = cm.parse_claim({"cost_model": "staff_plus_15_actual", "staff": []})
    assert cm.flat_rate_percent(claim) == 15
    assert (claim.uplift_percent, claim.eu_rate_percent, claim.income) == (D("2.4"), 40, 0)
    assert cm.flat_rate_percent(parse()) == 40


def test_a_typed_input_computes_without_json():
    staff = Staff("Anna", D(42000), Month(2024, 3), {Month(2025, 3): D(1)})
    claim = ClaimInput(
        cost_model="staff_plus_40",
        staff=(staff,),
        in_kind=(InKind("Exempel AB", False, D(1), D(100)),),
    )
    result = cm.compute(claim)
    assert result.staff_total == D("300.06")
    assert result.in_kind_private == D("100.00")


BAD_INPUTS = [
    ({"cost_model": "actual_costs"}, "cost_model"),
    ({"flat_rate_percent": 41}, "flat_rate_percent"),
    ({"flat_rate_percent": 0}, "flat_rate_percent"),
    ({"cost_model": "staff_plus_15_actual", "flat_rate_percent": 16}, "flat_rate_percent"),
    ({"purchases": {"travel": 100}}, "purchases.travel"),
    (
        {"cost_model": "staff_plus_15_actual", "purchases": {"consultants": 1}},
        "purchases.consultants",
    ),
    ({"income": -1}, "income"),
    ({"income": "5000"}, "income"),
    ({"income": True}, "income"),
    ({"income": D("5000.001")}, "income"),
    ({"uplift_percent": -1}, "uplift_percent"),
    ({"eu_rate_percent": 101}, "eu_rate_percent"),
    ({"staff": [{**anna(), "monthly_salary": D("42000.005")}]}, "staff[0].monthly_salary"),
    ({"staff": [{**anna(), "monthly_salary": -42000}]}, "staff[0].monthly_salary"),
    ({"staff": [anna(m2025_02=-1)]}, "staff[0].hours.2025-02"),
    ({"staff": [anna(m2025_02="62,5")]}, "staff[0].hours.2025-02"),
    ({"staff": [{**anna(), "hours": {"2025-13": 1}}]}, "staff[0].hours.2025-13"),
    ({"staff": [{**anna(), "hours": {"2025-1": 1}}]}, "staff[0].hours.2025-1"),
    ({"staff": [{**anna(), "first_month": "mars 2024"}]}, "staff[0].first_month"),
    ({"staff": [anna(m2024_02=1)]}, "staff[0].hours.2024-02"),
    ({"staff": [anna(), anna()]}, "staff[1].person"),
    (
        {"in_kind": [{"contributor": "A", "hours": 1, "hourly_rate": D("1.999")}]},
        "in_kind[0].hourly_rate",
    ),
    ({"in_kind": [{"contributor": "A", "hours": -1, "hourly_rate": 1}]}, "in_kind[0].hours"),
    ({"flat_rate_procent": 40}, "flat_rate_procent"),
]


@pytest.mark.parametrize("change,field", BAD_INPUTS)
def test_a_bad_input_is_refused_naming_its_field(change, field):
    with pytest.raises(ClaimInputError) as error:
        cm.compute(parse(**change))
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ")


def test_json_that_is_no_json_is_refused_with_its_line():
    with pytest.raises(ClaimInputError, match="not valid JSON.*line 2"):
        cm.loads('{"cost_model":\n "staff_plus_40",}')
    with pytest.raises(ClaimInputError, match="NaN is not a number"):
        cm.loads('{"cost_model": "staff_plus_40", "income": NaN}')
