"""Skills maps on the database: start, save, follow-up, gap → plan, activity skills, pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from dipps.competence import links, selectors, services
from dipps.competence.models import MapRow, ProgrammeSkill, SkillsMap
from dipps.engagements.models import ActionItem, Activity, Attendee

pytestmark = pytest.mark.django_db


def _filled(world, levels, *, follow_up=False, on=None):
    """A submitted coach map: `levels` is {(role, skill): (people, current, needed)}."""
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="coach",
        roles=sorted({r for r, _s in levels}),
        skills=sorted({s for _r, s in levels}),
        follow_up=follow_up,
        on=on,
        by=None,
    )
    rows = [
        services.RowInput(r.pk, *levels.get((r.role, r.skill), (r.people, r.current, r.needed)))
        for r in m.rows.all()
    ]
    return services.map_save(skills_map=m, rows=rows, submit=True, by=None)


def test_a_map_has_one_row_per_role_and_skill_in_catalogue_order(world):
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="coach",
        roles=["planner", "operator"],
        skills=["lean", "plc"],
        by=None,
    )
    assert [(r.role, r.skill) for r in m.rows.all()] == [
        ("operator", "plc"),
        ("operator", "lean"),
        ("planner", "plc"),
        ("planner", "lean"),
    ]
    assert m.submitted is None


def test_unknown_roles_or_skills_are_refused(world):
    with pytest.raises(ValidationError):
        services.map_start(
            company=world.company,
            programme=world.programme,
            kind="coach",
            roles=["astronaut"],
            skills=["plc"],
            by=None,
        )
    assert not SkillsMap.objects.exists()


def test_a_bad_level_saves_nothing_and_names_the_row(world):
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="coach",
        roles=["operator"],
        skills=["plc", "lean"],
        by=None,
    )
    first, second = m.rows.all()
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.map_save(
            skills_map=m,
            rows=[services.RowInput(first.pk, 4, 1, 3), services.RowInput(second.pk, 4, 5, 3)],
            submit=True,
            by=None,
        )
    assert caught.value.messages == [
        "Row 2 (Operator): current level must be a whole number from 0 to 4."
    ]
    first.refresh_from_db()
    m.refresh_from_db()
    assert (first.people, first.current, first.needed, m.submitted) == (0, 0, 0, None)


def test_a_follow_up_copies_the_latest_map_and_shows_before_and_after(world, client_as):
    before = _filled(world, {("operator", "plc"): (10, 1, 3)}, on=date(2025, 1, 10))
    after = _filled(
        world,
        {("operator", "plc"): (10, 2, 3)},
        follow_up=True,
        on=date(2025, 11, 10),
    )
    assert after.previous == before
    with translation.override("en"):
        page = selectors.company_page(world.users["coach"], world.company, {"coach"})
    assert page.latest == after
    (change,) = page.changes
    assert (change.skill, change.change.priority_before, change.change.priority_after) == (
        "PLC and control systems",
        20,
        10,
    )
    html = client_as("coach").get(reverse("competence:company", args=[world.company.pk]))
    assert b'data-testid="before-after"' in html.content


def test_a_follow_up_needs_an_earlier_map(world):
    with pytest.raises(ValidationError):
        _filled(world, {("operator", "plc"): (1, 1, 2)}, follow_up=True)


def test_a_gap_becomes_one_skills_plan_item_of_the_engagement(world):
    m = _filled(world, {("operator", "plc"): (6, 1, 3)})
    row = m.rows.get()
    with translation.override("en"):
        item = services.gap_to_plan(row=row, by=world.users["coach"])
    assert item.intervention == "skills_plan"
    assert item.goal == "Skills: PLC and control systems for Operator, level 1 → 3"
    assert item.engagement.company == world.company
    assert item.status == ActionItem.Status.PLANNED
    row.refresh_from_db()
    assert row.action_item == item
    # Once per row: asking again gives the same item.
    assert services.gap_to_plan(row=row, by=None) == item
    assert ActionItem.objects.count() == 1


def test_a_row_without_a_gap_is_not_planned(world):
    m = _filled(world, {("operator", "plc"): (6, 3, 3)})
    with pytest.raises(ValidationError):
        services.gap_to_plan(row=m.rows.get(), by=None)


def _activity_with_attendees(world):
    activity = Activity.objects.create(
        date=date(2025, 3, 4), type="workshop", programme=world.programme
    )
    for name, gender, age in (
        ("Anna Berg", "woman", "30_49"),
        ("Erik Lund", "man", "under_30"),
    ):
        Attendee.objects.create(
            activity=activity,
            name=name,
            company=world.company,
            hours=4,
            gender=gender,
            age_band=age,
        )
    return activity


def test_attendees_of_an_activity_count_as_trained_in_its_skills(world):
    activity = _activity_with_attendees(world)
    assert services.activity_skills_set(activity=activity, skills=["plc", "lean"], by=None) == [
        "lean",
        "plc",
    ]
    services.activity_skills_set(activity=activity, skills=["plc"], by=None)
    with translation.override("en"):
        staff = selectors.company_page(world.users["coach"], world.company, {"coach"})
        observer = selectors.company_page(world.users["observer"], world.company, {"observer"})
        programme = selectors.programme_page(world.programme)
    assert [(t.skill, t.count, t.names) for t in staff.trained] == [
        ("PLC and control systems", 2, ["Anna Berg", "Erik Lund"])
    ]
    # Observers see counts, not names.
    assert [(t.skill, t.count, t.names) for t in observer.trained] == [
        ("PLC and control systems", 2, [])
    ]
    (trained,) = programme.trained
    assert trained.people == 2
    assert trained.by_gender == {"woman": 1, "man": 1, "other": 0, "": 0}
    assert trained.by_age == {"under_30": 1, "30_49": 1, "50_plus": 0, "": 0}


def test_observers_do_not_see_the_names_of_people_trained(world, client_as):
    activity = _activity_with_attendees(world)
    services.activity_skills_set(activity=activity, skills=["plc"], by=None)
    url = reverse("competence:company", args=[world.company.pk])
    assert "Anna Berg" in client_as("coach").get(url).content.decode()
    assert "Anna Berg" not in client_as("observer").get(url).content.decode()


def test_an_unknown_skill_cannot_be_named_by_an_activity(world):
    activity = _activity_with_attendees(world)
    with pytest.raises(ValidationError):
        services.activity_skills_set(activity=activity, skills=["juggling"], by=None)


def test_a_programme_skill_joins_the_catalogue(world):
    ProgrammeSkill.objects.create(
        programme=world.programme, code="welding", name_sv="Svetsning", name_en="Welding"
    )
    m = _filled(world, {("operator", "welding"): (3, 0, 2)})
    with translation.override("sv"):
        page = selectors.programme_page(world.programme)
    assert [(name, t.priority) for name, t in page.gaps] == [("Svetsning", 6)]
    assert m.rows.get().skill == "welding"


def test_the_self_service_link_fills_and_submits_the_map(world, client):
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="self_service",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )
    token = services.link_create(skills_map=m)
    row = m.rows.get()
    url = reverse("competence:self_service", args=[token])
    data = {
        "row-TOTAL_FORMS": "1",
        "row-INITIAL_FORMS": "1",
        "row-0-id": str(row.pk),
        "row-0-people": "7",
        "row-0-current": "1",
        "row-0-needed": "2",
    }
    assert client.post(url, {**data, "save": "1"}).status_code == 200
    m.refresh_from_db()
    assert m.submitted is None
    assert client.post(url, {**data, "submit": "1"}).status_code == 200
    m.refresh_from_db()
    row.refresh_from_db()
    assert m.submitted is not None
    assert (row.people, row.current, row.needed) == (7, 1, 2)
    # A submitted map is no longer open through the link.
    assert b"Tack" in client.get(url).content or b"Thank" in client.get(url).content
    with pytest.raises(ValidationError):
        services.link_create(skills_map=m)


def test_a_token_for_another_map_or_firm_does_not_open(world, settings):
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="self_service",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )
    token = links.make_token(m)
    assert links.read_token(token) == m
    with pytest.raises(links.LinkInvalid):
        links.read_token(token[:-2] + "xx")
    settings.COMPETENCE_LINK_MAX_AGE_DAYS = -1
    with pytest.raises(links.LinkInvalid) as caught:
        links.read_token(token)
    assert caught.value.reason == "expired"


def test_the_coach_table_saves_in_one_post(world, client_as):
    m = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="coach",
        roles=["operator", "maintenance"],
        skills=["plc"],
        by=None,
    )
    rows = list(m.rows.all())
    data = {"row-TOTAL_FORMS": "2", "row-INITIAL_FORMS": "2", "submit": "1"}
    for i, (row, values) in enumerate(zip(rows, [(8, 1, 2), (2, 2, 4)], strict=True)):
        data |= {f"row-{i}-id": row.pk}
        names = [f"row-{i}-{k}" for k in ("people", "current", "needed")]
        data |= dict(zip(names, values, strict=True))
    response = client_as("coach").post(reverse("competence:map", args=[m.pk]), data)
    assert response.status_code == 302
    assert [(r.people, r.current, r.needed) for r in MapRow.objects.filter(map=m)] == [
        (8, 1, 2),
        (2, 2, 4),
    ]
    m.refresh_from_db()
    assert m.submitted is not None


def test_a_programme_adds_a_skill_with_a_new_valid_code_only(world, client_as):
    values = {
        "code": "welding",
        "name_sv": "Svetsning",
        "name_en": "Welding",
        "description_sv": "Svetsa.",
        "description_en": "Welding.",
    }
    services.programme_skill_add(programme=world.programme, values=values, by=None)
    for code in ("welding", "plc", "Bad code"):
        with pytest.raises(ValidationError) as caught:
            services.programme_skill_add(
                programme=world.programme, values={**values, "code": code}, by=None
            )
        assert list(caught.value.message_dict) == ["code"]
    assert ProgrammeSkill.objects.filter(programme=world.programme).count() == 1
    page = client_as("manager").get(reverse("competence:skills", args=[world.programme.code]))
    assert "Svetsning" in page.content.decode()


def test_a_row_of_another_map_is_refused_with_its_row_number(world, client_as):
    mine = services.map_start(
        company=world.company,
        programme=world.programme,
        kind="coach",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )
    other = services.map_start(
        company=world.other_company,
        programme=world.programme,
        kind="coach",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )
    data = {
        "row-TOTAL_FORMS": "1",
        "row-INITIAL_FORMS": "1",
        "row-0-id": other.rows.get().pk,
        "row-0-people": "3",
        "row-0-current": "1",
        "row-0-needed": "2",
        "submit": "1",
    }
    client = client_as("coach")
    client.cookies["django_language"] = "en"
    response = client.post(reverse("competence:map", args=[mine.pk]), data)
    assert response.status_code == 400
    assert "Row 1 is not a row of this map." in response.content.decode()
    assert other.rows.get().people == 0
