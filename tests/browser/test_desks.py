"""Every role's start page fits the screen: no horizontal page scroll at 1366 px or on a
390 px phone, the main menu on one line at 1366 px (in both languages), and on the phone
a compact header (the menu folded behind a button) before the content."""

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser

ROLES = ["projektledare", "coach", "ekonom", "foretag", "observator"]

MEASURE = """() => {
  const items = [...document.querySelectorAll('header.top nav li')];
  const shown = items.filter(li => li.checkVisibility());
  return {
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    menuTops: [...new Set(shown.map(li => Math.round(li.getBoundingClientRect().top)))],
    items: items.length,
    shown: shown.length,
    content: Math.round(document.querySelector('main h1').getBoundingClientRect().top),
  };
}"""


def _start(browser, live_server, username, width):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, username, DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_each_roles_start_page_fits_1366_and_390_with_a_one_line_menu(browser, live_server, demo):
    for username in ROLES:
        context, page = _start(browser, live_server, username, 1366)
        wide = page.evaluate(MEASURE)
        assert wide["scroll"] <= wide["inner"], (username, wide)
        assert wide["shown"] == wide["items"] > 1, (username, wide)
        assert len(wide["menuTops"]) == 1, (username, wide)
        page.get_by_role("button", name="English").click()
        page.wait_for_selector("html[lang=en]")
        english = page.evaluate(MEASURE)
        assert len(english["menuTops"]) == 1 and english["scroll"] <= 1366, (username, english)
        context.close()

        context, page = _start(browser, live_server, username, 390)
        narrow = page.evaluate(MEASURE)
        assert narrow["scroll"] <= narrow["inner"], (username, narrow)
        assert narrow["shown"] == 0, (username, narrow)  # folded behind the menu button
        assert narrow["content"] < 120, (username, narrow)
        page.locator("header.top .menu > summary").click()
        opened = page.evaluate(MEASURE)
        assert opened["shown"] == opened["items"], (username, opened)
        assert opened["scroll"] <= opened["inner"], (username, opened)
        context.close()


def test_the_register_and_the_company_page_fit_a_phone(browser, live_server, demo):
    from django.urls import reverse

    from dipps.companies.models import Company

    firm = Company.objects.filter(is_sole_trader=False).order_by("name").first()
    context, page = _start(browser, live_server, "coach", 390)
    for path in (reverse("stateaid:register"), reverse("companies:detail", args=[firm.pk])):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], (path, width)
    context.close()
