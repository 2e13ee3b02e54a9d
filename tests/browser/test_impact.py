"""Impact in the browser: the coach fills a firm's figures from its SIE file and sees the
baseline and the T1 follow-up (issue 14, "Done when")."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from dipps.accounts.demo import DEMO_PASSWORD
from dipps.companies.models import KeyFigures
from dipps.companies.selectors import companies_visible_to
from dipps.impact import productivity
from dipps.impact.models import ProductivityYear
from dipps.impact.selectors import follow_up_days

from .conftest import login

pytestmark = pytest.mark.browser


def _firm_with_a_follow_up(user):
    """A firm of the coach with a first support and a T1 follow-up whose years (baseline and
    T1) the register has staff for. Figures the demo may already hold for those years are
    replaced by the file's, as a re-read replaces them."""
    for firm in companies_visible_to(user).order_by("name"):
        first, t1, t2 = follow_up_days(firm)
        if first is None or t1 is None:
            continue
        marks = productivity.marks(
            first_support=first, t1_day=t1, t2_day=t2, year_end=firm.fiscal_year_end
        )
        if marks.baseline is None or marks.t1 is None or marks.t1 <= marks.baseline:
            continue
        staff = set(
            KeyFigures.objects.filter(company=firm, headcount__gt=0).values_list(
                "fiscal_year", flat=True
            )
        )
        if {marks.baseline, marks.t1} <= staff:
            return firm, marks
    pytest.fail("the demo has no firm of the coach with a baseline and a T1 year")


def _sie(firm, years: list[int]) -> bytes:
    """A small SIE 4 file of the firm with one `#RAR` and its `#RES` rows per fiscal year
    (newest first): net sales 8.0 Mkr, rising by 0.8 Mkr a year."""
    lines = [
        "#FLAGGA 0",
        "#SIETYP 4",
        f'#FNAMN "{firm.name}"',
        f"#ORGNR {firm.orgnr[:6]}-{firm.orgnr[6:]}",
    ]
    newest = max(years)
    for year in sorted(years, reverse=True):
        lines.append(f"#RAR {year - newest} {year}0101 {year}1231")
    for year in sorted(years, reverse=True):
        step = Decimal(year - min(years))
        index = year - newest
        sales = Decimal("8000000") + step * Decimal("800000")
        lines += [
            f"#RES {index} 3010 {-sales}",
            f"#RES {index} 4010 {sales * Decimal('0.45')}",
            f"#RES {index} 7010 2400000",
            f"#RES {index} 7830 240000",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("cp437")


def test_a_coach_fills_a_firms_figures_from_its_sie_file_and_sees_baseline_and_t1(
    page, live_server, demo
):
    coach = get_user_model().objects.get(username="coach")
    firm, marks = _firm_with_a_follow_up(coach)
    years = list(range(marks.baseline - 1, marks.t1 + 1))
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/companies/{firm.pk}/")
    page.get_by_role("link", name="Produktivitet från bokföringen").click()
    page.wait_for_url(re.compile(rf"/impact/company/{firm.pk}/$"))
    page.get_by_role("link", name="Läs in siffror från en SIE-fil").click()
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "bokslut.se", "mimeType": "text/plain", "buffer": _sie(firm, years)}],
    )
    page.get_by_role("button", name="Läs filen").click()

    # Every figure is shown for review before anything is saved.
    review = page.get_by_test_id("review-year")
    assert review.count() == len(years)
    page.get_by_role("button", name="Spara siffrorna").click()
    page.wait_for_url(re.compile(rf"/impact/company/{firm.pk}/$"))

    marks_list = page.get_by_test_id("marks")
    assert str(marks.baseline) in marks_list.inner_text()
    assert str(marks.t1) in marks_list.inner_text()
    changes = page.get_by_test_id("changes").inner_text()
    assert re.search(rf"T1 \({marks.t1}\) jämfört med utgångsläget: [−+]?[\d  ]+", changes), changes
    assert page.locator("main svg[role=img]").count() >= 1
    rows = ProductivityYear.objects.filter(company=firm)
    read = rows.filter(fiscal_year__in=years, source=ProductivityYear.Source.SIE)
    assert sorted(read.values_list("fiscal_year", flat=True)) == years
