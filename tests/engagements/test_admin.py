"""The admin for the working method and the de minimis register."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dipps.core.models import AuditEntry
from dipps.engagements.models import Activity, InKindRate
from dipps.stateaid.models import AidEntry, AidRate, SingleUndertaking

from .helpers import rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    rates(world.programme)
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "engagements_engagement",
        "engagements_actionitem",
        "engagements_activity",
        "engagements_timesheetentry",
        "engagements_inkindrate",
        "engagements_employmentcost",
        "stateaid_aidrate",
        "stateaid_aidentry",
        "stateaid_singleundertaking",
    ],
)
def test_every_admin_list_opens(admin_client, world, model):
    record(world)
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_activities_are_read_only_in_the_admin(admin_client, world):
    activity = record(world)
    assert admin_client.get(reverse("admin:engagements_activity_add")).status_code == 403
    url = reverse("admin:engagements_activity_change", args=[activity.pk])
    assert admin_client.get(url).status_code == 200  # viewable
    admin_client.post(url, {"staff_hours": "99"})
    assert Activity.objects.get(pk=activity.pk).staff_hours == D("10.00")
    delete = reverse("admin:engagements_activity_delete", args=[activity.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403


def test_an_in_kind_rate_added_in_the_admin_is_checked_and_audited(admin_client, world):
    url = reverse("admin:engagements_inkindrate_add")
    bad = admin_client.post(
        url, {"programme": world.programme.pk, "valid_from": "2022-01-01", "hourly_rate_sek": "-1"}
    )
    assert bad.status_code == 200
    assert "Timpriset kan inte vara negativt." in bad.content.decode()
    good = admin_client.post(
        url, {"programme": world.programme.pk, "valid_from": "2026-01-01", "hourly_rate_sek": "650"}
    )
    assert good.status_code == 302
    assert InKindRate.objects.filter(valid_from=date(2026, 1, 1), hourly_rate_sek=650).exists()
    assert AuditEntry.objects.filter(model="engagements.inkindrate", action="create").exists()


def test_an_aid_rate_that_would_reprice_granted_aid_is_refused_in_the_admin(admin_client, world):
    record(world, day=date(2025, 3, 3))
    rate = AidRate.objects.get()
    response = admin_client.post(
        reverse("admin:stateaid_aidrate_change", args=[rate.pk]),
        {"programme": world.programme.pk, "valid_from": "2023-09-01", "hourly_rate_sek": "1000"},
    )
    assert response.status_code == 200
    assert "2025-03-03" in response.content.decode()
    assert AidRate.objects.get().hourly_rate_sek == D("900.00")


def test_declared_aid_added_in_the_admin_is_converted_at_the_days_rate(admin_client, world):
    response = admin_client.post(
        reverse("admin:stateaid_aidentry_add"),
        {
            "company": world.company.pk,
            "giver": "Almi",
            "granted": "2024-05-01",
            "currency": "SEK",
            "amount": "114325",
            "note": "",
        },
    )
    assert response.status_code == 302
    entry = AidEntry.objects.get()
    assert (entry.source, entry.amount_eur, entry.sek_per_eur) == (
        "declared",
        D("10000.00"),
        D("11.4325"),
    )
    assert AuditEntry.objects.filter(model="stateaid.aidentry", action="create").count() == 1


def test_programme_aid_cannot_be_deleted_in_the_admin(admin_client, world):
    activity = record(world)
    entry = AidEntry.objects.get(reference=f"activity:{activity.pk}")
    delete = reverse("admin:stateaid_aidentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AidEntry.objects.filter(pk=entry.pk).exists()


def test_a_single_undertaking_is_made_in_the_admin_and_counts_together(admin_client, world):
    response = admin_client.post(
        reverse("admin:stateaid_singleundertaking_add"),
        {
            "name": "Koncernen",
            "note": "",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-0-company": world.company.pk,
            "members-1-company": world.other_company.pk,
        },
    )
    assert response.status_code == 302
    group = SingleUndertaking.objects.get()
    assert sorted(group.members.values_list("company_id", flat=True)) == sorted(
        [world.company.pk, world.other_company.pk]
    )
    assert AuditEntry.objects.filter(model="stateaid.singleundertaking").exists()


def test_an_engagements_coaches_change_in_the_admin_but_not_its_stage(admin_client, world):
    from dipps.engagements.models import Engagement

    engagement = Engagement.objects.create(
        company=world.company, programme=world.programme, started=date(2024, 1, 1)
    )
    url = reverse("admin:engagements_engagement_change", args=[engagement.pk])
    response = admin_client.post(
        url,
        {
            "started": "2024-01-02",
            "coaches": [world.users["coach"].pk],
            "stage": "closed",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.stage == "first_contact"
    assert list(engagement.coaches.all()) == [world.users["coach"]]
    entry = AuditEntry.objects.get(model="engagements.engagement", action="update")
    assert entry.changes == {"started": "2024-01-02", "coaches": [world.users["coach"].pk]}
    assert admin_client.get(reverse("admin:engagements_engagement_add")).status_code == 403
