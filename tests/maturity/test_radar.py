"""The radar shows every axis label in full, inside its viewBox, at any width it is scaled to."""

import re

import pytest

from dipps.core.chartaxis import text_width
from dipps.maturity.charts import FONT, Series, label_lines, radar

LONG_AXES = [
    "Digital beredskap och strategi",
    "Människan i digitaliseringen",
    "Data och analys",
    "Automatisering och artificiell intelligens",
    "Säkerhet",
    "Grön digitalisering och hållbarhet",
]


def _viewbox(svg: str) -> tuple[float, float, float, float]:
    left, top, width, height = map(float, re.search(r'viewBox="([^"]+)"', svg)[1].split())
    return left, top, left + width, top + height


def _label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each axis label's full text and its estimated box, read back from the markup."""
    out = []
    for anchor, spans in re.findall(r'<text font-size="12" text-anchor="(\w+)">(.*?)</text>', svg):
        lines = re.findall(r'<tspan x="([-\d.]+)" y="([-\d.]+)">([^<]*)</tspan>', spans)
        x = float(lines[0][0])
        wide = max(text_width(text, FONT) for _, _, text in lines)
        left = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        top = float(lines[0][1]) - FONT * 0.8
        bottom = float(lines[-1][1]) + FONT * 0.25
        out.append((" ".join(t for _, _, t in lines), (left, top, left + wide, bottom)))
    return out


@pytest.mark.parametrize("count", [3, 4, 5, 6])
def test_every_label_is_shown_in_full_inside_the_viewbox(count):
    axes = LONG_AXES[:count]
    svg = radar(
        title="t",
        desc="d",
        axes=axes,
        series=[Series("T0", [50] * count), Series("T1", [70] * count)],
    )
    boxes = _label_boxes(svg)
    assert [text for text, _ in boxes] == axes
    v_left, v_top, v_right, v_bottom = _viewbox(svg)
    for text, (left, top, right, bottom) in boxes:
        assert v_left <= left and right <= v_right, text
        assert v_top <= top and bottom <= v_bottom, text


def test_a_long_label_is_wrapped_onto_at_most_three_lines():
    svg = radar(title="t", desc="d", axes=LONG_AXES, series=[Series("T0", [1] * 6)])
    assert '<tspan x="0.0" y="' in svg  # the top label is centred over its axis
    assert label_lines("Automatisering och artificiell intelligens") == [
        "Automatisering",
        "och artificiell",
        "intelligens",
    ]
    for line in ("Automatisering", "och artificiell", "intelligens"):
        assert f">{line}</tspan>" in svg
    assert all(len(label_lines(a)) <= 3 for a in LONG_AXES)
    assert label_lines("Data management and connectedness") == [
        "Data management",
        "and connectedness",
    ]  # no short word alone on a line
    assert label_lines("Säkerhet") == ["Säkerhet"]


def test_the_labels_do_not_overlap_the_rings():
    svg = radar(title="t", desc="d", axes=LONG_AXES, series=[Series("T0", [100] * 6)], radius=140)
    for text, (left, top, right, bottom) in _label_boxes(svg):
        # the nearest point of the box to the centre lies outside the outer ring's circle
        nx = min(max(0.0, left), right)
        ny = min(max(0.0, top), bottom)
        assert (nx * nx + ny * ny) ** 0.5 >= 140 * 0.85, text


def test_the_legend_lies_inside_the_viewbox():
    svg = radar(
        title="t",
        desc="d",
        axes=["a", "b", "c"],
        series=[Series("T0", [1, 2, 3]), Series("T1", [2, 3, 4])],
    )
    v_left, v_top, v_right, v_bottom = _viewbox(svg)
    for x, y, name in re.findall(
        r'<text x="([-\d.]+)" y="([-\d.]+)" font-size="12">([^<]+)</text>', svg
    ):
        assert v_left <= float(x) and float(x) + text_width(name, FONT) <= v_right
        assert float(y) + FONT * 0.25 <= v_bottom
    assert ">T0</text>" in svg and ">T1</text>" in svg


def test_the_text_alternative_is_kept():
    svg = radar(
        title="Mognad", desc="T0: Data 40", axes=["a", "b", "c"], series=[Series("T0", [1, 2, 3])]
    )
    assert 'role="img"' in svg
    assert (
        '<title id="radar-t">Mognad</title>' in svg
        and '<desc id="radar-d">T0: Data 40</desc>' in svg
    )


@pytest.mark.slow
def test_the_report_pdf_draws_the_radar_with_every_label_inside(world, client_as):
    import io

    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation
    from pypdf import PdfReader

    from dipps.maturity.frameworks import load_framework
    from dipps.maturity.present import results_context
    from dipps.maturity.selectors import company_results

    from .builders import submitted

    assessment = submitted(world.company, world.programme, level=2)
    framework = load_framework(assessment.framework, assessment.framework_version)
    coach = client_as("coach")
    with translation.override("sv"):
        results = company_results(world.users["coach"], world.company.pk, None)
        html = render_to_string("maturity/report.html", results_context(results, "report-radar"))
    svg = re.search(r'<svg class="chart radar".*?</svg>', html, re.S)[0]
    titles = [d.title.get("sv") for d in framework.dimensions]
    boxes = _label_boxes(svg)
    assert [text for text, _ in boxes] == titles
    v_left, v_top, v_right, v_bottom = _viewbox(svg)
    for text, (left, top, right, bottom) in boxes:
        assert v_left <= left and right <= v_right and v_top <= top and bottom <= v_bottom, text

    pdf = coach.get(reverse("maturity:report", args=[world.company.pk])).content
    runs: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda t, *_: runs.append(t.strip()))
    for title in titles:  # each wrapped line is drawn whole, as its own run of text
        for line in label_lines(title):
            assert line in runs, (title, line)
