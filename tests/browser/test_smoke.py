import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_logs_in_filters_companies_and_switches_language(page, live_server, demo):
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Coachens skrivbord").is_visible()

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Företag", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/companies/$"))
    total = int(re.search(r"\d+", page.locator("#result-count").inner_text()).group())
    assert total == 31  # the 30 generated firms and the ineligible fish processor

    page.get_by_label("Storleksklass").select_option("micro")
    page.get_by_role("button", name="Filtrera").click()
    page.wait_for_url(re.compile(r"size_class=micro"))
    filtered = int(re.search(r"\d+", page.locator("#result-count").inner_text()).group())
    assert 0 < filtered < total
    assert page.locator("tbody tr").count() == min(filtered, 25)

    page.get_by_role("button", name="English").click()
    page.wait_for_url(re.compile(r"size_class=micro"))
    assert page.get_by_role("heading", name="Company register").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_company_representative_lands_on_their_own_company(page, live_server, demo):
    login(page, live_server, "foretag", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Vårt företag i DIPPS").is_visible()
    page.locator("main section h2 a").first.click()
    assert page.get_by_role("heading", name="Nyckeltal").is_visible()
