"""The productivity bar chart: accessible SVG, no style attribute, bars scaled exactly."""

from decimal import Decimal as D

from dipps.impact.charts import Bar, bars


def test_bars_scale_from_zero_and_mark_the_baseline():
    svg = bars(
        title="VA <per> employee",
        desc="2023: 500 kr; 2024: 250 kr",
        items=[
            Bar("2023", D(500), "500 kr", mark="baseline"),
            Bar("2024", D(250), "250 kr"),
            Bar("2025", None, "–"),
        ],
        ident="t",
    )
    assert svg.startswith('<svg class="chart bars" viewBox="0 0 320 240"')
    assert 'role="img" aria-labelledby="t-t t-d"' in svg
    assert '<title id="t-t">VA &lt;per&gt; employee</title>' in svg
    assert "style=" not in svg and "<script" not in svg
    # Plot from y=24 to y=192 (168 px) for 0–500: 500 → 168 px, 250 → 84 px.
    assert '<rect x="40" y="24.0" width="50" height="168.0" fill="#e08a00"' in svg
    assert '<rect x="130" y="108.0" width="50" height="84.0" fill="#0b5c8a"/>' in svg
    assert svg.count("<rect") == 2  # no bar without a figure
    assert ">baseline</text>" in svg


def test_negative_bars_hang_below_the_zero_line():
    svg = bars(title="t", desc="d", items=[Bar("a", D(300), "300"), Bar("b", D(-100), "-100")])
    # span 400 over 168 px: zero at 24 + 300 × 0.42 = 150; −100 → 42 px down from it.
    assert 'y1="150.0"' in svg
    assert '<rect x="130" y="150.0" width="50" height="42.0"' in svg
