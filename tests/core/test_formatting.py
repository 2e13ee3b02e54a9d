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
