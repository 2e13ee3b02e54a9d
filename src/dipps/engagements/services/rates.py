"""Writes for the working method's dated reference values, with audit history.

The in-kind hourly rate (per programme, from a date) and a person's documented
annual employment cost (per year). Both are read when totals are shown, not
stored in them, so a correction applies at once to every total it touches.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit, formatting
from dipps.core.rates import rate_set
from dipps.stateaid.services import hourly_rate_problems

from ..models import EmploymentCost, InKindRate, ParticipantRole

FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Above this an annual cost is almost surely a typing mistake (an extra zero).
MAX_ANNUAL_COST_SEK = Decimal(10_000_000)


def in_kind_rate_set(
    *, programme, valid_from: date, hourly_rate_sek: Decimal, by, role: str = ""
) -> InKindRate:
    """Set (or correct) the standard hourly value of participants' time from a date, for one
    participant role (`""`: any role without a rate of its own)."""
    if role not in {"", *ParticipantRole.values}:
        raise ValidationError({"role": _("Unknown participant role.")})
    return rate_set(
        InKindRate,
        series={"programme": programme, "role": role},
        valid_from=valid_from,
        value=hourly_rate_sek,
        by=by,
        problems=lambda _existing: hourly_rate_problems(
            programme=programme, valid_from=valid_from, rate=hourly_rate_sek
        ),
    )


def employment_cost_problems(*, year, annual_gross_cost_sek) -> dict[str, str]:
    errors = {}
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _("Give the year as four digits between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
    if annual_gross_cost_sek is None or annual_gross_cost_sek < 0:
        errors["annual_gross_cost_sek"] = _("The annual employment cost cannot be negative.")
    elif annual_gross_cost_sek > MAX_ANNUAL_COST_SEK:
        errors["annual_gross_cost_sek"] = _(
            "%(cost)s kr a year looks like a mistake; enter the documented annual gross "
            "employment cost in SEK (salary, social security contributions and pension), "
            "at most %(max)s kr."
        ) % {
            "cost": formatting.number(annual_gross_cost_sek, 2),
            "max": formatting.number(MAX_ANNUAL_COST_SEK, 0),
        }
    return errors


@transaction.atomic
def employment_cost_set(
    *, user, year: int, annual_gross_cost_sek: Decimal, document: str = "", by
) -> EmploymentCost:
    """Set (or correct) a person's documented annual gross employment cost for a year."""
    errors = employment_cost_problems(year=year, annual_gross_cost_sek=annual_gross_cost_sek)
    if errors:
        raise ValidationError(errors)
    existing = EmploymentCost.objects.filter(user=user, year=year).first()
    before = audit.snapshot(existing, ["annual_gross_cost_sek", "document"]) if existing else {}
    cost, created = EmploymentCost.objects.update_or_create(
        user=user,
        year=year,
        defaults={"annual_gross_cost_sek": annual_gross_cost_sek, "document": document.strip()},
    )
    after = audit.snapshot(cost, ["annual_gross_cost_sek", "document"])
    audit.record(
        instance=cost,
        action="create" if created else "update",
        by=by,
        changes=after if created else audit.diff(before, after),
    )
    return cost
