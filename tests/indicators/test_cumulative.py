"""Period and cumulative distinct counts: firms and persons count once however many periods
or activities they had (issue 13). Every figure below is counted by hand from the data."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.finance import services as finance
from dipps.finance.models import ReportingPeriod
from dipps.indicators import services
from dipps.indicators.selectors import indicator_page, indicator_values
from tests.engagements.helpers import attend
from tests.factories import make_company

from .helpers import activity, rebuild

pytestmark = pytest.mark.django_db

H1 = (date(2024, 1, 1), date(2024, 6, 30))
H2 = (date(2024, 7, 1), date(2024, 12, 31))


@pytest.fixture
def data(world):
    """Firm A is supported in both halves of 2024, firm B in the second only.

    Anna Ek (A) attends in both halves (once as "anna  ek"): one person, two attendances;
    her age band is first not stated, then 30–49. Bo Ek of A and Bo Ek of B are two
    persons. B's October workshop has no attendance list: 2 women and 1 man by head count.
    """
    p = world.programme
    a, b = make_company("A AB", programme=p), make_company("B AB", programme=p)
    first = activity(p, date(2024, 3, 1), [a], women=1, men=1)
    second = activity(p, date(2024, 9, 1), [a], women=1)
    third = activity(p, date(2024, 9, 15), [b], men=1)
    activity(p, date(2024, 10, 1), [b], women=2, men=1)
    attend(first, "Anna Ek", a, "3", gender="woman")
    attend(first, "Bo Ek", a, "3", gender="man", age_band="50_plus")
    attend(second, "anna  ek", a, "2", gender="woman", age_band="30_49")
    attend(third, "Bo Ek", b, "2", gender="man", age_band="under_30")
    rebuild(p)
    return p


def test_a_firm_supported_in_two_periods_counts_once_in_each_and_once_to_date(data):
    h1, h2 = indicator_values(data, *H1), indicator_values(data, *H2)
    assert (h1["RCO01"]["total"], h1["cumulative"]["RCO01"]["total"]) == (1, 1)
    assert (h2["RCO01"]["total"], h2["cumulative"]["RCO01"]["total"]) == (2, 2)  # A once
    assert (h2["RCO04"], h2["cumulative"]["RCO04"]) == (2, 2)
    assert h2["cumulative"]["from"] == "2023-09-01"
    assert h2["cumulative"]["to"] == "2024-12-31"


def test_a_person_at_two_activities_is_one_person_and_two_attendances(data):
    h1, h2 = indicator_values(data, *H1), indicator_values(data, *H2)
    assert h1["persons"] == {
        "total": 2,
        "women": 1,
        "men": 1,
        "other": 0,
        "not_stated": 0,
        "age": {"under_30": 0, "30_49": 0, "50_plus": 1, "not_stated": 1},
    }
    assert h1["attendances"] == {"total": 2, "listed": 2, "head_count": 0}
    assert h2["persons"]["total"] == 2
    assert h2["attendances"] == {"total": 5, "listed": 2, "head_count": 3}
    # To date: Anna Ek once (her latest age band), the two Bo Ek apart.
    assert h2["cumulative"]["persons"] == {
        "total": 3,
        "women": 1,
        "men": 2,
        "other": 0,
        "not_stated": 0,
        "age": {"under_30": 1, "30_49": 1, "50_plus": 1, "not_stated": 0},
    }
    assert h2["cumulative"]["attendances"] == {"total": 7, "listed": 4, "head_count": 3}
    # The head count typed on the activities is kept, and called attendances.
    assert h2["participants"] == {"women": 3, "men": 2, "other": 0}


def test_the_whole_programme_is_its_own_cumulative_figure(data):
    values = indicator_values(data)
    assert values["persons"]["total"] == values["cumulative"]["persons"]["total"] == 3
    assert values["RCO01"] == {k: v for k, v in values["cumulative"]["RCO01"].items()}


def test_rows_show_period_cumulative_target_and_progress_to_date(data, world):
    services.targets_set(
        programme=data, targets={"RCO01": D(4), "persons": D(6), "attendances": D(0)}
    )
    _values, rows = indicator_page(data, *H2)
    by_code = {r.indicator.code: r for r in rows}
    rco01, persons = by_code["RCO01"], by_code["persons"]
    assert (rco01.value, rco01.cumulative, rco01.target, rco01.percent) == (
        D(2),
        D(2),
        D(4),
        D("50.0"),
    )
    assert (persons.value, persons.cumulative, persons.percent) == (D(2), D(3), D("50.0"))
    assert by_code["attendances"].percent is None  # a target of 0 gives no share
    # In the JSON too, per indicator of the set.
    listed = {i["code"]: i for i in indicator_values(data, *H1)["indicators"]}
    assert listed["persons"] == {
        "code": "persons",
        "name_sv": "Deltagare (personer)",
        "name_en": "Participants (persons)",
        "unit": "persons",
        "value": 2,
        "cumulative": 2,
        "target": "6.00",
    }


def test_the_indicator_page_shows_both_values(data, client_as):
    services.targets_set(programme=data, targets={"persons": D(6)})
    client = client_as("observer")
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("indicators:page", args=[data.code]) + "?from=2024-07-01&to=2024-12-31"
    ).content.decode()
    assert "Cumulative to date" in page
    row = page.split('id="ind-persons"')[1].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split('class="num">')[1:4]] == ["2", "3", "6"]
    assert "50.0" in row


def test_the_claim_shows_period_and_cumulative_persons_and_firms(data, world, client_as):
    finance.reporting_periods_set(programme=data, periods=[H1, H2])
    claim = finance.claim_open(period=ReportingPeriod.objects.get(programme=data, number=2))
    figures = finance.claim_figures(claim)
    assert figures.indicators["RCO01"]["total"] == 2
    assert figures.indicators["cumulative"]["RCO01"]["total"] == 2
    assert figures.indicators["persons"]["total"] == 2
    assert figures.indicators["cumulative"]["persons"]["total"] == 3
    client = client_as("finance")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("finance:claim", args=[claim.pk])).content.decode()
    table = page.split('id="claim-participants"')[1].split("</table>")[0]
    persons = table.split("Persons</th>")[1].split("</tr>")[0]
    assert persons == '<td class="num">2</td><td class="num">3</td>'
    assert "… women / men / other / not stated" in table
    attendances = table.split("Attendances (person and activity)</th>")[1].split("</tr>")[0]
    assert attendances == '<td class="num">5</td><td class="num">7</td>'
    indicators = page.split('id="claim-indicators"')[1].split("</table>")[0]
    rco01 = indicators.split("Enterprises supported (RCO01)</th>")[1].split("</tr>")[0]
    assert rco01.startswith('<td class="num">2</td><td class="num">2</td>')
