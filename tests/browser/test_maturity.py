import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_sends_a_link_and_the_contact_answers_on_a_phone(page, browser, live_server, demo):
    from dipps.companies.models import Company
    from dipps.maturity.figures import rounded
    from dipps.maturity.models import Assessment

    # A firm measured at T0 but not yet at T2 (the demo has T2s for some firms).
    company = (
        Company.objects.filter(assessments__stage="t0")
        .exclude(assessments__stage="t2")
        .order_by("name")
        .first()
    )
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mognad").click()
    page.get_by_label("Hitta ett företag").fill(company.name[:8])
    page.get_by_role("button", name="Sök").click()
    page.get_by_test_id("found").get_by_role("link", name=company.name).click()
    page.wait_for_url(re.compile(rf"/maturity/company/{company.pk}/$"))
    page.get_by_label("Mättillfälle").select_option("t2")
    page.get_by_role("button", name="Påbörja mätning").click()
    page.get_by_role("link", name="Skicka en länk för självskattning").click()
    page.get_by_role("button", name="Skapa länk").click()
    url = page.get_by_test_id("self-service-url").input_value()
    assert "/maturity/s/" in url

    # The contact: no account, a phone-sized screen, a fresh browser.
    phone = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    contact = phone.new_page()
    contact.set_default_timeout(15000)
    contact.goto(url)
    assert contact.get_by_role("heading", name="Mognadsmätning").is_visible()
    contact.locator("#question-strategy\\.preparedness").get_by_role("checkbox").first.check()
    contact.get_by_role("button", name="Spara och fortsätt senare").click()
    assert contact.get_by_text("Dina svar har sparats.").is_visible()

    contact.goto(url)  # coming back later with the same link
    assert (
        contact.locator("#question-strategy\\.preparedness")
        .get_by_role("checkbox")
        .first.is_checked()
    )
    contact.get_by_role("button", name="Skicka in svaren").click()
    assert contact.get_by_text("Några frågor är inte besvarade ännu").is_visible()
    # Answer every row: the middle level of each scale, "delvis" on each practice.
    for group in contact.locator("fieldset.maturity-row").all():
        radios = group.get_by_role("radio")
        if radios.count():
            radios.nth(min(3, radios.count() - 1)).check()
    contact.get_by_role("button", name="Skicka in svaren").click()
    assert contact.get_by_role("heading", name="Tack!").is_visible()
    phone.close()

    t2 = Assessment.objects.get(company=company, stage="t2")
    assert t2.status == "submitted" and t2.answered_by == "company"
    page.goto(f"{live_server.url}/maturity/company/{company.pk}/")
    shown = str(rounded(t2.exact.overall)).replace(".", ",")  # the one rounding rule
    assert page.get_by_test_id("overall").inner_text() == shown
    assert page.get_by_role("cell", name="T2 – senare uppföljning").first.is_visible()
