"""Writes for budgets, financing plans, partner settings and manual costs.

Each service runs in one transaction and validates with the rules core (`budget.py`);
a refusal is a `ValidationError` whose messages a person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from dipps.companies import orgnr as orgnumbers
from dipps.core import audit
from dipps.programmes.models import Financier, Organisation, Programme

from . import budget, ledger
from .models import (
    CATEGORY_LABELS,
    AccountMapping,
    BudgetLine,
    CostEntry,
    FinancePlan,
    FinancingLine,
    PartnerLedger,
    PaymentClaim,
)


def kr(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True) + " kr"


def day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def plan_for(programme: Programme) -> FinancePlan:
    plan, _created = FinancePlan.objects.get_or_create(programme=programme)
    return plan


def rate_of(programme: Programme) -> Decimal:
    plan = FinancePlan.objects.filter(programme=programme).first()
    return plan.indirect_rate_percent if plan else budget.DEFAULT_FLAT_RATE


def mapping_for(programme: Programme) -> ledger.Mapping:
    rules = [
        ledger.AccountRule(m.first, m.last, m.category)
        for m in AccountMapping.objects.filter(programme=programme)
    ]
    return ledger.Mapping(rules or ledger.default_rules())


def budget_messages(problems: list[tuple[str, dict]]) -> list[str]:
    """The plan's problems as sentences a person can act on."""
    out = []
    for key, v in problems:
        if key == "bad_rate":
            out.append(_("The flat rate must be between 0 and 100 %."))
        elif key == "indirect_entered":
            out.append(
                _(
                    "%(year)s, %(partner)s: indirect costs are the flat rate of staff costs "
                    "and cannot be entered as a budget line."
                )
                % v
            )
        elif key == "unknown_category":
            out.append(_("Unknown cost category “%(category)s”.") % v)
        elif key == "negative_cost":
            out.append(_("%(year)s, %(partner)s: a cost cannot be negative.") % v)
        elif key == "unknown_financier":
            out.append(_("“%(name)s” is not one of the programme's financiers.") % v)
        elif key == "negative_financing":
            out.append(_("%(year)s, %(name)s: financing cannot be negative.") % v)
        elif key == "year_not_financed":
            out.append(
                _(
                    "%(year)s: costs are %(costs)s but financing is %(financing)s; "
                    "financing must equal costs (difference %(diff)s)."
                )
                % {
                    "year": v["year"],
                    "costs": kr(v["costs"]),
                    "financing": kr(v["financing"]),
                    "diff": kr(v["financing"] - v["costs"]),
                }
            )
        elif key == "share_mismatch":
            out.append(
                _(
                    "%(name)s finances %(amount)s (%(actual)s %%) but its share in the "
                    "programme is %(share)s %%, which is %(expected)s."
                )
                % {
                    "name": v["name"],
                    "amount": kr(v["amount"]),
                    "actual": number_format(v["actual_share"], decimal_pos=1),
                    "share": number_format(v["share"], decimal_pos=1),
                    "expected": kr(v["expected"]),
                }
            )
        elif key == "total_not_programme":
            out.append(
                _("The budget totals %(total)s but the programme's total budget is %(programme)s.")
                % {"total": kr(v["total"]), "programme": kr(v["programme"])}
            )
    return out


@dataclass
class BudgetInput:
    year: int
    organisation: Organisation
    category: str
    amount: Decimal


@dataclass
class FinancingInput:
    financier: Financier
    year: int
    amount: Decimal


def _core_lines(lines: list[BudgetInput]) -> list[budget.BudgetLine]:
    return [budget.BudgetLine(x.year, x.organisation.name, x.category, x.amount) for x in lines]


def _core_financing(rows: list[FinancingInput]) -> list[budget.FinancingLine]:
    return [budget.FinancingLine(x.financier.name, x.year, x.amount) for x in rows]


def _core_financiers(programme: Programme) -> list[budget.FinancierShare]:
    return [budget.FinancierShare(f.name, f.share_percent) for f in programme.financiers.all()]


@transaction.atomic
def budget_set(
    *,
    programme: Programme,
    lines: list[BudgetInput],
    financing: list[FinancingInput],
    rate_percent: Decimal | None = None,
    by=None,
) -> None:
    """Replace the programme's budget and financing plan; refuse one that does not add up."""
    rate = rate_of(programme) if rate_percent is None else rate_percent
    problems = budget.budget_problems(
        lines=_core_lines(lines),
        financing=_core_financing(financing),
        financiers=_core_financiers(programme),
        rate_percent=rate,
    )
    if problems:
        raise ValidationError(budget_messages(problems))
    plan = plan_for(programme)
    if plan.indirect_rate_percent != rate:
        audit.record(
            instance=plan,
            action="update",
            by=by,
            changes={"indirect_rate_percent": [str(plan.indirect_rate_percent), str(rate)]},
        )
        plan.indirect_rate_percent = rate
        plan.save()
    BudgetLine.objects.filter(programme=programme).delete()
    FinancingLine.objects.filter(programme=programme).delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            programme=programme,
            year=x.year,
            organisation=x.organisation,
            category=x.category,
            amount=x.amount,
        )
        for x in lines
    )
    FinancingLine.objects.bulk_create(
        FinancingLine(programme=programme, financier=x.financier, year=x.year, amount=x.amount)
        for x in financing
    )
    audit.record(
        instance=plan,
        action="update",
        by=by,
        changes={"budget_lines": len(lines), "financing_lines": len(financing)},
    )


def budget_check(programme: Programme) -> list[str]:
    """The stored plan's problems, the comparison with the programme's total included."""
    lines = [
        budget.BudgetLine(b.year, b.organisation.name, b.category, b.amount)
        for b in BudgetLine.objects.filter(programme=programme).select_related("organisation")
    ]
    financing = [
        budget.FinancingLine(f.financier.name, f.year, f.amount)
        for f in FinancingLine.objects.filter(programme=programme).select_related("financier")
    ]
    if not lines:
        return [_("No budget has been entered yet.")]
    return budget_messages(
        budget.budget_problems(
            lines=lines,
            financing=financing,
            financiers=_core_financiers(programme),
            rate_percent=rate_of(programme),
            programme_total=programme.total_budget,
        )
    )


@transaction.atomic
def partner_ledger_set(
    *, programme: Programme, organisation: Organisation, dimension="", object="", accounts=""
) -> PartnerLedger:
    if not (dimension and object) and not accounts:
        raise ValidationError(
            _("Give a dimension and object (e.g. 6 and P1) or a list of accounts.")
        )
    try:
        ledger.parse_account_list(accounts)
    except ValueError as e:
        raise ValidationError(
            _("“%(part)s” is not an account or a range such as 6540-6559.") % {"part": e}
        ) from e
    settings, _created = PartnerLedger.objects.update_or_create(
        programme=programme,
        organisation=organisation,
        defaults={"dimension": dimension, "object": object, "accounts": accounts},
    )
    return settings


@dataclass
class PartnerInput:
    organisation: Organisation
    orgnr: str = ""
    dimension: str = ""
    object: str = ""
    accounts: str = ""


def _partner_problems(row: PartnerInput) -> list[str]:
    name = row.organisation.name
    out = []
    if not (row.dimension and row.object) and not row.accounts:
        out.append(
            _("%(partner)s: give a dimension and object (e.g. 6 and P1) or a list of accounts.")
            % {"partner": name}
        )
    try:
        ledger.parse_account_list(row.accounts)
    except ValueError as e:
        out.append(
            _("%(partner)s: “%(part)s” is not an account or a range such as 6540-6559.")
            % {"partner": name, "part": e}
        )
    if row.orgnr and not orgnumbers.is_valid(row.orgnr):
        out.append(
            _("%(partner)s: “%(orgnr)s” is not a valid organisation number (e.g. 556694-6052).")
            % {"partner": name, "orgnr": row.orgnr}
        )
    return out


@transaction.atomic
def partner_ledgers_set(*, programme: Programme, rows: list[PartnerInput], by=None) -> None:
    """Every partner's ledger settings and organisation number at once; all or nothing."""
    problems = [m for row in rows for m in _partner_problems(row)]
    if problems:
        raise ValidationError(problems)
    for row in rows:
        org = row.organisation
        number = orgnumbers.normalise(row.orgnr) if row.orgnr else ""
        if org.orgnr != number:
            audit.record(
                instance=org, action="update", by=by, changes={"orgnr": [org.orgnr, number]}
            )
            org.orgnr = number
            org.save(update_fields=["orgnr"])
        current = PartnerLedger.objects.filter(programme=programme, organisation=org).first()
        values = {"dimension": row.dimension, "object": row.object, "accounts": row.accounts}
        before = audit.snapshot(current, list(values)) if current else {}
        settings, created = PartnerLedger.objects.update_or_create(
            programme=programme, organisation=org, defaults=values
        )
        if created or before != audit.snapshot(settings, list(values)):
            audit.record(
                instance=settings,
                action="create" if created else "update",
                by=by,
                changes=values,
            )


def claimed_period_of(programme: Programme, when: date) -> PaymentClaim | None:
    return (
        PaymentClaim.objects.filter(
            period__programme=programme,
            status=PaymentClaim.Status.SUBMITTED,
            period__start__lte=when,
            period__end__gte=when,
        )
        .select_related("period")
        .first()
    )


def date_problems(programme: Programme, when: date) -> list[str]:
    """Why a cost on `when` cannot join the ledger: outside the programme, or already claimed."""
    if not programme.start <= when <= programme.end:
        return [
            _("%(date)s is outside the programme period %(start)s–%(end)s.")
            % {"date": day(when), "start": day(programme.start), "end": day(programme.end)}
        ]
    claim = claimed_period_of(programme, when)
    if claim is not None:
        return [
            _(
                "%(date)s falls in reporting period %(number)s, which has already been claimed; "
                "book the correction in the next period."
            )
            % {"date": day(when), "number": claim.period.number}
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
    """A manual cost (or in-kind contribution) in the same ledger as the imported ones."""
    problems = date_problems(programme, when)
    if category not in budget.ENTERED:
        problems.append(
            _("Indirect costs are the flat rate and cannot be entered as a cost.")
            if category == budget.Category.INDIRECT
            else _("Unknown cost category “%(category)s”.") % {"category": category}
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


def category_label(key: str) -> str:
    return str(CATEGORY_LABELS.get(key, key))
