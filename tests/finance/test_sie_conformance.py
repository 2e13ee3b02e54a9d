"""Every real SIE file in ../shared/testdata/sie/ is read, with facts checked by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dipps.finance.sie import SieFile, inspect_summary, parse_file

SIE_DIR = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "sie"

pytestmark = pytest.mark.skipif(
    not SIE_DIR.is_dir(), reason=f"shared SIE test data not found at {SIE_DIR}"
)


def sie_files() -> list[Path]:
    if not SIE_DIR.is_dir():
        return []
    return sorted(p for p in SIE_DIR.iterdir() if p.suffix.lower() in (".se", ".si"))


def read(name: str) -> SieFile:
    path = SIE_DIR / name
    if not path.exists():
        pytest.skip(f"{name} is not in {SIE_DIR}")
    return parse_file(path)


def test_the_shared_folder_holds_sie_files() -> None:
    assert len(sie_files()) >= 60


@pytest.mark.parametrize("path", sie_files(), ids=lambda p: p.name)
def test_every_shared_file_parses(path: Path) -> None:
    sie = parse_file(path)
    summary = inspect_summary(sie)
    assert summary["sie_type"] in ("1", "2", "3", "4", "4I")
    assert summary["orgnr"].isdigit() or summary["orgnr"] == ""
    assert summary["company_name"]
    assert summary["transactions"] >= summary["vouchers"] or not summary["vouchers"]


def test_test4_holds_167_vouchers_with_1464_rows_that_balance() -> None:
    sie = read("Test4.SE")
    assert (sie.sie_type, sie.orgnr, sie.company_name) == ("4", "5564882362", "Exempelföretag 44")
    assert len(sie.vouchers) == 167
    assert sie.transaction_count == 1464
    assert sie.unbalanced_vouchers == []
    assert sum(t.amount for v in sie.vouchers for t in v.transactions) == Decimal(0)


def test_the_bad_balance_file_has_exactly_one_unbalanced_voucher() -> None:
    sie = read("transaktioner_ovnbolag-bad-balance.se")
    assert [
        (u.series, u.number, u.date.isoformat(), u.difference) for u in sie.unbalanced_vouchers
    ] == [("B", "1", "2011-01-07", Decimal("-12771.00"))]
    assert inspect_summary(sie)["unbalanced_vouchers"] == [
        {"series": "B", "number": "1", "date": "2011-01-07", "difference": "-12771.00"}
    ]


def test_the_good_balance_file_has_none() -> None:
    sie = read("transaktioner_ovnbolag.se")
    assert sie.unbalanced_vouchers == []
    assert (len(sie.vouchers), sie.transaction_count) == (163, 671)
    assert sie.company_name == "Övningsbolaget AB (Ekonomi 60)"
    assert sie.orgnr == "5555555555"
    assert [(y.index, y.start.isoformat(), y.end.isoformat()) for y in sie.fiscal_years] == [
        (0, "2011-01-01", "2011-12-31"),
        (-1, "2010-01-01", "2010-12-31"),
    ]


@pytest.mark.parametrize("name", ["XE_SIE_4_20151125095119.SE", "testWrite.se", "testWrite1.se"])
def test_the_xe_export_has_its_one_voucher_that_does_not_balance(name: str) -> None:
    sie = read(name)
    assert [(u.series, u.number, str(u.difference)) for u in sie.unbalanced_vouchers] == [
        ("1", "1", "2.00")
    ]


def test_added_and_removed_rows_follow_the_sie4_rules() -> None:
    sie = read("BL0001_typ4.SE")
    (v,) = [v for v in sie.vouchers if (v.series, v.number) == ("A", "8")]
    assert [(t.account, t.amount, t.added) for t in v.transactions] == [
        ("1930", Decimal(0), True),
        ("2640", Decimal(0), True),
    ]
    assert [(t.account, t.amount) for t in v.removed] == [
        ("1930", Decimal(-1000)),
        ("2640", Decimal(200)),
        ("4010", Decimal(800)),
    ]
    assert (len(sie.vouchers), sie.transaction_count, sie.unbalanced_vouchers) == (84, 405, [])


def test_an_rtrans_with_its_trans_copy_counts_once_in_a_tab_indented_file() -> None:
    sie = read("sie_4.SE")
    (v,) = [v for v in sie.vouchers if (v.series, v.number) == ("B", "14")]
    assert [(t.account, str(t.amount), t.added) for t in v.transactions] == [
        ("2641", "16.81", False),
        ("1920", "-157.00", True),
        ("7690", "140.19", False),
    ]
    assert [(t.account, str(t.amount)) for t in v.removed] == [("1910", "-157.00")]


def test_the_utf8_file_that_declares_pc8_is_read_as_utf8() -> None:
    sie = read("SIE4_Exempelfil_med_underdim.SE")
    assert sie.encoding == "utf-8"
    # Its letters were already lost to U+FFFD before it was shared; we keep what is there.
    assert sie.company_name == "\ufffdvningsbolaget AB"
    assert (len(sie.vouchers), sie.transaction_count) == (295, 1330)
    assert {k: (d.name, d.parent) for k, d in sie.dimensions.items()} == {
        "1": ("Resultatenhet", ""),
        "6": ("Projekt", ""),
        "61": ("Kubernetesdrift", "6"),
        "62": ("Projektledning", "6"),
    }


@pytest.mark.parametrize(
    ("name", "sie_type", "orgnr", "company_name"),
    [
        ("BL0001_typ1.SE", "1", "5562651892", "SEEE Speak Easy Executive English AB"),
        ("BL0001_typ2.SE", "2", "5562651892", "SEEE Speak Easy Executive English AB"),
        ("BL0001_typ3.SE", "3", "5562651892", "SEEE Speak Easy Executive English AB"),
        ("Sie4.se", "4", "5566547898", "Demoföretaget AB"),
        ("typ4si.si", "4I", "0000000000", "Övningsföretaget AB"),
        ("magenta_bokforing_SIE4I.se", "4I", "1122334567", "TESTFÖRETAGET AB"),
        ("SIE-fil_fran_Visma_Eget_Aktiebolag_2010.se", "1", "5562529155", "Övningsföretaget AB"),
        ("Lon.si", "4I", "5555555555", "Övningsbolaget Lön 100"),
        ("Test3.SE", "3", "4302262334", "Testföretaget"),
    ],
)
def test_company_and_type_are_read_with_swedish_letters(
    name: str, sie_type: str, orgnr: str, company_name: str
) -> None:
    sie = read(name)
    assert (sie.sie_type, sie.orgnr, sie.company_name) == (sie_type, orgnr, company_name)


def test_a_type_4i_file_without_dates_in_rar_still_parses() -> None:
    sie = read("BL0001_typ4I.SI")
    assert sie.fiscal_years == []
    assert (len(sie.vouchers), sie.transaction_count) == (1, 10)
    assert sie.warnings == [
        "line 7: #RAR ignored: fiscal year start '' is not a date (expected YYYYMMDD)"
    ]
