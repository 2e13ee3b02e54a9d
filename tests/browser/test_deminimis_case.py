"""De minimis before support, as the people do it: the representative signs the declaration,
the coach runs the check, the programme manager records the decision, and only then the
coach's activity for the firm is accepted."""

import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def _as(browser, live_server, username):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, username, DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    return page


def _record_activity(page, live_server, company):
    page.goto(f"{live_server.url}/engagements/activities/new/?company={company.pk}")
    page.get_by_label("Aktivitetstyp").select_option("coaching")
    page.get_by_label("Dina timmar").fill("2")
    page.get_by_label("Kostnad för extern konsult (kr)").fill("1000")
    page.get_by_role("button", name="Registrera").click()


def test_support_waits_for_the_declaration_the_check_and_the_decision(browser, live_server, demo):
    from dipps.engagements.models import ActivityCompany
    from dipps.stateaid.models import DeMinimisCase

    case = DeMinimisCase.objects.select_related("company").get(status="draft")
    company = case.company

    # The representative reads the declaration from their desk and signs it.
    rep = _as(browser, live_server, "foretag")
    rep.get_by_role("link", name="Läs och underteckna försäkran").click()
    rep.wait_for_url(re.compile(rf"/stateaid/case/{case.pk}/declaration/$"))
    rep.get_by_label("Jag intygar för företagets räkning").check()
    rep.get_by_role("button", name="Underteckna försäkran").click()
    rep.wait_for_url(re.compile(rf"/stateaid/case/{case.pk}/$"))
    assert rep.get_by_test_id("case-status").inner_text() == "försäkran lämnad"
    assert rep.get_by_text("Undertecknad digitalt av Frida Företagare").is_visible()

    # Before the decision the coach's activity is refused, with what to do.
    coach = _as(browser, live_server, "coach")
    _record_activity(coach, live_server, company)
    assert (
        coach.get_by_role("alert")
        .get_by_text(f"{company.name} har inget beviljat de minimis-ärende i DIPPS")
        .is_visible()
    )
    assert not ActivityCompany.objects.filter(company=company).exists()

    # The coach checks the planned aid against the ceiling.
    coach.goto(f"{live_server.url}/stateaid/company/{company.pk}/")
    coach.get_by_role("main").get_by_role("link", name="DIPPS", exact=True).click()
    coach.get_by_role("button", name="Kör kontrollen").click()
    assert coach.get_by_test_id("case-status").inner_text() == "kontrollerat"
    assert "det planerade stödet ryms under taket" in coach.get_by_test_id("check").inner_text()

    # The programme manager records the aid giver's decision.
    manager = _as(browser, live_server, "projektledare")
    manager.goto(f"{live_server.url}/stateaid/case/{case.pk}/")
    manager.get_by_role("link", name="Registrera beslutet").click()
    manager.get_by_label("Beslutets referens (diarienummer)").fill("RJH 2026/77")
    manager.get_by_role("button", name="Registrera beslutet").click()
    manager.wait_for_url(re.compile(rf"/stateaid/case/{case.pk}/$"))
    assert manager.get_by_test_id("case-status").inner_text() == "beviljat"

    # Now the coach's activity is accepted and draws down the approved aid.
    _record_activity(coach, live_server, company)
    coach.wait_for_url(re.compile(rf"/engagements/company/{company.pk}/$"))
    assert coach.get_by_text("Aktiviteten har registrerats.").is_visible()
    assert ActivityCompany.objects.filter(company=company).count() == 1
    coach.goto(f"{live_server.url}/stateaid/case/{case.pk}/")
    # 2 h × 990 kr + 1 000 kr of the 104 400 kr planned (60 h × 990 kr + 45 000 kr).
    shown = coach.get_by_test_id("drawdown").inner_text().replace("\xa0", " ")
    assert shown == "2 980,00 kr / 104 400,00 kr"
