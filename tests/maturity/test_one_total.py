"""One assessment shows one total everywhere: pages, timeline, PDF and exports.

The answer set below scores exactly 185/4 = 46.25. Half up (the one rule) shows
46,3; a float path shows 46,2 (Python's round() goes to even on the exact
binary 46.25, and Django's number_format cuts the digits off), which is how the
results page once said 46,3 while the timeline said 46,2.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from dipps.maturity import services
from dipps.maturity.figures import rounded
from dipps.maturity.frameworks import load_framework
from dipps.maturity.scoring import score

pytestmark = pytest.mark.django_db
DMA = load_framework("dipps-dma-sme", 1)

# strategy 42.5, readiness 55, human 50, data 25, automation 60, green 45: 277.5 / 6.
ANSWERS = {
    "strategy.investments": {"already": [0, 1, 2], "planned": [3]},
    "strategy.preparedness": [0, 1, 2, 3, 4],
    "readiness.basic": [0, 1, 2, 3, 4],
    "readiness.advanced": [3] * 7,
    "human.skills": [0, 1, 2, 3, 4, 5, 6],
    "human.engagement": [],
    "data.management": [],
    "data.security": [0, 1, 2],
    "automation.technologies": [3] * 5,
    "green.uses": [0, 1, 2, 3, 4],
    "green.practices": ["yes", "yes", "no", "no", "no"],
}
EXACT = Fraction(185, 4)
SHOWN = "46,3"


def test_the_answer_set_is_a_tie_that_float_rounding_gets_wrong():
    assert score(DMA, ANSWERS).overall == EXACT
    assert rounded(EXACT) == Decimal("46.3")
    assert f"{round(float(EXACT), 1)}" == "46.2"  # what a float path shows


@pytest.fixture
def assessment(world):
    draft = services.assessment_start(company=world.company, programme=world.programme, stage="t0")
    return services.assessment_submit(assessment=draft, answers=ANSWERS)


def _html(client, name, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_one_assessment_shows_one_total_everywhere(world, client_as, assessment):
    client = client_as("manager")  # Swedish, the default language
    with translation.override("sv"):
        results = _html(client, "maturity:company", world.company.pk)
        detail = _html(client, "maturity:detail", assessment.pk)
        start = _html(client, "maturity:index")
        timeline = _html(client, "engagements:company", world.company.pk)
        pdf = client.get(reverse("maturity:report", args=[world.company.pk])).content
        export = reverse("maturity:export", args=[world.programme.code, "csv"])
        table = client.get(export).content.decode("utf-8-sig")
        xlsx = client.get(reverse("maturity:export", args=[world.programme.code, "xlsx"]))

    assert re.search(rf'data-testid="overall">{SHOWN}<', results)
    assert f'<td class="num">{SHOWN}</td></tr></tbody>' in results  # the table's overall row
    assert f"<dd>{SHOWN} · " in detail
    assert f'<td class="num">{SHOWN}</td>' in start
    assert f"sammanlagt värde {SHOWN}" in timeline

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert SHOWN in text and "46,2" not in text

    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    column = rows[0].index("totalpoäng")
    assert rows[1][column] == SHOWN

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][values[0].index("totalpoäng")] == 46.3


def test_the_english_pages_round_the_same_way(world, client_as, assessment):
    client = client_as("coach")
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        results = _html(client, "maturity:company", world.company.pk)
        timeline = _html(client, "engagements:company", world.company.pk)
    assert 'data-testid="overall">46.3<' in results
    assert "overall score 46.3" in timeline
