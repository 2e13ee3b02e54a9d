"""The one BAS account table read by the cost ledger and the scenario planner."""

import pytest

from dipps.finance import bas, budget, ledger
from dipps.scenarios.sie_mapping import LINES, line_for


def write(tmp_path, text):
    path = tmp_path / "bas.csv"
    path.write_text("first,last,finance,scenario,note\n" + text, encoding="utf-8")
    return path


def test_the_shipped_table_names_only_known_categories_and_lines():
    rows = bas.read_table()
    assert {r.finance for r in rows} - {""} <= set(budget.ENTERED)
    assert {r.scenario for r in rows} - {""} <= set(LINES)


def test_each_reader_gets_the_ranges_of_its_own_column():
    assert bas.AccountRule(7800, 7899, "depreciation") in bas.rules("scenario")
    assert all(r.first != 7800 for r in bas.rules("finance"))  # blank: not a programme cost
    assert ledger.Mapping(ledger.default_rules()).category("7832") == ""
    assert line_for("7832") == "depreciation"
    with pytest.raises(ValueError):
        bas.rules("stateaid")


def test_a_range_that_overlaps_another_is_refused_with_both_lines(tmp_path):
    path = write(tmp_path, "7000,7999,staff,labour,\n5000,5999,,other,\n7800,7899,,,\n")
    with pytest.raises(ValueError, match=r"line 4 \(7800-7899\) overlaps the one on line 2"):
        bas.read_table(path)


def test_a_range_that_ends_before_it_starts_is_refused(tmp_path):
    with pytest.raises(ValueError, match="line 2 ends before it starts"):
        bas.read_table(write(tmp_path, "7999,7000,staff,labour,\n"))


def test_adjacent_ranges_are_read_in_account_order(tmp_path):
    rows = bas.read_table(write(tmp_path, "5001,5999,,other,b\n5000,5000,,electricity,a\n"))
    assert [(r.first, r.last, r.scenario, r.note) for r in rows] == [
        (5000, 5000, "electricity", "a"),
        (5001, 5999, "other", "b"),
    ]


@pytest.mark.parametrize(
    ("account", "finance", "scenario"),
    [
        ("7699", "staff", "labour"),  # the last staff account
        ("7700", "", "depreciation"),  # write-downs: not staff, not eligible
        ("7799", "", "depreciation"),
        ("7800", "", "depreciation"),  # depreciation: never eligible
        ("7900", "", "other"),  # other operating costs, e.g. currency losses
        ("7999", "", "other"),
    ],
)
def test_staff_is_7000_to_7699_only_in_both_readers(account, finance, scenario):
    assert ledger.Mapping(ledger.default_rules()).category(account) == finance
    assert line_for(account) == scenario
