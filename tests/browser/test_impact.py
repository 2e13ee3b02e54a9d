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


def _comparison_csv(programme) -> bytes:
    """Three made-up comparison firms per cell of the programme's supported firms, with key
    figures from three years before the cell's baseline to the last closed year: value added
    per employee 700 000 kr growing 1 % a year, split as a manufacturer's."""
    from stdnum import luhn

    from dipps.impact import matching
    from dipps.impact.selectors_comparison import load

    cells = matching.match(load(programme).treated, []).cells
    assert cells, "the demo has no supported firm with figures from its accounts"
    staff = {matching.MICRO: 5, matching.SMALL: 20, matching.MEDIUM: 80}
    lines = ["orgnr;year;net_sales;personnel_costs;operating_profit;depreciation;employees;sni"]
    serial = 0
    for cell in cells:
        for _ in range(3):
            serial += 1
            nine = f"559{900000 + serial:06d}"
            number = nine + luhn.calc_check_digit(nine)
            for year in range(cell.pre_year - 3, cell.pre_year + 3):
                added = staff[cell.size] * 700_000 * 1.01 ** (year - cell.pre_year)
                personnel, depreciation = round(added * 0.7), round(added * 0.06)
                profit = round(added) - personnel - depreciation
                lines.append(
                    f"{number};{year};{round(added * 3)};{personnel};{profit};{depreciation};"
                    f"{staff[cell.size]};{cell.division:02d}"
                )
    return ("\n".join(lines) + "\n").encode()


def test_the_manager_imports_a_comparison_group_and_sees_the_did_estimate(page, live_server, demo):
    from dipps.impact.models import ComparisonFirm
    from dipps.programmes.models import Programme

    ComparisonFirm.objects.all().delete()  # the demo's own group: the manager imports one
    programme = Programme.objects.order_by("code").first()
    login(page, live_server, "projektledare", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/impact/programme/{programme.code}/comparison/")
    assert page.get_by_test_id("no-estimate").is_visible()

    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "jamforelsegrupp.csv",
                "mimeType": "text/csv",
                "buffer": _comparison_csv(programme),
            }
        ],
    )
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url(re.compile(rf"/impact/programme/{programme.code}/comparison/$"))
    assert "Jämförelsegruppen importerades" in page.locator("main").inner_text()

    estimate = page.get_by_test_id("estimate").inner_text()
    assert "95 %" in estimate
    assert re.search(r"−?[\d\s]+,\d\d\skr – −?[\d\s]+,\d\d\skr", estimate), estimate
    assert page.locator("main svg[role=img]").count() >= 1
    assert page.get_by_test_id("trend").locator("tbody tr").count() >= 5
    assert ComparisonFirm.objects.filter(programme=programme).count() >= 3
