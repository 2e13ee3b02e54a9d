"""axe-core over the main pages of every role, in Swedish and English, at 1366 and 390 px.

axe-core comes from the PyPI package axe-playwright-python (a dev dependency), which
ships axe.min.js inside it: nothing is fetched at run time. The rules run are those
of WCAG 2.1 levels A and AA, which the law on accessibility of digital public
services (DOS-lagen) asks of Region Jämtland Härjedalen. Any violation fails the
test, listed as page, role, language, width, rule and the offending nodes.

One server, one browser, one context: each page is loaded once per language and
checked at both widths (the viewport is resized in place). The start page and menu
of every role are checked; a page that several staff roles open (the register, a
company page) is checked once, as the first of them sees it.
"""

from __future__ import annotations

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
WIDTHS = (1366, 390)
HEIGHT = 900
ROLES = ("projektledare", "coach", "ekonom", "foretag", "observator")
STAFF = {"projektledare", "coach", "ekonom"}

FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

axe = Axe()


def violations_on(page) -> list[dict]:
    return axe.run(page, options=OPTIONS).response["violations"]


def describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    more = len(violation["nodes"]) - 5
    return f"{violation['id']} ({violation['impact']}): {nodes}" + (
        f" and {more} more" if more > 0 else ""
    )


def open_draft(companies):
    """A draft assessment of one of `companies`, so that the questionnaire is checked."""
    from django.core.exceptions import ValidationError

    from dipps.maturity.services import assessment_start
    from dipps.programmes.models import Programme

    programme = Programme.objects.get(code="DIPPS")
    for company in companies:
        for stage in ("t0", "t1", "t2"):
            try:
                return assessment_start(company=company, programme=programme, stage=stage)
            except ValidationError:
                continue
    raise AssertionError("every stage of the coach's firms is already assessed")


def deeper_pages() -> dict[str, list[str]]:
    """The pages past the menu that each role works in, from the demo's own data."""
    from dipps.accounts.models import Membership
    from dipps.automation.models import PreStudy
    from dipps.competence.models import SkillsMap
    from dipps.engagements.models import Engagement
    from dipps.finance.models import PaymentClaim
    from dipps.maturity.models import Assessment
    from dipps.scenarios.models import CostStructure, ScenarioRun

    code = "DIPPS"
    engagements = Engagement.objects.filter(coaches__username="coach").order_by("company__name")
    coached = engagements.first().company
    result = Assessment.objects.filter(company=coached, status="submitted").order_by("pk").last()
    draft = open_draft(e.company for e in engagements)
    own = Membership.objects.get(user__username="foretag", programme__code=code).company
    structure = CostStructure.objects.filter(company=own).first()
    run = ScenarioRun.objects.order_by("pk").first()
    claim = PaymentClaim.objects.order_by("pk").first()
    prestudy = PreStudy.objects.order_by("pk").first()
    skills = SkillsMap.objects.order_by("pk").first()

    def company_pages(company) -> list[str]:
        return [
            f"/companies/{company.pk}/",
            f"/maturity/company/{company.pk}/",
            f"/engagements/company/{company.pk}/",
            f"/stateaid/company/{company.pk}/",
            f"/impact/company/{company.pk}/",
            f"/competence/company/{company.pk}/",
        ]

    staff = [
        *company_pages(coached),
        f"/automation/company/{prestudy.company_id}/",
        f"/automation/prestudy/{prestudy.pk}/",
        f"/maturity/{result.pk}/",
        f"/programmes/{code}/",
        f"/maturity/programme/{code}/",
        f"/indicators/{code}/",
        f"/impact/programme/{code}/",
        f"/competence/programme/{code}/",
        f"/automation/programme/{code}/",
    ]
    return {
        "projektledare": [
            *staff,
            f"/finance/{code}/",
            f"/finance/{code}/budget/",
            f"/finance/{code}/ledger/",
            f"/finance/claim/{claim.pk}/",
            f"/engagements/programme/{code}/",
            f"/privacy/{code}/",
            "/scenarios/programme/",
            "/jobs/",
            "/api/tokens/",
        ],
        "coach": [
            *staff,
            f"/maturity/{draft.pk}/answer/",
            f"/competence/map/{skills.pk}/",
            "/engagements/activities/new/",
            "/engagements/timesheet/",
            "/engagements/timesheet/months/",
            f"/scenarios/{run.cost_structure_id}/",
            f"/scenarios/runs/{run.pk}/",
            "/password/",
        ],
        "ekonom": [
            f"/finance/{code}/",
            f"/finance/{code}/budget/",
            f"/finance/{code}/ledger/",
            f"/finance/{code}/import/",
            f"/finance/{code}/evaluation/",
            f"/finance/claim/{claim.pk}/",
        ],
        "foretag": [
            *company_pages(own),
            *([f"/scenarios/{structure.pk}/"] if structure else []),
        ],
        "observator": [f"/indicators/{code}/", f"/maturity/programme/{code}/"],
    }


class Audit:
    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.checked = 0
        self.seconds: dict[str, float] = {}

    def check(self, path: str, role: str) -> None:
        started = time.monotonic()
        self._check(path, role)
        self.seconds[f"{path} [{role}]"] = time.monotonic() - started

    def _check(self, path: str, role: str) -> None:
        for lang in ("sv", "en"):
            self.page.context.add_cookies(
                [{"name": "django_language", "value": lang, "url": self.base}]
            )
            response = self.page.goto(f"{self.base}{path}")
            if response is None or response.status != 200:
                status = response.status if response else "no response"
                self.problems.append(f"{path} [{role}, {lang}]: answered {status}")
                return
            for width in WIDTHS if lang == "sv" else reversed(WIDTHS):
                self.page.set_viewport_size({"width": width, "height": HEIGHT})
                # one frame: the resize observer of dipps/regions.js has run
                self.page.evaluate(FRAME)
                self.checked += 1
                for violation in violations_on(self.page):
                    self.problems.append(
                        f"{path} [{role}, {lang}, {width} px] {describe(violation)}"
                    )


def menu_links(page) -> list[str]:
    nav = page.get_by_role("navigation", name="Huvudmeny")
    return [link.get_attribute("href") for link in nav.get_by_role("link").all()]


def test_every_main_page_of_every_role_passes_axe_in_both_languages_at_both_widths(
    browser, live_server, demo
):
    base = live_server.url
    deeper = deeper_pages()
    context = browser.new_context(locale="sv-SE", viewport={"width": 1366, "height": HEIGHT})
    page = context.new_page()
    page.set_default_timeout(15000)
    audit = Audit(page, base)
    for path in ("/login/", "/accessibility/"):
        audit.check(path, "anonymous")
    checked: set[str] = set()
    for role in ROLES:
        context.clear_cookies()
        page.set_viewport_size({"width": 1366, "height": HEIGHT})
        login(page, live_server, role, DEMO_PASSWORD)
        page.wait_for_url(f"{base}/")
        for path in [*menu_links(page), *deeper[role]]:
            # A page that two staff roles open is the same page: checked for the first.
            key = path if role in STAFF else f"{role} {path}"
            if key not in checked:
                checked.add(key)
                audit.check(path, role)
    context.close()
    slowest = sorted(audit.seconds.items(), key=lambda item: -item[1])[:8]
    total = sum(audit.seconds.values())
    print(f"{audit.checked} checks of {len(audit.seconds)} pages in {total:.0f} s")
    print("slowest:", ", ".join(f"{page} {seconds:.1f} s" for page, seconds in slowest))
    assert audit.checked >= 150
    assert audit.problems == [], "\n".join(audit.problems)


def test_axe_reports_a_violation_put_into_a_page(page, live_server, transactional_db):
    """Not blind: an image without a text alternative added to a real page is reported."""
    page.goto(f"{live_server.url}/login/")
    assert violations_on(page) == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<img src=\"/static/dipps/favicon.svg\">')"
    )
    found = violations_on(page)
    assert [v["id"] for v in found] == ["image-alt"]
    assert found[0]["nodes"][0]["target"] == ["img"]


WIDE_TABLE = """document.querySelector('main').insertAdjacentHTML('beforeend',
  '<h2>Kostnader</h2><div class="table-wrap" id="wide"><table><caption>Kostnader per år'
  + '</caption><tr><th scope="col">' + 'Kostnadsslag'.repeat(5) + '</th></tr></table></div>')"""


def test_a_scrolling_table_fails_axe_until_regions_js_makes_it_a_labelled_region(
    page, live_server, transactional_db
):
    """The rule the demo pages broke is live, and dipps/regions.js is what satisfies it: a
    table wider than a phone is a focusable region named by its caption, and stops being
    one on a screen where it fits."""
    page.set_viewport_size({"width": 390, "height": HEIGHT})
    page.goto(f"{live_server.url}/login/")
    page.evaluate(WIDE_TABLE)  # added after regions.js ran: nothing has marked it
    assert [v["id"] for v in violations_on(page)] == ["scrollable-region-focusable"]

    page.add_script_tag(url=f"{live_server.url}/static/dipps/regions.js")
    page.evaluate(FRAME)
    assert violations_on(page) == []
    wide = page.locator("#wide")
    assert wide.get_attribute("tabindex") == "0"
    assert page.get_by_role("region", name="Kostnader per år").count() == 1

    page.set_viewport_size({"width": 1366, "height": HEIGHT})
    page.evaluate(FRAME)
    assert wide.get_attribute("tabindex") is None
    assert page.get_by_role("region").count() == 0
