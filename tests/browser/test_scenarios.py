import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_runs_a_stress_test_and_a_monte_carlo_and_downloads_the_report(
    page, live_server, demo
):
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Scenarier").click()
    page.wait_for_url(re.compile(r"/scenarios/$"))
    page.locator("main table tbody a").first.click()
    page.wait_for_url(re.compile(r"/scenarios/\d+/$"))
    detail = page.url

    page.get_by_role("link", name="Stresstest", exact=True).click()
    page.get_by_label("el ×2").check()
    first = page.get_by_role("group", name="Egen chock 1")
    first.get_by_label("Namn").fill("Löner +10 %")
    first.get_by_label("löner, förändring i %").fill("10")
    # A second own shock: one more row, without JavaScript, keeping what was typed.
    page.get_by_role("button", name="Lägg till en chock till").click()
    second = page.get_by_role("group", name="Egen chock 2")
    second.get_by_label("Namn").fill("Euron −20 %")
    second.get_by_label("EUR i kronor, förändring i %").fill("-20")
    assert first.get_by_label("Namn").input_value() == "Löner +10 %"
    page.get_by_role("button", name="Kör stresstestet").click()
    page.wait_for_url(re.compile(r"/scenarios/runs/\d+/$"))
    table = page.locator("#stress-table")
    assert table.get_by_role("row", name=re.compile("Löner \\+10 %")).is_visible()
    assert table.get_by_role("row", name=re.compile("Euron −20 %")).is_visible()
    assert page.locator("svg[role=img]").count() == 1

    page.goto(detail)
    page.get_by_role("link", name="Monte Carlo", exact=True).click()
    page.get_by_label("Dragningar").fill("5000")
    page.get_by_role("button", name="Kör simuleringen").click()
    page.wait_for_url(re.compile(r"/scenarios/runs/\d+/$"))
    assert re.search(r"\d", page.locator("#loss").inner_text())
    assert page.locator("#tornado-table tbody tr").count() == 8
    assert page.locator("svg[role=img]").count() == 2

    pdf_url = page.get_by_role("link", name="Rapport (PDF, svenska)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{pdf_url}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
