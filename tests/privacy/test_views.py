"""The rights procedure from the browser's side: search, person, extract, erase, retention."""

import json
from datetime import date, timedelta
from io import BytesIO, StringIO

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from dipps.companies.models import Company, Contact
from dipps.core.models import AuditEntry
from dipps.engagements.models import ActivityCompany, Engagement, StageChange
from dipps.privacy import core
from dipps.stateaid.models import AidEntry
from tests.factories import make_company, make_programme

from .conftest import TRADER_NUMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client_as):
    """Pages in English, the source language the messages are asserted in (Swedish below).
    Set after logging in: logging out clears the cookies."""

    def login(role, language="en"):
        client = client_as(role)
        client.cookies["django_language"] = language
        return client

    return login


def url(name, people, *args):
    return reverse(f"privacy:{name}", args=[people.world.programme.code, *args])


def ref(obj, kind=core.CONTACT):
    return core.make_ref(kind, obj.pk)


def test_a_manager_finds_people_by_name_email_and_personal_number(people, client_as):
    client = client_as("manager")
    page = client.get(url("search", people), {"q": "berg"})
    assert page.status_code == 200
    assert [(h.name, h.email, h.firms) for h in page.context["hits"]] == [
        ("A. Berg", "ANNA.BERG@example.se", ["Sundsvalls Mekaniska AB", "Jämtlands Trä AB"]),
    ]
    by_mail = client.get(url("search", people), {"q": "lisa@HOLMSNICKERI.se"}).context["hits"]
    assert [h.ref for h in by_mail] == [ref(people.lisa)]
    by_number = client.get(url("search", people), {"q": "19811218-9876"}).context["hits"]
    assert [(h.ref, h.kind) for h in by_number] == [(ref(people.trader, core.TRADER), "trader")]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("b", "Type at least two characters"),
        ("811218-9875", "“811218-9875” is not a valid personal identity number"),
        ("5566778899", "“5566778899” is the organisation number of a legal person"),
    ],
)
def test_a_bad_search_says_what_was_expected(people, client_as, query, message):
    page = client_as("manager").get(url("search", people), {"q": query})
    assert page.status_code == 400
    assert page.context["error"].startswith(message)
    assert message in page.content.decode()


def test_the_refusal_is_explained_in_swedish_too(people, client_as):
    response = client_as("manager", "sv").post(url("erase", people, ref(people.olle)))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Personen kan inte raderas. Ingenting har ändrats." in html
    assert "Personen är enda kontaktperson för Bräcke Plåt AB, som har en pågående insats." in html
    assert "Pseudonymisera i stället…" in html


def test_the_person_page_shows_the_records_and_why_erasure_is_refused(people, client_as):
    page = client_as("manager").get(url("person", people, ref(people.olle)))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Olle Ny" in html and "olle@brackeplat.se" in html
    assert "the only contact of Bräcke Plåt AB" in html


def test_the_json_extract_is_a_download_named_without_personal_data(people, client_as):
    response = client_as("manager").get(url("extract_json", people, ref(people.anna)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    day = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == (
        f'attachment; filename="register-extract-{ref(people.anna)}-{day}.json"'
    )
    doc = json.loads(response.content)
    assert [c["id"] for c in doc["contacts"]] == [people.anna.pk, people.anna_elsewhere.pk]


def test_the_extract_follows_the_pages_language(people, client):
    client.force_login(people.world.users["manager"])
    client.cookies["django_language"] = "sv"
    doc = json.loads(client.get(url("extract_json", people, ref(people.anna))).content)
    assert doc["language"] == "sv"
    assert doc["contacts"][0]["gender_label"] == "kvinna"


def test_the_pdf_extract_is_a_pdf_with_the_persons_data(people, client_as):
    response = client_as("manager").get(url("extract_pdf", people, ref(people.trader, "trader")))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(response.content)).pages)
    assert "811218-9876" in text and "Lisa Holm" in text and "Anna Berg" not in text


def test_erasing_from_the_page_deletes_and_returns_to_the_search(people, client_as):
    response = client_as("manager").post(url("erase", people, ref(people.anna)))
    assert response.status_code == 302
    assert response["Location"] == url("search", people)
    assert not Contact.objects.filter(pk=people.anna.pk).exists()


def test_a_refused_erasure_says_why_offers_pseudonymisation_and_changes_nothing(people, client_as):
    entries = AuditEntry.objects.count()
    response = client_as("manager").post(url("erase", people, ref(people.olle)))
    assert response.status_code == 409
    html = response.content.decode()
    assert "This person cannot be erased. Nothing was changed." in html
    assert "the only contact of Bräcke Plåt AB, which has an open engagement" in html
    assert url("pseudonymise", people, ref(people.olle)) in html
    assert Contact.objects.get(pk=people.olle.pk).email == "olle@brackeplat.se"
    assert AuditEntry.objects.count() == entries


def test_pseudonymising_from_the_page_keeps_the_person_page(people, client_as):
    client = client_as("manager")
    response = client.post(url("pseudonymise", people, ref(people.trader, "trader")))
    assert response.status_code == 302
    assert response["Location"] == url("person", people, ref(people.trader, "trader"))
    trader = Company.objects.get(pk=people.trader.pk)
    assert core.tag_of(trader.name) and trader.orgnr != TRADER_NUMBER
    page = client.get(response["Location"])
    assert page.context["pseudonymised"] is True


def test_a_person_of_a_firm_outside_the_programme_is_not_found(people, client_as):
    other = make_company("Annan AB", programme=make_programme(code="OTHER"))
    stranger = Contact.objects.create(company=other, name="Eva Annan", email="eva@annan.se")
    client = client_as("manager")
    assert client.get(url("person", people, ref(stranger))).status_code == 404
    assert client.get(url("search", people), {"q": "Eva Annan"}).context["hits"] == []
    assert client.get(url("person", people, "contact-x")).status_code == 404


def _quiet(people, years_ago=12):
    """Olle's firm: registered and last active long ago."""
    long_ago = timezone.now() - timedelta(days=365 * years_ago)
    Company.objects.filter(pk=people.solo.pk).update(created=long_ago)
    day = long_ago.date()
    ActivityCompany.objects.filter(company=people.solo).update(date=day)
    Engagement.objects.filter(company=people.solo).update(started=day)
    StageChange.objects.filter(engagement__company=people.solo).update(on=day)
    AidEntry.objects.filter(company=people.solo).update(granted=day)
    return day


def test_the_retention_page_lists_contacts_of_quiet_firms(people, client_as):
    day = _quiet(people)
    page = client_as("manager").get(url("retention", people))
    assert page.status_code == 200
    assert [
        (r.company.name, r.last_activity, [c.name for c in r.contacts])
        for r in page.context["rows"]
    ] == [("Bräcke Plåt AB", day, ["Olle Ny"])]
    assert page.context["keep_until"] == date(2033, 12, 31)


def test_the_retention_command_prints_the_review_as_json(people, settings):
    day = _quiet(people)
    out = StringIO()
    call_command("privacy", "retention", "--programme", "DIPPS", "--on", "2026-11-29", stdout=out)
    data = json.loads(out.getvalue())
    assert data == {
        "years": 10,
        "on": "2026-11-29",
        "cutoff": "2016-11-29",
        "programme": "DIPPS",
        "contacts": [
            {
                "contact_id": people.olle.pk,
                "name": "Olle Ny",
                "email": "olle@brackeplat.se",
                "company_id": people.solo.pk,
                "company": "Bräcke Plåt AB",
                "last_activity": day.isoformat(),
                "registered": timezone.localdate(
                    Company.objects.get(pk=people.solo.pk).created
                ).isoformat(),
            }
        ],
        "sole_traders": [],
    }
    settings.DIPPS_CONTACT_RETENTION_YEARS = 13
    out = StringIO()
    call_command("privacy", "retention", stdout=out)
    assert json.loads(out.getvalue())["contacts"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "0"], "--years must be 1 or more, got 0."),
        (["--on", "29/11/2026"], "--on: expected a date as YYYY-MM-DD, got “29/11/2026”."),
        (["--programme", "NOPE"], "No programme with code “NOPE”."),
    ],
)
def test_the_retention_command_refuses_bad_arguments_clearly(db, args, message):
    with pytest.raises(CommandError) as error:
        call_command("privacy", "retention", *args)
    assert str(error.value) == message
