from datetime import date
from decimal import Decimal as D

from dipps.indicators import core
from dipps.indicators.core import RelatedFigures, YearFigures

RATES = {2022: D("10"), 2023: D("11"), 2024: D("11")}


def test_the_latest_year_ended_before_first_support_decides():
    assert core.year_for(date(2024, 3, 1), [2022, 2023, 2024]) == 2023
    assert core.year_for(date(2023, 12, 31), [2022, 2023, 2024]) == 2023


def test_the_earliest_year_decides_when_none_had_ended():
    assert core.year_for(date(2021, 5, 1), [2023, 2022]) == 2022
    assert core.year_for(date(2021, 5, 1), []) is None


def test_a_firm_that_grew_counts_in_its_status_at_first_support():
    figures = [
        YearFigures(2022, 8, D("10000000"), D("5000000")),
        YearFigures(2023, 60, D("200000000"), D("100000000")),
        YearFigures(2024, D("60.5"), D("200000000"), D("100000000")),
    ]
    assert core.size_class_at(date(2023, 6, 1), figures, RATES) == "micro"
    # 2023 alone is medium; one year over does not change the status (annex art. 4(2)) …
    assert core.class_of_year(figures[1], RATES[2023]) == "medium"
    assert core.size_class_at(date(2024, 6, 1), figures, RATES) == "micro"
    # … two years in a row do: micro → medium twice → the nearer of the two, medium.
    assert core.size_class_at(date(2025, 6, 1), figures, RATES) == "medium"


def test_a_year_without_a_rate_starts_the_two_year_rule_again():
    figures = [YearFigures(2021, 8, D(1), D(1)), YearFigures(2022, 60, D(1), D(1))]
    assert core.size_class_at(date(2023, 6, 1), figures, RATES) == "medium"
    assert core.size_class_at(date(2022, 6, 1), figures, RATES) == "unknown"


def test_a_linked_enterprise_counts_in_full():
    figures = [YearFigures(2023, 8, D("10000000"), D("5000000"))]
    linked = [RelatedFigures("linked", D(60), 300, D("1"), D("1"))]
    assert core.size_class_at(date(2024, 1, 1), figures, RATES, linked) == "large"


def test_without_figures_the_stored_class_or_unknown_is_used():
    assert core.size_class_at(date(2024, 1, 1), [], RATES, fallback="small") == "small"
    assert core.size_class_at(date(2024, 1, 1), [], RATES) == "unknown"


def test_the_breakdown_counts_each_class():
    assert core.breakdown(["micro", "micro", "large", "unknown"]) == {
        "total": 4,
        "micro": 2,
        "small": 0,
        "medium": 0,
        "large": 1,
        "unknown": 1,
    }


def test_the_deciding_year_follows_the_firms_own_fiscal_year_end():
    # Fiscal years ending 30 June: fiscal year 2024 ended on 2024-06-30.
    assert core.year_for(date(2024, 6, 30), [2023, 2024, 2025], "06-30") == 2024
    assert core.year_for(date(2024, 6, 29), [2023, 2024, 2025], "06-30") == 2023
    # Calendar years: on 2024-06-30, 2024 has not ended yet.
    assert core.year_for(date(2024, 6, 30), [2023, 2024, 2025]) == 2023


def test_the_fallback_adds_a_related_enterprise_only_in_its_own_year():
    figures = [YearFigures(2023, 8, D("1"), D("1")), YearFigures(2024, 8, D("1"), D("1"))]
    linked_2023 = [RelatedFigures("linked", D(60), 300, D("1"), D("1"), 2023)]
    assert core.class_of_year(figures[0], RATES[2023], linked_2023) == "large"  # 308 AWU
    assert core.class_of_year(figures[1], RATES[2024], linked_2023) == "micro"
