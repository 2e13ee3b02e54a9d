"""The payback core on hand-worked examples (docs/competence.md, "Worked examples").

Each expected value was computed independently of the code under test: the NPV with exact
fractions, −I + Σ S/(1+r)^t + R/(1+r)^n term by term, and the IRR by Newton's method in
floating point (r ← r − NPV(r)/NPV′(r) from r = 10 %), then rounded by hand:

1. The contract's example: S = 1600 × 420 + 0 − 40 000 = 632 000; payback 1 200 000 / 632 000
   = 1.8987… → 1.90; NPV at 6 % over 7 years = 632 000 × 5.582381… − 1 200 000
   = 2 328 065.0698… → 2 328 065.07; IRR (Newton) 49.5132781… % → 49.51.
2. A residual value: S = 400 × 400 + 10 000 − 20 000 = 150 000; payback 500 000 / 150 000
   = 3.33; NPV at 8 % over 5 years = 150 000 × 3.992710… + 100 000 / 1.08^5 − 500 000
   = 166 964.8252… → 166 964.83; IRR (Newton) 19.0458899… % → 19.05.
3. No saving: S = 100 × 400 − 80 000 = −40 000: no payback; NPV at 6 % over 5 years =
   −300 000 − 40 000 × 4.212363… = −468 494.5514… → −468 494.55; every cash flow is
   negative, so no rate makes the NPV zero: no IRR.
"""

from decimal import Decimal

import pytest

from dipps.automation import payback
from dipps.automation.payback import Investment, Payback

D = Decimal


def example(**changes) -> Investment:
    values = {
        "investment": D(1200000),
        "annual_operating_cost": D(40000),
        "hours_saved_per_year": D(1600),
        "hourly_labour_cost": D(420),
        "other_annual_savings": D(0),
        "years": 7,
        "discount_rate_percent": D(6),
        "residual_value": D(0),
    }
    return Investment(**{**values, **changes})


def test_the_contract_example_gives_the_hand_worked_figures():
    assert payback.result(example()) == Payback(
        annual_saving=D("632000.00"),
        payback_years=D("1.90"),
        npv=D("2328065.07"),
        irr_percent=D("49.51"),
    )


def test_a_residual_value_counts_in_the_last_year():
    inv = Investment(
        investment=D(500000),
        annual_operating_cost=D(20000),
        hours_saved_per_year=D(400),
        hourly_labour_cost=D(400),
        other_annual_savings=D(10000),
        years=5,
        discount_rate_percent=D(8),
        residual_value=D(100000),
    )
    assert payback.result(inv) == Payback(D("150000.00"), D("3.33"), D("166964.83"), D("19.05"))


def test_a_step_that_saves_nothing_has_no_payback_and_no_irr():
    inv = Investment(
        investment=D(300000),
        annual_operating_cost=D(80000),
        hours_saved_per_year=D(100),
        hourly_labour_cost=D(400),
        years=5,
        discount_rate_percent=D(6),
    )
    assert payback.result(inv) == Payback(D("-40000.00"), None, D("-468494.55"), None)


def test_a_saving_of_exactly_zero_has_no_payback():
    inv = example(annual_operating_cost=D(672000))
    assert payback.annual_saving(inv) == 0
    assert payback.result(inv).payback_years is None
    assert payback.result(inv).irr_percent is None
    assert payback.result(inv).npv == D("-1200000.00")


def test_the_irr_makes_the_npv_zero_and_the_discount_rate_at_the_irr_gives_it():
    irr = payback.irr_percent(example())
    assert abs(payback.npv_at(example(), irr / 100)) < D("0.01")
    at_irr = payback.result(example(discount_rate_percent=D("49.5132781")))
    assert abs(at_irr.npv) < D(1)


def test_an_irr_above_1000_percent_is_none():
    # 1 000 invested for 672 000 a year: the rate is far above the contract's interval.
    assert payback.irr_percent(example(investment=D(1000))) is None


def test_a_negative_saving_paid_back_by_the_residual_value_has_one_irr():
    # −100 000, then −1 000 a year for two years and +150 000 residual: flows −100 000,
    # −1 000, 149 000. NPV(r) = 0 ↔ 100 000 (1+r)² + 1 000 (1+r) − 149 000 = 0, so
    # 1 + r = (−1 000 + √(10⁶ + 4 × 10⁵ × 1.49 × 10⁵)) / 200 000 = 1.2157…, IRR 21.57 %.
    inv = Investment(
        investment=D(100000),
        annual_operating_cost=D(1000),
        hours_saved_per_year=D(0),
        hourly_labour_cost=D(0),
        years=2,
        discount_rate_percent=D(0),
        residual_value=D(150000),
    )
    assert payback.result(inv).irr_percent == D("21.57")
    assert payback.result(inv).payback_years is None
    assert payback.result(inv).npv == D("48000.00")


def test_no_investment_and_no_flows_has_no_irr():
    zero = Investment(D(0), D(0), D(0), 1, D(0))
    assert payback.result(zero) == Payback(D("0.00"), None, D("0.00"), None)


def test_a_zero_discount_rate_sums_the_flows():
    assert payback.npv(example(discount_rate_percent=D(0))) == 632000 * 7 - 1200000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"investment": D(-1)}, "investment"),
        ({"hourly_labour_cost": D("-0.01")}, "hourly_labour_cost"),
        ({"residual_value": D(-5)}, "residual_value"),
        ({"years": 0}, "years"),
        ({"years": 101}, "years"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(changes, field):
    with pytest.raises(payback.PaybackInputError) as error:
        payback.result(example(**changes))
    assert error.value.field == field
