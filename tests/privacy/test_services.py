"""Pseudonymising and erasing people on the database: exact values, unchanged figures."""

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from dipps.companies.models import Company, Contact, RelatedEnterprise
from dipps.companies.services import contact_save
from dipps.core.models import AuditEntry
from dipps.engagements.models import Activity, ActivityCompany, DailyTotals, Engagement
from dipps.engagements.services import natural_key
from dipps.indicators.selectors import indicator_values
from dipps.maturity.models import Assessment
from dipps.privacy import core, services
from dipps.privacy.selectors import person_get
from dipps.stateaid.models import AidEntry
from dipps.stateaid.selectors import certificate_data, headroom_of
from tests.factories import make_company, make_programme

from .conftest import TRADER_NUMBER

pytestmark = pytest.mark.django_db


def person(people, ref):
    return person_get(people.world.users["manager"], people.world.programme, ref)


def ref(obj, kind="contact"):
    return core.make_ref(kind, obj.pk)


def figures(people) -> dict:
    """Every aggregate the programme reports, as plain values to compare."""
    world = people.world
    out = StringIO()
    call_command("indicators", "--programme", world.programme.code, stdout=out)
    firms = [world.company.pk, world.other_company.pk, people.trader.pk, people.solo.pk]
    manager = world.users["manager"]
    certificates = {}
    for pk in firms:
        data = certificate_data(manager, pk, world.programme.code)
        certificates[pk] = (data["total_sek"], data["total_eur"], len(data["declared"]))
    daily = DailyTotals.objects.aggregate(
        w=Sum("women"), m=Sum("men"), o=Sum("other"), h=Sum("staff_hours")
    )
    return {
        "indicators": indicator_values(world.programme),
        "command": json.loads(out.getvalue()),
        "headroom": {pk: headroom_of(Company(pk=pk)).three_year_sum_eur for pk in firms},
        "certificates": certificates,
        "aid": AidEntry.objects.aggregate(sek=Sum("amount_sek"), eur=Sum("amount_eur")),
        "shares": ActivityCompany.objects.aggregate(
            h=Sum("staff_hours"), p=Sum("participants"), o=Sum("participant_hours")
        ),
        "daily": daily,
        "activities": Activity.objects.count(),
    }


def test_the_figures_are_what_the_activities_say(people):
    before = figures(people)
    assert before["indicators"]["participants"] == {"women": 4, "men": 3, "other": 1}
    assert before["indicators"]["RCO04"] == 4
    assert before["indicators"]["activities"] == 3
    assert before["daily"] == {"w": 4, "m": 3, "o": 1, "h": D("19.00")}
    assert before["certificates"][people.trader.pk][2] == 1  # the declared Almi aid


def test_a_person_is_every_record_linked_by_email(people):
    anna = person(people, ref(people.anna))
    assert [c.pk for c in anna.contacts] == [people.anna.pk, people.anna_elsewhere.pk]
    assert anna.traders == [] and anna.related == []
    assert anna.emails == {"anna.berg@example.se", "ANNA.BERG@example.se"}


def test_a_sole_trader_is_their_firm_their_own_contact_and_the_rows_naming_their_number(people):
    lisa = person(people, ref(people.trader, "trader"))
    assert [c.pk for c in lisa.contacts] == [people.lisa.pk]
    assert lisa.traders == [people.trader]
    assert lisa.related == [people.related]
    assert person(people, ref(people.lisa)).traders == [people.trader]


def test_pseudonymising_a_contact_replaces_name_email_and_phone_everywhere(people):
    before = figures(people)
    anna = person(people, ref(people.anna))
    tag = core.pseudonym_tag(services._secret(), f"contact:{people.anna.pk}")
    outcome = services.person_pseudonymise(person=anna, by=people.world.users["manager"])

    assert outcome.pseudonym == f"Person {tag}"
    assert (outcome.contacts, outcome.firms, outcome.audit_entries) == (2, 0, 3)
    rows = Contact.objects.filter(pk__in=[people.anna.pk, people.anna_elsewhere.pk])
    assert set(rows.values_list("name", "email", "phone", "gender", "role")) == {
        (f"Person {tag}", f"person-{tag}@pseudonym.invalid", "", "woman", "VD"),
        (f"Person {tag}", f"person-{tag}@pseudonym.invalid", "", "woman", ""),
    }
    history = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    for trace in ("Anna Berg", "A. Berg", "anna.berg@example", "070-111"):
        assert trace.casefold() not in history.casefold()
    assert "Maja Lind" in history and "Per Ek" in history
    assert figures(people) == before


def test_the_same_person_at_another_programmes_firm_is_left_to_that_programme(people):
    firm = make_company("Annan Verkstad AB", programme=make_programme(code="OTHER"))
    there = contact_save(
        company=firm,
        contact=None,
        data={"name": "Anna Berg", "email": "anna.berg@example.se"},
        by=None,
    )
    contact_save(company=firm, contact=there, data={"email": "Anna.Berg@Example.se"}, by=None)
    history = list(
        AuditEntry.objects.filter(object_id=str(firm.pk)).values_list("changes", flat=True)
    )
    anna = person(people, ref(people.anna))
    assert there.pk not in [c.pk for c in anna.contacts]
    services.person_pseudonymise(person=anna, by=None)
    there.refresh_from_db()
    assert (there.name, there.email) == ("Anna Berg", "Anna.Berg@Example.se")
    assert (
        list(AuditEntry.objects.filter(object_id=str(firm.pk)).values_list("changes", flat=True))
        == history
    )


def test_pseudonymising_again_changes_nothing(people):
    by = people.world.users["manager"]
    first = services.person_pseudonymise(person=person(people, ref(people.anna)), by=by)
    names = list(Contact.objects.order_by("pk").values_list("name", "email"))
    again = services.person_pseudonymise(person=person(people, ref(people.anna)), by=by)
    assert again.pseudonym == first.pseudonym
    assert list(Contact.objects.order_by("pk").values_list("name", "email")) == names


def test_pseudonymising_a_sole_trader_keeps_the_firm_and_every_figure(people):
    before = figures(people)
    lisa = person(people, ref(people.trader, "trader"))
    outcome = services.person_pseudonymise(person=lisa, by=people.world.users["manager"])

    tag = core.pseudonym_tag(services._secret(), f"contact:{people.lisa.pk}")
    number = core.pseudonymous_personal_number(
        services._secret(), f"contact:{people.lisa.pk}|{people.trader.pk}"
    )
    trader = Company.objects.get(pk=people.trader.pk)
    assert (trader.name, trader.orgnr, trader.is_sole_trader) == (f"Person {tag}", number, True)
    assert number.startswith("00") and number != TRADER_NUMBER
    assert Contact.objects.get(pk=people.lisa.pk).name == f"Person {tag}"
    related = RelatedEnterprise.objects.get(pk=people.related.pk)
    assert (related.name, related.orgnr, related.share_percent) == (f"Person {tag}", number, D(30))
    assert outcome.companies == [people.trader.pk]
    history = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert "Lisa Holm" not in history and "holmsnickeri" not in history
    assert {"privacy": "pseudonymisation", "pseudonym": f"Person {tag}"} in list(
        AuditEntry.objects.filter(object_id=str(trader.pk)).values_list("changes", flat=True)
    )
    assert figures(people) == before


def test_an_imported_activity_key_no_longer_hashes_the_real_number(people):
    activity = ActivityCompany.objects.filter(company=people.trader).first().activity
    args = (activity.date, activity.programme.code)
    old = natural_key(*args, TRADER_NUMBER, activity.type, activity.note)
    Activity.objects.filter(pk=activity.pk).update(natural_key=old)
    services.person_pseudonymise(person=person(people, ref(people.trader, "trader")), by=None)
    new_number = Company.objects.get(pk=people.trader.pk).orgnr
    activity.refresh_from_db()
    assert activity.natural_key == natural_key(*args, new_number, activity.type, activity.note)


def test_erasing_a_contact_deletes_the_records_and_scrubs_the_history(people):
    before = figures(people)
    anna = person(people, ref(people.anna))
    outcome = services.person_erase(person=anna, by=people.world.users["manager"])

    assert (outcome.contacts, outcome.firms, outcome.audit_entries) == (2, 0, 3)
    assert not Contact.objects.filter(pk__in=[people.anna.pk, people.anna_elsewhere.pk]).exists()
    assert set(Contact.objects.values_list("name", flat=True)) == {
        "Maja Lind",
        "Per Ek",
        "Lisa Holm",
        "Olle Ny",
    }
    assessment = Assessment.objects.get(company=people.world.company)
    assert assessment.invited_contact_id is None and assessment.invited is not None
    history = json.dumps(list(AuditEntry.objects.values_list("changes", flat=True)))
    for trace in ("Anna Berg", "A. Berg", "anna.berg", "070-111"):
        assert trace.casefold() not in history.casefold()
    erased = AuditEntry.objects.filter(changes__privacy="erasure").order_by("object_id")
    assert [(e.model, e.object_id, e.changes) for e in erased] == [
        (
            "companies.company",
            str(people.world.company.pk),
            {"privacy": "erasure", "contacts_erased": 1},
        ),
        (
            "companies.company",
            str(people.world.other_company.pk),
            {"privacy": "erasure", "contacts_erased": 1},
        ),
    ]
    assert figures(people) == before


def test_erasing_the_only_contact_of_a_firm_with_an_open_engagement_is_refused(people):
    history = list(AuditEntry.objects.order_by("pk").values_list("pk", "changes"))
    olle = person(people, ref(people.olle))
    with pytest.raises(services.ErasureRefused) as refused:
        services.person_erase(person=olle, by=people.world.users["manager"])
    assert refused.value.refusals == [
        core.Refusal(core.ONLY_CONTACT, people.solo.pk, "Bräcke Plåt AB")
    ]
    assert refused.value.messages == [
        "This person is the only contact of Bräcke Plåt AB, which has an open engagement. "
        "Add another contact to the firm first, or pseudonymise the person instead: "
        "name, e-mail and phone are replaced and the firm keeps its facts."
    ]
    assert Contact.objects.get(pk=people.olle.pk).name == "Olle Ny"
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "changes")) == history


def test_a_closed_engagement_no_longer_stands_in_the_way(people):
    Engagement.objects.filter(company=people.solo).update(stage="closed")
    services.person_erase(person=person(people, ref(people.olle)), by=None)
    assert not Contact.objects.filter(pk=people.olle.pk).exists()


def test_erasing_a_sole_trader_with_activities_is_refused_and_offers_pseudonymisation(people):
    lisa = person(people, ref(people.trader, "trader"))
    with pytest.raises(services.ErasureRefused) as refused:
        services.person_erase(person=lisa, by=None)
    assert refused.value.refusals == [
        core.Refusal(
            core.KEPT_RECORDS,
            people.trader.pk,
            "Östersund Snickeri – Lisa Holm",
            ("activities", "de_minimis_aid", "engagements", "participations"),
        )
    ]
    assert refused.value.messages == [
        "Östersund Snickeri – Lisa Holm is this person's own firm (a sole trader) and has "
        "records that must stay: activities, de minimis aid, engagements, programme "
        "participation (the programme's documentation under CPR 2021/1060 art. 82). The firm "
        "cannot be deleted: pseudonymise the person instead."
    ]
    assert Company.objects.get(pk=people.trader.pk).orgnr == TRADER_NUMBER


def test_erasing_a_prospect_sole_trader_deletes_the_firm_and_records_it(people):
    prospect = Company.objects.create(
        orgnr="6504121234", name="Kalle Å Konsult", municipality_code="2380", is_sole_trader=True
    )
    before = figures(people)
    kalle = person(people, ref(prospect, "trader"))
    outcome = services.person_erase(person=kalle, by=people.world.users["manager"])
    assert (outcome.firms, outcome.contacts) == (1, 0)
    assert not Company.objects.filter(pk=prospect.pk).exists()
    entry = AuditEntry.objects.get(model="companies.company", object_id=str(prospect.pk))
    assert (entry.action, entry.changes) == ("delete", {"privacy": "erasure"})
    assert figures(people) == before


def test_erasing_a_person_in_a_sole_traders_firm_needs_no_firm_deletion(people):
    """An employee of the trader's firm is a person of their own, erased alone."""
    by = people.world.users["manager"]
    helper = contact_save(
        company=people.trader, contact=None, data={"name": "Sven Ås", "email": ""}, by=by
    )
    outcome = services.person_erase(person=person(people, ref(helper)), by=by)
    assert (outcome.contacts, outcome.firms) == (1, 0)
    assert Company.objects.filter(pk=people.trader.pk).exists()
    assert Contact.objects.filter(company=people.trader).count() == 1


def test_attendance_lists_naming_the_person_are_in_the_extract_and_are_pseudonymised(people):
    from dipps.engagements.models import Attendee
    from dipps.privacy import extract
    from tests.engagements.helpers import attend

    activity = Activity.objects.filter(shares__company=people.world.company).first()
    attend(activity, "anna berg", people.world.company, "2", gender="woman")
    other = attend(activity, "Per Ek", people.world.company, "2")
    anna = person(people, ref(people.anna))
    rows = extract.build(anna)["attendance"]
    assert [(r["activity_id"], r["name"], r["hours"]) for r in rows] == [
        (activity.pk, "anna berg", "2.00")
    ]
    outcome = services.person_pseudonymise(person=anna, by=people.world.users["manager"])
    assert outcome.attendance == 1
    names = set(Attendee.objects.values_list("name", flat=True))
    assert names == {outcome.pseudonym, "Per Ek"}
    other.refresh_from_db()
    assert other.name == "Per Ek"
