from datetime import date
from decimal import Decimal as D

import pytest

from dipps.finance import ledger, sie, sie_writer
from dipps.finance.sie_writer import Row, Ver


@pytest.fixture
def mapping():
    return ledger.Mapping(ledger.default_rules())


@pytest.mark.parametrize(
    "account, category",
    [
        ("7010", "staff"),
        ("7510", "staff"),
        ("7832", ""),  # depreciation is never a programme cost
        ("6550", "external_services"),
        ("6610", "external_services"),
        ("5800", "travel"),
        ("5410", "investments"),
        ("1220", "investments"),
        ("5010", ""),  # rent: covered by the flat rate
        ("3001", ""),
    ],
)
def test_the_default_bas_mapping(mapping, account, category):
    assert mapping.category(account) == category


def test_an_account_list_accepts_single_accounts_and_ranges():
    assert ledger.parse_account_list("7010 7510, 6540-6559") == [
        (7010, 7010),
        (7510, 7510),
        (6540, 6559),
    ]
    with pytest.raises(ValueError):
        ledger.parse_account_list("70x0")


def small_file() -> sie.SieFile:
    vouchers = [
        Ver(
            "A",
            "1",
            date(2024, 3, 5),
            "Lön mars",
            [
                Row("7010", D("30000"), (("6", "P1"),)),
                Row("7510", D("9426"), (("6", "P1"),)),
                Row("7010", D("5000"), (("6", "P2"),)),
                Row("1930", D("-44426")),
            ],
        ),
        Ver(
            "B",
            "7",
            date(2024, 4, 1),
            "Avskrivning",
            [Row("7832", D("1000"), (("6", "P1"),)), Row("1229", D("-1000"))],
        ),
    ]
    data = sie_writer.write(
        company="Partner AB",
        orgnr="556036-0793",
        years=[(date(2024, 1, 1), date(2024, 12, 31))],
        accounts={"7010": "Löner", "7510": "Arbetsgivaravgifter", "1930": "Bank"},
        vouchers=vouchers,
    )
    return sie.parse_bytes(data, "p.se")


def test_rows_on_the_project_object_become_ledger_rows_with_natural_keys(mapping):
    out = ledger.extract(small_file(), ledger.Selection("6", "P1"), mapping)
    assert [(r.key, r.category, r.amount) for r in out.rows] == [
        ("20240101/A/1/0", "staff", D("30000.00")),
        ("20240101/A/1/1", "staff", D("9426.00")),
    ]
    assert out.selected == 3
    assert out.not_eligible == 1


def test_an_account_list_selects_rows_without_a_project_object(mapping):
    out = ledger.extract(small_file(), ledger.Selection(accounts=((7010, 7010),)), mapping)
    assert [r.amount for r in out.rows] == [D("30000.00"), D("5000.00")]
