"""Self-service links sent by e-mail from the pages where a coach makes them: to a contact
of the firm or a typed address, in Swedish or English, recorded in the history.

(The link views live in maturity and competence; their mails go through core.mail, as the
reminders do, so they are tested together here.)"""

import pytest
from django.core import mail
from django.urls import reverse

from dipps.companies.models import Contact
from dipps.competence import services as competence_services
from dipps.core.models import AuditEntry
from dipps.maturity import services as maturity_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(world):
    return Contact.objects.create(company=world.company, name="Anna Berg", email="anna@example.se")


@pytest.fixture
def draft(world):
    return maturity_services.assessment_start(
        company=world.company, programme=world.programme, stage="t0"
    )


@pytest.fixture
def skills_map(world):
    return competence_services.map_start(
        company=world.company,
        programme=world.programme,
        kind="self_service",
        roles=["operator"],
        skills=["plc"],
        by=None,
    )


def test_the_questionnaire_link_goes_to_the_contact_in_swedish(client_as, draft, contact, world):
    url = reverse("maturity:link", args=[draft.pk])
    page = client_as("coach").post(url, {"contact": contact.pk, "language": "sv", "send": "on"})
    assert page.status_code == 200
    assert "Länken har skickats till anna@example.se." in page.content.decode()
    [sent] = mail.outbox
    assert sent.to == ["anna@example.se"]
    assert sent.subject == "Mognadsmätning för Jämtlands Trä AB"
    assert sent.body.startswith("Hej Anna Berg!")
    assert "/maturity/s/" in sent.body and "gäller i 30 dagar" in sent.body
    entry = AuditEntry.objects.get(
        object_id=str(draft.pk),
        model="maturity.assessment",
        changes__has_key="self_service_link_sent",
    )
    assert entry.changes["self_service_link_sent"] == {"to": "anna@example.se", "language": "sv"}
    assert entry.user == world.users["coach"]


def test_a_typed_address_gets_the_link_in_english_whatever_the_page_language(
    client_as, draft, contact
):
    url = reverse("maturity:link", args=[draft.pk])
    client_as("coach").post(
        url, {"contact": "", "email": "ceo@firm.example", "language": "en", "send": "on"}
    )
    [sent] = mail.outbox
    assert sent.to == ["ceo@firm.example"]
    assert sent.subject == "Digital maturity assessment for Jämtlands Trä AB"
    assert sent.body.startswith("Hello,")
    assert "valid for 30 days" in sent.body


def test_sending_without_any_address_is_refused_and_makes_no_link(client_as, draft, world):
    no_mail = Contact.objects.create(company=world.company, name="Per Utan")
    url = reverse("maturity:link", args=[draft.pk])
    page = client_as("coach").post(url, {"contact": no_mail.pk, "language": "sv", "send": "on"})
    assert "Välj en kontaktperson med e-postadress, eller skriv en adress." in (
        page.content.decode()
    )
    assert mail.outbox == []
    assert 'data-testid="self-service-url"' not in page.content.decode()


def test_making_a_link_without_sending_sends_nothing(client_as, draft):
    page = client_as("coach").post(reverse("maturity:link", args=[draft.pk]), {"language": "sv"})
    assert 'data-testid="self-service-url"' in page.content.decode()
    assert mail.outbox == []


def test_the_skills_map_link_goes_out_in_english(client_as, skills_map, contact):
    url = reverse("competence:link", args=[skills_map.pk])
    page = client_as("manager").post(url, {"contact": contact.pk, "language": "en", "send": "on"})
    assert "Länken har skickats till anna@example.se." in page.content.decode()
    [sent] = mail.outbox
    assert sent.subject == "Skills map for Jämtlands Trä AB"
    assert sent.body.startswith("Hello Anna Berg,")
    assert "/competence/s/" in sent.body or "/competence/" in sent.body
    entry = AuditEntry.objects.get(
        object_id=str(skills_map.pk),
        model="competence.skillsmap",
        changes__has_key="self_service_link_sent",
    )
    assert entry.changes["self_service_link_sent"] == {"to": "anna@example.se", "language": "en"}


def test_the_skills_map_link_in_swedish(client_as, skills_map, contact):
    url = reverse("competence:link", args=[skills_map.pk])
    client_as("coach").post(url, {"contact": contact.pk, "language": "sv", "send": "on"})
    [sent] = mail.outbox
    assert sent.subject == "Kompetenskarta för Jämtlands Trä AB"
    assert "fyll gärna i kompetenskartan" in sent.body


def test_a_mail_server_that_refuses_shows_a_message_and_keeps_the_link(
    client_as, draft, contact, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    url = reverse("maturity:link", args=[draft.pk])
    page = client_as("coach").post(url, {"contact": contact.pk, "language": "sv", "send": "on"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "E-postmeddelandet kunde inte skickas (connection refused)." in text
