"""Shared set-up for working-method and state-aid tests."""

from datetime import date
from decimal import Decimal as D

from dipps.core.models import ExchangeRate
from dipps.engagements.models import Attendee, InKindRate
from dipps.engagements.services import ActivityInput, activity_record
from dipps.stateaid.models import AidRate
from tests.factories import approve_cases

EUR = D("11.4325")
AID_RATE = D("900.00")


def rates(programme, cases=True):
    """The rates activities need and, unless `cases` is False, an approved de minimis case
    for every firm now taking part in the programme (support needs one)."""
    ExchangeRate.objects.create(currency="EUR", valid_from=date(2023, 1, 1), sek_per_unit=EUR)
    AidRate.objects.create(
        programme=programme, valid_from=date(2023, 9, 1), hourly_rate_sek=AID_RATE
    )
    InKindRate.objects.create(
        programme=programme, valid_from=date(2023, 9, 1), hourly_rate_sek=D(500)
    )
    InKindRate.objects.create(
        programme=programme, valid_from=date(2025, 1, 1), hourly_rate_sek=D(600)
    )
    if cases:
        approve_cases(programme)


def record(world, companies=None, coach=None, hours="10", cost="5000", day=date(2025, 3, 3), **kw):
    coach = coach or world.users["coach"]
    data = ActivityInput(
        day=day,
        type=kw.pop("type", "coaching"),
        programme=world.programme,
        companies=[world.company] if companies is None else companies,
        coach_hours={coach: D(hours)},
        external_cost_sek=D(cost),
        **kw,
    )
    return activity_record(data=data, by=coach)


def attend(activity, name, contributor, hours, role="employee", **kw):
    """A person on the activity's attendance list, from a firm or an organisation."""
    from dipps.companies.models import Company

    is_company = isinstance(contributor, Company)
    return Attendee.objects.create(
        activity=activity,
        name=name,
        company=contributor if is_company else None,
        organisation=None if is_company else contributor,
        hours=D(hours),
        role=role,
        **kw,
    )
