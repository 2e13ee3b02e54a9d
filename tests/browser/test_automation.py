import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_fills_a_pre_study_and_puts_a_step_into_the_scenario(page, live_server, demo):
    from dipps.scenarios.models import CostStructure

    cs = (
        CostStructure.objects.filter(company__participations__programme__code="DIPPS")
        .order_by("company__name")
        .first()
    )
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/companies/{cs.company_id}/")
    page.get_by_role("link", name="Förstudier automatisering").click()
    page.wait_for_url(re.compile(rf"/automation/company/{cs.company_id}/$"))
    page.get_by_role("link", name="Ny förstudie").click()
    page.get_by_label("Rubrik").fill("Förstudie i webbläsaren")
    page.get_by_label(re.compile("^Timkostnad")).fill("420")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/automation/prestudy/\d+/$"))

    page.get_by_role("link", name="Lägg till ett moment").click()
    page.get_by_label(re.compile(r"^Moment:?$")).fill("Palletering i webbläsaren")
    page.get_by_label("Föreslagen lösning").select_option("cobot")
    page.get_by_label("Sparade timmar per år").fill("1600")
    page.get_by_label("leverantör 1", exact=True).fill("Cobotbolaget AB")
    page.get_by_label("investering (kr) 1", exact=True).fill("1200000")
    page.get_by_label("driftkostnad per år (kr) 1", exact=True).fill("40000")
    page.get_by_label("vald 1", exact=True).check()
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/automation/prestudy/\d+/$"))
    assert "49,51" in page.locator("main").inner_text()

    page.get_by_role("button", name=re.compile("Lägg till i handlingsplanen och scenariot")).click()
    page.wait_for_url(re.compile(rf"/scenarios/{cs.pk}/$"))
    assert page.get_by_role("row", name=re.compile("Palletering i webbläsaren")).is_visible()
