"""Writes of the cost ledger by hand: a manual cost, in-kind contribution or project income
(category `income`, a positive amount, e.g. course fees firms pay), its removal.

Under staff_plus_40 no purchase may be entered: the flat rate covers every other cost.

The dates a cost may carry are the ledger's one rule (`ledger.LedgerDates`), the same the
SIE import and the staff costs follow.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import short_date
from dipps.programmes.models import Organisation, Programme

from .. import budget
from ..models import CostEntry, category_label
from ..selectors import cost_model_of, ledger_dates


def date_problems(programme: Programme, when: date) -> list[str]:
    """Why a cost on `when` cannot join the ledger: outside the programme, or already claimed."""
    dates = ledger_dates(programme)
    if dates.outside(when):
        return [
            _("%(date)s is outside the programme period %(start)s–%(end)s.")
            % {
                "date": short_date(when),
                "start": short_date(programme.start),
                "end": short_date(programme.end),
            }
        ]
    number = dates.claimed_period(when)
    if number is not None:
        return [
            _(
                "%(date)s falls in reporting period %(number)s, which has already been claimed; "
                "book the correction in the next period."
            )
            % {"date": short_date(when), "number": number}
        ]
    return []


@transaction.atomic
def cost_entry_create(
    *,
    programme: Programme,
    organisation: Organisation,
    category: str,
    when: date,
    amount: Decimal,
    text: str = "",
    by=None,
) -> CostEntry:
    """A manual cost, in-kind contribution or project income in the same ledger as the
    imported ones."""
    problems = date_problems(programme, when)
    if category not in (*budget.ENTERED, budget.INCOME):
        problems.append(
            _("Indirect costs are the flat rate and cannot be entered as a cost.")
            if category == budget.Category.INDIRECT
            else _("Unknown cost category “%(category)s”.") % {"category": category}
        )
    elif category in budget.not_taken(cost_model_of(programme)):
        problems.append(
            _(
                "%(category)s cannot be entered under this programme's cost model: the flat "
                "rate of up to 40 per cent of staff costs covers every other cost (CPR "
                "2021/1060 art. 56). Enter staff costs, in-kind contributions or project "
                "income only."
            )
            % {"category": category_label(category).capitalize()}
        )
    if problems:
        raise ValidationError(problems)
    entry = CostEntry.objects.create(
        programme=programme,
        organisation=organisation,
        category=category,
        date=when,
        amount=budget.money(amount),
        text=text[:200],
        source=CostEntry.Source.MANUAL,
        natural_key="manual:pending",
    )
    entry.natural_key = f"manual:{entry.pk}"
    entry.save(update_fields=["natural_key"])
    audit.record(instance=entry, action="create", by=by, changes=audit.snapshot(entry))
    return entry


@transaction.atomic
def cost_entry_delete(*, entry: CostEntry, by=None) -> None:
    if entry.claim_id is not None:
        raise ValidationError(_("This cost is part of a submitted claim and cannot be changed."))
    if entry.source != CostEntry.Source.MANUAL:
        raise ValidationError(_("Imported costs are excluded, not deleted."))
    audit.record(instance=entry, action="delete", by=by, changes=audit.snapshot(entry))
    entry.delete()
