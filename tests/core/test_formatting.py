"""One formatting module for every figure: money, numbers, percentages and dates."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.template import Context, Template
from django.utils import translation

from dipps.core import formatting


@pytest.fixture
def sv():
    with translation.override("sv"):
        yield


@pytest.fixture
def en():
    with translation.override("en"):
        yield


def test_numbers_are_grouped_and_rounded_half_up_never_truncated(sv):
    assert formatting.number(D("1234.565"), 2) == "1\u00a0234,57"
    assert formatting.number(D("39.96"), 1) == "40,0"
    assert formatting.number("2.5") == "3"
    assert formatting.number(None) == formatting.number("x") == ""


def test_an_amount_in_a_sentence_and_in_a_cell(en):
    assert formatting.kr(D("1960000")) == "1,960,000.00 kr"
    assert formatting.kr(None) == ""
    assert formatting.kr_unbroken(D("1234.5")) == "1,235\u00a0kr"
    assert formatting.kr_unbroken(D("-0.5"), 2) == "-0.50\u00a0kr"


def test_a_swedish_amount_never_breaks(sv):
    assert formatting.kr_unbroken(D("22185000")) == "22\u00a0185\u00a0000\u00a0kr"


def test_percentages_and_dates(en):
    assert formatting.percent(D("12.345")) == "12.3\u00a0%"
    assert formatting.percent(None) == ""
    assert formatting.short_date(date(2024, 3, 5)) == "2024-03-05"


def test_the_template_filters_are_the_formatting_functions(sv):
    out = Template("{% load dipps %}{{ a|sek }}|{{ a|sek:2 }}|{{ a|num:1 }}|{{ p|pct }}").render(
        Context({"a": D("1234.56"), "p": D("7.25")})
    )
    assert out == "1\u00a0235\u00a0kr|1\u00a0234,56\u00a0kr|1\u00a0234,6|7,3\u00a0%"


def test_services_leave_formatting_to_the_one_formatting_module():
    """Writes do not format: amounts and dates in messages go through core.formatting."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "dipps"
    modules = [*src.glob("*/services.py"), *src.glob("*/services/*.py")]
    offenders = [
        str(m.relative_to(src))
        for m in modules
        if "number_format" in m.read_text() or "date_format" in m.read_text()
    ]
    assert modules and offenders == []


def test_a_change_carries_its_sign_and_a_real_minus(sv):
    assert formatting.signed(D("1.44")) == "+1,4"
    assert formatting.signed(D("-15.66")) == "\u221215,7"
    assert formatting.signed(D("-0.04")) == "0,0"  # rounds to nothing: no sign
    assert formatting.signed(None) == ""
    assert formatting.signed_percent(D("4")) == "+4,0\u00a0%"
    assert formatting.signed_kr(D("-3400")) == "\u22123\u00a0400\u00a0kr"


def test_percentage_points_are_named_in_the_pages_language(sv):
    assert formatting.points(D("-1.5")) == "\u22121,5\u00a0p.e."
    with translation.override("en"):
        assert formatting.points(D("-1.5")) == "\u22121.5\u00a0pp"


def test_one_year_is_not_a_span(sv):
    assert formatting.year_span(2024, 2024) == "år 2024"
    assert formatting.year_span(2023, 2024) == "åren 2023–2024"
    with translation.override("en"):
        assert formatting.year_span(2024, 2024) == "year 2024"


def test_scores_have_one_decimal(en):
    assert formatting.score(D("46.55")) == "46.6"


def test_an_exported_figure_stays_a_number_with_a_sensible_precision():
    assert formatting.export_number(-1.474226809646539) == D("-1.4742")
    assert formatting.export_number(0.000123456) == D("0.000123")
    assert formatting.export_number(D("12.50")) == D("12.50")
    assert formatting.export_number(D(1) / D(3)) == D("0.3333")
    assert formatting.export_number(7) == 7
    assert formatting.export_number(float("nan")) is None
    assert formatting.export_number("−1.47422") == "−1.47422"  # text is text


def test_the_change_filters_are_the_formatting_functions(sv):
    out = Template(
        "{% load dipps %}{{ a|signed }}|{{ a|pp }}|{{ a|signed_pct }}|{{ b|signed_sek }}"
        "|{{ b|score }}|{% year_span 2024 2024 %}"
    ).render(Context({"a": D("-15.66"), "b": D("1234.56")}))
    assert out == (
        "\u221215,7|\u221215,7\u00a0p.e.|\u221215,7\u00a0%|+1\u00a0235\u00a0kr|1\u00a0234,6|år 2024"
    )
