"""Under the Content-Security-Policy the main pages raise no violation in a real Chromium.

The policy forbids inline scripts, event-handler attributes and inline styles; a
page that still had one would work in a test client and break in a browser. The
browser reports each refusal both as a console error and as a
`securitypolicyviolation` event; both are collected, as are any other console
errors (a Permissions-Policy feature Chromium does not know is one).
"""

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser

# Runs before any of the page's own code (Playwright injects it past the CSP).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


class Watch:
    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self.missing: set[str] = set()  # pages that are meant to answer 404
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message):
        url = message.location.get("url", "")
        # Chromium asks for /favicon.ico on a page without an icon link (the admin's).
        if "404" in message.text and (url in self.missing or url.endswith("/favicon.ico")):
            return
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"{self.page.url}: console {message.type}: {message.text}")

    def visit(self, url: str):
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        for violation in self.page.evaluate("window.__violations"):
            self.problems.append(f"{self.page.url}: {violation}")


def menu_links(page) -> list[str]:
    nav = page.get_by_role("navigation", name="Huvudmeny")
    return [link.get_attribute("href") for link in nav.get_by_role("link").all()]


def test_the_main_pages_of_every_role_show_no_csp_violation(page, live_server, demo):
    from django.contrib.auth import get_user_model

    from dipps.companies.models import Company

    base = live_server.url
    watch = Watch(page)
    assessed = Company.objects.filter(assessments__status="submitted").order_by("name").first()
    deeper = {
        "coach": [
            f"/companies/{assessed.pk}/",
            f"/maturity/company/{assessed.pk}/",
            "/password/",
        ],
    }
    visited = 0
    for username in ("projektledare", "coach", "ekonom", "foretag", "observator"):
        page.context.clear_cookies()
        watch.visit(f"{base}/login/")
        login(page, live_server, username, DEMO_PASSWORD)
        page.wait_for_url(f"{base}/")
        for href in [*menu_links(page), *deeper.get(username, [])]:
            watch.visit(f"{base}{href}")
            visited += 1
        # The language switch is a form post; it lands back on the page in English.
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("button", name="Svenska").click()
        page.wait_for_load_state("load")
    # Django's admin is served under the same policy.
    page.context.clear_cookies()
    watch.visit(f"{base}/admin/login/")
    assert page.get_by_role("button", name="Logga in").is_visible()
    get_user_model().objects.create_superuser("admin", password=DEMO_PASSWORD)
    login(page, live_server, "admin", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/")
    for href in (
        "/admin/",
        "/admin/companies/company/",
        f"/admin/companies/company/{assessed.pk}/change/",
        "/admin/core/exchangerate/add/",  # date widgets: the admin's own scripts
    ):
        watch.visit(f"{base}{href}")
        assert page.locator("#site-name").is_visible(), href
    watch.missing.add(f"{base}/no-such-page/")
    watch.visit(f"{base}/no-such-page/")
    assert page.get_by_role("heading", name="Den här sidan finns inte").is_visible()

    assert visited >= 20
    assert watch.problems == []


def test_the_watch_sees_a_violation(page, live_server, transactional_db):
    """Not blind: an inline style added to a real page is refused and reported."""
    watch = Watch(page)
    watch.visit(f"{live_server.url}/login/")
    assert watch.problems == []
    with page.expect_console_message() as message:
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')"
        )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__violations")[0].startswith("style-src-attr inline")
    assert "Content Security Policy" in message.value.text
    assert watch.problems[0].endswith(message.value.text)
