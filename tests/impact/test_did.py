"""`dipps impact did`: a difference-in-differences with a firm-level bootstrap interval.

The panel is worked by hand here and in docs/impact.md ("Worked example: DiD"):

treated     pre            post           change
556036-0793 100, 110 → 105  130            25
5567037485  200             190, 230 → 210 10
5590123450  50              -              dropped
comparison
5566778899  100             104             4
5561234567  80              86              6
5569876542  120             121.5           1.5
5561112227  -               90              dropped

treated_change = (25 + 10) / 2 = 17.50; comparison_change = (4 + 6 + 1.5) / 3 = 3.8333… → 3.83;
att = 17.5 − 3.8333… = 13.6666… → 13.67; dropped = 2. A bootstrap att can only lie between
10 − 6 = 4 and 25 − 1.5 = 23.5.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from dipps.impact import did

PANEL = """orgnr,group,period,value
556036-0793,treated,pre,100
556036-0793,treated,pre,110
5560360793,treated,post,130
5567037485,treated,pre,200
5567037485,treated,post,190
5567037485,treated,post,230
5590123450,treated,pre,50
5566778899,comparison,pre,100
5566778899,comparison,post,104
5561234567,comparison,pre,80
5561234567,comparison,post,86
5569876542,comparison,pre,120
5569876542,comparison,post,121.5
5561112227,comparison,post,90
"""


def rows(text: str):
    lines = text.strip().splitlines()
    header = lines[0].split(",")
    return [
        (n, dict(zip(header, line.split(","), strict=True))) for n, line in enumerate(lines[1:], 2)
    ]


def test_the_hand_worked_panel():
    result = did.estimate(rows(PANEL))
    assert (result.treated, result.comparison, result.dropped) == (2, 3, 2)
    assert result.treated_change == Decimal("17.50")
    assert result.comparison_change == Decimal("3.83")
    assert result.att == Decimal("13.67")
    low, high = result.ci95
    assert Decimal(4) <= low <= result.att <= high <= Decimal("23.5")
    assert (result.draws, result.seed) == (2000, 1)


def test_the_interval_is_the_same_for_the_same_seed_and_differs_for_another():
    first = did.estimate(rows(PANEL), draws=500, seed=7)
    assert did.estimate(rows(PANEL), draws=500, seed=7) == first
    # The hand panel has few distinct draws (its interval is often the same); the draws differ.
    treated, comparison = np.array([25.0, 10.0]), np.array([4.0, 6.0, 1.5])
    seven = did.bootstrap(treated, comparison, 500, seed=7)
    assert np.array_equal(seven, did.bootstrap(treated, comparison, 500, seed=7))
    assert not np.array_equal(seven, did.bootstrap(treated, comparison, 500, seed=8))


def test_the_interval_is_the_percentile_method_on_the_documented_draws():
    """The draws and percentiles as docs/impact.md states them, written out in bare numpy."""
    treated, comparison = np.array([25.0, 10.0]), np.array([4.0, 6.0, 1.5])
    rng = np.random.default_rng(3)
    t = treated[rng.integers(0, 2, size=(300, 2), dtype=np.int64)].mean(axis=1)
    c = comparison[rng.integers(0, 3, size=(300, 3), dtype=np.int64)].mean(axis=1)
    att = np.sort(t - c)
    # linear (Hyndman and Fan 7): position (300 - 1) * 0.025 = 7.475
    low = att[7] + 0.475 * (att[8] - att[7])
    high = att[291] + 0.525 * (att[292] - att[291])  # (300 - 1) * 0.975 = 291.525
    result = did.estimate(rows(PANEL), draws=300, seed=3)
    assert result.ci95 == (did.cents(Decimal(low)), did.cents(Decimal(high)))


def test_the_block_size_does_not_change_the_draws():
    treated = np.arange(7, dtype=float)
    comparison = np.arange(13, dtype=float) ** 2
    whole = did.bootstrap(treated, comparison, 101, seed=5)
    assert np.array_equal(whole, did.bootstrap(treated, comparison, 101, seed=5, block=20))
    assert np.array_equal(whole, did.bootstrap(treated, comparison, 101, seed=5, block=1))


def test_identical_changes_give_a_zero_width_interval():
    panel = rows(
        "orgnr,group,period,value\n5560360793,treated,pre,1\n5560360793,treated,post,3.5\n"
        "5566778899,comparison,pre,1\n5566778899,comparison,post,2\n"
        "5561234567,comparison,pre,10\n5561234567,comparison,post,11\n"
    )
    result = did.estimate(panel)
    assert (result.att, result.ci95) == (Decimal("1.50"), (Decimal("1.50"), Decimal("1.50")))


def test_numbers_as_people_write_them():
    assert did.parse_value("1 234,5") == Decimal("1234.5")
    assert did.parse_value("-3") == Decimal(-3)
    assert did.parse_value("1e3") == Decimal(1000)
    for bad in ("", "abc", "1,2,3", "NaN", "Infinity", "1.2.3", "--1"):
        with pytest.raises(ValueError):
            did.parse_value(bad)


BAD = [
    ("5560360793,treated,during,1", "period 'during' is not pre or post"),
    ("5560360793,control,pre,1", "group 'control' is not treated or comparison"),
    ("5560360793,treated,pre,tolv", "value 'tolv' is not a number"),
    ("5560360793,treated,pre,NaN", "value 'NaN' is not a number"),
    ("5560360793,treated,pre,", "value '' is not a number"),
    ("5560360794,treated,pre,1", "orgnr:"),
    (",treated,pre,1", "orgnr is empty"),
    ("5566778899,treated,pre,1", "in group treated here but in group comparison on row 9"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_a_bad_row_is_refused_with_its_row_number(line, message):
    lines = PANEL.strip().splitlines()
    lines.insert(11, line)  # row 12 of the file
    with pytest.raises(did.DidError) as error:
        did.estimate(rows("\n".join(lines)))
    assert error.value.row == 12 and message in error.value.message
    assert str(error.value).startswith("row 12: ")


@pytest.mark.parametrize("group", ["treated", "comparison"])
def test_an_empty_group_after_dropping_is_refused(group):
    kept = [line for line in PANEL.splitlines() if group not in line or ",pre," in line]
    with pytest.raises(did.DidError, match=f"the {group} group has no firm"):
        did.estimate(rows("\n".join(kept)))


# --- the command -----------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("impact", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_prints_the_contract(tmp_path: Path):
    path = tmp_path / "panel.csv"
    path.write_text(PANEL, encoding="utf-8")
    status, out, err = run("did", str(path), "--draws", "500", "--seed", "7")
    assert (status, err) == (0, "")
    low, high = did.estimate(rows(PANEL), draws=500, seed=7).ci95
    assert out.strip() == (
        '{"treated": 2, "comparison": 3, "dropped": 2, "treated_change": 17.50, '
        f'"comparison_change": 3.83, "att": 13.67, "ci95": [{low}, {high}], '
        '"draws": 500, "seed": 7}'
    )
    assert json.loads(out)["ci95"] == [float(low), float(high)]


def test_the_documented_output_of_the_hand_panel(tmp_path: Path):
    """docs/impact.md shows this output: 2,000 draws, seed 1."""
    path = tmp_path / "panel.csv"
    path.write_text(PANEL, encoding="utf-8")
    status, out, _ = run("did", str(path))
    assert status == 0
    assert out.strip() == (
        '{"treated": 2, "comparison": 3, "dropped": 2, "treated_change": 17.50, '
        '"comparison_change": 3.83, "att": 13.67, "ci95": [4.67, 22.67], '
        '"draws": 2000, "seed": 1}'
    )


def test_a_semicolon_csv_with_decimal_commas_reads_the_same(tmp_path: Path):
    path = tmp_path / "panel.csv"
    path.write_text(PANEL.replace(",", ";").replace("121.5", "121,5"), encoding="utf-8")
    status, out, _ = run("did", str(path))
    assert status == 0 and '"att": 13.67' in out


def test_the_command_names_the_file_and_row(tmp_path: Path):
    path = tmp_path / "panel.csv"
    path.write_text(PANEL + "5560360793,treated,later,1\n", encoding="utf-8")
    status, out, err = run("did", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"{path}: row 16: period 'later' is not pre or post")


def test_the_command_refuses_a_missing_column_and_an_empty_group(tmp_path: Path):
    path = tmp_path / "panel.csv"
    path.write_text("orgnr,group,value\n5560360793,treated,1\n", encoding="utf-8")
    with translation.override("en"):
        status, _, err = run("did", str(path))
    assert status == 2 and "Row 1 (header) lacks the column(s): period" in err
    path.write_text("orgnr,group,period,value\n5560360793,treated,pre,1\n", encoding="utf-8")
    status, _, err = run("did", str(path))
    assert status == 2 and "the treated group has no firm" in err


def test_the_command_refuses_zero_draws(tmp_path: Path):
    with pytest.raises(CommandError, match="whole number of 1 or more"):
        call_command("impact", "did", str(tmp_path / "x.csv"), "--draws", "0")


def test_the_command_exits_3_over_the_row_limit(tmp_path: Path):
    path = tmp_path / "panel.csv"
    path.write_text(PANEL, encoding="utf-8")
    status, out, err = run("did", str(path), "--max-rows", "5")
    assert (status, out) == (3, "") and "--max-rows" in err


@pytest.mark.slow
def test_both_subcommands_run_as_a_process(tmp_path: Path):
    panel = tmp_path / "panel.csv"
    panel.write_text(PANEL, encoding="utf-8")
    sie = tmp_path / "ver.se"
    sie.write_bytes(b"#SIETYP 4\n#RAR 0 20250101 20251231\n")
    src = Path(__file__).resolve().parents[2] / "src"
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}

    def dipps(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "dipps", "impact", *args]
        return subprocess.run(
            command, input=stdin, capture_output=True, text=True, env=env, check=False
        )

    first, second = dipps("did", str(panel)), dipps("did", "-", stdin=PANEL)
    assert first.returncode == 0 and first.stdout == second.stdout
    assert json.loads(first.stdout)["att"] == 13.67
    bad = dipps("value-added", str(sie))
    assert bad.returncode == 2 and bad.stderr.startswith(f"{sie}:2: the file has no #RES rows")


@pytest.mark.slow  # building the bomb takes about half a second
def test_an_xlsx_panel_reads_the_same_and_a_zip_bomb_exits_3(tmp_path: Path):
    from tests.core.hostile_files import table_xlsx, xlsx_bomb

    path = tmp_path / "panel.xlsx"
    path.write_bytes(table_xlsx([line.split(",") for line in PANEL.strip().splitlines()]))
    status, out, _ = run("did", str(path))
    assert status == 0 and '"att": 13.67' in out
    path.write_bytes(xlsx_bomb())
    status, out, err = run("did", str(path))
    assert (status, out) == (3, "") and "xl/worksheets/sheet1.xml" in err
