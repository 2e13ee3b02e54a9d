"""`dipps deminimis check FILE`: the contract's JSON out (exit 0), or the bad field (exit 2).

The examples are worked by hand in docs/de-minimis.md.
"""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLE = {
    "fiscal_year_end": "12-31",
    "grants": [{"date": "2021-06-15", "amount_eur": 120000}],
    "new_grant": {"date": "2024-03-01", "amount_eur": 90000},
}
EXPECTED = (
    '{"regulation": "2023/2831", "ceiling_eur": 300000.00, '
    '"window": {"from": "2021-03-02", "to": "2024-03-01"}, "aid_in_window_eur": 210000.00, '
    '"headroom_eur": 90000.00, "allowed": true, "later_grants_breached": []}'
)


def run(tmp_path: Path, data: object | str) -> tuple[int, str, str]:
    path = tmp_path / "aid.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("deminimis", "check", str(path), stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_issues_example_gives_the_issues_output(tmp_path):
    status, out, err = run(tmp_path, EXAMPLE)
    assert (status, err) == (0, "")
    assert out.strip() == EXPECTED


def test_fiscal_year_end_and_grants_may_be_left_out(tmp_path):
    status, out, _ = run(tmp_path, {"new_grant": {"date": "2023-05-10", "amount_eur": 1000.5}})
    assert status == 0
    assert json.loads(out) == {
        "regulation": "1407/2013",
        "ceiling_eur": 200000.0,
        "window": {"from": "2021-01-01", "to": "2023-05-10"},
        "aid_in_window_eur": 1000.5,
        "headroom_eur": 199000.0 - 0.5,
        "allowed": True,
        "later_grants_breached": [],
    }
    assert '"aid_in_window_eur": 1000.50' in out


def test_a_backdated_grant_lists_the_later_grants_it_breaches_and_headroom_may_be_negative(
    tmp_path,
):
    data = {
        "fiscal_year_end": "12-31",
        "grants": [
            {"date": "2024-06-01", "amount_eur": 250000},
            {"date": "2025-02-01", "amount_eur": 10000},
            {"date": "2021-06-15", "amount_eur": 150000},
        ],
        "new_grant": {"date": "2023-11-15", "amount_eur": 60000},
    }
    status, out, _ = run(tmp_path, data)
    assert status == 0
    assert out.strip() == (
        '{"regulation": "1407/2013", "ceiling_eur": 200000.00, '
        '"window": {"from": "2021-01-01", "to": "2023-11-15"}, '
        '"aid_in_window_eur": 210000.00, "headroom_eur": -10000.00, "allowed": false, '
        '"later_grants_breached": ['
        '{"date": "2024-06-01", "aid_in_window_eur": 460000.00, "ceiling_eur": 300000.00}, '
        '{"date": "2025-02-01", "aid_in_window_eur": 320000.00, "ceiling_eur": 300000.00}]}'
    )


def test_a_broken_fiscal_year_edge(tmp_path):
    grants = [
        {"date": "2020-05-01", "amount_eur": 150000},
        {"date": "2021-05-01", "amount_eur": 30000},
    ]

    def on(day):
        data = {"fiscal_year_end": "04-30", "grants": grants}
        data["new_grant"] = {"date": day, "amount_eur": 60000}
        return json.loads(run(tmp_path, data)[1])

    assert on("2023-04-30")["window"] == {"from": "2020-05-01", "to": "2023-04-30"}
    assert (on("2023-04-30")["headroom_eur"], on("2023-04-30")["allowed"]) == (-40000, False)
    assert on("2023-05-01")["window"] == {"from": "2021-05-01", "to": "2023-05-01"}
    assert (on("2023-05-01")["headroom_eur"], on("2023-05-01")["allowed"]) == (110000, True)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"grants": [{"date": "2021-06-15", "amount_eur": -1}]}, "grants[0].amount_eur"),
        ({"new_grant": {"date": "2024-03-01", "amount_eur": -0.01}}, "new_grant.amount_eur"),
        ({"new_grant": {"date": "2024-03-01", "amount_eur": 10.005}}, "new_grant.amount_eur"),
        ({"grants": [{"date": "2021-06-15", "amount_eur": 1.123}]}, "grants[0].amount_eur"),
        ({"new_grant": {"date": "2024-03-01", "amount_eur": "90000"}}, "new_grant.amount_eur"),
        ({"new_grant": {"date": "2023-02-29", "amount_eur": 1}}, "new_grant.date"),
        ({"new_grant": {"date": "2024-13-01", "amount_eur": 1}}, "new_grant.date"),
        ({"grants": [{"date": "15/06/2021", "amount_eur": 1}]}, "grants[0].date"),
        ({"grants": [{"date": "0001-01-01", "amount_eur": 1}]}, "grants[0].date"),
        ({"grants": [{"date": 20210615, "amount_eur": 1}]}, "grants[0].date"),
        ({"grants": [{"amount_eur": 1}]}, "grants[0].date"),
        ({"fiscal_year_end": "02-30"}, "fiscal_year_end"),
        ({"fiscal_year_end": "13-01"}, "fiscal_year_end"),
        ({"fiscal_year_end": "12/31"}, "fiscal_year_end"),
        ({"fiscal_year_end": 1231}, "fiscal_year_end"),
        ({"grants": {"date": "2021-06-15"}}, "grants"),
        ({"new_grant": {"date": "2024-03-01", "amount": 1}}, "new_grant.amount"),
        ({"fiscal_year": "12-31"}, "fiscal_year"),
    ],
)
def test_a_bad_input_exits_2_naming_the_field(tmp_path, change, field):
    status, out, err = run(tmp_path, {**EXAMPLE, **change})
    assert (status, out) == (2, "")
    assert f"aid.json: {field}: " in err


def test_a_missing_new_grant_exits_2(tmp_path):
    status, out, err = run(tmp_path, {"grants": []})
    assert (status, out) == (2, "")
    assert "aid.json: new_grant: is required" in err


def test_a_file_that_is_not_json_exits_2(tmp_path):
    status, _, err = run(tmp_path, "{not json")
    assert status == 2 and "not valid JSON" in err
    status, _, err = run(tmp_path, '{"new_grant": {"date": "2024-03-01", "amount_eur": NaN}}')
    assert status == 2 and "NaN is not a number" in err


def test_a_missing_file_exits_2(tmp_path):
    err = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("deminimis", "check", str(tmp_path / "none.json"), stderr=err)
    assert exit.value.code == 2 and "cannot read the file" in err.getvalue()


@pytest.mark.slow
def test_the_command_runs_as_a_process(tmp_path):
    path = tmp_path / "aid.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "dipps", "deminimis", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, EXPECTED)
    bad = subprocess.run(
        [sys.executable, "-m", "dipps", "deminimis", "check", "-"],
        input='{"grants": [{"date": "2021-06-15", "amount_eur": 1}]}',
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and "-: new_grant: is required" in bad.stderr
