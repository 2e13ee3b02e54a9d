"""A programme with people in it: contacts in several firms, a sole trader, and the
activities, aid, engagements and assessment that make erasing them matter."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import translation

from dipps.companies.models import Company, RelatedEnterprise
from dipps.companies.services import contact_save
from dipps.core import audit
from dipps.engagements.services import engagement_start
from dipps.maturity.services import assessment_start, link_create
from dipps.stateaid.services import aid_declare
from tests.engagements.helpers import rates, record
from tests.factories import approve_cases, make_company

TRADER_NUMBER = "8112189876"


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English (the source language), whatever the catalogue says.
    with translation.override("en"):
        yield


@dataclass
class People:
    world: object
    anna: object  # contact at world.company …
    anna_elsewhere: object  # … and, with the same e-mail, at world.other_company
    maja: object  # a colleague of Anna's at world.company
    per: object  # a colleague at world.other_company
    trader: Company  # Lisa Holm's own firm (a sole trader)
    lisa: object  # Lisa as the contact of her firm
    solo: Company  # a firm with one contact and an open engagement
    olle: object  # that one contact
    related: RelatedEnterprise  # Lisa's firm in world.other_company's SME data


def _contact(company, by, **data):
    return contact_save(company=company, contact=None, data=data, by=by)


@pytest.fixture
def people(world):
    p, manager = world.programme, world.users["manager"]
    rates(p)
    anna = _contact(
        world.company,
        manager,
        name="Anna Berg",
        email="anna.berg@example.se",
        phone="070-111 22 33",
        gender="woman",
        role="VD",
    )
    anna = contact_save(
        company=world.company, contact=anna, data={"phone": "070-111 22 44"}, by=manager
    )
    maja = _contact(world.company, manager, name="Maja Lind", email="maja@jamtlandstra.se")
    anna_elsewhere = _contact(
        world.other_company, manager, name="A. Berg", email="ANNA.BERG@example.se", gender="woman"
    )
    per = _contact(world.other_company, manager, name="Per Ek", email="per@sundsvallsmek.se")

    trader = make_company(
        "Östersund Snickeri – Lisa Holm", orgnr=TRADER_NUMBER, programme=p, is_sole_trader=True
    )
    audit.record(
        instance=trader,
        action="create",
        by=manager,
        changes={"name": trader.name, "municipality_code": "2380", "is_sole_trader": True},
    )
    lisa = _contact(trader, manager, name="Lisa Holm", email="lisa@holmsnickeri.se", gender="woman")
    related = RelatedEnterprise.objects.create(
        company=world.other_company,
        fiscal_year=2024,
        name=trader.name,
        orgnr="811218-9876",
        relation="partner",
        share_percent=D("30"),
        headcount=1,
        turnover_sek=D("900000"),
        balance_sheet_sek=D("400000"),
    )
    solo = make_company("Bräcke Plåt AB", orgnr="5565475489", programme=p)
    olle = _contact(solo, manager, name="Olle Ny", email="olle@brackeplat.se", gender="man")

    for company in (world.company, trader, solo):
        engagement_start(company=company, programme=p, by=manager, on=date(2024, 9, 2))
    approve_cases(p)  # the firms added after `rates`
    record(world, companies=[world.company, trader], women=2, men=1, day=date(2025, 3, 3))
    record(world, companies=[world.other_company, solo], women=1, men=2, other=1, hours="6")
    record(world, companies=[trader], women=1, hours="3", cost="0", day=date(2025, 6, 2))
    aid_declare(
        company=trader,
        giver="Almi",
        amount=D("20000"),
        currency="SEK",
        granted=date(2025, 1, 15),
        note="",
        by=manager,
    )
    assessment = assessment_start(company=world.company, programme=p, stage="t0", by=manager)
    link_create(assessment=assessment, contact=anna, by=manager)
    return People(world, anna, anna_elsewhere, maja, per, trader, lisa, solo, olle, related)
