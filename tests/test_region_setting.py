"""The programme region is one setting, DIPPS_REGION_COUNTIES, read wherever the region counts."""

import pytest

from dipps.companies.forms import CompanyFilterForm
from dipps.maturity import services as maturity

from .maturity.builders import answers_at

pytestmark = pytest.mark.django_db


def municipality_choices() -> list[str]:
    return [code for code, _label in CompanyFilterForm().fields["municipality"].choices if code]


def test_the_register_filter_offers_the_municipalities_of_the_region_counties(settings):
    assert settings.DIPPS_REGION_COUNTIES == ["22", "23"]
    assert len(municipality_choices()) == 15
    assert "2380" in municipality_choices()  # Östersund, Jämtland
    settings.DIPPS_REGION_COUNTIES = ["24"]  # Västerbotten
    assert "2480" in municipality_choices()  # Umeå
    assert "2380" not in municipality_choices()
    assert len(municipality_choices()) == 15  # Västerbotten also has fifteen


@pytest.mark.parametrize(("counties", "in_region"), [(["22", "23"], True), (["24"], False)])
def test_an_assessment_joins_the_region_peer_group_by_the_setting(
    world, settings, counties, in_region
):
    settings.DIPPS_REGION_COUNTIES = counties
    coach = world.users["coach"]
    draft = maturity.assessment_start(
        company=world.company, programme=world.programme, stage="t0", by=coach
    )
    done = maturity.assessment_submit(assessment=draft, answers=answers_at(2), by=coach)
    assert world.company.municipality_code == "2380"
    assert done.in_region is in_region
