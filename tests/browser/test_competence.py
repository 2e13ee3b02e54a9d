"""Competence in the browser: a coach fills a firm's skills map and turns its highest gap
into a competence-plan item in one step (issue 15, "Done when"; the pre-study half is in
test_automation.py)."""

import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser


def test_a_coach_fills_a_skills_map_and_puts_the_highest_gap_into_the_plan(page, live_server, demo):
    from django.contrib.auth import get_user_model

    from dipps.companies.selectors import companies_visible_to
    from dipps.engagements.models import ActionItem, Engagement

    coach = get_user_model().objects.get(username="coach")
    firm = (
        companies_visible_to(coach)
        .filter(pk__in=Engagement.objects.values("company_id"), skills_maps__isnull=True)
        .order_by("name")
        .first()
    )
    login(page, live_server, "coach", DEMO_PASSWORD)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/companies/{firm.pk}/")
    page.get_by_role("link", name="Kompetenskarta, gap och utbildning").click()
    page.wait_for_url(re.compile(rf"/competence/company/{firm.pk}/$"))

    page.get_by_label("Operatör").check()
    page.get_by_label("Underhållstekniker").check()
    page.get_by_label("Digital grundkompetens").check()
    page.get_by_label("Automation och robotprogrammering").check()
    page.get_by_role("button", name="Starta kartan").click()
    page.wait_for_url(re.compile(r"/competence/map/\d+/$"))

    def fill(role, skill, people, current, needed):
        page.get_by_label(f"Personer: {role}, {skill}", exact=True).fill(str(people))
        page.get_by_label(f"Nuvarande nivå: {role}, {skill}", exact=True).select_option(
            str(current)
        )
        page.get_by_label(f"Behövd nivå: {role}, {skill}", exact=True).select_option(str(needed))

    robots = "Automation och robotprogrammering"
    fill("Operatör", "Digital grundkompetens", 12, 2, 2)
    fill("Operatör", robots, 12, 0, 2)  # 12 × 2 = 24, the highest priority
    fill("Underhållstekniker", "Digital grundkompetens", 3, 1, 3)  # 3 × 2 = 6
    fill("Underhållstekniker", robots, 3, 1, 4)  # 3 × 3 = 9
    page.get_by_role("button", name="Spara kartan").click()
    page.wait_for_url(re.compile(rf"/competence/company/{firm.pk}/$"))

    ranked = page.get_by_test_id("ranked-gaps").locator("tbody tr")
    assert ranked.count() == 3
    first = ranked.first
    assert robots in first.inner_text() and "Operatör" in first.inner_text()
    assert first.locator("td").nth(5).inner_text() == "24"
    first.get_by_role("button").click()
    page.wait_for_url(re.compile(rf"/competence/company/{firm.pk}/$"))

    first = page.get_by_test_id("ranked-gaps").locator("tbody tr").first
    assert first.get_by_role("button").count() == 0  # in the plan now, never twice
    item = ActionItem.objects.filter(engagement__company=firm, intervention="skills_plan").latest(
        "pk"
    )
    assert item.goal in first.inner_text()
