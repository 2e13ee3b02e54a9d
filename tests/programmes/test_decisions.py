from datetime import date
from decimal import Decimal as D

from dipps.programmes.decisions import (
    Body,
    Share,
    Thresholds,
    decision_problems,
    financing_problems,
    required_decision,
)

LIMITS = Thresholds(D("500000"), D("10000000"))


def test_a_programme_with_own_cofinancing_at_the_limit_may_be_decided_by_the_director():
    d = required_decision(
        total_budget=D("4000000"), owner_cofinancing=D("500000"), thresholds=LIMITS
    )
    assert d.body == Body.REGIONAL_DIRECTOR
    assert d.before_start is False


def test_own_cofinancing_one_krona_over_the_limit_goes_to_the_board():
    d = required_decision(
        total_budget=D("4000000"), owner_cofinancing=D("500000.01"), thresholds=LIMITS
    )
    assert d.body == Body.REGIONAL_DEVELOPMENT_BOARD
    assert d.before_start is False


def test_a_budget_exactly_at_ten_million_does_not_need_the_board_by_size():
    d = required_decision(
        total_budget=D("10000000"), owner_cofinancing=D("100000"), thresholds=LIMITS
    )
    assert d.body == Body.REGIONAL_DIRECTOR


def test_dipps_itself_must_be_approved_by_the_board_before_it_starts():
    d = required_decision(
        total_budget=D("22185000"), owner_cofinancing=D("11092500"), thresholds=LIMITS
    )
    assert d.body == Body.REGIONAL_DEVELOPMENT_BOARD
    assert d.before_start is True
    assert d.reason == "total_budget_over_board_limit"


def test_thresholds_come_from_the_caller():
    d = required_decision(
        total_budget=D("4000000"),
        owner_cofinancing=D("600000"),
        thresholds=Thresholds(D("750000"), D("10000000")),
    )
    assert d.body == Body.REGIONAL_DIRECTOR


def test_a_decision_by_the_wrong_body_and_after_the_start_gives_two_warnings():
    required = required_decision(
        total_budget=D("22185000"), owner_cofinancing=D("11092500"), thresholds=LIMITS
    )
    problems = decision_problems(
        required=required,
        recorded_body="regional_director",
        decision_date=date(2023, 10, 1),
        start=date(2023, 9, 1),
    )
    assert problems == ["wrong_body", "decided_after_start"]


def test_a_matching_decision_before_the_start_has_no_problems():
    required = required_decision(
        total_budget=D("22185000"), owner_cofinancing=D("11092500"), thresholds=LIMITS
    )
    assert (
        decision_problems(
            required=required,
            recorded_body="regional_development_board",
            decision_date=date(2023, 6, 15),
            start=date(2023, 9, 1),
        )
        == []
    )


def test_a_missing_decision_is_reported():
    required = required_decision(total_budget=D("1"), owner_cofinancing=D("1"), thresholds=LIMITS)
    assert decision_problems(
        required=required, recorded_body="", decision_date=None, start=date(2023, 9, 1)
    ) == ["no_decision_recorded"]


DIPPS_SHARES = [
    Share("IUC Z-Group", D("10"), D("2218500")),
    Share("Region Jämtland Härjedalen", D("50"), D("11092500")),
    Share("ERUF", D("40"), D("8874000")),
]


def test_the_dipps_financing_plan_adds_up():
    assert financing_problems(D("22185000"), DIPPS_SHARES) == []


def test_shares_that_sum_to_99_percent_are_refused_with_the_sum():
    shares = [*DIPPS_SHARES[:2], Share("ERUF", D("39"), D("8874000"))]
    assert financing_problems(D("22185000"), shares) == [("shares_not_100", {"sum": D("99")})]


def test_amounts_that_miss_the_total_are_refused_with_both_figures():
    shares = [*DIPPS_SHARES[:2], Share("ERUF", D("40"), D("8873999"))]
    assert financing_problems(D("22185000"), shares) == [
        ("amounts_not_total", {"sum": D("22184999"), "total": D("22185000")})
    ]


def test_a_plan_without_financiers_is_refused():
    assert financing_problems(D("1000"), []) == [("no_financiers", {})]


def test_only_the_owners_own_money_counts_as_its_cofinancing():
    from dipps.programmes.decisions import Funding, owner_cofinancing

    fundings = [
        Funding(D("2218500"), "private", False),  # IUC Z-Group: not the owner
        Funding(D("11092500"), "state_appropriation", True),  # handled by the Region
        Funding(D("8874000"), "eu_fund", True),  # an EU fund is never the owner's own
        Funding(D("300000"), "region_municipality", True),
        Funding(D("200000"), "private", True),
    ]
    assert owner_cofinancing(fundings) == D("500000")
    assert owner_cofinancing(fundings[:3]) == D("0")


def test_a_state_appropriation_handled_by_the_owner_leaves_a_small_programme_with_the_director():
    from dipps.programmes.decisions import Funding, owner_cofinancing

    # 4 MSEK: 50 % state 1:1 appropriation via the Region, 10 % (400 000) the Region's own.
    fundings = [
        Funding(D("2000000"), "state_appropriation", True),
        Funding(D("400000"), "region_municipality", True),
        Funding(D("1600000"), "eu_fund", False),
    ]
    own = owner_cofinancing(fundings)
    assert own == D("400000")
    d = required_decision(total_budget=D("4000000"), owner_cofinancing=own, thresholds=LIMITS)
    assert d.body == Body.REGIONAL_DIRECTOR
    # Had the appropriation counted as own money (2.4 MSEK) the board would decide.
    d = required_decision(
        total_budget=D("4000000"), owner_cofinancing=D("2400000"), thresholds=LIMITS
    )
    assert d.body == Body.REGIONAL_DEVELOPMENT_BOARD
