"""The pure decisions of the rights procedure, without a database."""

from datetime import date

import pytest
from stdnum import luhn
from stdnum.se import personnummer

from dipps.companies import orgnr
from dipps.privacy import core
from dipps.privacy.core import ContactRecord, FirmFacts, Refusal, TraderFacts, TraderRecord

SECRET = b"test-secret"


def test_a_reference_names_a_kind_and_an_id():
    assert core.make_ref(core.CONTACT, 12) == "contact-12"
    assert core.parse_ref("contact-12") == ("contact", 12)
    assert core.parse_ref("trader-7") == ("trader", 7)


@pytest.mark.parametrize("bad", ["", "contact", "contact-", "user-3", "contact-1x", "trader-٣"])
def test_a_malformed_reference_is_refused(bad):
    with pytest.raises(ValueError):
        core.parse_ref(bad)


def test_a_name_is_found_as_whole_words_only():
    assert core.names_person("Anna Berg", "Östersund Snickeri – Anna  BERG")
    assert not core.names_person("Anna Berg", "Anna Bergström Bygg")
    assert not core.names_person("Al", "Al Bygg")  # too short to tell


def test_contacts_with_the_same_email_are_one_person_and_same_names_are_not():
    a = ContactRecord(1, 10, "Anna Berg", "Anna@Example.se")
    b = ContactRecord(2, 11, "Anna B.", "anna@example.se ")
    c = ContactRecord(3, 12, "Anna Berg", "")
    d = ContactRecord(4, 13, "Anna Berg", "")
    assert core.linked(a, b)
    assert not core.linked(c, d)
    assert not core.linked(a, c)


def test_a_sole_trader_is_linked_to_its_own_contact_named_in_the_firm_name():
    trader = TraderRecord(10, "Östersund Snickeri – Anna Berg")
    own = ContactRecord(1, 10, "Anna Berg", "anna@example.se")
    employee = ContactRecord(2, 10, "Per Ek", "per@example.se")
    elsewhere = ContactRecord(3, 11, "Anna Berg", "")
    assert core.linked(trader, own) and core.linked(own, trader)
    assert not core.linked(trader, employee)
    assert not core.linked(trader, elsewhere)


def test_the_component_follows_links_through_other_records():
    trader = TraderRecord(10, "Snickeri – Anna Berg")
    own = ContactRecord(1, 10, "Anna Berg", "anna@example.se")
    other_firm = ContactRecord(5, 20, "A. Berg", "ANNA@example.se")
    stranger = ContactRecord(6, 20, "Per Ek", "per@example.se")
    found = core.component(trader, [stranger, other_firm, own])
    assert found == [trader, own, other_firm]
    assert core.seed_key(found) == "contact:1"


def test_the_only_contact_of_a_firm_with_an_open_engagement_may_not_be_erased():
    firms = [
        FirmFacts(1, "Öst AB", other_contacts=0, open_engagement=True),
        FirmFacts(2, "Väst AB", other_contacts=0, open_engagement=False),
        FirmFacts(3, "Nord AB", other_contacts=1, open_engagement=True),
    ]
    assert core.erasure_refusals(firms, []) == [Refusal(core.ONLY_CONTACT, 1, "Öst AB")]


def test_a_sole_trader_whose_firm_carries_kept_records_may_not_be_erased():
    traders = [
        TraderFacts(4, "Berg Snickeri", ("activities", "de_minimis_aid")),
        TraderFacts(5, "Ek Konsult", ()),
    ]
    assert core.erasure_refusals([], traders) == [
        Refusal(core.KEPT_RECORDS, 4, "Berg Snickeri", ("activities", "de_minimis_aid"))
    ]


def test_nothing_in_the_way_means_no_refusal():
    assert core.erasure_refusals([FirmFacts(1, "A", 2, True)], [TraderFacts(2, "B")]) == []


def test_the_pseudonym_is_stable_and_keyed():
    first = core.pseudonym_tag(SECRET, "contact:12")
    assert first == core.pseudonym_tag(SECRET, "contact:12")
    assert len(first) == 4 and all(ch in "0123456789abcdef" for ch in first)
    assert core.pseudonym_tag(b"another key", "contact:12") != first
    assert core.pseudonym_name(first) == f"Person {first}"
    assert core.pseudonym_email(first) == f"person-{first}@pseudonym.invalid"


def test_a_taken_pseudonym_grows_until_it_is_free():
    short = core.pseudonym_tag(SECRET, "contact:12")
    longer = core.pseudonym_tag(SECRET, "contact:12", taken=lambda t: t == short)
    assert longer.startswith(short) and len(longer) == 6


def test_a_pseudonymised_name_gives_back_its_tag():
    assert core.tag_of("Person 7f3a") == "7f3a"
    assert core.tag_of("Person Berg") is None
    assert core.tag_of("Anna Person 7f3a") is None


def test_the_pseudonymous_number_is_a_valid_unused_personal_number_born_in_2000():
    number = core.pseudonymous_personal_number(SECRET, "trader:4")
    assert number == core.pseudonymous_personal_number(SECRET, "trader:4")
    assert len(number) == 10 and number.startswith("00")
    assert luhn.is_valid(number)
    assert personnummer.is_valid(f"{number[:6]}-{number[6:]}")
    assert orgnr.is_personal_number(number)
    assert orgnr.normalise(number) == number
    assert orgnr.birth_date(number).year == 2000
    other = core.pseudonymous_personal_number(SECRET, "trader:4", taken=lambda n: n == number)
    assert other != number and luhn.is_valid(other)


def test_every_written_form_of_a_personal_number_is_known():
    assert core.personal_number_forms("8001011234") == [
        "19800101-1234",
        "20800101-1234",
        "198001011234",
        "208001011234",
        "800101+1234",
        "800101-1234",
        "8001011234",
    ]
    assert core.personal_number_forms("12") == []


def test_scrubbing_replaces_whole_names_and_emails_and_numbers_inside_texts():
    replacements = core.Replacements.build(
        names={"Anna Berg": "Person 7f3a"},
        phones={"070-123 45 67": core.ERASED},
        emails={"anna@example.se": "person-7f3a@pseudonym.invalid"},
        numbers={"8001011234": "0001015559"},
    )
    changes = {
        "contact": 5,
        "name": ["anna  berg", "Anna Berg-Ek"],
        "phone": ["070-123 45 67", ""],
        "email": ["Mail ANNA@example.se now", None],
        "note": "pnr 19800101-1234, is_sole_trader",
        "flag": True,
    }
    scrubbed, changed = core.scrub(changes, replacements)
    assert changed
    assert scrubbed == {
        "contact": 5,
        "name": ["Person 7f3a", "Anna Berg-Ek"],
        "phone": [core.ERASED, ""],
        "email": ["Mail person-7f3a@pseudonym.invalid now", None],
        "note": "pnr 0001015559, is_sole_trader",
        "flag": True,
    }
    assert core.scrub({"name": "Per Ek"}, replacements) == ({"name": "Per Ek"}, False)
    assert not core.mentions({"sni": [[2007, "16230"]]}, replacements)


def test_retention_counts_back_whole_years():
    assert core.years_before(date(2026, 11, 29), 10) == date(2016, 11, 29)
    assert core.years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_a_firm_is_due_for_review_only_when_nothing_happened_since_the_cutoff():
    cutoff = date(2016, 11, 29)
    assert core.due_for_review(date(2015, 1, 1), date(2010, 1, 1), cutoff)
    assert core.due_for_review(None, date(2010, 1, 1), cutoff)
    assert not core.due_for_review(date(2016, 11, 29), date(2010, 1, 1), cutoff)
    assert not core.due_for_review(None, date(2020, 1, 1), cutoff)


def test_erdf_documents_are_kept_five_years_from_the_end_of_the_last_payments_year():
    assert core.erdf_keep_until(date(2028, 11, 15)) == date(2033, 12, 31)
    assert core.erdf_keep_until(date(2029, 1, 2)) == date(2034, 12, 31)
