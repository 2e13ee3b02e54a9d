"""The pre-trend chart (impact/did_chart.py): two lines, told apart without colour."""

from decimal import Decimal as D

from dipps.impact import did_chart


def test_the_chart_draws_both_lines_marks_the_first_support_and_escapes_its_texts():
    points = [
        did_chart.Point("−1", -1, D(100), D(90)),
        did_chart.Point("0", 0, D(120), None),
        did_chart.Point("+1", 1, D(140), D(110)),
    ]
    svg = did_chart.lines(
        title="Value <added>",
        desc="a & b",
        points=points,
        series=("supported", "comparison"),
        axis_top="140 kr",
        axis_bottom="90 kr",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and "style=" not in svg
    assert '<title id="trend-t">Value &lt;added&gt;</title>' in svg
    assert '<desc id="trend-d">a &amp; b</desc>' in svg
    assert svg.count("<circle") == 3 and svg.count('width="8" height="8"') == 2
    assert svg.count("<polyline") == 2 and 'stroke-dasharray="6 4"' in svg
    # The plot runs from x 90 to 540 in two steps of 225, and from y 20 (140) to 236 (90):
    # 100 → 20 + 216 × (140 − 100) / 50 = 192.8; 120 → 106.4; 110 → 149.6.
    assert '<polyline points="90.0,192.8 315.0,106.4 540.0,20.0" fill="none"' in svg
    assert '<polyline points="90.0,236.0 540.0,149.6" fill="none"' in svg
    assert 'cx="90.0" cy="192.8"' in svg
    assert '<line x1="315.0" y1="20" x2="315.0" y2="236"' in svg  # the year of the support


def test_a_series_with_one_point_draws_a_marker_and_no_line():
    svg = did_chart.lines(
        title="t",
        desc="d",
        points=[did_chart.Point("−1", -1, D(5), None)],
        series=("a", "b"),
        axis_top="5",
        axis_bottom="5",
    )
    assert svg.count("<circle") == 1 and "<polyline" not in svg
