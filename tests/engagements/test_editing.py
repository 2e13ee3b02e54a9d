"""Changing and deleting a recorded activity: aid, totals, the 24-hour check, history."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import (
    Activity,
    ActivityCoach,
    ActivityCompany,
    CompanySupport,
    DailyTotals,
)
from dipps.engagements.services import (
    ActivityInput,
    activity_delete,
    activity_update,
    totals_rebuild,
)
from dipps.stateaid.models import AidEntry

from .helpers import rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def changed(w, activity, coach=None, hours="4", cost="0", day=date(2025, 3, 3), **kw):
    coach = coach or w.users["coach"]
    data = ActivityInput(
        day=day,
        type=kw.pop("type", "coaching"),
        programme=w.programme,
        companies=kw.pop("companies", [w.company]),
        coach_hours={coach: D(hours)},
        external_cost_sek=D(cost),
        **kw,
    )
    return activity_update(activity=activity, data=data, by=coach)


def totals(w):
    return {
        (t.date, t.type): (t.activities, t.staff_hours)
        for t in DailyTotals.objects.filter(programme=w.programme)
        if t.activities
    }


def test_changing_an_activity_regrants_its_aid_at_the_new_values(w):
    activity = record(w, hours="10", cost="5000")
    changed(w, activity, hours="4", cost="1000")
    entry = AidEntry.objects.get(reference=f"activity:{activity.pk}")
    # 4 h × 900 kr + 1 000 kr = 4 600 kr; 4 600 / 11.4325 = 402.36 EUR
    assert (entry.amount_sek, entry.amount_eur) == (D("4600.00"), D("402.36"))
    share = ActivityCompany.objects.get(activity=activity)
    assert (share.staff_hours, share.aid_sek) == (D("4.00"), D("4600.00"))
    assert Activity.objects.get(pk=activity.pk).staff_hours == D("4.00")


def test_moving_an_activity_to_another_day_and_type_moves_its_daily_totals(w):
    activity = record(w, hours="10")
    changed(w, activity, hours="2", day=date(2025, 3, 5), type="workshop")
    assert totals(w) == {(date(2025, 3, 5), "workshop"): (1, D("2.00"))}


def test_moving_an_activity_to_another_company_moves_its_aid(w):
    activity = record(w)
    changed(w, activity, companies=[w.other_company])
    assert list(AidEntry.objects.values_list("company_id", flat=True)) == [w.other_company.pk]


def test_a_change_over_the_de_minimis_ceiling_is_refused_and_the_old_values_stay(w):
    activity = record(w, hours="10", cost="5000")
    AidEntry.objects.create(
        company=w.company,
        source="declared",
        giver="Almi",
        granted=date(2024, 5, 1),
        amount_sek=D(0),
        amount_eur=D("298000.00"),
        sek_per_eur=D("11.4325"),
    )
    # The old 1 224.58 EUR is withdrawn first, so 2 000 EUR of headroom is what counts:
    # 10 h × 900 kr + 20 000 kr = 29 000 kr = 2 536.63 EUR is too much.
    with pytest.raises(ValidationError) as caught:
        changed(w, activity, hours="10", cost="20000")
    assert "2\xa0000,00 EUR av 300\xa0000,00 EUR" in " ".join(caught.value.messages)
    entry = AidEntry.objects.get(reference=f"activity:{activity.pk}")
    assert entry.amount_sek == D("14000.00")
    assert totals(w) == {(date(2025, 3, 3), "coaching"): (1, D("10.00"))}
    assert ActivityCoach.objects.get(activity=activity).hours == D("10.00")


def test_a_change_that_fits_only_once_the_old_aid_is_withdrawn_is_allowed(w):
    activity = record(w, hours="10", cost="5000")  # 1 224.58 EUR
    AidEntry.objects.create(
        company=w.company,
        source="declared",
        giver="Almi",
        granted=date(2024, 5, 1),
        amount_sek=D(0),
        amount_eur=D("298000.00"),
        sek_per_eur=D("11.4325"),
    )
    # 1 500 EUR would not fit on top of the old aid (1 224.58 + 1 500 > 2 000) but fits instead.
    changed(w, activity, hours="0", cost=str(D("1500") * D("11.4325")))
    assert AidEntry.objects.get(reference=f"activity:{activity.pk}").amount_eur == D("1500.00")


def test_the_24_hour_check_does_not_count_the_activitys_own_old_hours(w):
    activity = record(w, hours="20", cost="0")
    changed(w, activity, hours="22")  # 22, not 20 + 22
    assert ActivityCoach.objects.get(activity=activity).hours == D("22.00")


def test_a_change_over_24_hours_with_other_activities_that_day_is_refused(w):
    record(w, hours="10", cost="0", note="förmiddag")
    activity = record(w, hours="4", cost="0", note="eftermiddag")
    with pytest.raises(ValidationError) as caught:
        changed(w, activity, hours="15")
    assert "25,00" in " ".join(caught.value.messages)


def test_a_change_is_kept_in_the_audit_history_with_what_changed(w):
    activity = record(w, hours="10", cost="5000")
    changed(w, activity, hours="4", cost="5000")
    entry = AuditEntry.objects.get(model="engagements.activity", action="update")
    assert entry.changes["staff_hours"] == ["10.00", "4.00"]
    assert "external_cost_sek" not in entry.changes
    assert entry.user == w.users["coach"]


def test_a_coach_edits_an_activity_in_the_browser_and_the_headroom_follows(w, client_as):
    activity = record(w, hours="10", cost="5000")
    client = client_as("coach")
    page = client.get(reverse("engagements:activity_edit", args=[activity.pk]))
    assert page.status_code == 200
    assert page.context["form"].initial["hours"] == D("10.00")
    response = client.post(
        reverse("engagements:activity_edit", args=[activity.pk]),
        {
            "date": "2025-03-03",
            "programme": w.programme.pk,
            "type": "coaching",
            "companies": [w.company.pk],
            "coach": w.users["coach"].pk,
            "hours": "3",
            "external_cost_sek": "1000",
            "participants_women": 1,
            "participants_men": 1,
            "participants_other": 0,
            "participant_hours": "6",
            "spread": "equal",
        },
    )
    assert response.status_code == 302
    text = client.get(reverse("companies:detail", args=[w.company.pk])).content.decode()
    # 3 × 900 + 1 000 = 3 700 kr = 323.64 EUR; 300 000 − 323.64 = 299 676.36
    assert "299\xa0676,36 EUR" in text
    history = client.get(reverse("engagements:activity_edit", args=[activity.pk]))
    assert [h.action for h in history.context["history"]] == ["update", "create"]


def test_an_imported_activity_without_a_named_coach_keeps_its_staff_hours(w, client_as):
    from dipps.engagements.services import activity_record

    activity = activity_record(
        data=ActivityInput(
            day=date(2025, 3, 3),
            type="analysis",
            programme=w.programme,
            companies=[w.company],
            staff_hours=D("5"),
            natural_key="k" * 64,
        ),
        by=None,
    )
    client = client_as("manager")
    page = client.get(reverse("engagements:activity_edit", args=[activity.pk]))
    assert page.context["form"].initial["coach"] is None
    data = {
        "date": "2025-03-03",
        "programme": w.programme.pk,
        "type": "analysis",
        "companies": [w.company.pk],
        "coach": "",
        "hours": "6",
        "external_cost_sek": "0",
        "participants_women": 0,
        "participants_men": 0,
        "participants_other": 0,
        "participant_hours": "0",
        "spread": "equal",
    }
    assert client.post(page.request["PATH_INFO"], data).status_code == 302
    activity.refresh_from_db()
    assert (activity.staff_hours, activity.natural_key) == (D("6.00"), "k" * 64)
    assert not ActivityCoach.objects.filter(activity=activity).exists()


def test_a_refused_edit_shows_the_reason_on_the_form(w, client_as):
    activity = record(w)
    response = client_as("coach").post(
        reverse("engagements:activity_edit", args=[activity.pk]),
        {
            "date": "2030-01-01",
            "programme": w.programme.pk,
            "type": "coaching",
            "companies": [w.company.pk],
            "coach": w.users["coach"].pk,
            "hours": "3",
            "external_cost_sek": "0",
            "participants_women": 0,
            "participants_men": 0,
            "participants_other": 0,
            "participant_hours": "0",
            "spread": "equal",
        },
    )
    assert response.status_code == 200
    assert "2028" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).date == date(2025, 3, 3)


def test_deleting_in_the_browser_withdraws_the_aid_and_the_totals(w, client_as):
    activity = record(w)
    client = client_as("coach")
    confirm = client.get(reverse("engagements:activity_delete", args=[activity.pk]))
    assert "14\xa0000,00\xa0kr" in confirm.content.decode()
    response = client.post(reverse("engagements:activity_delete", args=[activity.pk]))
    assert response.status_code == 302
    assert not Activity.objects.exists() and not AidEntry.objects.exists()
    assert totals(w) == {}
    deleted = AuditEntry.objects.get(model="engagements.activity", action="delete")
    assert deleted.changes["companies"] == {
        str(w.company.pk): {"participants": 0, "aid_sek": "14000.00"}
    }


def support(w):
    return {
        s.company_id: (s.first_date, s.last_date, s.activities)
        for s in CompanySupport.objects.filter(programme=w.programme)
    }


def test_each_companys_first_and_last_support_follow_recording_changing_and_deleting(w):
    a, b = w.company.pk, w.other_company.pk
    early = record(w, hours="1", cost="0", day=date(2024, 2, 1), note="early")
    late = record(w, companies=[w.company, w.other_company], hours="2", cost="0", note="late")
    assert support(w) == {
        a: (date(2024, 2, 1), date(2025, 3, 3), 2),
        b: (date(2025, 3, 3),) * 2 + (1,),
    }
    changed(w, late, day=date(2024, 6, 1), companies=[w.other_company])
    assert support(w) == {a: (date(2024, 2, 1),) * 2 + (1,), b: (date(2024, 6, 1),) * 2 + (1,)}
    activity_delete(activity=early, by=None)
    assert support(w) == {b: (date(2024, 6, 1),) * 2 + (1,)}
    CompanySupport.objects.all().delete()
    totals_rebuild(w.programme)
    assert support(w) == {b: (date(2024, 6, 1),) * 2 + (1,)}
