from dipps.impact.energy_chart import Bar, bars


def test_bars_are_stacked_scaled_and_described():
    svg = bars(
        title="Utsläpp <t CO2e>",
        desc="2023: 3 t; 2025: 2 t",
        series=["el", "diesel"],
        groups=[Bar("2023", [2.0, 1.0]), Bar("2025", [1.5, 0.5])],
        unit="t CO2e",
        ident="x",
    )
    assert svg.startswith('<svg class="chart bars"') and 'role="img"' in svg
    assert '<title id="x-t">Utsläpp &lt;t CO2e&gt;</title>' in svg
    assert '<desc id="x-d">2023: 3 t; 2025: 2 t</desc>' in svg
    assert "style=" not in svg and "<script" not in svg
    # The tallest bar (3 t) fills the plot (220 px): 2 t → 146.7 px, 1 t → 73.3 px.
    assert 'height="146.7"' in svg and 'height="73.3"' in svg
    assert svg.count("<rect") == 4 + 2  # four segments, two legend keys


def test_no_bars():
    svg = bars(title="t", desc="d", series=[], groups=[], unit="t")
    assert svg.endswith("</svg>") and "<rect" not in svg
