"""The verification list (verifikationslista) of a payment claim: every ledger row behind it.

The funder's auditors check a claim voucher by voucher, partner by partner, so the rows
come ordered by partner, voucher series, voucher number (as a number: 9 before 10) and
date. A staff-cost row made from the timesheets (`services.staff_costs`) also shows the
person, the month, the hours and the unit cost per hour behind its amount, from the
programme's staff cost method (the handbook's unit cost from the first project month's
salary, or the documented annual employment cost / 1,720). The hours are those the
timesheets give today, shown only where they still give the ledger's amount: a timesheet
changed after the row was booked must not put figures beside the row that do not add up
to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from dipps.core.exporters import Table, file_stem

from .models import CostEntry, PaymentClaim
from .services.claims import period_entries
from .services.staff_costs import PREFIX, StaffCostRow, staff_cost_rows


def headers() -> list[str]:
    return [
        _("Partner"),
        _("Voucher series"),
        _("Voucher number"),
        _("Date"),
        _("Account"),
        _("Text"),
        _("Amount (SEK)"),
        _("Cost category"),
        _("Person"),
        _("Month"),
        _("Hours"),
        _("Unit cost per hour (SEK)"),
    ]


def _voucher_order(e: CostEntry) -> tuple:
    number = int(e.number) if e.number.isdigit() else 0
    return (e.organisation.name, e.series, number, e.number, e.date, e.pk)


def _staff_columns(entry: CostEntry, timesheets: dict[str, StaffCostRow]) -> list[Any]:
    row = timesheets.get(entry.natural_key)
    if row is None or row.amount != entry.amount:
        return [None, None, None, None]
    # Hours to two decimals on every database (PostgreSQL keeps the scale, SQLite does not).
    hours = Decimal(row.hours).quantize(Decimal("0.01"))
    return [row.person, f"{row.when:%Y-%m}", hours, row.unit_cost]


def rows(claim: PaymentClaim) -> Iterator[Sequence[Any]]:
    entries = sorted(period_entries(claim).select_related("organisation"), key=_voucher_order)
    timesheets: dict[str, StaffCostRow] = {}
    if any(e.natural_key.startswith(PREFIX) for e in entries):
        live = staff_cost_rows(claim.period.programme).rows
        timesheets = {f"{PREFIX}{r.user_id}:{r.when.isoformat()}": r for r in live}
    for e in entries:
        staff = (
            _staff_columns(e, timesheets)
            if e.source == CostEntry.Source.TIMESHEET
            else [None, None, None, None]
        )
        yield [
            e.organisation.name,
            e.series,
            e.number,
            e.date,
            e.account,
            e.text,
            e.amount,
            e.get_category_display(),
            *staff,
        ]


def table(claim: PaymentClaim) -> Table:
    code, number = claim.period.programme.code, claim.period.number
    return Table(
        f"{_('Verification list')} {code} {number}",
        headers(),
        rows(claim),
        file_stem=file_stem(_("verification list"), code, number),
    )
