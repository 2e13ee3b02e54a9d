import json
from datetime import date
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dipps.engagements.models import InKindRate
from dipps.indicators.selectors import indicator_values
from tests.engagements.helpers import attend
from tests.factories import make_company, make_programme

from .helpers import activity, figures, item, rates, rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    """Hand-counted: see each company's comment."""
    p = world.programme
    rates()
    # A: micro (5 people in 2023); two activities in 2024, counts once.
    a = make_company("A AB", programme=p)
    figures(a, 2023, 5)
    # B: small in 2023, large in 2024; first support in May 2024 → 2023 decides → small.
    b = make_company("B AB", programme=p)
    figures(b, 2023, 30)
    figures(b, 2024, 300, turnover="9000000000")
    # C: no figures, no stored class → unknown; supported only in 2023.
    c = make_company("C AB", programme=p)
    # D: supported only in another programme → never counted here.
    d = make_company("D AB", programme=p)
    figures(d, 2023, 100)
    other = make_programme(code="OTHER")
    first = activity(p, date(2024, 2, 1), [a], women=2, men=1, p_hours="6")
    second = activity(p, date(2024, 3, 1), [a], women=1, other=1, hours="1.5", p_hours="4")
    # In kind from the attendance lists: 6 + 4 = 10 h at 350 kr = 3 500 kr (as in the claim).
    InKindRate.objects.create(programme=p, valid_from=date(2023, 9, 1), hourly_rate_sek=350)
    attend(first, "Anna Ek", a, "3")
    attend(first, "Bo Ek", a, "3")
    attend(second, "Anna Ek", a, "4")
    activity(p, date(2024, 5, 1), [b], men=2)
    activity(p, date(2025, 1, 10), [b], women=1)
    activity(p, date(2023, 10, 1), [c], men=1)
    activity(other, date(2024, 4, 1), [d], men=5)
    item(p, a, date(2024, 6, 1), new_or_improved_product=True)
    item(p, b, date(2024, 7, 1), organisational_or_marketing_change=True)
    item(p, b, None, status="in_progress", new_or_improved_process=True)
    item(p, c, date(2024, 7, 1), new_or_improved_process=True)  # unknown size: not an SME
    rebuild(p)
    rebuild(other)
    return p


def test_the_indicators_for_2024_match_the_hand_count(data):
    values = indicator_values(data, date(2024, 1, 1), date(2024, 12, 31))
    assert values["RCO01"] == {
        "total": 2,
        "micro": 1,
        "small": 1,
        "medium": 0,
        "large": 0,
        "unknown": 0,
    }
    assert values["RCO04"] == 2
    assert values["RCR03"] == 1
    assert values["RCR04"] == 1
    assert values["participants"] == {"women": 3, "men": 3, "other": 1}
    assert values["activities"] == 3
    assert values["staff_hours"] == "5.50"
    assert values["in_kind"]["hours"] == "10.00"
    assert values["in_kind"]["value_sek"] == "3500.00"


def test_the_size_class_is_stored_per_year_and_read_from_there(data):
    from dipps.companies.models import KeyFigures

    assert sorted(
        KeyFigures.objects.filter(company__name="B AB").values_list(
            "fiscal_year", "size_class", "sme_status"
        )
    ) == [(2023, "small", "small"), (2024, "large", "small")]
    stored = indicator_values(data, date(2024, 1, 1), date(2024, 12, 31))
    # Rows written around the services (status never computed) are classified from figures.
    KeyFigures.objects.update(size_class=None, sme_status=None)
    assert indicator_values(data, date(2024, 1, 1), date(2024, 12, 31)) == stored
    # And the stored status is what counts when there is one.
    KeyFigures.objects.filter(company__name="B AB", fiscal_year=2023).update(sme_status="medium")
    again = indicator_values(data, date(2024, 1, 1), date(2024, 12, 31))
    assert (again["RCO01"]["small"], again["RCO01"]["medium"]) == (
        stored["RCO01"]["small"] - 1,
        stored["RCO01"]["medium"] + 1,
    )


def test_the_two_year_rule_changes_the_size_split(world):
    """RCO01 counts the SME status, not the class of one year (Recommendation 2003/361,
    annex art. 4(2)). Both firms are first supported in May 2023, so 2022 decides: E grew
    over 50 AWU in 2022 only (status still small), F in 2021 and 2022 (status medium)."""
    from dipps.companies.models import KeyFigures
    from dipps.core.models import ExchangeRate

    p = world.programme
    rates()
    for year in (2020, 2021):
        ExchangeRate.objects.create(currency="EUR", valid_from=date(year, 1, 1), sek_per_unit=11)
    e, f = make_company("E AB", programme=p), make_company("F AB", programme=p)
    figures(e, 2021, 30)
    figures(e, 2022, "60.5")
    figures(f, 2020, 30)
    figures(f, 2021, 60)
    figures(f, 2022, 60)
    activity(p, date(2023, 5, 10), [e, f], men=2)
    rebuild(p)
    yearly = dict(
        KeyFigures.objects.filter(fiscal_year=2022).values_list("company__name", "size_class")
    )
    assert yearly == {"E AB": "medium", "F AB": "medium"}  # one year's class alone
    split = indicator_values(p, date(2023, 1, 1), date(2023, 12, 31))["RCO01"]
    assert (split["small"], split["medium"], split["total"]) == (1, 1, 2)
    e.refresh_from_db()
    f.refresh_from_db()
    assert (e.size_class, f.size_class) == ("small", "medium")  # the company's status
    # Written around the services (no stored status), the figures give the same split.
    KeyFigures.objects.update(size_class=None, sme_status=None)
    assert indicator_values(p, date(2023, 1, 1), date(2023, 12, 31))["RCO01"] == split


def test_the_whole_programme_counts_each_company_once(data):
    values = indicator_values(data)
    assert values["RCO01"]["total"] == 3
    assert values["RCO01"]["unknown"] == 1
    assert values["activities"] == 5
    assert (values["from"], values["to"]) == ("2023-09-01", "2028-08-31")


def test_the_command_prints_the_json_contract(data):
    out = StringIO()
    call_command(
        "indicators",
        "--programme",
        "DIPPS",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        stdout=out,
    )
    printed = json.loads(out.getvalue())
    assert printed == indicator_values(data, date(2024, 1, 1), date(2024, 12, 31))
    assert list(printed)[:8] == [
        "programme",
        "from",
        "to",
        "RCO01",
        "RCO04",
        "RCR03",
        "RCR04",
        "participants",
    ]


def test_the_command_rejects_a_bad_date_and_an_unknown_programme(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("indicators", "--programme", "DIPPS", "--from", "2024-13-01")
    with pytest.raises(CommandError, match="NOPE"):
        call_command("indicators", "--programme", "NOPE")


def test_assessments_count_t0_t1_pairs_and_their_mean_gain(world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from dipps.maturity import figures
    from dipps.maturity.models import Assessment

    tz = ZoneInfo("Europe/Stockholm")

    def assess(company, stage, overall, day):
        exact = Fraction(overall)
        Assessment.objects.create(
            company=company,
            programme=world.programme,
            stage=stage,
            framework="dipps-dma-sme",
            framework_version=1,
            status="submitted",
            is_current=True,
            scores=figures.to_store(exact, {}),
            overall=figures.sort_key(exact),
            submitted=datetime(day.year, day.month, day.day, 12, tzinfo=tz),
        )

    assess(world.company, "t0", "2", date(2024, 2, 1))
    assess(world.company, "t1", "3.5", date(2024, 11, 1))
    assess(world.other_company, "t0", "1", date(2024, 3, 1))
    assess(world.other_company, "t1", "1.5", date(2025, 3, 1))  # after the window
    values = indicator_values(world.programme, date(2024, 1, 1), date(2024, 12, 31))
    assert values["assessments"] == {"t0": 2, "t0_and_t1": 1, "mean_gain": "1.50"}
    # The gain is exact and rounded half up once: 9/8 − 1 = 0.125 is shown as 0.13
    # (Decimal's default half-even rounding would give 0.12).
    assess(world.other_company, "t1", "9/8", date(2024, 6, 1))
    values = indicator_values(world.programme, date(2024, 6, 1), date(2024, 6, 30))
    assert values["assessments"] == {"t0": 0, "t0_and_t1": 1, "mean_gain": "0.13"}


def test_a_window_counts_exactly_the_companies_with_an_activity_inside_it(world):
    """Companies supported before and after a window but not in it are not counted, also
    when another programme supported them in it; checked against a count of the shares."""
    from itertools import combinations

    from dipps.engagements.models import ActivityCompany
    from dipps.indicators.sources import supported_companies

    p, other = world.programme, make_programme(code="OTHER")
    e = make_company("E AB", programme=p)
    f = make_company("F AB", programme=p)
    for day in (date(2024, 1, 10), date(2024, 6, 15), date(2024, 12, 1)):
        activity(p, day, [e])
    for day in (date(2024, 1, 10), date(2024, 12, 1)):
        activity(p, day, [f])
    activity(other, date(2024, 6, 20), [f])
    rebuild(p)
    rebuild(other)

    june = supported_companies(p, date(2024, 6, 1), date(2024, 6, 30))
    assert june == {e.pk: date(2024, 1, 10)}
    days = [date(2024, m, d) for m in (1, 6, 12) for d in (1, 10, 15, 20)] + [date(2025, 1, 1)]
    for start, end in combinations(sorted(days), 2):
        shares = ActivityCompany.objects.filter(activity__programme=p)
        expected = set(shares.filter(date__range=(start, end)).values_list("company_id", flat=True))
        got = supported_companies(p, start, end)
        assert set(got) == expected, (start, end)
        assert all(first == date(2024, 1, 10) for first in got.values())
