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


def test_a_wide_mark_widens_every_slot():
    from dipps.impact.charts import text_width

    # "utgångsläge, T1": 15 characters × 11 px × 0.62 = 102.3 px → slot 113 px
    assert round(text_width("utgångsläge, T1", 11), 1) == 102.3
    svg = bars(
        title="t",
        desc="d",
        items=[Bar("2023", D(1), "1", mark="utgångsläge, T1"), Bar("2024", D(1), "1")],
    )
    # The second bar starts at 40 + 113 + (113 − 90) // 2 = 164.
    assert '<rect x="164" y="24.0" width="50"' in svg


def test_nice_steps():
    from dipps.impact.charts import nice_step

    assert nice_step(3) == 1.0
    assert nice_step(7) == 2.0
    assert nice_step(55.02) == 20.0
    assert nice_step(109800) == 50000.0
    assert nice_step(0) == 1.0


def test_stacked_bars_on_an_axis_with_values():
    import re

    from dipps.impact.charts import Stack, stacked

    svg = stacked(
        title="Utsläpp <t CO2e>",
        desc="2023: 3 t; 2025: 2 t",
        series=["el", "diesel"],
        groups=[Stack("2023", [2.0, 1.0], "3,00"), Stack("2025", [1.5, 0.5], "2,00")],
        unit="t CO2e, marknadsbaserad",
        ident="x",
    )
    # Axis 0–3 in steps of 1 over 200 px from y=28 to y=228; one legend row → 276 high.
    assert svg.startswith('<svg class="chart bars" viewBox="0 0 560 276"')
    assert '<title id="x-t">Utsläpp &lt;t CO2e&gt;</title>' in svg
    assert "style=" not in svg and "<script" not in svg
    # Slots of (560 − 40 − 10) / 2 = 255 px, bars of 60 px centred: x = 40 + 97.5.
    assert '<rect x="137.5" y="94.7" width="60.0" height="133.3"' in svg  # 2 of 3
    assert '<rect x="137.5" y="28.0" width="60.0" height="66.7"' in svg  # 1 of 3 on top
    assert 'height="100.0"' in svg and 'height="33.3"' in svg  # 1.5 and 0.5
    assert ">3,00</text>" in svg and ">t CO2e, marknadsbaserad</text>" in svg
    assert [t for t in re.findall(r'text-anchor="end">([^<]*)<', svg)] == ["0", "1", "2", "3"]


def test_a_long_legend_wraps_inside_the_drawing():
    import re

    from dipps.impact.charts import Stack, stacked, text_width

    names = [f"energibärare nummer {n}" for n in range(8)]
    svg = stacked(
        title="t",
        desc="d",
        series=names,
        groups=[Stack("2023", [1.0] * 8)],
        unit="kWh",
        width=320,
    )
    width = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    height = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(2))
    keys = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)" font-size="11" text-anchor="start">([^<]*)<', svg
    )
    legend = [(float(x), float(y), name) for x, y, name in keys if name in names]
    assert len(legend) == 8 and len({y for _x, y, _n in legend}) == 8  # one a row at 320 px
    assert all(x + text_width(name, 11) <= width for x, _y, name in legend)
    assert max(y for _x, y, _n in legend) < height


def test_histogram_columns_are_counted_exactly():
    from dipps.impact.charts import Column, histogram

    svg = histogram(
        title="Förändring",
        desc="d",
        columns=[Column("−10…0", 1), Column("0…10", 3), Column("10…20", 2)],
        axis="Förändring, %",
        ident="h",
    )
    # Counts on an axis 0–3 over 180 px from y=28 to y=208; slots of 56 px from x=40.
    assert svg.startswith('<svg class="chart bars" viewBox="0 0 320 252"')
    assert '<rect x="42" y="148.0" width="52" height="60.0"' in svg
    assert '<rect x="98" y="28.0" width="52" height="180.0"' in svg
    assert '<rect x="154" y="88.0" width="52" height="120.0"' in svg
    assert ">−10…0</text>" in svg and ">Förändring, %</text>" in svg
    assert "style=" not in svg


def test_histogram_axis_in_whole_steps():
    import re

    from dipps.impact.charts import Column, histogram

    svg = histogram(title="t", desc="d", columns=[Column("a", 7), Column("b", 0)], axis="x")
    # 7 firms: steps of 2 up to 8, so the highest column is 7/8 of 180 px = 157.5 px.
    assert re.findall(r'text-anchor="end">(\d+)<', svg) == ["0", "2", "4", "6", "8"]
    assert 'height="157.5"' in svg and svg.count("<rect") == 1


def test_a_long_unit_widens_the_drawing():
    import re

    from dipps.impact.charts import Stack, stacked, text_width

    unit = "ton CO2e, marknadsbaserad (nordisk residualmix)"  # 47 × 11 × 0.62 = 320.5 px
    svg = stacked(
        title="t", desc="d", series=["el"], groups=[Stack("2023", [1.0])], unit=unit, width=300
    )
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    assert width == 329 and 4 + text_width(unit, 11) <= width
