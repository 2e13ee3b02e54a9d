"""The one date rule of the cost ledger and the one shape of a selected row (pure)."""

from datetime import date
from decimal import Decimal as D

from dipps.finance import ledger, sie

from .test_ledger_rules import small_file

DATES = ledger.LedgerDates(
    date(2023, 9, 1),
    date(2028, 8, 31),
    ((date(2024, 1, 1), date(2024, 6, 30), 1), (date(2024, 7, 1), date(2024, 12, 31), 2)),
)


def test_a_date_outside_the_programme_period_is_outside():
    assert [DATES.outside(d) for d in (date(2023, 8, 31), date(2023, 9, 1))] == [True, False]
    assert [DATES.outside(d) for d in (date(2028, 8, 31), date(2028, 9, 1))] == [False, True]


def test_a_claimed_period_is_named_by_its_number_both_ends_included():
    days = (date(2023, 12, 31), date(2024, 1, 1), date(2024, 6, 30), date(2024, 12, 31))
    assert [DATES.claimed_period(d) for d in days] == [None, 1, 1, 2]
    assert DATES.claimed_period(date(2025, 1, 1)) is None


def test_the_refused_dates_are_those_outside_or_claimed_each_once():
    days = [date(2023, 8, 1), date(2024, 3, 1), date(2024, 3, 1), date(2025, 2, 1)]
    assert DATES.refused(days) == {date(2023, 8, 1), date(2024, 3, 1)}
    assert DATES.refused(iter([date(2025, 2, 1)])) == set()


def test_extract_reads_the_same_rows_whether_or_not_transactions_were_built():
    mapping = ledger.Mapping(ledger.default_rules())
    selection = ledger.Selection("6", "P1")
    compact = ledger.extract(small_file(), selection, mapping)
    built = small_file()
    for v in built.vouchers:
        assert v.transactions  # builds the Transaction objects first
    assert ledger.extract(built, selection, mapping) == compact
    assert compact.rows[0] == ledger.LedgerRow(
        "20240101/A/1/0", "A", "1", date(2024, 3, 5), "7010", "staff", D("30000"), "Lön mars"
    )


def test_a_ledger_row_keeps_what_the_ledger_columns_hold_and_the_full_key():
    text = (
        '#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#VER SERIES-LONGER-THAN-20 7 20240305 "'
        + "x" * 250
        + '"\n{\n#TRANS 7010 {6 P1} 100.00\n#TRANS 1930 {} -100.00\n}\n'
    )
    parsed = sie.parse_bytes(text.encode("utf-8"))
    out = ledger.extract(
        parsed, ledger.Selection("6", "P1"), ledger.Mapping(ledger.default_rules())
    )
    (row,) = out.rows
    assert row.key == "20240101/SERIES-LONGER-THAN-20/7/0"
    assert (row.series, len(row.text)) == ("SERIES-LONGER-THAN-2", 200)
