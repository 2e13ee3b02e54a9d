"""`dipps claim compute FILE`: the contract's JSON out (exit 0), or the bad field (exit 2).

Hand-worked example (as in docs/finance.md): Anna, 42,000 SEK a month from 2024-03, works
80 h in 2025-01 and 62.5 h in 2025-02 at 293.02 (k = 0; month 10 and 11) and 10 h in 2025-03
at 300.06 (k = 1; month 12): 23441.60 + 18313.75 + 3000.60 = 44755.95. Flat rate 40 % =
17902.38; eligible 62658.33; income 5000.00 → net 57658.33; EU 40 % = 23063.33. In kind:
10 h × 350 from Exempel AB (private) = 3500.00.
"""

import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLE = {
    "cost_model": "staff_plus_40",
    "flat_rate_percent": 40,
    "uplift_percent": 2.4,
    "eu_rate_percent": 40,
    "staff": [
        {
            "person": "Anna",
            "monthly_salary": 42000,
            "first_month": "2024-03",
            "hours": {"2025-03": 10, "2025-01": 80, "2025-02": 62.5},
        }
    ],
    "purchases": {"external_services": 0, "travel": 0, "investments": 0, "premises": 0},
    "income": 5000.00,
    "in_kind": [{"contributor": "Exempel AB", "public": False, "hours": 10, "hourly_rate": 350}],
}

EXPECTED = (
    '{"staff": {"rows": ['
    '{"person": "Anna", "month": "2025-01", "unit_cost": 293.02, "hours": 80, "amount": 23441.60}, '
    '{"person": "Anna", "month": "2025-02", "unit_cost": 293.02, "hours": 62.5, '
    '"amount": 18313.75}, '
    '{"person": "Anna", "month": "2025-03", "unit_cost": 300.06, "hours": 10, "amount": 3000.60}'
    '], "total": 44755.95}, "flat_rate": 17902.38, "purchases": {"external_services": 0.00, '
    '"travel": 0.00, "investments": 0.00, "premises": 0.00}, "eligible_costs": 62658.33, '
    '"income": 5000.00, "net_eligible_costs": 57658.33, '
    '"in_kind": {"public": 0.00, "private": 3500.00, "total": 3500.00}, "eu_support": 23063.33}'
)


def run(tmp_path: Path, data: object | str) -> tuple[int, str, str]:
    path = tmp_path / "claim.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("claim", "compute", str(path), stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_hand_worked_example_prints_amounts_with_two_decimals(tmp_path):
    status, out, err = run(tmp_path, EXAMPLE)
    assert (status, err) == (0, "")
    assert out.strip() == EXPECTED
    figures = json.loads(out, parse_float=Decimal)
    assert figures["staff"]["rows"][0]["amount"] == Decimal("23441.60")


def test_left_out_parts_are_zero(tmp_path):
    data = {"cost_model": "staff_plus_15_actual", "staff": []}
    status, out, _ = run(tmp_path, data)
    assert status == 0
    figures = json.loads(out)
    assert figures["purchases"] == dict.fromkeys(figures["purchases"], 0)
    # Left out, the purchases are still written as amounts with two decimals.
    assert '"purchases": {"external_services": 0.00, "travel": 0.00,' in out
    assert figures["eu_support"] == 0 and figures["in_kind"]["total"] == 0


@pytest.mark.parametrize(
    "change,field",
    [
        ({"cost_model": "actual_costs"}, "cost_model"),
        ({"flat_rate_percent": 45}, "flat_rate_percent"),
        ({"cost_model": "staff_plus_15_actual", "flat_rate_percent": 40}, "flat_rate_percent"),
        ({"purchases": {"travel": 1}}, "purchases.travel"),
        ({"income": -5}, "income"),
        ({"income": "5000"}, "income"),
        ({"income": 5000.001}, "income"),
        ({"in_kind": [{"contributor": "A", "hours": "tio", "hourly_rate": 1}]}, "in_kind[0].hours"),
        ({"staff": [{**EXAMPLE["staff"][0], "hours": {"2025-02": -1}}]}, "staff[0].hours.2025-02"),
        ({"staff": [{**EXAMPLE["staff"][0], "hours": {"2025/02": 1}}]}, "staff[0].hours.2025/02"),
        ({"staff": [{**EXAMPLE["staff"][0], "hours": {"2024-02": 1}}]}, "staff[0].hours.2024-02"),
        (
            {"cost_model": "staff_plus_15_actual", "purchases": {"consultants": 1}},
            "purchases.consultants",
        ),
    ],
)
def test_a_bad_input_exits_2_naming_the_field(tmp_path, change, field):
    status, out, err = run(tmp_path, {**EXAMPLE, **change})
    assert (status, out) == (2, "")
    assert f"claim.json: {field}: " in err


def test_a_file_that_is_not_json_exits_2(tmp_path):
    status, _, err = run(tmp_path, "{not json")
    assert status == 2 and "not valid JSON" in err


def test_a_missing_file_exits_2(tmp_path):
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("claim", "compute", str(tmp_path / "none.json"), stderr=err)
    assert exit.value.code == 2 and "cannot read the file" in err.getvalue()


@pytest.mark.slow
def test_the_command_runs_as_a_process(tmp_path):
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-m", "dipps", "claim", "compute", str(path)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, EXPECTED)
    bad = subprocess.run(
        [sys.executable, "-m", "dipps", "claim", "compute", "-"],
        input='{"cost_model": "staff_plus_40", "income": -1}',
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert bad.returncode == 2 and "-: income: must not be negative" in bad.stderr
