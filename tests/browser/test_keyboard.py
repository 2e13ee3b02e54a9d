"""Keyboard only: a coach logs in, opens the company register and a company, answers a
maturity assessment and records an activity with Tab, Enter, Space, arrow keys and typing.

No mouse click and no `fill`: every field is reached by Tab from wherever focus is, the
way a person without a mouse moves; typing an address into the browser is the one
other thing such a person does (page.goto).
"""

from __future__ import annotations

import re

import pytest

from dipps.accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const clean = (text) => (text || "").trim().replace(/\\s+/g, " ");
  const none = {tag: "", id: "", name: "", type: "", label: "", text: "", href: "", value: "",
                action: "", answered: false};
  if (!el || el === document.body) return none;
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.name || "", type: el.type || "",
    label: el.labels && el.labels.length ? clean(el.labels[0].textContent) : "",
    text: clean(el.getAttribute("aria-label") || el.textContent),
    href: el.getAttribute("href") || "", value: el.value || "",
    action: el.form ? el.form.getAttribute("action") || "" : "",
    answered: el.name ? document.querySelectorAll(
      `input[name="${el.name}"]:checked`).length > 0 : false,
  };
}"""


def tab_to(page, wanted, what: str, limit: int = 300) -> dict:
    """Press Tab until the focused element is `wanted`; fail if it never comes."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached {what} on {page.url}")


def enter_and_wait(page, pattern) -> None:
    with page.expect_navigation(url=pattern):
        page.keyboard.press("Enter")


def log_in_by_keyboard(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    tab_to(page, lambda f: f["label"] == "Användarnamn", "the user name")
    page.keyboard.type(username)
    tab_to(page, lambda f: f["label"] == "Lösenord", "the password")
    page.keyboard.type(DEMO_PASSWORD)
    enter_and_wait(page, f"{base}/")


def a_free_stage():
    """A firm of the coach's with an assessment stage still open, and that stage's place."""
    from dipps.engagements.models import Engagement
    from dipps.maturity.models import Assessment, Stage

    stages = list(Stage.values)
    for engagement in Engagement.objects.filter(coaches__username="coach").order_by("pk"):
        taken = set(
            Assessment.objects.filter(company=engagement.company).values_list("stage", flat=True)
        )
        for index, stage in enumerate(stages):
            if stage not in taken:
                return engagement.company, stage, index
    raise AssertionError("every stage of the coach's firms is assessed")


def test_a_coach_logs_in_and_opens_a_company_with_the_keyboard_alone(page, live_server, demo):
    base = live_server.url
    log_in_by_keyboard(page, base, "coach")
    # The skip link comes first, so that the menu can be passed by.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["href"] == "#main"
    tab_to(page, lambda f: f["tag"] == "a" and f["href"] == "/companies/", "the register")
    enter_and_wait(page, re.compile(r"/companies/$"))
    company = tab_to(
        page,
        lambda f: f["tag"] == "a" and re.fullmatch(r"/companies/\d+/", f["href"]),
        "a company in the list",
    )
    enter_and_wait(page, re.compile(re.escape(company["href"]) + "$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith(company["text"])


def test_a_coach_answers_a_maturity_assessment_with_the_keyboard_alone(page, live_server, demo):
    from dipps.maturity.models import Assessment

    base = live_server.url
    company, stage, index = a_free_stage()
    log_in_by_keyboard(page, base, "coach")
    page.goto(f"{base}/maturity/company/{company.pk}/")
    tab_to(page, lambda f: f["id"] == "id_stage", "the stage")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED)["value"] == stage
    tab_to(page, lambda f: f["type"] == "submit" and "/start/" in f["action"], "Start")
    enter_and_wait(page, re.compile(r"/maturity/\d+/$"))
    tab_to(page, lambda f: f["href"].endswith("/answer/"), "the questionnaire")
    enter_and_wait(page, re.compile(r"/maturity/\d+/answer/$"))

    # Through the whole questionnaire: Space picks the first choice of each question
    # not yet answered (one tab stop per radio group, one per check box).
    answered = 0
    for _ in range(1500):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["type"] in ("radio", "checkbox") and not focused["answered"]:
            page.keyboard.press("Space")
            answered += 1
        if focused["type"] == "submit" and focused["value"] == "submit":
            break
    else:
        raise AssertionError("Tab never reached the submit button")
    assert answered >= 10
    enter_and_wait(page, re.compile(rf"/maturity/company/{company.pk}/$"))
    assert page.get_by_text("Mätningen har skickats in.").is_visible()
    assessment = Assessment.objects.get(company=company, stage=stage)
    assert assessment.status == "submitted"
    assert assessment.overall is not None


def test_a_coach_records_an_activity_with_the_keyboard_alone(page, live_server, demo):
    from dipps.engagements.models import ActivityCompany, Engagement

    base = live_server.url
    company = (
        Engagement.objects.filter(
            coaches__username="coach", stage__in=("implementation", "follow_up")
        )
        .order_by("pk")
        .first()
        .company
    )
    before = ActivityCompany.objects.filter(company=company).count()
    log_in_by_keyboard(page, base, "coach")
    page.goto(f"{base}/engagements/company/{company.pk}/")
    tab_to(page, lambda f: "/activities/new/" in f["href"], "Record an activity")
    enter_and_wait(page, re.compile(r"/activities/new/"))

    tab_to(page, lambda f: f["id"] == "id_type", "the activity type")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED)["value"]
    tab_to(page, lambda f: f["id"] == "id_hours", "your hours")
    page.keyboard.type("2")
    tab_to(page, lambda f: f["id"] == "id_participants_women", "the women")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, lambda f: f["id"] == "id_participant_hours", "the participants' hours")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    tab_to(page, lambda f: f["type"] == "submit" and f["tag"] == "button", "Record")
    enter_and_wait(page, re.compile(rf"/engagements/company/{company.pk}/$"))
    assert page.get_by_text("Aktiviteten har registrerats.").is_visible()
    assert ActivityCompany.objects.filter(company=company).count() == before + 1
