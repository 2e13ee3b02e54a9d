from decimal import Decimal as D

from dipps.finance import budget
from dipps.finance.budget import BudgetLine, FinancierShare, FinancingLine

FINANCIERS = [
    FinancierShare("IUC", D(10)),
    FinancierShare("Region", D(50)),
    FinancierShare("ERUF", D(40)),
]


def lines_2024():
    return [
        BudgetLine(2024, "Region", "staff", D("1000000")),
        BudgetLine(2024, "Region", "external_services", D("200000")),
        BudgetLine(2024, "IUC", "staff", D("400000")),
        BudgetLine(2024, "IUC", "travel", D("50000")),
        BudgetLine(2024, "IUC", "in_kind", D("100000")),
    ]


def test_the_flat_rate_is_fifteen_percent_of_staff_costs_rounded_to_ore():
    assert budget.flat_rate(D("1000.05"), D(15)) == D("150.01")
    assert budget.flat_rate(D("1000000"), D(15)) == D("150000.00")


def test_totals_add_the_flat_rate_per_partner_and_year():
    totals = budget.budget_totals(lines_2024(), D(15))
    assert totals.by_year[2024]["indirect"] == D("210000.00")
    assert totals.by_partner["IUC"]["indirect"] == D("60000.00")
    assert totals.total == D("1960000.00")


def test_a_plan_that_adds_up_has_no_problems():
    # Costs 1 960 000, of them 100 000 in kind: the cash financiers share 1 860 000
    # (10/50/40 %), the in-kind costs are financed by the contributions in kind.
    financing = [
        FinancingLine("IUC", 2024, D("186000")),
        FinancingLine("Region", 2024, D("930000")),
        FinancingLine("ERUF", 2024, D("744000")),
    ]
    problems = budget.budget_problems(
        lines=lines_2024(), financing=financing, financiers=FINANCIERS, rate_percent=D(15)
    )
    assert problems == []


def test_it_names_the_year_where_financing_does_not_equal_costs():
    financing = [
        FinancingLine("IUC", 2024, D("186000")),
        FinancingLine("Region", 2024, D("930000")),
        FinancingLine("ERUF", 2024, D("740000")),
    ]
    problems = budget.budget_problems(
        lines=lines_2024(), financing=financing, financiers=FINANCIERS, rate_percent=D(15)
    )
    assert problems[0] == (
        "year_not_financed",
        {
            "year": 2024,
            "costs": D("1860000.00"),
            "financing": D("1856000"),
            "in_kind": D("100000.00"),
        },
    )


def test_in_kind_costs_are_not_financed_pro_rata_by_the_cash_financiers():
    # The old rule: 1 960 000 × 10/50/40 %. The in-kind 100 000 is then financed twice.
    financing = [
        FinancingLine("IUC", 2024, D("196000")),
        FinancingLine("Region", 2024, D("980000")),
        FinancingLine("ERUF", 2024, D("784000")),
    ]
    problems = budget.budget_problems(
        lines=lines_2024(), financing=financing, financiers=FINANCIERS, rate_percent=D(15)
    )
    assert problems == [
        (
            "year_not_financed",
            {
                "year": 2024,
                "costs": D("1860000.00"),
                "financing": D("1960000"),
                "in_kind": D("100000.00"),
            },
        )
    ]


def test_an_in_kind_financier_must_match_the_in_kind_costs_and_stays_out_of_the_shares():
    financiers = [*FINANCIERS, FinancierShare("Företagen i natura", D(0), in_kind=True)]
    cash = [
        FinancingLine("IUC", 2024, D("186000")),
        FinancingLine("Region", 2024, D("930000")),
        FinancingLine("ERUF", 2024, D("744000")),
    ]
    matched = [*cash, FinancingLine("Företagen i natura", 2024, D("100000"))]
    assert (
        budget.budget_problems(
            lines=lines_2024(), financing=matched, financiers=financiers, rate_percent=D(15)
        )
        == []
    )
    short = [*cash, FinancingLine("Företagen i natura", 2024, D("99999.99"))]
    assert budget.budget_problems(
        lines=lines_2024(), financing=short, financiers=financiers, rate_percent=D(15)
    ) == [
        (
            "in_kind_not_matched",
            {"year": 2024, "in_kind": D("100000.00"), "financing": D("99999.99")},
        )
    ]


def test_cash_shares_are_taken_among_the_cash_financiers():
    # 90 % cash (Region 50, ERUF 40) and an in-kind financier with 10 %: of the cash
    # financing 1 860 000, Region 50/90 = 1 033 333.33 and ERUF 40/90 = 826 666.67.
    financiers = [
        FinancierShare("Region", D(50)),
        FinancierShare("ERUF", D(40)),
        FinancierShare("IUC", D(10), in_kind=True),
    ]
    financing = [
        FinancingLine("Region", 2024, D("1033333.33")),
        FinancingLine("ERUF", 2024, D("826666.67")),
        FinancingLine("IUC", 2024, D("100000")),
    ]
    assert (
        budget.budget_problems(
            lines=lines_2024(), financing=financing, financiers=financiers, rate_percent=D(15)
        )
        == []
    )


def test_it_names_the_financier_whose_share_does_not_match():
    financing = [
        FinancingLine("IUC", 2024, D("286000")),
        FinancingLine("Region", 2024, D("830000")),
        FinancingLine("ERUF", 2024, D("744000")),
    ]
    problems = budget.budget_problems(
        lines=lines_2024(), financing=financing, financiers=FINANCIERS, rate_percent=D(15)
    )
    keys = [(k, v["name"]) for k, v in problems]
    assert keys == [("share_mismatch", "IUC"), ("share_mismatch", "Region")]
    assert problems[0][1]["expected"] == D("186000.00")
    assert problems[0][1]["actual_share"] == D("15.376")  # 286 000 / 1 860 000


def test_indirect_costs_cannot_be_entered_as_a_budget_line():
    problems = budget.budget_problems(
        lines=[BudgetLine(2024, "IUC", "indirect", D(10))],
        financing=[],
        financiers=FINANCIERS,
        rate_percent=D(15),
    )
    assert problems == [("indirect_entered", {"year": 2024, "partner": "IUC"})]


def test_financing_from_someone_who_is_not_a_financier_is_refused():
    problems = budget.budget_problems(
        lines=[],
        financing=[FinancingLine("Bank", 2024, D(1))],
        financiers=FINANCIERS,
        rate_percent=D(15),
    )
    assert problems == [("unknown_financier", {"name": "Bank"})]


def test_the_flat_rate_is_configurable():
    totals = budget.budget_totals([BudgetLine(2025, "X", "staff", D(1000))], D("7.5"))
    assert totals.by_category["indirect"] == D("75.00")
