"""What the read API answers: scoped as the pages, no personal data outside the staff,
no free text, pages with a count, ETag and Last-Modified with 304."""

import json

import pytest

from dipps.companies.models import Company
from tests.factories import make_company

pytestmark = pytest.mark.usefixtures("filled")


def _json(response):
    assert response.status_code == 200, response.content
    return response.json()


def _names(body):
    return [r["name"] for r in body["results"]]


def test_staff_see_their_programmes_firms_with_contacts_and_a_masked_personal_number(world, api):
    body = _json(api(world.users["coach"], "/api/v1/companies"))
    by_name = {r["name"]: r for r in body["results"]}
    assert set(by_name) == {"Jämtlands Trä AB", "Sundsvalls Mekaniska AB", "Persson Svets"}
    assert by_name["Jämtlands Trä AB"]["contacts"][0]["email"] == "karin@example.se"
    assert by_name["Jämtlands Trä AB"]["orgnr"] == "556677-8899"
    # A list leaves the page: the sole trader's number is masked, as in every export.
    assert by_name["Persson Svets"]["orgnr"] == "19800101-****"
    assert "8001011231" not in json.dumps(body)
    assert by_name["Jämtlands Trä AB"]["programmes"] == ["DIPPS"]


def test_a_representative_sees_their_own_firm_without_contact_people(world, api):
    body = _json(api(world.users["company"], "/api/v1/companies"))
    assert _names(body) == ["Jämtlands Trä AB"]
    assert body["results"][0]["contacts"] is None
    assert "Karin" not in json.dumps(body)


@pytest.mark.parametrize("endpoint", ["companies", "assessments", "activities"])
def test_an_observer_sees_no_firm_level_rows(world, api, endpoint):
    response = api(world.users["observer"], f"/api/v1/{endpoint}")
    assert response.status_code == 403


def test_no_answer_of_an_observer_holds_personal_data(world, api):
    observer = world.users["observer"]
    for url in ("/api/v1/programmes", "/api/v1/programmes/DIPPS/indicators"):
        response = api(observer, url)
        assert response.status_code == 200
        text = response.content.decode()
        for personal in ("Karin", "karin@example.se", "070-1234567", "800101", "Persson"):
            assert personal not in text, (url, personal)


def test_indicators_are_the_pages_values(world, api):
    from dipps.indicators.selectors import indicator_page

    body = _json(api(world.users["observer"], "/api/v1/programmes/DIPPS/indicators"))
    _values, rows = indicator_page(world.programme)
    assert body["count"] == len(rows) > 0
    got = {r["code"]: r for r in body["results"]}
    for row in rows:
        value = got[row.indicator.code]["cumulative"]
        assert (value is None and row.cumulative is None) or float(value) == row.cumulative


def test_assessments_carry_scores_per_dimension_and_never_the_answers(world, api):
    body = _json(api(world.users["coach"], "/api/v1/assessments"))
    assert body["count"] == 1
    row = body["results"][0]
    assessment = world.extra["assessment"]
    assert row["stage"] == "t0" and row["date"] == assessment.submitted.date().isoformat()
    assert len(row["dimensions"]) >= 4 and all(d["score"] for d in row["dimensions"])
    assert "answers" not in row
    for question_id in assessment.answers:
        assert question_id not in json.dumps(row)


def test_a_stage_filter_narrows_the_assessments(world, api):
    assert _json(api(world.users["coach"], "/api/v1/assessments?stage=t1"))["count"] == 0
    assert api(world.users["coach"], "/api/v1/assessments?stage=t9").status_code == 422


def test_activities_carry_type_code_and_label_hours_and_counts_never_the_note(world, api):
    body = _json(api(world.users["company"], "/api/v1/activities?lang=en"))
    assert body["count"] == 1
    row = body["results"][0]
    assert row["type"] == "coaching" and row["type_label"] not in ("", "coaching")
    assert row["company_ids"] == [world.company.pk]
    assert row["staff_hours"] == "2.00"
    assert "Hemlig" not in json.dumps(body)


def test_claims_carry_period_totals_and_status(world, api):
    body = _json(api(world.users["finance"], "/api/v1/programmes/DIPPS/claims"))
    assert body["count"] == 1
    claim = body["results"][0]
    assert (claim["period"], claim["start"], claim["status"]) == (1, "2024-01-01", "draft")
    assert set(claim["totals"]) >= {"eligible", "net_eligible", "budget"}
    assert "general" not in claim and "results" not in claim
    assert api(world.users["coach"], "/api/v1/programmes/DIPPS/claims").status_code == 403


def test_pages_are_stable_disjoint_and_counted(world, api):
    for n in range(5):
        make_company(f"Sida {n} AB", programme=world.programme)
    user = world.users["manager"]
    total = Company.objects.count()
    seen = []
    offset = 0
    while offset is not None:
        body = _json(api(user, f"/api/v1/companies?limit=3&offset={offset}"))
        assert body["count"] == total and body["limit"] == 3 and len(body["results"]) <= 3
        seen += [r["id"] for r in body["results"]]
        offset = body["next_offset"]
    assert seen == sorted(seen) and len(set(seen)) == total
    assert api(user, "/api/v1/companies?limit=0").status_code == 422
    assert api(user, "/api/v1/companies?limit=1001").status_code == 422


def test_an_unchanged_answer_is_304_by_etag_and_a_change_gives_a_new_one(world, api):
    user = world.users["coach"]
    first = api(user, "/api/v1/companies")
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag and first["Last-Modified"] and "private" in first["Cache-Control"]
    again = api(user, "/api/v1/companies", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    world.company.name = "Jämtlands Trä och Snickeri AB"
    world.company.save()
    changed = api(user, "/api/v1/companies", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_unchanged_answer_is_304_by_date(world, api):
    user = world.users["finance"]
    first = api(user, "/api/v1/programmes/DIPPS/claims")
    since = first["Last-Modified"]
    assert (
        api(user, "/api/v1/programmes/DIPPS/claims", HTTP_IF_MODIFIED_SINCE=since).status_code
        == 304
    )
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert (
        api(user, "/api/v1/programmes/DIPPS/claims", HTTP_IF_MODIFIED_SINCE=old).status_code == 200
    )


def test_an_etag_is_per_user(world, api):
    manager = api(world.users["manager"], "/api/v1/companies")
    rep = api(world.users["company"], "/api/v1/companies", HTTP_IF_NONE_MATCH=manager["ETag"])
    assert rep.status_code == 200


def test_labels_follow_the_lang_parameter(world, api):
    sv = _json(api(world.users["coach"], "/api/v1/assessments"))["results"][0]["stage_label"]
    en = _json(api(world.users["coach"], "/api/v1/assessments?lang=en"))["results"][0]
    assert en["stage_label"] != sv and en["stage_label"].startswith("T0")


def test_dates_narrow_the_indicators_window_and_the_activities(world, api):
    url = "/api/v1/programmes/DIPPS/indicators?from=2025-01-01&to=2025-06-30"
    body = _json(api(world.users["manager"], url))
    assert (body["start"], body["end"]) == ("2025-01-01", "2025-06-30")
    coach = world.users["coach"]
    assert _json(api(coach, "/api/v1/activities?from=2025-03-03&to=2025-03-03"))["count"] == 1
    assert _json(api(coach, "/api/v1/activities?from=2025-03-04"))["count"] == 0
    assert api(coach, "/api/v1/activities?from=2025-13-01").status_code == 422


@pytest.mark.parametrize("endpoint", ["companies", "assessments", "activities"])
def test_the_queries_of_a_page_do_not_grow_with_its_rows(world, api, endpoint, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dipps.api.services import token_create
    from tests.maturity.builders import submitted

    _token, raw = token_create(user=world.users["coach"], name="count")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(f"/api/v1/{endpoint}", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
                == 200
            )
        return len(captured)

    queries()  # the first use of a token notes it (one write), later ones do not
    before = queries()
    for n in range(4):
        firm = make_company(f"Fler {n} AB", programme=world.programme)
        firm.contacts.create(name=f"Person {n}")
        submitted(firm, world.programme, level=3)
    assert queries() == before


def test_no_answer_holds_a_sole_traders_full_number(world, api):
    """The API is a list that leaves DIPPS: as in every export, the number is masked
    (tests/core/test_personal_data_in_exports.py holds the files to the same rule)."""
    from dipps.engagements.services import ActivityInput, activity_record
    from tests.core.test_personal_data_in_exports import number_forms
    from tests.maturity.builders import submitted

    sole = world.extra["sole"]
    submitted(sole, world.programme, level=1)
    activity_record(
        data=ActivityInput(
            day=world.extra["activity"].date,
            type="coaching",
            programme=world.programme,
            companies=[sole],
            coach_hours={world.users["coach"]: 1},
        ),
        by=world.users["coach"],
    )
    forms = number_forms(sole.orgnr)
    for url in (
        "/api/v1/programmes",
        "/api/v1/programmes/DIPPS/indicators",
        "/api/v1/companies",
        "/api/v1/assessments",
        "/api/v1/activities",
        "/api/v1/programmes/DIPPS/claims",
    ):
        response = api(world.users["manager"], url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [f for f in forms if f in body], url
    companies = _json(api(world.users["manager"], "/api/v1/companies"))
    assert "19800101-****" in json.dumps(companies)
