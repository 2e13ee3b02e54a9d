"""Import of earlier activities (the programme's spreadsheets since 2023).

Format (public contract, see docs/working-method.md): columns
`date, programme, orgnr, type, staff_hours, external_cost_sek,
participants_women, participants_men, participants_other, participant_hours,
note`; the last six may be left out. One row is one activity for one company.

All or nothing: every row is checked (format first, then the same rules and
de minimis check as an activity recorded in the browser, in one transaction);
any bad row rolls everything back. Re-importing skips rows already imported,
recognised by their natural key (`activities.natural_key`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.companies import orgnr
from dipps.companies.imports import RowError, parse_amount
from dipps.companies.models import Company
from dipps.core.progress import ProgressFn, counted, report
from dipps.core.tabular import Row, read_table
from dipps.core.uploads import Limits
from dipps.programmes.models import Programme

from .. import catalogue
from ..models import Activity
from .activities import ActivityInput, activity_record, natural_key

REQUIRED = ["date", "programme", "orgnr", "type", "staff_hours"]
OPTIONAL_AMOUNTS = ["external_cost_sek", "participant_hours"]
OPTIONAL_COUNTS = ["participants_women", "participants_men", "participants_other"]
COLUMNS = {*REQUIRED, *OPTIONAL_AMOUNTS, *OPTIONAL_COUNTS, "note"}


@dataclass
class ActivityRow:
    row: int
    day: date
    programme: Programme
    company: Company
    type: str
    staff_hours: Decimal
    external_cost_sek: Decimal
    women: int
    men: int
    other: int
    participant_hours: Decimal
    note: str
    key: str


@dataclass
class ParsedActivities:
    rows: list[ActivityRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0


def parse_rows(rows: list[Row], progress: ProgressFn | None = None) -> ParsedActivities:
    result = ParsedActivities()
    programmes = {p.code: p for p in Programme.objects.all()}
    types = catalogue.type_ids()
    numbers = set()
    for row in rows:
        with contextlib.suppress(ValueError):
            numbers.add(orgnr.normalise(row.values.get("orgnr", "")))
    companies = {c.orgnr: c for c in Company.objects.filter(orgnr__in=numbers)}
    seen: dict[str, int] = {}
    for row in counted(rows, progress, _("Checking rows")):
        errors: list[RowError] = []
        v = row.values

        def err(column, message, row=row, errors=errors):
            errors.append(RowError(row.number, column, message))

        day = None
        try:
            day = date.fromisoformat(v.get("date", "").strip()[:10])
        except ValueError:
            err("date", _("expected a date as YYYY-MM-DD, e.g. 2024-03-15."))
        programme = programmes.get(v.get("programme", "").strip())
        if programme is None:
            err(
                "programme",
                _("unknown programme code “%(value)s” (known: %(codes)s).")
                % {"value": v.get("programme", ""), "codes": ", ".join(sorted(programmes))},
            )
        elif day and not programme.start <= day <= programme.end:
            err(
                "date",
                _("%(day)s lies outside the period of %(code)s (%(start)s – %(end)s).")
                % {
                    "day": day.isoformat(),
                    "code": programme.code,
                    "start": programme.start.isoformat(),
                    "end": programme.end.isoformat(),
                },
            )
        company = None
        try:
            company = companies.get(orgnr.normalise(v.get("orgnr", "")))
            if company is None:
                err(
                    "orgnr",
                    _(
                        "no company with organisation number %(value)s in the register; "
                        "import the company first."
                    )
                    % {"value": v.get("orgnr", "")},
                )
        except ValueError:
            err(
                "orgnr",
                _("“%(value)s” is not a valid Swedish organisation number.")
                % {"value": v.get("orgnr", "")},
            )
        type_id = v.get("type", "").strip()
        if type_id not in types:
            err(
                "type",
                _("unknown activity type “%(value)s”; use one of: %(ids)s.")
                % {"value": type_id, "ids": ", ".join(sorted(types))},
            )
        amounts = {}
        for column in ["staff_hours", *OPTIONAL_AMOUNTS]:
            text = v.get(column, "").strip()
            try:
                amounts[column] = parse_amount(text) if text else Decimal(0)
            except (InvalidOperation, ValueError):
                err(column, _("expected a number, e.g. 2.5 or 2,5."))
                continue
            if amounts[column] < 0:
                err(column, _("cannot be negative."))
        if amounts.get("staff_hours", 0) > 24:
            err("staff_hours", _("more than 24 hours in one day."))
        counts = {}
        for column in OPTIONAL_COUNTS:
            text = v.get(column, "").strip()
            try:
                counts[column] = int(text) if text else 0
            except ValueError:
                err(column, _("expected a whole number of people."))
                continue
            if counts[column] < 0:
                err(column, _("cannot be negative."))
        note = v.get("note", "").strip()[:500]
        if errors:
            result.errors.extend(errors)
            continue
        key = natural_key(day, programme.code, company.orgnr, type_id, note)
        if key in seen:
            result.errors.append(
                RowError(
                    row.number,
                    "note",
                    _(
                        "the same date, programme, company, type and note as row %(other)s; "
                        "tell the two apart with a note."
                    )
                    % {"other": seen[key]},
                )
            )
            continue
        seen[key] = row.number
        result.rows.append(
            ActivityRow(
                row=row.number,
                day=day,
                programme=programme,
                company=company,
                type=type_id,
                staff_hours=amounts["staff_hours"],
                external_cost_sek=amounts["external_cost_sek"],
                women=counts["participants_women"],
                men=counts["participants_men"],
                other=counts["participants_other"],
                participant_hours=amounts["participant_hours"],
                note=note,
                key=key,
            )
        )
    return result


def read_activities(
    data: bytes, filename: str, *, limits: Limits | None = None, progress: ProgressFn | None = None
) -> ParsedActivities:
    """Raises `TableError` when the file as a whole is unreadable or over a limit."""
    return parse_rows(
        read_table(data, filename, required=REQUIRED, optional=COLUMNS, limits=limits), progress
    )


class _Rollback(Exception):
    pass


def activities_import(
    *, rows: list[ActivityRow], by=None, progress: ProgressFn | None = None
) -> tuple[list[RowError], ImportResult]:
    """Record every new row in one transaction; any refused row rolls back all of them.

    `progress` hears once that the saving starts: each row's rules and de minimis check
    depend on the rows before it, so they run inside the transaction (core/progress.py)."""
    result = ImportResult()
    errors: list[RowError] = []
    existing = set(
        Activity.objects.filter(natural_key__in=[r.key for r in rows]).values_list(
            "natural_key", flat=True
        )
    )
    report(progress, len(rows), len(rows), _("Saving"))
    try:
        with transaction.atomic():
            for r in sorted(rows, key=lambda r: (r.day, r.row)):
                if r.key in existing:
                    result.skipped += 1
                    continue
                data = ActivityInput(
                    day=r.day,
                    type=r.type,
                    programme=r.programme,
                    companies=[r.company],
                    staff_hours=r.staff_hours,
                    external_cost_sek=r.external_cost_sek,
                    women=r.women,
                    men=r.men,
                    other=r.other,
                    participant_hours=r.participant_hours,
                    note=r.note,
                    natural_key=r.key,
                )
                try:
                    with transaction.atomic():
                        activity_record(data=data, by=by)
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        errors.extend(
                            RowError(r.row, f if f in COLUMNS else "date", m)
                            for f, ms in exc.message_dict.items()
                            for m in ms
                        )
                    else:  # de minimis refusal or a missing rate: about the company's row
                        errors.extend(RowError(r.row, "orgnr", m) for m in exc.messages)
                    continue
                result.created += 1
            if errors:
                raise _Rollback
    except _Rollback:
        return sorted(errors, key=lambda e: e.row), ImportResult()
    return [], result
