"""The API's browsable page runs Swagger UI under the CSP in a real Chromium, and a token
made on the token page reads the API."""

import pytest

from .conftest import login
from .test_csp import Watch

pytestmark = pytest.mark.browser


def test_the_api_docs_page_runs_without_a_csp_violation(page, live_server, transactional_db):
    watch = Watch(page)
    watch.visit(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock-get").count() == 6
    assert page.locator(".opblock-post, .opblock-put, .opblock-delete").count() == 0
    assert watch.problems == []


def test_a_token_from_the_token_page_reads_the_api(page, live_server, transactional_db):
    from dipps.accounts.models import Role
    from tests.factories import make_programme, make_user

    programme = make_programme()
    make_user(Role.OBSERVER, programme, username="analytiker", password="bi-lösenord-2025")
    watch = Watch(page)
    login(page, live_server, "analytiker", "bi-lösenord-2025")
    # The account's links fold under the user's name in the header.
    page.locator("header.top details.account > summary").click()
    page.get_by_role("link", name="API-nycklar").click()
    page.get_by_label("Namn").fill("Power BI")
    page.get_by_role("button", name="Skapa nyckel").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("dipps_")
    answer = page.request.get(
        f"{live_server.url}/api/v1/programmes/DIPPS/indicators",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status == 200 and answer.json()["programme"] == "DIPPS"
    assert watch.problems == []
