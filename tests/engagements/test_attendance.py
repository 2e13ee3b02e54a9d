"""Attendance lists: recording them, the digital sign-in, and the in-kind value they give."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dipps.core.models import AuditEntry
from dipps.engagements import signin
from dipps.engagements.models import Attendee
from dipps.engagements.selectors import (
    hours_without_attendance,
    in_kind_by_company,
    in_kind_contributions,
    in_kind_value,
)
from dipps.engagements.services import AttendeeInput, attendance_set, attendance_sign_in
from dipps.engagements.services.rates import in_kind_rate_set
from dipps.programmes.models import Organisation

from .helpers import attend, rates, record


@pytest.fixture
def w(world):
    rates(world.programme)  # in kind: 500 kr from 2023-09-01, 600 kr from 2025-01-01
    return world


def _owner(w) -> Organisation:
    return w.programme.owner


def test_attendance_is_saved_and_valued_at_the_rate_of_the_role_on_the_day(w):
    activity = record(w, participant_hours=D(6))  # 2025-03-03
    in_kind_rate_set(
        programme=w.programme, valid_from=w.programme.start, hourly_rate_sek=D(350), by=None
    )  # replaces 500 kr for any role from the start; 600 kr from 2025 stays
    in_kind_rate_set(
        programme=w.programme,
        valid_from=w.programme.start,
        hourly_rate_sek=D(700),
        role="manager",
        by=None,
    )
    attendance_set(
        activity=activity,
        rows=[
            AttendeeInput("Anna Berg", w.company, D(4)),
            AttendeeInput("Lars Öberg", w.company, D("2.5"), role="manager", gender="man"),
            AttendeeInput("Karin Sjö", _owner(w), D(3), age_band="30_49"),
        ],
        by=w.users["coach"],
    )
    found = in_kind_contributions(w.programme, w.programme.start, w.programme.end)
    # public: 3 h × 600 = 1 800; private: 4 h × 600 + 2.5 h × 700 = 2 400 + 1 750 = 4 150
    assert [(c.name, c.public, c.hours, c.person_count, c.amount) for c in found] == [
        (_owner(w).name, True, D(3), 1, D("1800.00")),
        (w.company.name, False, D("6.5"), 2, D("4150.00")),
    ]
    assert in_kind_value(w.programme, w.programme.start, w.programme.end) == D("5950.00")


def test_an_activity_without_attendance_gives_no_in_kind_and_is_counted_apart(w):
    record(w, participant_hours=D(6))
    assert in_kind_value(w.programme, w.programme.start, w.programme.end) == D("0.00")
    assert hours_without_attendance(w.programme, w.programme.start, w.programme.end) == (1, D(6))


def test_a_bad_row_saves_nothing_and_names_the_row(w):
    activity = record(w)
    attend(activity, "Anna Berg", w.company, "2")
    with pytest.raises(ValidationError) as exc:
        attendance_set(
            activity=activity,
            rows=[
                AttendeeInput("Erik Lund", w.company, D(2)),
                AttendeeInput(" ", w.company, D(2)),
                AttendeeInput("Eva Ås", w.other_company, D(30)),
            ],
            by=w.users["coach"],
        )
    assert exc.value.messages == [
        "Rad 2: skriv personens namn.",
        f"Rad 3: {w.other_company.name} är varken ett företag i den här aktiviteten eller en "
        "organisation i programmet.",
        "Rad 3: timmarna måste ligga mellan 0 och 24 (en dags närvaro).",
    ]
    assert list(activity.attendees.values_list("name", flat=True)) == ["Anna Berg"]


def test_saving_keeps_a_digital_signature_and_removes_people_left_out(w):
    activity = record(w)
    signed = attendance_sign_in(activity=activity, name="Anna Berg", contributor=w.company)
    gone = attend(activity, "Erik Lund", w.company, "2")
    attendance_set(
        activity=activity,
        rows=[AttendeeInput("Anna Berg", w.company, D(3), confirmed="digital", pk=signed.pk)],
        by=w.users["coach"],
    )
    signed.refresh_from_db()
    assert (signed.hours, signed.confirmed, signed.signed_at is not None) == (D(3), "digital", True)
    assert not Attendee.objects.filter(pk=gone.pk).exists()
    entry = AuditEntry.objects.filter(model="engagements.activity").order_by("-id").first()
    assert entry.changes == {"attendance": {"people": 1, "removed": 1, "changed": 1}}
    assert "Anna" not in str(entry.changes)  # the history holds no names


def test_signing_in_marks_a_listed_person_and_adds_a_new_one_with_the_listed_hours(w):
    activity = record(w)
    attend(activity, "Anna Berg", w.company, "3.5", confirmed="")
    when = timezone.now()
    a = attendance_sign_in(activity=activity, name="anna  berg", contributor=w.company, when=when)
    b = attendance_sign_in(activity=activity, name="Per Ek", contributor=_owner(w), when=when)
    assert (a.name, a.confirmed, a.signed_at, a.hours) == ("Anna Berg", "digital", when, D("3.5"))
    assert (b.name, b.organisation, b.hours, b.confirmed) == (
        "Per Ek",
        _owner(w),
        D("3.5"),
        "digital",
    )
    assert activity.attendees.count() == 2


def test_signing_in_from_a_firm_not_on_the_activity_is_refused(w):
    activity = record(w)
    with pytest.raises(ValidationError):
        attendance_sign_in(activity=activity, name="Eva Ås", contributor=w.other_company)
    assert not activity.attendees.exists()


def test_the_sign_in_page_records_a_participant_without_logging_in(w, client):
    activity = record(w)
    url = reverse("engagements:sign_in", args=[signin.make_token(activity)])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"name": "Anna Berg", "contributor": f"c{w.company.pk}"})
    assert response.status_code == 200
    assert "Din närvaro har registrerats." in response.content.decode()
    assert activity.attendees.get().confirmed == "digital"


def test_a_tampered_token_or_another_activitys_is_refused(w, client):
    activity = record(w)
    token = signin.make_token(activity)
    assert client.get(reverse("engagements:sign_in", args=[token[:-2] + "xx"])).status_code == 404
    forged = signing.dumps({"a": activity.pk, "d": "2025-03-03"}, salt="another salt")
    assert client.get(reverse("engagements:sign_in", args=[forged])).status_code == 404
    activity.date = activity.date + timedelta(days=1)
    activity.save()
    response = client.post(
        reverse("engagements:sign_in", args=[token]),
        {"name": "Anna Berg", "contributor": f"c{w.company.pk}"},
    )
    assert response.status_code == 404
    assert not activity.attendees.exists()


def test_an_expired_sign_in_link_is_refused(w, client, settings):
    activity = record(w)
    token = signin.make_token(activity)
    settings.ATTENDANCE_SIGN_IN_MAX_AGE_DAYS = 0
    response = client.post(
        reverse("engagements:sign_in", args=[token]),
        {"name": "Anna Berg", "contributor": f"c{w.company.pk}"},
    )
    assert response.status_code == 404
    assert "Länken kan inte användas" in response.content.decode()
    assert not activity.attendees.exists()


def test_the_coach_records_attendance_on_the_page_and_sees_who_signed(w, client_as):
    activity = record(w)
    attendance_sign_in(activity=activity, name="Anna Berg", contributor=w.company)
    coach = client_as("coach")
    url = reverse("engagements:attendance", args=[activity.pk])
    page = coach.get(url)
    assert "Anna Berg" in page.content.decode()
    assert "signerad digitalt" in page.content.decode()
    signed = activity.attendees.get()
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "1",
        "form-0-id": signed.pk,
        "form-0-name": "Anna Berg",
        "form-0-contributor": f"c{w.company.pk}",
        "form-0-role": "employee",
        "form-0-hours": "3,5",
        "form-0-confirmed": "digital",
        "form-1-name": "Karin Sjö",
        "form-1-contributor": f"o{_owner(w).pk}",
        "form-1-role": "manager",
        "form-1-hours": "2",
        "form-1-confirmed": "paper",
        "form-1-gender": "woman",
        "form-1-age_band": "50_plus",
    }
    assert coach.post(url, data).status_code == 302
    rows = list(activity.attendees.values_list("name", "hours", "confirmed", "age_band"))
    assert rows == [
        ("Anna Berg", D("3.50"), "digital", ""),
        ("Karin Sjö", D("2.00"), "paper", "50_plus"),
    ]


def test_the_in_kind_export_lists_contributors_with_persons(w, client_as):
    activity = record(w)
    attend(activity, "Anna Berg", w.company, "10")
    attend(activity, "Karin Sjö", _owner(w), "2")
    rows = in_kind_by_company(w.users["manager"], w.programme, w.programme.start, w.programme.end)
    assert [(r["name"], r["public"], r["persons"], r["value"]) for r in rows] == [
        (_owner(w).name, True, 1, D("1200.00")),
        (w.company.name, False, 1, D("6000.00")),
    ]
    assert (
        in_kind_by_company(w.users["observer"], w.programme, w.programme.start, w.programme.end)
        == []
    )


@pytest.mark.slow
def test_the_attendance_list_prints_as_a_swedish_pdf_with_page_numbers(w, client_as):
    from io import BytesIO

    from pypdf import PdfReader

    activity = record(w)
    attend(activity, "Anna Berg", w.company, "3")
    for k in range(40):  # enough people for a second page
        attend(activity, f"Person {k:02d} Ek", w.company, "1")
    response = client_as("finance").get(reverse("engagements:attendance_pdf", args=[activity.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="narvarolista-DIPPS-2025-03-03.pdf"' in response["Content-Disposition"]
    pages = PdfReader(BytesIO(response.content)).pages
    text = "\n".join(p.extract_text() for p in pages)
    assert len(pages) >= 2
    assert "Närvarolista" in text and "Underskrift" in text and "Anna Berg" in text
    assert "1 / " in text and f"{len(pages)} / {len(pages)}" in text
