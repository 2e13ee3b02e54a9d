"""The scenario charts have value axes with round ticks in the page's number format and
their unit named, and a shock's name is shown in full, on at most two lines."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from dipps.core.chartaxis import text_width
from dipps.scenarios import charts

LONG = "Elpriset fördubblas och fjärrvärmen höjs med en tredjedel samtidigt"
ROWS = [
    ("Utan chock", [Decimal(1_800_000), Decimal(2_100_000)]),
    (LONG, [Decimal(-450_000), Decimal(300_000)]),
    ("Stål +40 %", [Decimal(900_000), Decimal(1_200_000)]),
]
UNIT = "Rörelseresultat (EBIT), kr"


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def _width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])


def _ticks(svg: str) -> list[tuple[float, str]]:
    return [
        (float(x), text)
        for x, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle">([^<]*)</text>', svg
        )
    ]


def _labels(svg: str) -> list[tuple[float, list[str]]]:
    out = []
    for spans in re.findall(r'<text text-anchor="end" font-size="12">(.*?)</text>', svg):
        lines = re.findall(r'<tspan x="([\d.]+)" y="[\d.]+">([^<]*)</tspan>', spans)
        out.append((float(lines[0][0]), [text for _, text in lines]))
    return out


def test_the_bar_chart_has_round_ticks_in_swedish_format_and_its_unit():
    svg = charts.grouped_bars("t", "d", ROWS, ["utan", "med"], "stress", unit=UNIT)
    texts = [text for _, text in _ticks(svg)]
    assert "0" in texts
    assert "1\xa0000\xa0000" in texts or "1 000 000" in texts
    assert any(t.startswith("\u2212") for t in texts)  # a real minus below zero
    assert f">{UNIT}</text>" in svg


def test_tick_labels_do_not_touch_and_stay_inside_the_drawing():
    svg = charts.grouped_bars("t", "d", ROWS, ["utan", "med"], "stress", unit=UNIT)
    ticks = _ticks(svg)
    assert len(ticks) >= 3
    for (x1, t1), (x2, t2) in zip(ticks, ticks[1:], strict=False):
        assert x2 - x1 >= (text_width(t1, 11) + text_width(t2, 11)) / 2
    assert ticks[0][0] - text_width(ticks[0][1], 11) / 2 >= 0
    assert ticks[-1][0] + text_width(ticks[-1][1], 11) / 2 <= _width(svg)


def test_a_long_shock_name_is_shown_in_full_on_at_most_two_lines_inside_the_drawing():
    svg = charts.grouped_bars("t", "d", ROWS, ["utan", "med"], "stress", unit=UNIT)
    labels = _labels(svg)
    assert [" ".join(lines) for _, lines in labels] == [name for name, _ in ROWS]
    for x, lines in labels:
        assert len(lines) <= 2
        assert x - max(text_width(line, 12) for line in lines) >= 0


def test_the_tornado_axis_fits_its_values_and_names_its_unit():
    svg = charts.tornado(
        "t",
        "d",
        Decimal(1_800_000),
        [
            ("Elpris", Decimal(900_000), Decimal(2_300_000)),
            (LONG, Decimal(1_200_000), Decimal(2_000_000)),
        ],
        "tornado",
        unit=UNIT,
    )
    values = [text for _, text in _ticks(svg)]
    assert values[0] != "0"  # a tornado's axis is not pulled down to zero
    assert f">{UNIT}</text>" in svg
    assert [" ".join(lines) for _, lines in _labels(svg)] == ["Elpris", LONG]


def test_the_histogram_has_whole_count_ticks_and_both_units():
    edges = [-1_200_000 + i * 400_000 for i in range(11)]
    svg = charts.histogram(
        "t",
        "d",
        edges,
        [("utan", [1, 5, 30, 120, 300, 420, 280, 100, 30, 5])],
        "histogram",
        unit=UNIT,
        count_unit="Simulerade år",
    )
    counts = re.findall(r'font-size="11" text-anchor="end">([^<]*)</text>', svg)
    assert counts[0] == "0" and all(c.replace("\xa0", "").isdigit() for c in counts)
    assert int(counts[-1].replace("\xa0", "")) >= 420
    assert ">Simulerade år</text>" in svg and f">{UNIT}</text>" in svg
