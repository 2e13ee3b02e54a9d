"""SIE import into the cost ledger: stage for review, then confirm (or discard).

Staging parses the file, selects the programme's rows, maps them to categories and writes
the new ones as *pending* ledger entries in one transaction, or refuses the whole file with
messages naming each problem row. Nothing pending counts; confirming turns the import's
rows into counted ones in one UPDATE, except the rows the finance officer excluded (they
stay in the ledger, marked excluded, so that a later file does not bring them back).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.programmes.models import Organisation, Programme

from . import ledger, sie
from .models import CostEntry, PartnerLedger, PaymentClaim, SieImport
from .services import day, mapping_for

BATCH = 5000
MAX_LISTED = 10  # problem rows named in a refusal; the rest are counted


class OrgnrMismatch(ValidationError):
    """The file is another organisation's; staging again with `accept_orgnr=True` proceeds."""


@dataclass
class Staged:
    sie_import: SieImport
    sie: sie.SieFile


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def selection_for(programme: Programme, organisation: Organisation) -> ledger.Selection:
    settings = PartnerLedger.objects.filter(programme=programme, organisation=organisation).first()
    if settings is None:
        raise ValidationError(
            _(
                "%(partner)s has no ledger settings: give the project object or account list "
                "that marks the programme's costs in its accounts first."
            )
            % {"partner": organisation.name}
        )
    if settings.dimension and settings.object:
        return ledger.Selection(dimension=settings.dimension, object=settings.object)
    return ledger.Selection(accounts=tuple(ledger.parse_account_list(settings.accounts)))


def _claimed(programme: Programme) -> list[tuple]:
    return list(
        PaymentClaim.objects.filter(
            period__programme=programme, status=PaymentClaim.Status.SUBMITTED
        ).values_list("period__start", "period__end", "period__number")
    )


def _date_refusals(programme: Programme, rows) -> list[str]:
    """Messages for rows outside the programme or in a claimed period; [] when all fit."""
    claimed = _claimed(programme)
    outside, in_claim = [], []
    for r in rows:
        if not programme.start <= r.date <= programme.end:
            outside.append(r)
        elif any(s <= r.date <= e for s, e, _n in claimed):
            in_claim.append(r)
    messages = []
    for r in outside[:MAX_LISTED]:
        messages.append(
            _(
                "Voucher %(series)s %(number)s of %(date)s (account %(account)s): the date is "
                "outside the programme period %(start)s–%(end)s."
            )
            % {
                "series": r.series,
                "number": r.number,
                "date": day(r.date),
                "account": r.account,
                "start": day(programme.start),
                "end": day(programme.end),
            }
        )
    for r in in_claim[:MAX_LISTED]:
        number = next(n for s, e, n in claimed if s <= r.date <= e)
        messages.append(
            _(
                "Voucher %(series)s %(number)s of %(date)s (account %(account)s): reporting "
                "period %(period)s has already been claimed; book the correction in the next "
                "period."
            )
            % {
                "series": r.series,
                "number": r.number,
                "date": day(r.date),
                "account": r.account,
                "period": number,
            }
        )
    more = len(outside) + len(in_claim) - len(messages)
    if more > 0:
        messages.append(_("… and %(n)s more rows like these.") % {"n": more})
    return messages


def read_sie(data: bytes, filename: str) -> sie.SieFile:
    try:
        return sie.parse_bytes(data, filename)
    except sie.SieError as e:
        raise ValidationError(
            _("%(file)s cannot be read as SIE (line %(line)s): %(message)s")
            % {"file": filename, "line": e.line or "–", "message": e.message}
        ) from e


@transaction.atomic
def sie_import_stage(
    *,
    programme: Programme,
    organisation: Organisation,
    data: bytes,
    filename: str,
    by=None,
    accept_orgnr: bool = False,
) -> Staged:
    """Parse, select, map and stage the file's new rows; refuse the whole file on a problem."""
    parsed = read_sie(data, filename)
    if parsed.sie_type not in ("4", "4I"):
        raise ValidationError(
            _("%(file)s is SIE type %(type)s; only type 4 files hold vouchers.")
            % {"file": filename, "type": parsed.sie_type or "?"}
        )
    expected = _digits(organisation.orgnr)
    if expected and parsed.orgnr != expected and not accept_orgnr:
        raise OrgnrMismatch(
            _(
                "The file is from organisation number %(file)s (%(name)s), but %(partner)s has "
                "%(expected)s. Import it only if you are sure it holds this partner's costs."
            )
            % {
                "file": parsed.orgnr or "–",
                "name": parsed.company_name or "–",
                "partner": organisation.name,
                "expected": expected,
            }
        )
    selection = selection_for(programme, organisation)
    extract = ledger.extract(parsed, selection, mapping_for(programme))

    # One open review per partner: a new upload replaces the previous, unconfirmed one.
    for old in SieImport.objects.filter(
        programme=programme, organisation=organisation, status=SieImport.Status.REVIEW
    ):
        sie_import_discard(sie_import=old, by=by)

    known = set(
        CostEntry.objects.filter(programme=programme, organisation=organisation).values_list(
            "natural_key", flat=True
        )
    )
    new = [r for r in extract.rows if r.key not in known]
    refusals = _date_refusals(programme, new)
    if refusals:
        raise ValidationError(refusals)

    warnings = list(parsed.warnings)
    if parsed.orgnr != expected and expected:
        warnings.insert(
            0,
            _("Imported although the file's organisation number %(file)s is not %(expected)s.")
            % {"file": parsed.orgnr or "–", "expected": expected},
        )
    staged = SieImport.objects.create(
        programme=programme,
        organisation=organisation,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        orgnr=parsed.orgnr,
        company_name=parsed.company_name[:200],
        vouchers=len(parsed.vouchers),
        rows_new=len(new),
        rows_known=len(extract.rows) - len(new),
        rows_not_eligible=extract.not_eligible,
        warnings=warnings[:50],
        created_by=by if by is not None and by.is_authenticated else None,
    )
    _insert_pending(staged, new)
    audit.record(
        instance=staged,
        action="create",
        by=by,
        changes={"file": filename, "rows_new": len(new), "rows_known": staged.rows_known},
    )
    return Staged(staged, parsed)


def _insert_pending(staged: SieImport, rows: list[ledger.LedgerRow]) -> None:
    """Write the new rows as pending entries with one prepared INSERT run over all rows.

    `bulk_create` on SQLite splits into batches of 999 parameters (about 60 rows) and builds
    a model instance per row; for the hundreds of thousands of rows of a large partner file,
    `executemany` over plain tuples is several times faster on both SQLite and PostgreSQL.
    """
    table = CostEntry._meta.db_table
    columns = [
        "programme_id",
        "organisation_id",
        "category",
        "date",
        "amount",
        "text",
        "source",
        "state",
        "excluded",
        "natural_key",
        "account",
        "series",
        "number",
        "sie_import_id",
        "created",
    ]
    sqlite = connection.vendor == "sqlite"
    now = timezone.now()
    fixed_now = now.isoformat(" ") if sqlite else now
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    p, o, i = staged.programme_id, staged.organisation_id, staged.pk
    sie, pending = CostEntry.Source.SIE.value, CostEntry.State.PENDING.value
    if connection.vendor == "postgresql":
        _copy_pending(table, columns, staged, rows, now)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    (
                        p,
                        o,
                        r.category,
                        r.date.isoformat() if sqlite else r.date,
                        str(r.amount) if sqlite else r.amount,
                        r.text,
                        sie,
                        pending,
                        False,
                        r.key,
                        r.account,
                        r.series[:20],
                        r.number[:20],
                        i,
                        fixed_now,
                    )
                    for r in rows[start : start + BATCH]
                ],
            )


def _copy_pending(table, columns, staged, rows, now) -> None:
    """PostgreSQL: COPY is the fastest way in, several times faster than executemany."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    p, o, i = staged.programme_id, staged.organisation_id, staged.pk
    sie, pending = CostEntry.Source.SIE.value, CostEntry.State.PENDING.value
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for r in rows:
            copy.write_row(
                (
                    p,
                    o,
                    r.category,
                    r.date,
                    r.amount,
                    r.text,
                    sie,
                    pending,
                    False,
                    r.key,
                    r.account,
                    r.series[:20],
                    r.number[:20],
                    i,
                    now,
                )
            )


def _open(sie_import: SieImport) -> None:
    if sie_import.status != SieImport.Status.REVIEW:
        raise ValidationError(_("This import is no longer in review."))


@transaction.atomic
def sie_import_exclude(*, sie_import: SieImport, entry_ids: list[int], excluded: bool, by=None):
    """Mark rows of an import in review as excluded (they will not count) or include them."""
    _open(sie_import)
    changed = sie_import.entries.filter(id__in=entry_ids, excluded=not excluded).update(
        excluded=excluded
    )
    audit.record(
        instance=sie_import,
        action="update",
        by=by,
        changes={"excluded" if excluded else "included": sorted(entry_ids)[:1000]},
    )
    return changed


@transaction.atomic
def sie_import_confirm(*, sie_import: SieImport, by=None) -> int:
    """The import's rows count from now on (except the excluded ones); returns how many."""
    sie_import = SieImport.objects.select_for_update().get(pk=sie_import.pk)
    _open(sie_import)
    programme = sie_import.programme
    # A claim may have been submitted while the file was in review.
    claimed = Q()
    for start, end, _n in _claimed(programme):
        claimed |= Q(date__range=(start, end))
    suspicious = sie_import.entries.filter(
        Q(date__lt=programme.start) | Q(date__gt=programme.end) | claimed
    )
    refusals = _date_refusals(programme, list(suspicious[:100]))
    if refusals:
        raise ValidationError(refusals)
    sie_import.entries.update(state=CostEntry.State.COUNTED)
    sie_import.status = SieImport.Status.CONFIRMED
    sie_import.confirmed = timezone.now()
    sie_import.save(update_fields=["status", "confirmed"])
    counted = sie_import.entries.filter(excluded=False).count()
    audit.record(
        instance=sie_import,
        action="update",
        by=by,
        changes={"status": ["review", "confirmed"], "counted": counted},
    )
    return counted


@transaction.atomic
def sie_import_discard(*, sie_import: SieImport, by=None) -> None:
    _open(sie_import)
    sie_import.entries.all().delete()
    sie_import.status = SieImport.Status.DISCARDED
    sie_import.save(update_fields=["status"])
    audit.record(
        instance=sie_import, action="update", by=by, changes={"status": ["review", "discarded"]}
    )
