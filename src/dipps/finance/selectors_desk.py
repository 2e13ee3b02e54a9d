"""Reads for the finance officer's and the programme manager's start pages.

The callers pass programmes already scoped to the user's FINANCE role (the start page
lists `programmes_visible_to(user, (role,))`); the figures are those of the finance
pages (`selectors.overview`), never computed a second way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dipps.programmes.models import Programme

from . import selectors
from .models import PaymentClaim, ReportingPeriod, SieImport


@dataclass
class ClaimPeriod:
    """The reporting period whose payment claim is still to be submitted."""

    period: ReportingPeriod
    claim: PaymentClaim | None
    today: date

    @property
    def days_left(self) -> int:
        """Days until the period ends (negative: it ended that many days ago)."""
        return (self.period.end - self.today).days

    @property
    def days_ago(self) -> int:
        """Days since the period ended (0 while it runs)."""
        return max(0, -self.days_left)

    @property
    def ended(self) -> bool:
        return self.days_left < 0

    @property
    def status(self) -> str:
        if self.claim is None:
            return str(_("no claim started"))
        return str(self.claim.get_status_display())


def open_claim_period(programme: Programme, today: date | None = None) -> ClaimPeriod | None:
    """The earliest period of the programme that has begun and whose claim is not yet
    submitted (None when every begun period is claimed)."""
    today = today or timezone.localdate()
    period = (
        ReportingPeriod.objects.filter(programme=programme, start__lte=today)
        .exclude(claim__status=PaymentClaim.Status.SUBMITTED)
        .select_related("claim")
        .order_by("start")
        .first()
    )
    if period is None:
        return None
    claim = getattr(period, "claim", None)
    return ClaimPeriod(period, claim, today)


def pending_imports(programme: Programme) -> list[SieImport]:
    """The programme's SIE imports still in review (staged, neither confirmed nor discarded)."""
    return list(
        SieImport.objects.filter(programme=programme, status=SieImport.Status.REVIEW)
        .select_related("organisation")
        .order_by("created")
    )


@dataclass
class BudgetHealth:
    budget_total: Decimal
    actual_total: Decimal
    periods: list[ReportingPeriod]

    @property
    def used_percent(self) -> Decimal | None:
        if not self.budget_total:
            return None
        # The finance overview's share per category (`Overview.rows`), for the total.
        return self.actual_total * 100 / self.budget_total


def budget_health(programme: Programme) -> BudgetHealth:
    """Costs counted so far against the budget in force, as the finance overview shows them,
    and the reporting periods with their claims."""
    ov = selectors.overview(programme)
    return BudgetHealth(ov.budget_total, ov.actual_total, ov.periods)
