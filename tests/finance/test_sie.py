"""The SIE reader's core, on small inline files."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest

from dipps.finance.sie import SieError, inspect_summary, parse_bytes

HEAD = '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#FNAMN "Ugnsbolaget AB"\n#ORGNR 556677-8899\n'


def sie4(body: str, head: str = HEAD) -> bytes:
    return (head + body).encode("cp437")


def test_it_reads_company_fiscal_years_and_chart() -> None:
    sie = parse_bytes(
        sie4(
            "#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n"
            '#KONTO 1930 "Företagskonto"\n#KTYP 1930 T\n#SRU 1930 7281\n'
            "#IB 0 1930 100.50\n#UB 0 1930 200.00 3\n#RES 0 3001 -5000\n"
        )
    )
    assert sie.orgnr == "5566778899"
    assert sie.company_name == "Ugnsbolaget AB"
    assert [(y.index, y.start, y.end) for y in sie.fiscal_years] == [
        (0, date(2024, 1, 1), date(2024, 12, 31)),
        (-1, date(2023, 1, 1), date(2023, 12, 31)),
    ]
    acc = sie.accounts["1930"]
    assert (acc.name, acc.type, acc.sru) == ("Företagskonto", "T", "7281")
    assert [(b.kind, b.year, b.account, b.amount, b.quantity) for b in sie.balances] == [
        ("IB", 0, "1930", Decimal("100.50"), None),
        ("UB", 0, "1930", Decimal("200.00"), Decimal(3)),
        ("RES", 0, "3001", Decimal(-5000), None),
    ]
    assert sie.sie_type == "4"  # declared 4 with year balances: an export (4E)


def test_a_type_4_file_with_year_balances_is_an_export_and_without_is_an_import() -> None:
    assert parse_bytes(sie4("#IB 0 1930 1\n")).sie_type == "4"
    assert parse_bytes(sie4("#KONTO 1930 Bank\n")).sie_type == "4I"


def test_it_reads_dimensions_objects_and_object_balances() -> None:
    sie = parse_bytes(
        sie4(
            '#DIM 6 "Projekt"\n#UNDERDIM 21 "Delprojekt" 6\n#OBJEKT 6 "P1" "DIPPS Ö"\n'
            '#OIB 0 4010 {6 "P1"} 10\n#PSALDO 0 202401 4010 {6 "P1"} 250.25 2\n'
            "#PSALDO 0 202401 4010 {} 300\n#PBUDGET 0 202401 4010 {} 1\n"
        )
    )
    assert sie.dimensions["6"].name == "Projekt"
    assert (sie.dimensions["21"].name, sie.dimensions["21"].parent) == ("Delprojekt", "6")
    assert sie.objects[("6", "P1")].name == "DIPPS Ö"
    assert [(b.kind, b.period, b.objects, b.amount) for b in sie.balances] == [
        ("OIB", "", (("6", "P1"),), Decimal(10)),
        ("PSALDO", "202401", (("6", "P1"),), Decimal("250.25")),
        ("PSALDO", "202401", (), Decimal(300)),
    ]


def test_it_reads_vouchers_rows_and_object_lists() -> None:
    sie = parse_bytes(
        sie4(
            '#VER A 12 20240105 "Faktura 7" 20240106 "AB"\n{\n'
            '\t#TRANS 6540 {1 "10" 6 "P1"} 1000.00 20240104 "IT-tjänst" 2 "KL"\n'
            "\t#TRANS 2641 {} 250\n"
            "\t#TRANS 2440 {} -1250.00\n}\n"
        )
    )
    (v,) = sie.vouchers
    assert (v.series, v.number, v.date, v.text, v.registered, v.sign, v.line) == (
        "A",
        "12",
        date(2024, 1, 5),
        "Faktura 7",
        date(2024, 1, 6),
        "AB",
        6,
    )
    first = v.transactions[0]
    assert first.account == "6540"
    assert first.objects == (("1", "10"), ("6", "P1"))
    assert first.amount == Decimal("1000.00")
    assert (first.date, first.text, first.quantity, first.sign) == (
        date(2024, 1, 4),
        "IT-tjänst",
        Decimal(2),
        "KL",
    )
    assert [(t.account, t.objects, t.amount) for t in v.transactions[1:]] == [
        ("2641", (), Decimal(250)),
        ("2440", (), Decimal("-1250.00")),
    ]
    assert sie.unbalanced_vouchers == []
    assert sie.warnings == []


def test_it_accepts_crlf_tabs_spaces_and_a_row_without_object_list() -> None:
    body = '#VER\t"A"\t1\t20240105\r\n{\r\n   #TRANS  1930   {}   -5\r\n#TRANS 3001 5\r\n}\r\n'
    sie = parse_bytes(sie4(body).replace(b"\n", b"\r\n").replace(b"\r\r", b"\r"))
    assert [(t.account, t.amount) for t in sie.vouchers[0].transactions] == [
        ("1930", Decimal(-5)),
        ("3001", Decimal(5)),
    ]


def test_it_unescapes_quotes_and_backslashes_in_quoted_fields() -> None:
    sie = parse_bytes(
        sie4(
            '#VER A 1 20240105 "Konsult \\"IUC\\" C:\\\\temp"\n{\n'
            '#TRANS 1930 {6 "P \\"1\\""} -5 "" "{inte en lista}"\n#TRANS 3001 {} 5\n}\n'
        )
    )
    v = sie.vouchers[0]
    assert v.text == 'Konsult "IUC" C:\\temp'
    assert v.transactions[0].objects == (("6", 'P "1"'),)
    assert v.transactions[0].text == "{inte en lista}"
    assert v.transactions[0].date is None


def test_an_added_row_and_its_compatibility_copy_count_once_and_removed_rows_not_at_all() -> None:
    sie = parse_bytes(
        sie4(
            "#VER A 8 20091210\n{\n"
            '#BTRANS 1930 {} -1000 20101007 "" "" "CB"\n'
            '#RTRANS 1930 {} -800 20101007 "" "" "CB"\n'
            "#TRANS 1930 {} -800 20091210\n"
            "#BTRANS 4010 {} 1000\n"
            "#RTRANS 4010 {} 800\n"
            "#TRANS 4010 {} 800\n"
            "}\n"
        )
    )
    v = sie.vouchers[0]
    assert [(t.account, t.amount, t.added) for t in v.transactions] == [
        ("1930", Decimal(-800), True),
        ("4010", Decimal(800), True),
    ]
    assert [(t.account, t.amount) for t in v.removed] == [
        ("1930", Decimal(-1000)),
        ("4010", Decimal(1000)),
    ]
    assert sie.unbalanced_vouchers == []
    assert inspect_summary(sie)["transactions"] == 2


def test_a_trans_that_differs_from_the_added_row_above_counts_as_its_own_row() -> None:
    sie = parse_bytes(
        sie4("#VER A 1 20240101\n{\n#RTRANS 1930 {} 5\n#TRANS 1930 {} 7\n#TRANS 3001 {} -12\n}\n")
    )
    assert [t.amount for t in sie.vouchers[0].transactions] == [5, 7, -12]


def test_an_unbalanced_voucher_is_a_warning_naming_series_number_date_and_difference() -> None:
    sie = parse_bytes(
        sie4("#VER B 3 20240229\n{\n#TRANS 1930 {} -100.00\n#TRANS 3001 {} 99.955\n}\n")
    )
    (u,) = sie.unbalanced_vouchers
    assert (u.series, u.number, u.date, u.difference, u.line) == (
        "B",
        "3",
        date(2024, 2, 29),
        Decimal("-0.045"),
        6,
    )
    assert sie.warnings == ["line 6: voucher B 3 of 2024-02-29 does not balance: difference -0.045"]
    assert inspect_summary(sie)["unbalanced_vouchers"] == [
        {"series": "B", "number": "3", "date": "2024-02-29", "difference": "-0.045"}
    ]


def test_a_difference_in_whole_ore_is_shown_with_two_decimals() -> None:
    sie = parse_bytes(sie4("#VER A 1 20240101\n{\n#TRANS 1930 {} 2\n}\n"))
    assert inspect_summary(sie)["unbalanced_vouchers"][0]["difference"] == "2.00"


def test_it_detects_utf8_despite_a_pc8_declaration() -> None:
    data = (HEAD.replace("Ugnsbolaget", "Övningsbolaget") + "#KONTO 1930 Bank\n").encode()
    sie = parse_bytes(data)
    assert sie.company_name == "Övningsbolaget AB"
    assert sie.encoding == "utf-8"
    assert sie.warnings == [
        "the file declares PC8 (code page 437) but is encoded as utf-8; read as utf-8"
    ]


def test_it_detects_latin1_letters_despite_a_pc8_declaration() -> None:
    data = (HEAD.replace("Ugnsbolaget", "Åsa och Östen på Ängö") + "#KONTO 1930 x\n").encode(
        "cp1252"
    )
    sie = parse_bytes(data)
    assert sie.company_name == "Åsa och Östen på Ängö AB"
    assert sie.encoding == "cp1252"


def test_it_reads_pc8_as_code_page_437() -> None:
    sie = parse_bytes(sie4('#KONTO 2640 "Ingående moms"\n').replace(b"Ugnsbolaget", b"\x99rebro"))
    assert sie.company_name == "Örebro AB"
    assert sie.accounts["2640"].name == "Ingående moms"
    assert sie.encoding == "cp437"


def test_a_file_without_sietyp_gets_its_type_from_its_contents() -> None:
    sie = parse_bytes(b"#FLAGGA 0\n#PSALDO 0 202401 1930 {} 5\n")
    assert sie.sie_type == "2"
    assert sie.warnings == ["the file has no #SIETYP; type inferred from its contents"]


def test_a_voucher_without_rows_block_is_a_warning() -> None:
    sie = parse_bytes(sie4("#VER A 1 20240101\n#KONTO 1930 Bank\n"))
    assert sie.warnings == ["line 6: voucher A 1 has no {...} block of rows"]
    assert sie.accounts["1930"].name == "Bank"


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"", 0, "the file is empty"),
        (b"  \r\n\n", 0, "the file is empty"),
        (b"#FLAGGA 0\n\x00\x01\x02", 1, "the file is binary, not SIE text"),
        (b"\n\nPK\x03\x04 zip", 3, "not an SIE file: the first line does not start with a #label"),
        (
            sie4("#VER A 7 20240101\n{\n#TRANS 1930 {} 5\n"),
            6,
            "voucher A 7 opened at line 6 is never closed (end of file reached)",
        ),
        (
            sie4("#VER A 7 20240101\n{\n#TRANS 1930 {} 5\n#VER A 8 20240101\n{\n}\n"),
            6,
            "voucher A 7 opened at line 6 is never closed (a new #VER starts at line 9)",
        ),
        (
            sie4("#VER A 1 20240101\n{\n#TRANS 1930 {} 12,50\n}\n"),
            8,
            "amount '12,50' is not a number",
        ),
        (sie4("#VER A 1 20240101\n{\n#TRANS 1930 {} NaN\n}\n"), 8, "amount 'NaN' is not a number"),
        (sie4("#VER A 1 20240101\n{\n#TRANS 1930 {1 2}\n}\n"), 8, "#TRANS row has no amount"),
        (sie4("#IB 0 1930 abc\n"), 6, "balance 'abc' is not a number"),
        (
            sie4("#VER A 1 20241332\n{\n}\n"),
            6,
            "voucher date '20241332' is not a date (expected YYYYMMDD)",
        ),
    ],
)
def test_unreadable_input_raises_an_error_with_its_line(
    data: bytes, line: int, message: str
) -> None:
    with pytest.raises(SieError) as caught:
        parse_bytes(data)
    assert (caught.value.line, caught.value.message) == (line, message)


def test_an_incomplete_fiscal_year_is_skipped_with_a_warning() -> None:
    sie = parse_bytes(sie4("#RAR 0\n"))
    assert sie.fiscal_years == []
    assert sie.warnings == [
        "line 6: #RAR ignored: fiscal year start '' is not a date (expected YYYYMMDD)"
    ]


def test_the_summary_has_exactly_the_public_keys() -> None:
    sie = parse_bytes(
        sie4(
            "#RAR 0 20240101 20241231\n"
            "#VER A 1 20240101\n{\n#TRANS 1930 {} 5\n#TRANS 3001 {} -5\n}\n"
        ),
        filename="ugn.se",
    )
    assert inspect_summary(sie) == {
        "file": "ugn.se",
        "sie_type": "4I",
        "orgnr": "5566778899",
        "company_name": "Ugnsbolaget AB",
        "fiscal_years": [{"index": 0, "start": "2024-01-01", "end": "2024-12-31"}],
        "accounts": 0,
        "vouchers": 1,
        "transactions": 2,
        "unbalanced_vouchers": [],
        "warnings": [],
    }


def test_inspect_files_prints_json_lines_and_reports_unreadable_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    if not settings.configured:  # run without pytest-django: gettext needs some settings
        settings.configure(USE_I18N=False)
    from dipps.finance.management.commands.sie import inspect_files

    good = tmp_path / "bra.se"
    good.write_bytes(sie4("#KONTO 1930 Bank\n"))
    bad = tmp_path / "trasig.se"
    bad.write_bytes(sie4("#VER A 1 20240101\n{\n#TRANS 1930 {} x\n}\n"))
    out, err = io.StringIO(), io.StringIO()
    status = inspect_files([str(bad), str(good), str(tmp_path / "saknas.se")], out, err)
    assert status == 2
    assert out.getvalue().count("\n") == 1
    assert '"company_name": "Ugnsbolaget AB"' in out.getvalue()
    assert err.getvalue().splitlines() == [
        f"{bad}:8: amount 'x' is not a number",
        f"{tmp_path / 'saknas.se'}: cannot read the file: No such file or directory",
    ]


# --- the fast paths give what the careful path gives ----------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dipps.finance.sie import _parse  # noqa: E402


def both_ways(data: bytes) -> tuple[object, object]:
    fast, slow = _parse(data, "x.se", fast=True), _parse(data, "x.se", fast=False)
    return (
        (fast.vouchers, fast.unbalanced_vouchers, fast.warnings, fast.transaction_count),
        (slow.vouchers, slow.unbalanced_vouchers, slow.warnings, slow.transaction_count),
    )


def test_amounts_of_every_shape_add_up_exactly_on_the_fast_path() -> None:
    sie = parse_bytes(
        sie4(
            "#VER A 1 20240101\n{\n"
            "#TRANS 1930 {} -0.50\n#TRANS 1930 {} .50\n#TRANS 1930 {} 1_0.00\n"
            "#TRANS 1930 {} 100\n#TRANS 1930 {} 1e1\n#TRANS 1930 {} 0.001\n"
            '#TRANS 1930 {} "2.00"\n#TRANS 3001 {} -130.00\n}\n'
        )
    )
    amounts = [t.amount for t in sie.vouchers[0].transactions]
    assert amounts == [
        Decimal("-0.50"),
        Decimal("0.50"),
        Decimal("10.00"),
        Decimal(100),
        Decimal(10),
        Decimal("0.001"),
        Decimal(2),
        Decimal(-130),
    ]
    (u,) = sie.unbalanced_vouchers
    assert u.difference == Decimal("-7.999")
    assert inspect_summary(sie)["unbalanced_vouchers"][0]["difference"] == "-7.999"


def test_an_amount_that_looks_like_ore_but_is_not_a_number_names_its_line() -> None:
    body = "#VER A 1 20240101\n{\n#TRANS 1930 {} 1.00\n#TRANS 1930 {} 1.2.00\n}\n"
    with pytest.raises(SieError) as caught:
        parse_bytes(sie4(body))
    assert (caught.value.line, caught.value.message) == (9, "amount '1.2.00' is not a number")


def test_a_cached_row_tail_with_a_bad_date_is_an_error_on_its_own_line() -> None:
    body = "#VER A 1 20240101\n{\n#TRANS 1930 {} 1.00 20240101\n#TRANS 1930 {} 1.00 20241301\n}\n"
    with pytest.raises(SieError) as caught:
        parse_bytes(sie4(body))
    assert caught.value.line == 9
    assert caught.value.message == "transaction date '20241301' is not a date (expected YYYYMMDD)"


def test_rows_become_transactions_only_when_read() -> None:
    sie = parse_bytes(sie4("#VER A 1 20240101\n{\n#TRANS 1930 {} 5.00\n#TRANS 3001 {} -5.00\n}\n"))
    v = sie.vouchers[0]
    assert (v.row_count, sie.transaction_count) == (2, 2)
    assert v._rows is None  # not built yet
    assert [t.amount for t in v.transactions] == [Decimal("5.00"), Decimal("-5.00")]
    assert v.transactions is v.transactions  # built once


def test_fast_and_careful_paths_agree_on_a_realistic_file() -> None:
    rows = [
        '   #TRANS 4010 {1 "10" 6 "P1"} 33601.09 20241219 ""',
        "   #TRANS 6540 {} -25107.41",
        '   #TRANS 1510 {} 19107.10 20240423 "Hyra" 1 "Anna Åström"',
        '   #TRANS 4010 {} -27601.78 20240425 "Konsult \\"IUC\\"" 1 "KL"',
    ]
    body = ""
    for n in range(1, 40):
        body += f'#VER A {n} 202404{n % 28 + 1:02d} "Faktura {n}" 20240430 "AB"\n{{\n'
        body += "\n".join(rows[: 2 + n % 3]) + "\n}\n"
    body += '#VER B 1 20240501 "Konsult \\"IUC\\""\n{\n' + "\n".join(rows) + "\n}\n"
    fast, slow = both_ways(sie4(body))
    assert fast == slow
    assert len(fast[0]) == 40  # type: ignore[index]


_amounts = st.one_of(
    st.integers(-(10**9), 10**9).map(
        lambda c: f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}"
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(["-0.50", ".50", "-.05", "1.5", "0.001", "1_0.00", "+3.00", "1e2", '"2.00"']),
)
_texts = st.sampled_from(["", "Kvitto", "Lön Öst", 'Konsult \\"IUC\\"', "C:\\\\temp", "{x}"])
_rows = st.tuples(
    st.sampled_from(["#TRANS", "#TRANS", "#TRANS", "#RTRANS", "#BTRANS"]),
    st.sampled_from(["1930", "3001", "4010"]),
    st.sampled_from(["{}", '{1 "10" 6 "P1"}', '{6 "P1"}']),
    _amounts,
    st.sampled_from(["", " 20240105", ' 20240105 "{t}"', ' 20240105 "{t}" 2 "KL"', ' "" "{t}"']),
    _texts,
    st.sampled_from(["   ", "\t", ""]),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_rows, min_size=1, max_size=6), min_size=1, max_size=5))
def test_fast_and_careful_paths_agree_on_generated_rows(vouchers: list) -> None:  # type: ignore[type-arg]
    body = ""
    for n, rows in enumerate(vouchers, 1):
        body += f'#VER A {n} 20240105 "Ver {n}"\n{{\n'
        for label, acc, objs, amount, tail, text, indent in rows:
            body += f"{indent}{label} {acc} {objs} {amount}{tail.format(t=text)}\n"
        body += "}\n"
    fast, slow = both_ways(sie4(body))
    assert fast == slow
    # The balance check is exact: each voucher's difference is the sum of its counted rows.
    sie = _parse(sie4(body), fast=True)
    sums = {v.number: sum((t.amount for t in v.transactions), Decimal(0)) for v in sie.vouchers}
    assert {u.number: u.difference for u in sie.unbalanced_vouchers} == {
        k: s for k, s in sums.items() if s
    }


def _ore(c: int) -> str:
    return f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(-(10**11) + 1, 10**11 - 1), min_size=1, max_size=120),
            st.sampled_from([0, 0, 1, -1, 100]),
        ),
        min_size=1,
        max_size=4,
    )
)
@pytest.mark.slow
def test_the_balance_check_finds_every_ore_of_difference(vouchers: list) -> None:  # type: ignore[type-arg]
    """Large amounts (up to 999,999,999.99) over many rows: a voucher off by one öre is
    reported with exactly that difference, and a balanced one never is."""
    body = ""
    for n, (cents, off) in enumerate(vouchers, 1):
        body += f"#VER A {n} 20240105\n{{\n"
        for c in [*cents, -sum(cents) + off]:
            body += f"#TRANS 1930 {{}} {_ore(c)}\n"
        body += "}\n"
    sie = parse_bytes(sie4(body))
    assert {u.number: u.difference for u in sie.unbalanced_vouchers} == {
        str(n): Decimal(off).scaleb(-2) for n, (_c, off) in enumerate(vouchers, 1) if off
    }
