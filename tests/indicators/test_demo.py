from decimal import Decimal

import pytest

from dipps.indicators import demo
from dipps.indicators.models import ProgrammeIndicator
from dipps.indicators.selectors import indicator_page
from dipps.programmes.models import Programme
from dipps.site.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the whole demo


def test_the_demo_reports_the_decisions_set_with_persons_fewer_than_attendances():
    load_demo(company_count=30)
    programme = Programme.objects.get(code="DIPPS")
    codes = list(
        ProgrammeIndicator.objects.filter(programme=programme).values_list("code", flat=True)
    )
    assert codes == [row[0] for row in demo.DECISION]
    values, rows = indicator_page(programme)
    by_code = {r.indicator.code: r for r in rows}
    # People come back to their firm's activities: fewer persons than attendances.
    assert 0 < values["persons"]["total"] < values["attendances"]["listed"]
    assert by_code["RCR13"].value is None  # reported outside DIPPS
    assert by_code["RCO01"].target == Decimal(120)
    assert by_code["DIPPS-T0"].indicator.label in (
        "Företag med digital mognadsanalys (T0)",
        "Enterprises with a digital maturity assessment (T0)",
    )
    demo.load()  # idempotent
    assert ProgrammeIndicator.objects.filter(programme=programme).count() == len(codes)


def test_the_demo_shows_every_part_of_the_horizontal_criteria():
    from dipps.indicators.selectors import horizontal_criteria

    load_demo(company_count=30)
    h = horizontal_criteria(Programme.objects.get(code="DIPPS"))
    assert h["firms"] > 0
    assert h["ceo"]["women"] > 0 and h["ceo"]["men"] > h["ceo"]["women"]
    assert h["chair"]["women"] > 0
    assert 0 < h["women_share"]["known"] < h["firms"]
    env = h["environment"]
    for tag in ("energy", "material", "emissions", "none", "not_assessed"):
        assert env[tag]["items"] > 0, tag
    assert Decimal(env["energy"]["kwh"]) > 0 and Decimal(env["material"]["tonnes"]) > 0


def test_the_demo_set_shows_the_effect_indicators():
    load_demo(company_count=30)
    programme = Programme.objects.get(code="DIPPS")
    values, rows = indicator_page(programme)
    by_code = {r.indicator.code: r for r in rows}
    effect = values["effect"]
    # The same firms as RCO01; the demo's accounts and energy years (impact's demo) give
    # figures before and after for several of them.
    assert effect["firms"] == values["RCO01"]["total"]
    assert by_code["RCR25"].value == effect["RCR25"]
    assert by_code["RCR29"].indicator.definition
