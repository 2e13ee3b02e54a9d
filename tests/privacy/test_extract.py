"""The register extract: the person's records and history, and nothing about anyone else."""

import json

import pytest

from dipps.companies.services import contact_save
from dipps.privacy import core, extract
from dipps.privacy.selectors import person_get

from .conftest import TRADER_NUMBER

pytestmark = pytest.mark.django_db

TOP_KEYS = [
    "document",
    "version",
    "generated",
    "language",
    "programme",
    "person",
    "information",
    "contacts",
    "sole_traders",
    "related_enterprise_entries",
    "assessments",
    "engagements",
    "activities",
    "attendance",
    "de_minimis_aid",
    "cost_structures",
    "audit",
]


def build(people, kind, obj):
    world = people.world
    subject = person_get(world.users["manager"], world.programme, core.make_ref(kind, obj.pk))
    return extract.build(subject)


def test_the_extract_keeps_its_documented_keys(people):
    doc = build(people, core.CONTACT, people.anna)
    assert list(doc) == TOP_KEYS
    assert (doc["document"], doc["version"], doc["language"]) == ("dipps-register-extract", 1, "en")
    assert list(doc["person"]) == ["name", "emails", "phones", "personal_numbers"]
    assert list(doc["information"]) == [
        "controller",
        "purposes",
        "legal_bases",
        "retention",
        "recipients",
        "rights",
    ]
    assert list(doc["contacts"][0]) == [
        "id",
        "company",
        "name",
        "role",
        "email",
        "phone",
        "gender",
        "gender_label",
        "legal_basis",
        "legal_basis_label",
    ]


def test_a_contacts_extract_holds_their_records_and_the_history_naming_them(people):
    doc = build(people, core.CONTACT, people.anna)
    assert doc["person"] == {
        "name": "Anna Berg",
        "emails": ["ANNA.BERG@example.se", "anna.berg@example.se"],
        "phones": ["070-111 22 44"],
        "personal_numbers": [],
    }
    assert [(c["company"]["name"], c["name"], c["email"]) for c in doc["contacts"]] == [
        ("Jämtlands Trä AB", "Anna Berg", "anna.berg@example.se"),
        ("Sundsvalls Mekaniska AB", "A. Berg", "ANNA.BERG@example.se"),
    ]
    assert [a["changes"] for a in doc["audit"]] == [
        {"contact_added": "Anna Berg"},
        {"contact": people.anna.pk, "phone": ["070-111 22 33", "070-111 22 44"]},
        {"contact_added": "A. Berg"},
        {"self_service_link": people.anna.pk},
    ]
    assert [(a["stage"], a["self_service_link_for_this_person"]) for a in doc["assessments"]] == [
        ("t0", True)
    ]
    assert doc["sole_traders"] == doc["activities"] == doc["de_minimis_aid"] == []


def test_a_contacts_extract_says_nothing_about_another_person(people):
    text = json.dumps(build(people, core.CONTACT, people.anna), ensure_ascii=False)
    for other in (
        "Maja Lind",
        "jamtlandstra",
        "Per Ek",
        "sundsvallsmek",
        "Lisa Holm",
        "Olle Ny",
        TRADER_NUMBER,
        "811218-9876",
        "Bräcke",
    ):
        assert other not in text


def test_a_sole_traders_extract_holds_the_firm_its_support_and_its_number_in_full(people):
    doc = build(people, core.TRADER, people.trader)
    assert doc["person"]["personal_numbers"] == ["811218-9876"]
    assert [t["personal_number"] for t in doc["sole_traders"]] == ["811218-9876"]
    assert [c["name"] for c in doc["contacts"]] == ["Lisa Holm"]
    assert [
        (r["company"]["name"], r["share_percent"]) for r in doc["related_enterprise_entries"]
    ] == [("Sundsvalls Mekaniska AB", "30.00")]
    assert [(a["date"], a["staff_hours"], a["aid_sek"]) for a in doc["activities"]] == [
        ("2025-03-03", "5.00", "7000.00"),
        ("2025-06-02", "3.00", "2700.00"),
    ]
    assert [(e["source"], e["amount_sek"]) for e in doc["de_minimis_aid"]] == [
        ("declared", "20000.00"),
        ("programme", "7000.00"),
        ("programme", "2700.00"),
    ]
    assert [(e["programme"], e["stage"]) for e in doc["engagements"]] == [
        ("DIPPS", "first_contact")
    ]
    assert [(a["object"], a["action"]) for a in doc["audit"]] == [
        ("companies.company", "create"),
        ("companies.company", "update"),
        ("engagements.engagement", "create"),
        ("stateaid.aidentry", "create"),
    ]
    text = json.dumps(doc, ensure_ascii=False)
    for other in ("Anna Berg", "Maja Lind", "Per Ek", "Olle Ny", "Jämtlands Trä"):
        assert other not in text


def test_another_firms_sole_trader_number_is_masked_in_a_contacts_extract(people):
    helper = contact_save(company=people.trader, contact=None, data={"name": "Sven Ås"}, by=None)
    doc = build(people, core.CONTACT, helper)
    assert [c["company"]["organisation_number"] for c in doc["contacts"]] == ["19811218-****"]
    assert "9876" not in json.dumps(doc)
