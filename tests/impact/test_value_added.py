"""`dipps impact value-added`: value added per fiscal year from an SIE file's #RES rows.

The example is worked by hand here and in docs/impact.md ("Worked example: value added").
Each account sits on an edge of a BAS range of the contract:

year 0 (2025)              #RES        net sales  personnel  depreciation  operating (3000–7999)
2999 equity (class 2)      -5 000.00       -          -           -              -
3000 sales               -400 000.00    400 000       -           -          -400 000.00
3799 other sales           -1 000.00      1 000       -           -            -1 000.00
3800 own work capitalised -20 000.00       -          -           -           -20 000.00
4010 materials            150 000.00       -          -           -           150 000.00
6999 other external        10 000.00       -          -           -            10 000.00
7000 wages                100 000.00       -       100 000        -           100 000.00
7699 other staff costs      5 000.00       -         5 000        -             5 000.00
7700 write-down             3 000.00       -          -         3 000           3 000.00
7899 depreciation          12 000.00       -          -        12 000          12 000.00
7900 other operating          500.00       -          -           -               500.00
7999 currency loss            250.70       -          -           -               250.70
8000 group result            -700.00       -          -           -              -
8999 result of the year     9 000.00       -          -           -              -
sums                                     401 000    105 000     15 000        -140 249.30

operating_profit = 140 249.30; value_added = 140 249.30 + 105 000 + 15 000 = 260 249.30.
Per employee: / 4 = 65 062.325 → 65 062.33 (half up; half even would give .32);
/ 3 = 86 749.766… → 86 749.77; / 2.5 work units = 104 099.72.

year -1 (2024): 3000 -300 000, 4000 200 000, 7000 60 000, 7800 10 000, 8400 2 000:
net sales 300 000, personnel 60 000, depreciation 10 000, operating profit 30 000,
value added 100 000; / 4 = 25 000.00; / 3 = 33 333.33.

#RAR -2 has no #RES rows and #RES -3 has no #RAR: neither is reported.
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dipps.finance.sie import parse_bytes
from dipps.impact import value_added as va

EXAMPLE = """#FLAGGA 0
#PROGRAM "Fortnox" 3.0
#FORMAT PC8
#SIETYP 4
#FNAMN "Härjedalens Plåt AB"
#ORGNR 556036-0793
#RAR -1 20240101 20241231
#RAR 0 20250101 20251231
#RAR -2 20230101 20231231
#KONTO 3000 "Försäljning"
#IB 0 1930 50000.00
#UB 0 1930 61000.00
#RES 0 2999 -5000.00
#RES 0 3000 -400000.00
#RES 0 3799 -1000.00
#RES 0 3800 -20000.00
#RES 0 4010 150000.00
#RES 0 6999 10000.00
#RES 0 7000 100000.00
#RES 0 7699 5000.00
#RES 0 7700 3000.00
#RES 0 7899 12000.00
#RES 0 7900 500.00
#RES 0 7999 250.70
#RES 0 8000 -700.00
#RES 0 8999 9000.00
#RES -1 3000 -300000.00
#RES -1 4000 200000.00
#RES -1 7000 60000.00
#RES -1 7800 10000.00
#RES -1 8400 2000.00
#RES -3 3000 -99.00
"""


def year(index, start, end, net, personnel, depreciation, operating, value, per):
    return {
        "year_index": index,
        "start": start,
        "end": end,
        "net_sales": net,
        "personnel_costs": personnel,
        "depreciation": depreciation,
        "operating_profit": operating,
        "value_added": value,
        "value_added_per_employee": per,
    }


def expected_text(per0: str, per1: str) -> str:
    return (
        '{"orgnr": "5560360793", "company_name": "Härjedalens Plåt AB", "years": ['
        '{"year_index": 0, "start": "2025-01-01", "end": "2025-12-31", "net_sales": 401000.00, '
        '"personnel_costs": 105000.00, "depreciation": 15000.00, '
        '"operating_profit": 140249.30, "value_added": 260249.30, '
        f'"value_added_per_employee": {per0}}}, '
        '{"year_index": -1, "start": "2024-01-01", "end": "2024-12-31", "net_sales": 300000.00, '
        '"personnel_costs": 60000.00, "depreciation": 10000.00, '
        '"operating_profit": 30000.00, "value_added": 100000.00, '
        f'"value_added_per_employee": {per1}}}]}}'
    )


def cp437(text: str) -> bytes:
    return text.encode("cp437")


def test_the_hand_worked_example_without_employees():
    text = va.value_added_json(cp437(EXAMPLE), "plat.se")
    assert text == expected_text("null", "null")


@pytest.mark.parametrize(
    ("employees", "per0", "per1"),
    [
        ("4", "65062.33", "25000.00"),  # 65 062.325: half up, not half even
        ("3", "86749.77", "33333.33"),
        ("2.5", "104099.72", "40000.00"),  # annual work units may be fractional
    ],
)
def test_value_added_per_employee_is_rounded_half_up_to_ore(employees, per0, per1):
    text = va.value_added_json(cp437(EXAMPLE), "plat.se", Decimal(employees))
    assert text == expected_text(per0, per1)


def test_the_figures_as_numbers():
    result = va.value_added(parse_bytes(cp437(EXAMPLE)))
    assert [y.year_index for y in result.years] == [0, -1]
    first = result.years[0]
    assert first.value_added == first.operating_profit + first.personnel_costs + first.depreciation
    assert json.loads(va.value_added_json(cp437(EXAMPLE)))["years"][0] == year(
        0, "2025-01-01", "2025-12-31", 401000, 105000, 15000, 140249.3, 260249.3, None
    )


def test_a_sub_account_counts_by_its_first_four_digits_and_odd_accounts_are_skipped():
    sie = parse_bytes(
        b"#SIETYP 4\n#RAR 0 20250101 20251231\n#RES 0 30101 -500.00\n#RES 0 37991 -1.00\n"
        b"#RES 0 380 -7.00\n#RES 0 ABCD -8.00\n#RES 0 76991 2.00\n"
    )
    (figures,) = va.year_figures(sie)
    assert (figures.net_sales, figures.personnel_costs, figures.operating_profit) == (
        Decimal("501.00"),
        Decimal("2.00"),
        Decimal("499.00"),
    )


def test_a_year_with_only_financial_items_gives_zeros_never_minus_zero():
    sie = parse_bytes(b"#SIETYP 4\n#RAR 0 20250101 20251231\n#RES 0 8400 -0.00\n")
    text = va.value_added_json(b"#SIETYP 4\n#RAR 0 20250101 20251231\n#RES 0 8400 100.00\n")
    assert '"net_sales": 0.00' in text and "-0.00" not in text
    assert va.year_figures(sie)[0].operating_profit == Decimal("0.00")


def test_amounts_finer_than_ore_are_summed_exactly_and_rounded_once():
    sie = parse_bytes(
        b"#SIETYP 4\n#RAR 0 20250101 20251231\n#RES 0 3000 -0.004\n#RES 0 3010 -0.004\n"
    )
    assert va.year_figures(sie)[0].net_sales == Decimal("0.01")  # 0.008, not 0.00 + 0.00


def test_no_res_rows_names_the_file_and_its_last_line():
    data = b'#SIETYP 4\n#RAR 0 20250101 20251231\n#VER A 1 20250105 "x"\n{\n}\n'
    with pytest.raises(va.ValueAddedError) as error:
        va.from_bytes(data, "ver.se")
    assert error.value.line == 5 and "no #RES rows" in error.value.message


def test_res_rows_of_unnamed_years_only_are_refused():
    with pytest.raises(va.ValueAddedError) as error:
        va.from_bytes(b"#SIETYP 4\n#RES -3 3000 -1.00\n")
    assert error.value.line == 2 and "year index -3" in error.value.message


def test_an_unreadable_amount_keeps_the_readers_line():
    with pytest.raises(va.ValueAddedError) as error:
        va.from_bytes(b"#SIETYP 4\n#RAR 0 20250101 20251231\n#RES 0 3000 12,5,0\n")
    assert error.value.line == 3


def test_employees_must_be_above_zero():
    with pytest.raises(va.ValueAddedError, match="above 0"):
        va.from_bytes(cp437(EXAMPLE), employees=Decimal(0))


# --- the command -----------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("impact", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_prints_the_contract(tmp_path: Path):
    path = tmp_path / "plat.se"
    path.write_bytes(cp437(EXAMPLE))
    status, out, err = run("value-added", str(path), "--employees", "4")
    assert (status, err) == (0, "")
    assert out.strip() == expected_text("65062.33", "25000.00")


def test_the_command_exits_2_with_file_and_line_without_res(tmp_path: Path):
    path = tmp_path / "ver.se"
    path.write_bytes(b"#SIETYP 4\n#RAR 0 20250101 20251231\n")
    status, out, err = run("value-added", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"{path}:2: the file has no #RES rows")


def test_the_command_exits_2_on_a_file_that_is_not_sie(tmp_path: Path):
    path = tmp_path / "x.se"
    path.write_bytes(b"hello\n")
    status, _, err = run("value-added", str(path))
    assert status == 2 and err.startswith(f"{path}:1: not an SIE file")
    status, _, err = run("value-added", str(tmp_path / "none.se"))
    assert status == 2 and "cannot read the file" in err


def test_the_command_refuses_zero_employees(tmp_path: Path):
    path = tmp_path / "plat.se"
    path.write_bytes(cp437(EXAMPLE))
    with pytest.raises(CommandError, match="expected a number above 0"):
        call_command("impact", "value-added", str(path), "--employees", "0", stderr=StringIO())


def test_the_command_exits_3_over_the_size_limit(tmp_path: Path, settings):
    settings.DIPPS_UPLOAD_MAX_SIE_MB = 1
    path = tmp_path / "big.se"
    path.write_bytes(b"#SIETYP 4\n" + b"#RES 0 3000 -1.00\n" * 70_000)
    status, out, err = run("value-added", str(path))
    assert (status, out) == (3, "") and "--max-mb" in err
