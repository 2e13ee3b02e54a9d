"""Access per programme in the working method: a role held in one programme never
reaches another programme's engagements, activities, hours or salaries.

The world's programme is DIPPS; `add_mixed_users` adds OTHER (where `observer_finance`
is a finance officer and `coach_rep` a coach) and SIMMITT, DIPPS's closed predecessor
(where `outsider` is the manager).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.accounts.models import Role
from dipps.companies.models import Participation
from dipps.engagements.models import Activity, EmploymentCost, TimesheetEntry
from dipps.engagements.services import TimesheetRow, engagement_start, timesheet_week_save
from dipps.programmes.models import Programme
from tests.factories import make_company, make_user
from tests.matrix import add_mixed_users

from .helpers import rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    add_mixed_users(world)
    rates(world.programme)
    world.extra["OTHER"] = Programme.objects.get(code="OTHER")
    world.extra["SIMMITT"] = Programme.objects.get(code="SIMMITT")
    return world


def _codes(engagements):
    return sorted(e.programme.code for e in engagements)


def test_the_predecessors_manager_sees_the_firms_engagement_there_and_nothing_of_this_one(
    w, client_as
):
    simmitt = w.extra["SIMMITT"]
    Participation.objects.create(company=w.company, programme=simmitt)
    manager = w.users["manager"]
    engagement_start(company=w.company, programme=w.programme, by=manager)
    engagement_start(company=w.company, programme=simmitt, by=manager)
    activity = record(w)

    page = client_as("outsider").get(reverse("engagements:company", args=[w.company.pk]))
    assert page.status_code == 200
    assert _codes(page.context["engagements"]) == ["SIMMITT"]
    assert [e.kind for e in page.context["events"]] == ["stage"]
    assert reverse("engagements:activity_edit", args=[activity.pk]) not in page.content.decode()

    # And the other way round: DIPPS's manager sees DIPPS's engagement only.
    page = client_as("manager").get(reverse("engagements:company", args=[w.company.pk]))
    assert _codes(page.context["engagements"]) == ["DIPPS"]
    assert [e.can_write for e in page.context["engagements"]] == [True]


def test_a_representative_who_coaches_elsewhere_writes_only_where_they_coach(w, client_as):
    other = w.extra["OTHER"]
    Participation.objects.create(company=w.company, programme=other)
    engagement_start(company=w.company, programme=w.programme, by=w.users["manager"])
    engagement_start(company=w.company, programme=other, by=w.users["coach_rep"])
    here = record(w)

    page = client_as("coach_rep").get(reverse("engagements:company", args=[w.company.pk]))
    writable = {e.programme.code: e.can_write for e in page.context["engagements"]}
    assert writable == {"DIPPS": False, "OTHER": True}
    activity_events = [e for e in page.context["events"] if e.kind == "activity"]
    assert [(e.obj.activity_id, e.can_write) for e in activity_events] == [(here.pk, False)]
    html = page.content.decode()
    assert reverse("engagements:activity_edit", args=[here.pk]) not in html
    # As a coach in OTHER who sees the firm there, they may record and start elsewhere.
    assert page.context["can_record"] is True
    assert [p.code for p in page.context["programmes"]] == []


def test_the_desk_lists_only_engagements_of_programmes_where_the_user_is_staff(w, client_as):
    coach_rep = w.users["coach_rep"]
    other = w.extra["OTHER"]
    firm_elsewhere = make_company("Annanstans AB", programme=other)
    engagement_start(company=w.company, programme=w.programme, coaches=[coach_rep], by=None)
    engagement_start(company=firm_elsewhere, programme=other, coaches=[coach_rep], by=None)

    page = client_as("coach_rep").get(reverse("engagements:desk"))
    assert _codes(page.context["desk"].engagements) == ["OTHER"]
    assert page.context["can_record"] is True
    page = client_as("observer_finance").get(reverse("engagements:desk"))
    assert page.context["desk"].engagements == []
    assert page.context["can_record"] is False


def test_the_activity_form_of_a_coach_elsewhere_offers_nothing_of_this_programme(w, client_as):
    other = w.extra["OTHER"]
    firm_elsewhere = make_company("Annanstans AB", programme=other)
    client = client_as("coach_rep")

    form = client.get(reverse("engagements:activity_new")).context["form"]
    assert [p.code for p in form.fields["programme"].queryset] == ["OTHER"]
    assert list(form.fields["companies"].queryset) == [firm_elsewhere]
    assert list(form.fields["other_coach"].queryset) == [w.users["coach_rep"]]

    response = client.post(
        reverse("engagements:activity_new"),
        {
            "date": "2025-03-03",
            "programme": w.programme.pk,
            "type": "coaching",
            "companies": [w.company.pk],
            "hours": "1",
            "external_cost_sek": "0",
            "participants_women": 0,
            "participants_men": 1,
            "participants_other": 0,
            "participant_hours": "1",
            "spread": "equal",
        },
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["companies", "programme"]
    assert Activity.objects.count() == 0


def test_editing_keeps_the_activitys_own_firms_and_coach_on_offer(w, client_as):
    activity = record(w, companies=[w.company, w.other_company])
    # The coach who recorded it leaves DIPPS; the manager edits the activity.
    w.users["coach"].memberships.all().delete()
    form = client_as("manager").get(reverse("engagements:activity_edit", args=[activity.pk]))
    form = form.context["form"]
    assert w.users["coach"] in form.fields["coach"].queryset
    assert set(form.fields["companies"].queryset) == {w.company, w.other_company}


def _entry(user, programme, hours):
    return TimesheetEntry.objects.create(
        user=user, programme=programme, day=date(2025, 3, 3), kind="administration", hours=hours
    )


def test_monthly_hours_show_everyone_where_the_user_handles_money_and_only_their_own_elsewhere(
    w, client_as
):
    other = w.extra["OTHER"]
    other_coach = make_user(Role.COACH, other, username="annan", first_name="Anna")
    _entry(w.users["coach"], w.programme, D(7))
    _entry(other_coach, other, D(5))
    _entry(w.users["coach_rep"], other, D(3))

    def people(role):
        page = client_as(role).get(reverse("engagements:months") + "?year=2025")
        return sorted((r["person"], r["hours"]) for r in page.context["rows"])

    # Finance officer in OTHER: everyone's hours there, none of DIPPS's.
    assert people("observer_finance") == [("Anna", D(5)), (w.users["coach_rep"].username, D(3))]
    # Coach in OTHER: their own hours only.
    assert people("coach_rep") == [(w.users["coach_rep"].username, D(3))]
    # DIPPS's manager: DIPPS's hours only.
    assert people("manager") == [(w.users["coach"].username, D(7))]


def test_salaries_are_listed_and_set_only_for_the_staff_of_the_users_own_programmes(w, client_as):
    client = client_as("observer_finance")
    page = client.get(reverse("engagements:employment_costs") + "?year=2025")
    listed = {r["user"] for r in page.context["rows"]}
    assert listed == {w.users["observer_finance"], w.users["coach_rep"]}

    response = client.post(
        reverse("engagements:employment_costs"),
        {"user": w.users["coach"].pk, "year": 2025, "annual_gross_cost_sek": "688000"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["user"]
    assert not EmploymentCost.objects.exists()


def test_saving_a_week_leaves_hours_in_a_programme_outside_the_form_alone(w):
    coach = w.users["coach"]
    other = w.extra["OTHER"]
    kept = _entry(coach, other, D(2))  # from when they coached in OTHER
    row = TimesheetRow(
        programme=w.programme, kind="administration", activity=None, hours=[D(4)] + [D(0)] * 6
    )
    timesheet_week_save(
        user=coach, monday=date(2025, 3, 3), rows=[row], by=coach, programmes=[w.programme]
    )
    entries = TimesheetEntry.objects.filter(user=coach).order_by("programme__code")
    assert [(e.programme.code, e.hours) for e in entries] == [("DIPPS", D(4)), ("OTHER", D(2))]
    assert TimesheetEntry.objects.filter(pk=kept.pk).exists()

    elsewhere = TimesheetRow(
        programme=other, kind="administration", activity=None, hours=[D(1)] + [D(0)] * 6
    )
    with pytest.raises(ValidationError) as refused:
        timesheet_week_save(
            user=coach,
            monday=date(2025, 3, 3),
            rows=[elsewhere],
            by=coach,
            programmes=[w.programme],
        )
    assert refused.value.message_dict == {
        "programme": ["Du har ingen roll som personal i det programmet."]
    }
    assert TimesheetEntry.objects.filter(user=coach).count() == 2


def test_the_company_panel_offers_recording_only_to_a_writer_for_that_firm(w, client_as):
    link = reverse("engagements:activity_new") + f"?company={w.company.pk}"
    coach_page = client_as("coach").get(reverse("companies:detail", args=[w.company.pk]))
    assert link in coach_page.content.decode()
    # The representative coaches in OTHER, where the firm takes no part: no link for them.
    rep_page = client_as("coach_rep").get(reverse("companies:detail", args=[w.company.pk]))
    assert rep_page.status_code == 200
    assert link not in rep_page.content.decode()


def test_the_totals_page_links_the_rates_only_for_a_manager_of_that_programme(w, client_as):
    rates_url = reverse("engagements:rates", args=["DIPPS"])
    make_user(Role.MANAGER, w.extra["OTHER"], user=w.users["observer"])
    observer_page = client_as("observer").get(reverse("engagements:totals", args=["DIPPS"]))
    assert observer_page.status_code == 200
    assert rates_url not in observer_page.content.decode()
    manager_page = client_as("manager").get(reverse("engagements:totals", args=["DIPPS"]))
    assert rates_url in manager_page.content.decode()
