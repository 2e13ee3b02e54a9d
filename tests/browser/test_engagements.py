import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_records_an_activity_and_sees_the_headroom_fall(page, live_server, demo):
    from dipps.engagements.models import Engagement
    from dipps.stateaid.selectors import headroom_of

    company = next(
        e.company
        for e in Engagement.objects.filter(coaches__username="coach", stage="implementation")
        .union(Engagement.objects.filter(coaches__username="coach", stage="follow_up"))
        .order_by("id")
        if headroom_of(e.company).headroom_eur > 10000
    )
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Mina företag"
    ).click()
    page.get_by_role("link", name=company.name).first.click()
    page.wait_for_url(re.compile(rf"/engagements/company/{company.pk}/$"))
    before = page.get_by_test_id("headroom").inner_text()

    page.get_by_role("link", name="Registrera aktivitet").first.click()
    page.get_by_label("Aktivitetstyp").select_option("coaching")
    page.get_by_label("Dina timmar").fill("2")
    page.get_by_label("Kostnad för extern konsult (kr)").fill("1000")
    page.get_by_label("Deltagare: kvinnor").fill("1")
    page.get_by_label("Deltagarnas timmar totalt (bidrag i annat än pengar)").fill("2")
    page.get_by_role("button", name="Registrera").click()

    page.wait_for_url(re.compile(rf"/engagements/company/{company.pk}/$"))
    assert page.get_by_text("Aktiviteten har registrerats.").is_visible()
    after = page.get_by_test_id("headroom").inner_text()
    assert after != before

    def eur(text):
        return float(text.replace("EUR", "").replace("\xa0", "").replace(" ", "").replace(",", "."))

    # 2 h at the demo aid rate (990 kr in 2026) + 1 000 kr, at about 11 kr per euro.
    assert 200 < eur(before) - eur(after) < 300


def test_a_coach_edits_an_activity_from_the_timeline_and_the_headroom_follows(
    page, live_server, demo
):
    from dipps.engagements.models import ActivityCompany
    from dipps.stateaid.selectors import headroom_of

    share = (
        ActivityCompany.objects.filter(
            activity__coach_hours__user__username="coach", staff_hours__gt=1
        )
        .select_related("company", "activity")
        .order_by("-date", "id")
        .first()
    )
    company = share.company
    before = headroom_of(company).headroom_eur
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/engagements/company/{company.pk}/")
    page.locator(f"a[href='/engagements/activities/{share.activity_id}/']").first.click()
    page.wait_for_url(re.compile(rf"/engagements/activities/{share.activity_id}/$"))
    page.get_by_label("Processledarens timmar").fill("1")
    page.get_by_label("Kostnad för extern konsult (kr)").fill("0")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/engagements/company/\d+/$"))
    assert page.get_by_text(
        "Aktiviteten har sparats; de minimis-stödet har räknats om."
    ).is_visible()
    # Fewer hours and no external cost: less aid, more headroom.
    assert headroom_of(company).headroom_eur > before
