"""T0 after the first support and T1 without T0: flagged on the firm's page and in the export;
gains pair only the same framework version, in maturity and in the indicators alike."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from dipps.engagements.models import CompanySupport
from dipps.indicators.selectors import indicator_values
from dipps.maturity import figures
from dipps.maturity.models import Assessment
from dipps.maturity.overview import programme_overview

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def assess(world, company, stage, day: date, overall="2", version=1):
    exact = Fraction(overall)
    return Assessment.objects.create(
        company=company,
        programme=world.programme,
        stage=stage,
        framework="dipps-dma-sme",
        framework_version=version,
        status="submitted",
        is_current=True,
        scores=figures.to_store(exact, {}),
        overall=figures.sort_key(exact),
        # 00:30 in Stockholm is still the previous day in UTC: the local day counts.
        submitted=datetime(day.year, day.month, day.day, 0, 30, tzinfo=TZ),
    )


def supported_from(world, company, day: date):
    CompanySupport.objects.create(
        programme=world.programme, company=company, first_date=day, last_date=day, activities=1
    )


def export_rows(client_as):
    url = reverse("maturity:export", args=["DIPPS", "csv"])
    body = client_as("manager").get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    header = rows[0]
    late, orphan = header.index("T0 efter första stödet"), header.index("utan T0")
    return {(r[1], r[3]): (r[late], r[orphan]) for r in rows[1:]}


def test_a_t0_the_day_after_the_first_support_is_flagged_on_the_page_and_in_the_export(
    world, client_as
):
    supported_from(world, world.company, date(2025, 3, 3))
    supported_from(world, world.other_company, date(2025, 3, 3))
    assess(world, world.company, "t0", date(2025, 3, 4))
    assess(world, world.other_company, "t0", date(2025, 3, 3))  # the same day: fine
    page = client_as("coach").get(reverse("maturity:company", args=[world.company.pk]))
    assert page.context["results"].t0_after_support == date(2025, 3, 3)
    assert "efter företagets första stöd (2025-03-03)" in page.content.decode()
    other = client_as("coach").get(reverse("maturity:company", args=[world.other_company.pk]))
    assert other.context["results"].t0_after_support is None
    assert 'data-testid="t0-after-support"' not in other.content.decode()
    flags = export_rows(client_as)
    assert flags[(world.company.name, "T0 – före stödet")] == ("ja", "")
    assert flags[(world.other_company.name, "T0 – före stödet")] == ("", "")


def test_a_t1_without_a_t0_is_kept_but_flagged_and_shows_no_gain(world, client_as):
    assess(world, world.company, "t1", date(2025, 6, 2), overall="3")
    page = client_as("coach").get(reverse("maturity:company", args=[world.company.pk]))
    results = page.context["results"]
    assert results.without_t0 is True and results.overall_gain is None
    assert 'data-testid="without-t0"' in page.content.decode()
    assert export_rows(client_as)[(world.company.name, "T1 – efter stödet")] == ("", "ja")


def test_gains_pair_only_the_same_framework_version_in_the_overview_and_the_indicators(world):
    assess(world, world.company, "t0", date(2024, 2, 1), overall="2")
    assess(world, world.company, "t1", date(2024, 11, 1), overall="7/2")
    assess(world, world.other_company, "t0", date(2024, 3, 1), overall="1", version=1)
    assess(world, world.other_company, "t1", date(2024, 10, 1), overall="4", version=2)
    values = indicator_values(world.programme, date(2024, 1, 1), date(2024, 12, 31))
    # Only the first firm pairs (v1 → v1): gain 1.5; the other's v1 → v2 is no gain.
    assert values["assessments"] == {"t0": 2, "t0_and_t1": 1, "mean_gain": "1.50"}
    overview = programme_overview(world.programme)
    assert (overview.pairs, overview.excluded_pairs) == (1, 1)
    assert overview.mean_gain == Fraction(3, 2)
