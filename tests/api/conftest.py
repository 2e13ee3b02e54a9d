from datetime import date
from decimal import Decimal

import pytest

from dipps.api.services import token_create


@pytest.fixture
def api(client):
    """`api(user, url, **headers)`: a GET with a fresh token of `user`."""

    def get(user, url, **headers):
        _token, raw = token_create(user=user, name="test")
        return client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)

    return get


@pytest.fixture
def filled(world):
    """A contact, a sole trader, a submitted assessment, an activity with a note, a claim."""
    from dipps.companies.services import contact_save
    from dipps.engagements.services import ActivityInput, activity_record
    from dipps.finance import services as finance
    from tests.factories import make_company
    from tests.matrix.engagements import _rates
    from tests.maturity.builders import submitted

    contact_save(
        company=world.company,
        contact=None,
        data={"name": "Karin Persdotter", "email": "karin@example.se", "phone": "070-1234567"},
    )
    world.extra["sole"] = make_company(
        "Persson Svets", orgnr="8001011231", is_sole_trader=True, programme=world.programme
    )
    world.extra["assessment"] = submitted(world.company, world.programme, level=2)
    _rates(world)
    world.extra["activity"] = activity_record(
        data=ActivityInput(
            day=date(2025, 3, 3),
            type="coaching",
            programme=world.programme,
            companies=[world.company],
            coach_hours={world.users["coach"]: Decimal(2)},
            note="Hemlig anteckning om Karin",
        ),
        by=world.users["coach"],
    )
    finance.reporting_periods_set(
        programme=world.programme, periods=[(date(2024, 1, 1), date(2024, 6, 30))]
    )
    world.extra["claim"] = finance.claim_open(period=world.programme.reporting_periods.get())
    return world
