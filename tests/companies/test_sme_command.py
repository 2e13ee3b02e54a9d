"""`dipps sme classify FILE`: the contract's JSON out (exit 0), or the bad field (exit 2).

The example of the contract (docs/reference-data.md): 9.5 own + 30 % of 20 + 5 linked = 20.5
annual work units; turnover 1,800,000 + 900,000 + 500,000 = 3,200,000.00; balance-sheet
total 900,000 + 600,000 + 400,000 = 1,900,000.00: 20.5 ≥ 10 is not micro; < 50 with a
turnover ≤ 10m is small, and the first year's status is its class.
"""

import copy
import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLE = {
    "years": [
        {
            "year": 2022,
            "staff_awu": 9.5,
            "turnover_eur": 1800000,
            "balance_eur": 900000,
            "public_control_percent": 0,
            "partners": [
                {
                    "share_percent": 30,
                    "staff_awu": 20,
                    "turnover_eur": 3000000,
                    "balance_eur": 2000000,
                    "exempt_investor": False,
                }
            ],
            "linked": [{"staff_awu": 5, "turnover_eur": 500000, "balance_eur": 400000}],
        }
    ],
    "ownership_changed_in": [2024],
}

EXPECTED = (
    '{"years": [{"year": 2022, "staff_awu": 20.5, "turnover_eur": 3200000.00, '
    '"balance_eur": 1900000.00, "computed": "small", "status": "small"}]}'
)


def run(tmp_path: Path, data: object | str) -> tuple[int, str, str]:
    path = tmp_path / "sme.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("sme", "classify", str(path), stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue().replace(str(path), "sme.json")
    return 0, out.getvalue(), err.getvalue()


def test_the_contract_example_prints_the_contract_answer(tmp_path):
    status, out, err = run(tmp_path, EXAMPLE)
    assert (status, err) == (0, "")
    assert out.strip() == EXPECTED
    answer = json.loads(out, parse_float=Decimal)
    assert answer["years"][0]["turnover_eur"] == Decimal("3200000.00")


def plain(y, staff, turnover=8000000, balance=6000000, **extra):
    return {
        "year": y,
        "staff_awu": staff,
        "turnover_eur": turnover,
        "balance_eur": balance,
        **extra,
    }


def test_two_years_over_a_ceiling_change_the_status_one_does_not(tmp_path):
    years = [plain(2021, 40), plain(2022, 55), plain(2023, 45), plain(2024, 60), plain(2025, 62)]
    status, out, _ = run(tmp_path, {"years": years})
    assert status == 0
    rows = [(r["year"], r["computed"], r["status"]) for r in json.loads(out)["years"]]
    assert rows == [
        (2021, "small", "small"),
        (2022, "medium", "small"),
        (2023, "small", "small"),
        (2024, "medium", "small"),
        (2025, "medium", "medium"),
    ]


def test_left_out_parts_are_empty_and_work_units_lose_trailing_zeros(tmp_path):
    status, out, _ = run(tmp_path, {"years": [plain(2024, 12, 100, 0)]})
    assert status == 0
    assert out.strip() == (
        '{"years": [{"year": 2024, "staff_awu": 12, "turnover_eur": 100.00, '
        '"balance_eur": 0.00, "computed": "small", "status": "small"}]}'
    )


def test_aggregated_figures_are_rounded_half_up_to_two_decimals(tmp_path):
    partner = {"share_percent": 25, "staff_awu": 0.3, "turnover_eur": 0.06, "balance_eur": 0.02}
    status, out, _ = run(tmp_path, {"years": [plain(2024, 1, 0, 0, partners=[partner])]})
    assert status == 0
    # 1 + 0.075 → 1.08 AWU; 0.015 → 0.02; 0.005 → 0.01.
    assert '"staff_awu": 1.08, "turnover_eur": 0.02, "balance_eur": 0.01' in out


def test_an_exempt_investor_is_left_out(tmp_path):
    investor = {"share_percent": 50, "staff_awu": 100, "turnover_eur": 1, "balance_eur": 1}
    data = {"years": [plain(2024, 20, partners=[{**investor, "exempt_investor": True}])]}
    status, out, _ = run(tmp_path, data)
    assert status == 0 and '"staff_awu": 20,' in out and '"computed": "small"' in out
    status, out, _ = run(tmp_path, {"years": [plain(2024, 20, partners=[investor])]})
    assert status == 0 and '"staff_awu": 70,' in out and '"computed": "medium"' in out


def changed(path, value):
    """The example with `value` at `path` (a tuple of keys and indices); None removes it."""
    data = copy.deepcopy(EXAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


Y, P, L = ("years", 0), ("years", 0, "partners", 0), ("years", 0, "linked", 0)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("years",), [plain(2022, 1), plain(2024, 1)], "years[1].year"),
        (("years",), [plain(2022, 1), plain(2022, 1)], "years[1].year"),
        (("years",), [], "years"),
        (("years",), {"2022": {}}, "years"),
        (("years",), None, "years"),
        ((*Y, "year"), 2022.5, "years[0].year"),
        ((*Y, "year"), "2022", "years[0].year"),
        ((*Y, "year"), None, "years[0].year"),
        ((*Y, "staff_awu"), -1, "years[0].staff_awu"),
        ((*Y, "staff_awu"), None, "years[0].staff_awu"),
        ((*Y, "turnover_eur"), "1800000", "years[0].turnover_eur"),
        ((*Y, "balance_eur"), -0.01, "years[0].balance_eur"),
        ((*Y, "balance_eur"), True, "years[0].balance_eur"),
        ((*Y, "public_control_percent"), 101, "years[0].public_control_percent"),
        ((*Y, "employees"), 3, "years[0].employees"),
        ((*P, "share_percent"), 24.99, "years[0].partners[0].share_percent"),
        ((*P, "share_percent"), 51, "years[0].partners[0].share_percent"),
        ((*P, "share_percent"), None, "years[0].partners[0].share_percent"),
        ((*P, "turnover_eur"), -3000000, "years[0].partners[0].turnover_eur"),
        ((*P, "exempt_investor"), "no", "years[0].partners[0].exempt_investor"),
        ((*P, "name"), "Almi Invest", "years[0].partners[0].name"),
        ((*L, "staff_awu"), -5, "years[0].linked[0].staff_awu"),
        ((*L, "share_percent"), 60, "years[0].linked[0].share_percent"),
        ((*Y, "partners"), {}, "years[0].partners"),
        ((*Y, "linked"), [5], "years[0].linked[0]"),
        (("ownership_changed_in",), 2024, "ownership_changed_in"),
        (("ownership_changed_in",), ["2024"], "ownership_changed_in[0]"),
        (("fiscal_year_end",), "12-31", "fiscal_year_end"),
    ],
)
def test_a_bad_input_exits_2_naming_the_field(tmp_path, path, value, field):
    status, out, err = run(tmp_path, changed(path, value))
    assert (status, out) == (2, "")
    assert err.startswith(f"sme.json: {field}: "), err


def test_a_gap_between_years_says_which_year_was_expected(tmp_path):
    _, _, err = run(tmp_path, {"years": [plain(2022, 1), plain(2024, 1)]})
    assert err.strip() == (
        "sme.json: years[1].year: expected 2023 after 2022, got 2024 "
        "(years are consecutive, in order)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "sme.json: (file): not valid JSON: Expecting property name"),
        ("[]", "sme.json: (file): expected an object"),
        ('{"years": [{"year": 2022, "staff_awu": NaN}]}', "sme.json: (file): NaN is not a number"),
    ],
)
def test_a_malformed_file_exits_2(tmp_path, text, message):
    status, _, err = run(tmp_path, text)
    assert status == 2 and err.startswith(message), err


def test_a_missing_file_exits_2(tmp_path):
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("sme", "classify", str(tmp_path / "none.json"), stderr=err)
    assert exit.value.code == 2 and "cannot read the file" in err.getvalue()


@pytest.mark.slow
def test_the_command_runs_as_a_process(tmp_path):
    path = tmp_path / "sme.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "dipps", "sme", "classify", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, EXPECTED)
    bad = subprocess.run(
        [sys.executable, "-m", "dipps", "sme", "classify", "-"],
        input='{"years": [{"year": 2022, "staff_awu": 1, "turnover_eur": -1, "balance_eur": 0}]}',
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip() == "-: years[0].turnover_eur: must not be negative, got -1"
