from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from dipps.engagements.models import ActionItem, Activity, Engagement, TimesheetEntry
from dipps.engagements.services import ActivityInput, activity_record
from dipps.stateaid.models import AidEntry

from .helpers import attend, rates, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    rates(world.programme)
    return world


def post_activity(client, w, **kw):
    data = {
        "date": "2025-03-03",
        "programme": w.programme.pk,
        "type": "coaching",
        "companies": [w.company.pk],
        "hours": "3",
        "external_cost_sek": "1000",
        "participants_women": 1,
        "participants_men": 1,
        "participants_other": 0,
        "participant_hours": "6",
        "spread": "equal",
    }
    data.update(kw)
    return client.post(reverse("engagements:activity_new") + f"?company={w.company.pk}", data)


def test_a_coach_records_an_activity_and_the_company_page_shows_the_lower_headroom(w, client_as):
    client = client_as("coach")
    response = post_activity(client, w)
    assert response.status_code == 302
    assert Activity.objects.count() == 1
    page = client.get(reverse("companies:detail", args=[w.company.pk])).content.decode()
    # 3 × 900 + 1 000 = 3 700 kr = 323.64 EUR; 300 000 − 323.64 = 299 676.36
    assert "299\xa0676,36 EUR" in page


def test_a_refused_activity_shows_the_explanation_on_the_form(w, client_as):
    AidEntry.objects.create(
        company=w.company,
        source="declared",
        giver="Almi",
        granted=date(2024, 5, 1),
        amount_sek=D(0),
        amount_eur=D("299900.00"),
        sek_per_eur=D("11.4325"),
    )
    response = post_activity(client_as("coach"), w)
    assert response.status_code == 200
    text = response.content.decode()
    assert "299\xa0900,00 EUR" in text and "100,00 EUR" in text
    assert Activity.objects.count() == 0


def test_an_activity_outside_the_programme_period_is_refused_on_the_form(w, client_as):
    response = post_activity(client_as("coach"), w, date="2030-01-01")
    assert response.status_code == 200
    assert Activity.objects.count() == 0
    assert "2028" in response.content.decode()


def test_a_company_representative_sees_its_plan_but_not_per_person_hours(w, client_as):
    # Two people worked on one activity, 6 and 4 hours: the firm sees the 10, never who did what.
    hours = {w.users["coach"]: D(6), w.users["manager"]: D(4)}
    activity_record(
        data=ActivityInput(
            day=date(2025, 3, 3),
            type="coaching",
            programme=w.programme,
            companies=[w.company],
            coach_hours=hours,
        ),
        by=w.users["coach"],
    )
    e = Engagement.objects.create(
        company=w.company, programme=w.programme, started=date(2025, 1, 1)
    )
    ActionItem.objects.create(
        engagement=e,
        goal="Digitalisera orderflödet",
        intervention="workshop",
        created=date(2025, 2, 1),
    )
    client = client_as("company")
    page = client.get(reverse("engagements:company", args=[w.company.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Registrera aktivitet" not in text
    assert "<td>Digitalisera orderflödet</td>" in text  # the plan, read only (no edit link)
    assert "Processtöd och coachning – 10,00 h" in text
    assert "6,00" not in text and "4,00" not in text
    assert client.get(reverse("engagements:timesheet")).status_code == 403
    assert client.get(reverse("engagements:months")).status_code == 403


def test_the_timesheet_week_is_saved_and_a_day_over_24_hours_refused(w, client_as):
    client = client_as("coach")
    url = reverse("engagements:timesheet") + "?week=2025-03-03"
    base = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-programme": w.programme.pk}
    response = client.post(url, {**base, "form-0-mon": "8", "form-0-tue": "7.5"})
    assert response.status_code == 302
    assert sorted(TimesheetEntry.objects.values_list("hours", flat=True)) == [D("7.5"), D(8)]
    response = client.post(url, {**base, "form-0-mon": "25"})
    assert response.status_code == 200
    assert sorted(TimesheetEntry.objects.values_list("hours", flat=True)) == [D("7.5"), D(8)]
    # A number input takes only a point: the saved hours come back as 7.50, never "7,50",
    # which the browser would show as an empty cell and refuse to send back.
    html = client.get(url).content.decode()
    assert 'name="form-0-tue" id="id_form-0-tue" value="7.50"' in html
    assert "7,50" not in html.split('name="form-0-tue"')[1].split(">")[0]


def test_the_stage_moves_and_its_history_is_kept(w, client_as):
    e = Engagement.objects.create(
        company=w.company, programme=w.programme, started=date(2025, 1, 1)
    )
    client = client_as("coach")
    client.post(reverse("engagements:stage", args=[e.pk]), {"stage": "paused", "reason": ""})
    e.refresh_from_db()
    assert e.stage == "first_contact"
    client.post(reverse("engagements:stage", args=[e.pk]), {"stage": "paused", "reason": "Sommar"})
    e.refresh_from_db()
    assert (e.stage, e.stage_reason, e.changes.get().by) == ("paused", "Sommar", w.users["coach"])


def test_programme_totals_show_aggregates_and_export(w, client_as):
    a = record(w, women=2, men=1, participant_hours=D(6))
    b = record(w, hours="2", cost="0", other=1, participant_hours=D(2), day=date(2024, 6, 3))
    attend(a, "Anna Berg", w.company, "4")
    attend(a, "Erik Lund", w.company, "2")
    attend(b, "Sara Nilsson", w.company, "2")
    client = client_as("observer")
    page = client.get(reverse("engagements:totals", args=["DIPPS"]))
    t = page.context["t"]
    assert (t.activities, t.staff_hours, t.women, t.men, t.other) == (2, D(12), 2, 1, 1)
    # 2 h in 2024 at 500 kr + 6 h in 2025 at 600 kr
    assert t.in_kind_sek == D("4600.00")
    assert w.users["coach"].username not in page.content.decode()
    csv = client.get(reverse("engagements:totals_export", args=["DIPPS", "csv"])).content.decode()
    assert "Processtöd och coachning;2;12,00;5000,00;2;1;1;8,00" in csv


@pytest.mark.slow
def test_the_certificate_is_a_pdf_and_the_register_exports(w, client_as):
    record(w)
    response = client_as("company").get(
        reverse("stateaid:certificate", args=[w.company.pk, "DIPPS"])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    csv = client_as("finance").get(reverse("stateaid:register_export", args=["csv"]))
    assert "14000,00" in csv.content.decode()


def test_the_certificate_reads_in_swedish():
    from django.template.loader import render_to_string
    from django.utils import translation

    from dipps.stateaid.selectors import Headroom

    with translation.override("sv"):
        html = render_to_string(
            "stateaid/certificate.html",
            {
                "company": type("C", (), {"name": "Norrlands Trä AB"})(),
                "orgnr_display": "556036-0793",
                "programme": type(
                    "P",
                    (),
                    {
                        "name": "DIPPS",
                        "code": "DIPPS",
                        "diary_number": "RUN/1",
                        "owner": type("O", (), {"name": "Region JH"})(),
                    },
                )(),
                "entries": [],
                "declared": [],
                "total_sek": D("14000"),
                "total_eur": D("1224.58"),
                "headroom": Headroom(
                    None,
                    date(2025, 3, 3),
                    date(2022, 3, 4),
                    date(2025, 3, 3),
                    D("1224.58"),
                    D("298775.42"),
                ),
                "today": date(2025, 3, 3),
            },
        )
    assert "Intyg om stöd av mindre betydelse" in html
    assert "Kommissionens förordning (EU) 2023/2831" in html
    assert "14\xa0000,00\xa0kr" in html and "1\xa0224,58 EUR" in html
