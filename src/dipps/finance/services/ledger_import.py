"""SIE import into the cost ledger: stage for review, then confirm (or discard).

Under the staff_plus_40 cost model only staff rows and project income are taken; the
purchase rows are skipped, counted and summed on the import (`rows_not_taken`,
`amount_not_taken`) so the review page can say what was left out and why.

Staging parses the file, selects the programme's rows, maps them to categories and writes
the new ones as *pending* ledger entries in one transaction, or refuses the whole file with
messages naming each problem row. Nothing pending counts; confirming turns the import's
rows into counted ones in one UPDATE, except the rows the finance officer excluded (they
stay in the ledger, marked excluded, so that a later file does not bring them back).

A selected row keeps one shape from the parser to the insert (`ledger.LedgerRow`), and the
dates it may carry are one rule (`ledger.LedgerDates`), asked at staging and again at
confirming, when a claim may have been submitted in between.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import short_date
from dipps.programmes.models import Organisation, Programme

from .. import budget, ledger, sie
from ..models import AccountMapping, CostEntry, PartnerLedger, SieImport
from ..selectors import cost_model_of, ledger_dates

BATCH = 5000
MAX_LISTED = 10  # problem rows named in a refusal; the rest are counted

# The columns a file's rows share, then a ledger row's own, field by field (`LedgerRow`).
SHARED_COLUMNS = (
    "programme_id",
    "organisation_id",
    "sie_import_id",
    "source",
    "state",
    "excluded",
    "created",
)
ROW_COLUMNS = tuple("natural_key" if f == "key" else f for f in ledger.LedgerRow._fields)
COLUMNS = SHARED_COLUMNS + ROW_COLUMNS


class OrgnrMismatch(ValidationError):
    """The file is another organisation's; staging again with `accept_orgnr=True` proceeds."""


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


def _nothing_matched(parsed, selection: ledger.Selection) -> dict:
    """Why no row was staged: what the partner's settings look for, what the file has."""
    looked_for = (
        {"dimension": selection.dimension, "object": selection.object}
        if selection.dimension
        else {"accounts": " ".join(f"{a}–{b}" if a != b else str(a) for a, b in selection.accounts)}
    )
    return {
        "code": "nothing_matched",
        "params": {
            **looked_for,
            **ledger.what_the_file_has(parsed),
            "vouchers": len(parsed.vouchers),
        },
    }


def mapping_for(programme: Programme) -> ledger.Mapping:
    """The programme's own account ranges, or the BAS table's finance column without them."""
    rules = [
        ledger.AccountRule(m.first, m.last, m.category)
        for m in AccountMapping.objects.filter(programme=programme)
    ]
    return ledger.Mapping(rules or ledger.default_rules())


def _date_refusals(programme: Programme, dates: ledger.LedgerDates, rows) -> list[str]:
    """Messages for rows outside the programme or in a claimed period; [] when all fit.

    `rows` are ledger rows or cost entries: anything with series, number, date and account.
    """
    outside, in_claim = [], []
    for r in rows:
        if dates.outside(r.date):
            outside.append(r)
        else:
            number = dates.claimed_period(r.date)
            if number is not None:
                in_claim.append((r, number))
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
                "date": short_date(r.date),
                "account": r.account,
                "start": short_date(programme.start),
                "end": short_date(programme.end),
            }
        )
    for r, number in in_claim[:MAX_LISTED]:
        messages.append(
            _(
                "Voucher %(series)s %(number)s of %(date)s (account %(account)s): reporting "
                "period %(period)s has already been claimed; book the correction in the next "
                "period."
            )
            % {
                "series": r.series,
                "number": r.number,
                "date": short_date(r.date),
                "account": r.account,
                "period": number,
            }
        )
    more = len(outside) + len(in_claim) - len(messages)
    if more > 0:
        messages.append(_("… and %(n)s more rows like these.") % {"n": more})
    return messages


def read_sie(
    data: bytes, filename: str, progress: sie.ProgressCallback | None = None
) -> sie.SieFile:
    try:
        return sie.parse_bytes(data, filename, progress)
    except sie.SieError as e:
        raise ValidationError(
            _("%(file)s cannot be read as SIE (line %(line)s): %(message)s")
            % {"file": filename, "line": e.line or "–", "message": e.message}
        ) from e


# `progress(done, total, message)`: how far staging has come (a background job shows it).
StageProgress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, message: str = "") -> None:
    pass


def sie_import_stage(
    *,
    programme: Programme,
    organisation: Organisation,
    data: bytes,
    filename: str,
    by=None,
    accept_orgnr: bool = False,
    progress: StageProgress = _no_progress,
) -> SieImport:
    """Parse, select, map and stage the file's new rows; refuse the whole file on a problem.

    The file is read and its rows selected before the transaction opens (reporting its
    progress in lines), so a large file holds no database lock while it is parsed; the
    rows are then written in one transaction, all or none.
    """
    reading, lines = _("Reading the file"), [0]

    def read_lines(done: int, total: int) -> None:
        lines[0] = total
        progress(done, total, reading)

    parsed = read_sie(data, filename, read_lines)
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
    # Under staff_plus_40 only staff rows (and income) are taken: the flat rate covers the
    # purchases, which are counted and summed for the review page, never stored.
    extract = ledger.extract(
        parsed, selection, mapping_for(programme), budget.not_taken(cost_model_of(programme))
    )
    progress(lines[0], lines[0], _("Saving %(n)s rows") % {"n": len(extract.rows)})
    with transaction.atomic():
        return _stage_rows(programme, organisation, data, filename, by, parsed, selection, extract)


def _stage_rows(
    programme, organisation, data, filename, by, parsed, selection, extract
) -> SieImport:
    expected = _digits(organisation.orgnr)
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
    dates = ledger_dates(programme)
    refused = dates.refused(r.date for r in new)
    if refused:
        raise ValidationError(
            _date_refusals(programme, dates, [r for r in new if r.date in refused])
        )

    # Stored as codes and params (`messages.sie_warning` words them in the page's language).
    warnings = [{"code": code, "params": params} for code, params in parsed.notes]
    if parsed.orgnr != expected and expected:
        warnings.insert(
            0,
            {
                "code": "orgnr_accepted",
                "params": {"file": parsed.orgnr or "–", "expected": expected},
            },
        )
    if not extract.selected:
        warnings.insert(0, _nothing_matched(parsed, selection))
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
        rows_not_taken=extract.not_taken,
        amount_not_taken=budget.money(extract.not_taken_amount),
        warnings=warnings[:50],
        created_by=by if by is not None and by.is_authenticated else None,
    )
    _insert_pending(staged, new)
    audit.record(
        instance=staged,
        action="create",
        by=by,
        changes={
            "file": filename,
            "rows_new": len(new),
            "rows_known": staged.rows_known,
            "rows_not_taken": staged.rows_not_taken,
        },
    )
    return staged


def pending_values(
    staged: SieImport, rows: Iterable[ledger.LedgerRow], now: datetime
) -> Iterator[tuple]:
    """Each new row's values in `COLUMNS` order, for SQLite and PostgreSQL alike.

    The values the file's rows share, then the ledger row as it is. Dates, amounts and the
    time stay Python objects: PostgreSQL's COPY writes them as its own types, and on SQLite
    the adapters Django registers write them as ISO text and plain decimals, as the ORM does.
    """
    shared = (
        staged.programme_id,
        staged.organisation_id,
        staged.pk,
        CostEntry.Source.SIE.value,
        CostEntry.State.PENDING.value,
        False,
        now,
    )
    for row in rows:
        yield shared + row


def _insert_pending(staged: SieImport, rows: list[ledger.LedgerRow]) -> None:
    """Write the new rows as pending entries, the fastest way each database offers.

    `bulk_create` builds a model instance per row and, on SQLite, splits into batches of 999
    parameters (about 60 rows); for the hundreds of thousands of rows of a large partner
    file, PostgreSQL's COPY and SQLite's `executemany` of one prepared INSERT over plain
    tuples are several times faster.
    """
    values = pending_values(staged, rows, timezone.now())
    quote = connection.ops.quote_name
    table = quote(CostEntry._meta.db_table)
    names = ", ".join(quote(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for v in values:
                    copy.write_row(v)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        while batch := list(islice(values, BATCH)):
            cursor.executemany(sql, batch)


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
    # A claim may have been submitted while the file was in review: the dates again.
    dates = ledger_dates(programme)
    refused = dates.refused(sie_import.entries.order_by().values_list("date", flat=True).distinct())
    if refused:
        suspicious = sie_import.entries.filter(date__in=sorted(refused))[:100]
        raise ValidationError(_date_refusals(programme, dates, list(suspicious)))
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
