"""The demo's mail: addresses for the demo's users, one de minimis case awaiting the
programme manager's decision, and the reminders of the demo's day, so that the mail page
(var/mail, the file backend) is not empty after `make demo`. Idempotent: a second load
finds the addresses and the case there and every reminder already sent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from dipps.companies.models import Company
from dipps.programmes.models import Programme
from dipps.stateaid.models import DeMinimisCase
from dipps.stateaid.services_case import case_check, case_open, case_plan, case_sign

from .services import remind

#: The demo reminds its finance officer of the next reporting period's end, however far:
#: the demo's periods are six months long at most, so one always falls within this reach.
DEMO_CLAIM_DAYS = 184
DEMO_DOMAIN = "dipps.example"
AWAITING_AID_SEK = Decimal("120000.00")


def _addresses() -> None:
    for user in get_user_model().objects.filter(email=""):
        user.email = f"{user.get_username()}@{DEMO_DOMAIN}"
        user.save(update_fields=["email"])


def _awaiting_case(programme: Programme, today: date) -> None:
    cases = DeMinimisCase.objects.filter(programme=programme)
    if cases.filter(status=DeMinimisCase.Status.CHECKED).exists():
        return
    firm = (
        Company.objects.filter(participations__programme=programme, is_sole_trader=False)
        .exclude(deminimis_cases__programme=programme)
        .order_by("-name")
        .first()
    )
    if firm is None:
        return
    case = case_open(programme=programme, company=firm, by=None)
    case_plan(case=case, planned_aid_sek=AWAITING_AID_SEK, by=None, on=today)
    case_sign(case=case, by=None)
    case_check(case=case, by=None, on=today)


def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    _addresses()
    programme = Programme.objects.filter(code="DIPPS").first()
    if programme is not None:
        _awaiting_case(programme, today)
    remind(today=today, claim_days=DEMO_CLAIM_DAYS)
