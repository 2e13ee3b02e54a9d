"""`dipps automation payback FILE`: the contract's JSON out (exit 0), or the bad field (exit 2).

The expected figures are worked by hand in tests/automation/test_payback.py.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLE = {
    "investment": 1200000,
    "annual_operating_cost": 40000,
    "hours_saved_per_year": 1600,
    "hourly_labour_cost": 420,
    "other_annual_savings": 0,
    "years": 7,
    "discount_rate_percent": 6,
    "residual_value": 0,
}


def run(tmp_path: Path, data: object) -> tuple[int, str, str]:
    path = tmp_path / "payback.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("automation", "payback", str(path), stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue().replace(str(path), "f.json")
    return 0, out.getvalue(), err.getvalue()


def test_the_contract_example_prints_the_contract_answer(tmp_path):
    code, out, _err = run(tmp_path, EXAMPLE)
    assert code == 0
    assert out.strip() == (
        '{"annual_saving": 632000.00, "payback_years": 1.90, "npv": 2328065.07, '
        '"irr_percent": 49.51}'
    )


def test_the_optional_fields_default_to_zero(tmp_path):
    data = {k: v for k, v in EXAMPLE.items() if k not in ("annual_operating_cost",)}
    del data["other_annual_savings"], data["residual_value"]
    code, out, _err = run(tmp_path, data)
    assert code == 0
    assert json.loads(out)["annual_saving"] == 672000


def test_no_saving_prints_nulls(tmp_path):
    data = {**EXAMPLE, "annual_operating_cost": 700000}
    code, out, _err = run(tmp_path, data)
    assert code == 0
    answer = json.loads(out)
    assert answer["payback_years"] is None and answer["irr_percent"] is None
    assert out.startswith('{"annual_saving": -28000.00, "payback_years": null')


def test_a_whole_number_written_with_a_decimal_point_is_a_whole_year(tmp_path):
    code, out, _err = run(
        tmp_path,
        '{"investment": 1200000, "annual_operating_cost": 40000, '
        '"hours_saved_per_year": 1600, "hourly_labour_cost": 420, "years": 7.0, '
        '"discount_rate_percent": 6}',
    )
    assert code == 0
    assert json.loads(out)["npv"] == pytest.approx(2328065.07)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"investment": None}, "investment: is required"),
        ({"hours_saved_per_year": None}, "hours_saved_per_year: is required"),
        ({"hourly_labour_cost": None}, "hourly_labour_cost: is required"),
        ({"years": None}, "years: is required"),
        ({"discount_rate_percent": None}, "discount_rate_percent: is required"),
        ({"investment": "1200000"}, "investment: expected a number"),
        ({"residual_value": "none"}, "residual_value: expected a number"),
        ({"years": True}, "years: expected a number"),
        ({"annual_operating_cost": -1}, "annual_operating_cost: must not be negative"),
        ({"discount_rate_percent": -6}, "discount_rate_percent: must not be negative"),
        ({"years": 0}, "years: must be a whole number of at least 1"),
        ({"years": 7.5}, "years: must be a whole number of at least 1"),
        ({"years": 500}, "years: must be a whole number from 1 to 100"),
        ({"residual_valu": 1}, "residual_valu: unknown key"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, change, message):
    data = {**EXAMPLE, **change}
    data = {k: v for k, v in data.items() if v is not None}
    code, out, err = run(tmp_path, data)
    assert code == 2
    assert out == ""
    assert err.startswith(f"f.json: {message}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "f.json: (file): expected a JSON object"),
        ('{"investment": ', "f.json: (file): not valid JSON"),
        ('{"investment": NaN}', "f.json: (file): NaN is not a number"),
    ],
)
def test_a_file_that_is_not_an_object_exits_2(tmp_path, text, message):
    code, _out, err = run(tmp_path, text)
    assert code == 2
    assert err.startswith(message)
