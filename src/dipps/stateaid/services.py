"""Writes and the ledger queries behind them, for the de minimis register.

`aid_grant` is called by the engagements services inside their own
transaction, so an activity and the aid it grants are saved together or not
at all; it refuses (raises `CeilingExceeded`) when the grant would take the
single undertaking over the ceiling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.companies.models import Company
from dipps.core import audit, formatting
from dipps.core.rates import MissingRate, rate_on, rate_set

from . import deminimis, regulations
from .models import AidEntry, AidRate, SingleUndertaking, UndertakingMember
from .selectors import undertaking_company_ids


def fiscal_year_end_of(company_id: int) -> deminimis.FiscalYearEnd:
    """The firm's own fiscal year end (`Company.fiscal_year_end`, MM-DD): 1407/2013's window
    is the current and the two previous fiscal years *of the undertaking* (art. 3(2))."""
    text = Company.objects.filter(pk=company_id).values_list("fiscal_year_end", flat=True).first()
    return deminimis.FiscalYearEnd.parse(text) if text else deminimis.CALENDAR_YEAR


class CeilingExceeded(ValidationError):
    """The grant would take the single undertaking over the ceiling of its own window, or
    (backdated aid) over the ceiling of a grant dated after it: the message names which."""

    def __init__(self, company: Company, decision: deminimis.Decision):
        self.company = company
        self.decision = decision
        if decision.within_ceiling and decision.later_breached:
            later = decision.later_breached[0]
            message = _(
                "De minimis ceiling: %(company)s would receive %(new)s EUR on %(day)s, before "
                "aid already granted on %(later)s. That grant's period, %(start)s–%(end)s "
                "(%(period)s), would then hold %(sum)s EUR, over its ceiling of %(ceiling)s EUR "
                "(%(regulation)s). Backdated aid may not take later aid over its ceiling: reduce "
                "the hours or cost for this company, or leave it out."
            ) % {
                "company": company.name,
                "new": formatting.number(decision.new_aid_eur, 2),
                "day": decision.window_end.isoformat(),
                "later": later.granted.isoformat(),
                "start": later.window_start.isoformat(),
                "end": later.window_end.isoformat(),
                "period": regulations.PERIODS[later.regulation],
                "sum": formatting.number(later.aid_in_window_eur, 2),
                "ceiling": formatting.number(later.ceiling_eur, 2),
                "regulation": regulations.NAMES[later.regulation],
            }
            super().__init__(message, code="deminimis_later")
            return
        super().__init__(
            _(
                "De minimis ceiling: %(company)s would receive %(new)s EUR on %(day)s, but the "
                "single undertaking has already received %(sum)s EUR in %(period)s, "
                "%(start)s–%(end)s. The headroom is %(headroom)s EUR of %(ceiling)s EUR "
                "(%(regulation)s). Reduce the hours or cost for this company, or leave it out."
            )
            % {
                "company": company.name,
                "new": formatting.number(decision.new_aid_eur, 2),
                "day": decision.window_end.isoformat(),
                "sum": formatting.number(decision.three_year_sum_eur, 2),
                "period": regulations.PERIODS[decision.regulation],
                "start": decision.window_start.isoformat(),
                "end": decision.window_end.isoformat(),
                "headroom": formatting.number(decision.headroom_eur, 2),
                "ceiling": formatting.number(decision.ceiling_eur, 2),
                "regulation": regulations.NAMES[decision.regulation],
            },
            code="deminimis",
        )


def ledger(company_ids: Iterable[int], grant: date) -> list[deminimis.Aid]:
    """Aid to the companies on every day that matters for a grant on `grant`: its own window
    and the windows of later grants that reach back to it (`deminimis.affected_span`)."""
    start, end = deminimis.affected_span(grant)
    rows = AidEntry.objects.filter(
        company_id__in=list(company_ids), granted__range=(start, end)
    ).values_list("granted", "amount_eur", "giver")
    return [deminimis.Aid(g, a, giver) for g, a, giver in rows]


def aid_check(company_id: int, amount_eur: Decimal, grant: date, pending=()) -> deminimis.Decision:
    """The regulation, ceiling and window of the grant's date, and the re-check of later
    grants. `pending`: aid not yet saved in this transaction (other shares of the same
    activity)."""
    entries = ledger(undertaking_company_ids(company_id), grant) + list(pending)
    return deminimis.check(
        deminimis.Aid(grant, amount_eur), entries, fiscal_year_end=fiscal_year_end_of(company_id)
    )


def aid_rate_on(programme, day: date) -> Decimal:
    rate = AidRate.objects.filter(programme=programme).value_on(day)
    if rate is None:
        raise ValidationError(
            _(
                "Programme %(code)s has no aid hourly rate valid on %(day)s; a manager sets it "
                "under State aid → aid hourly rates."
            )
            % {"code": programme.code, "day": day.isoformat()},
            code="no_aid_rate",
        )
    return rate


def eur_rate_on(day: date) -> Decimal:
    try:
        return rate_on(day, "EUR")
    except MissingRate as exc:
        raise ValidationError(str(exc), code="no_rate") from exc


@dataclass(frozen=True)
class Grant:
    company: Company
    amount_sek: Decimal


def aid_grant(*, grants: list[Grant], programme, day: date, reference: str, by=None):
    """Check every grant against its undertaking's ceiling, then record them all.

    Must run inside the caller's transaction. Grants to companies of the same
    single undertaking in one call count against each other.
    """
    rate = eur_rate_on(day)
    ids = sorted({g.company.pk for g in grants})
    # Lock the firms so two coaches cannot both use the same headroom.
    list(Company.objects.select_for_update().filter(id__in=ids).values_list("id", flat=True))
    pending: dict[int, list[deminimis.Aid]] = {}
    rows = []
    for g in grants:
        amount_eur = deminimis.sek_to_eur(g.amount_sek, rate)
        members = undertaking_company_ids(g.company.pk)
        earlier = [a for m in members for a in pending.get(m, [])]
        decision = aid_check(g.company.pk, amount_eur, day, earlier)
        if not decision.allowed:
            raise CeilingExceeded(g.company, decision)
        pending.setdefault(g.company.pk, []).append(deminimis.Aid(day, amount_eur))
        rows.append(
            AidEntry(
                company=g.company,
                source=AidEntry.Source.PROGRAMME,
                programme=programme,
                giver=str(programme.owner),
                granted=day,
                currency="SEK",
                amount_sek=g.amount_sek,
                amount_eur=amount_eur,
                sek_per_eur=rate,
                reference=reference,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
        )
    return AidEntry.objects.bulk_create(rows)


def aid_withdraw(*, reference: str) -> int:
    return AidEntry.objects.filter(reference=reference).delete()[0]


@transaction.atomic
def aid_declare(
    *, company: Company, giver: str, amount: Decimal, currency: str, granted: date, note="", by
) -> AidEntry:
    """Record de minimis aid the firm declares from another giver.

    Declared aid is a fact, not a request: it is recorded even when it takes the
    undertaking over the ceiling (the headroom then shows negative).
    """
    if amount < 0:
        raise ValidationError(_("The amount cannot be negative."), code="negative")
    if not giver.strip():
        raise ValidationError(_("Name the aid giver."), code="giver")
    rate = eur_rate_on(granted)
    if currency == "EUR":
        amount_eur, amount_sek = amount, deminimis.eur_to_sek(amount, rate)
    else:
        amount_sek, amount_eur = amount, deminimis.sek_to_eur(amount, rate)
    entry = AidEntry.objects.create(
        company=company,
        source=AidEntry.Source.DECLARED,
        giver=giver.strip(),
        granted=granted,
        currency=currency,
        amount_sek=amount_sek,
        amount_eur=amount_eur,
        sek_per_eur=rate,
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(instance=entry, action="create", by=by, changes=audit.snapshot(entry))
    return entry


@transaction.atomic
def undertaking_link(*, company: Company, other: Company, by) -> SingleUndertaking:
    """Record that `other` is linked with `company`: their aid counts together from now on."""
    if company.pk == other.pk:
        raise ValidationError(_("A company cannot be linked with itself."), code="self")
    mine = UndertakingMember.objects.filter(company=company).first()
    theirs = UndertakingMember.objects.filter(company=other).first()
    if mine and theirs and mine.undertaking_id != theirs.undertaking_id:
        # Merge: everyone in the other group joins this one.
        old = theirs.undertaking
        UndertakingMember.objects.filter(undertaking=old).update(undertaking=mine.undertaking)
        old.delete()
        group = mine.undertaking
    elif mine or theirs:
        group = (mine or theirs).undertaking
    else:
        group = SingleUndertaking.objects.create(name=company.name)
    for c in (company, other):
        UndertakingMember.objects.get_or_create(company=c, defaults={"undertaking": group})
    audit.record(instance=group, action="update", by=by, changes={"linked": [company.pk, other.pk]})
    return group


@transaction.atomic
def undertaking_unlink(*, company: Company, by) -> None:
    member = UndertakingMember.objects.filter(company=company).select_related("undertaking").first()
    if member is None:
        return
    group = member.undertaking
    member.delete()
    audit.record(instance=group, action="update", by=by, changes={"unlinked": company.pk})
    if group.members.count() <= 1:
        group.members.all().delete()
        group.delete()


# --- the programme's aid hourly rate ----------------------------------------

#: Above this an hourly rate is almost surely a typing mistake (a monthly or yearly sum).
MAX_HOURLY_RATE_SEK = Decimal(10000)


def hourly_rate_problems(*, programme, valid_from: date, rate: Decimal) -> dict[str, str]:
    """Checks every dated hourly rate of a programme shares (aid and in-kind)."""
    errors = {}
    if rate is None or rate < 0:
        errors["hourly_rate_sek"] = _("The hourly rate cannot be negative.")
    elif rate > MAX_HOURLY_RATE_SEK:
        errors["hourly_rate_sek"] = _(
            "%(rate)s kr an hour looks like a mistake; enter the rate per hour in SEK "
            "(at most %(max)s kr)."
        ) % {"rate": formatting.number(rate, 2), "max": formatting.number(MAX_HOURLY_RATE_SEK, 2)}
    if valid_from is None or not programme.start <= valid_from <= programme.end:
        errors["valid_from"] = _(
            "The rate must start within the programme's period, %(start)s – %(end)s."
        ) % {"start": programme.start.isoformat(), "end": programme.end.isoformat()}
    return errors


def aid_rate_reprices(*, programme, valid_from: date, exclude_pk=None) -> date | None:
    """The latest date of aid already granted that a rate from `valid_from` would govern.

    The ledger holds each grant's value at the rate of its day; a rate that
    would govern days with aid already granted would make the rate table and the
    ledger disagree, so such a change is refused (None: no aid is affected).
    """
    others = AidRate.objects.filter(programme=programme).exclude(pk=exclude_pk)
    following = (
        others.filter(valid_from__gt=valid_from)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
    ).first()
    granted = AidEntry.objects.filter(
        programme=programme, source=AidEntry.Source.PROGRAMME, granted__gte=valid_from
    )
    if following is not None:
        granted = granted.filter(granted__lt=following)
    return granted.order_by("-granted").values_list("granted", flat=True).first()


def aid_rate_problems(*, programme, valid_from, rate, exclude_pk=None, old_from=None) -> dict:
    errors = hourly_rate_problems(programme=programme, valid_from=valid_from, rate=rate)
    if "valid_from" in errors:
        return errors
    starts = [valid_from] + ([old_from] if old_from and old_from != valid_from else [])
    for start in starts:
        last = aid_rate_reprices(programme=programme, valid_from=start, exclude_pk=exclude_pk)
        if last is not None:
            errors["valid_from"] = _(
                "Aid has already been granted at the current rate up to %(day)s; a rate from "
                "%(start)s would change its value. Date the new rate after %(day)s, or first "
                "edit or delete the activities concerned."
            ) % {"day": last.isoformat(), "start": start.isoformat()}
            break
    return errors


def aid_rate_set(*, programme, valid_from: date, hourly_rate_sek: Decimal, by) -> AidRate:
    """Set (or correct) the programme's aid hourly rate from a date."""
    return rate_set(
        AidRate,
        series={"programme": programme},
        valid_from=valid_from,
        value=hourly_rate_sek,
        by=by,
        problems=lambda existing: aid_rate_problems(
            programme=programme,
            valid_from=valid_from,
            rate=hourly_rate_sek,
            exclude_pk=existing.pk if existing else None,
        ),
    )
