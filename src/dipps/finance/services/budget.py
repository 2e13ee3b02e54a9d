"""Writes that set a programme's finances up: the budget and financing plan, the flat rate
and the partners' ledger settings.

Each service runs in one transaction and validates with the rules core (`finance/budget.py`);
a refusal is a `ValidationError` whose messages a person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import number, short_date
from dipps.programmes.models import Financier, Organisation, Programme

from .. import budget, ledger
from ..messages import budget_messages
from ..models import (
    BudgetLine,
    BudgetVersion,
    FinancePlan,
    FinancingLine,
    PartnerLedger,
    StaffCostMethod,
)
from ..selectors import cost_model_of, financier_shares, rate_of, staff_cost_method_of


def plan_for(programme: Programme) -> FinancePlan:
    plan, _created = FinancePlan.objects.get_or_create(programme=programme)
    return plan


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


def _staff_method_problems(method: str, uplift: Decimal) -> list[str]:
    problems = []
    if method not in StaffCostMethod.values:
        problems.append(
            _("Staff cost method: choose the unit cost per hour or the annual employment cost.")
        )
    if uplift < 0:
        problems.append(
            _("Yearly uplift of the unit cost: must be 0 %% or more, not %(value)s %%.")
            % {"value": number(uplift, 2)}
        )
    return problems


def _set_staff_method(plan: FinancePlan, *, method: str, uplift: Decimal, by) -> None:
    """The staff cost method and uplift belong to the programme, not to a budget version."""
    for name, old, new in (
        ("staff_cost_method", plan.staff_cost_method, method),
        ("uplift_percent", plan.uplift_percent, uplift),
    ):
        if old != new:
            audit.record(
                instance=plan, action="update", by=by, changes={name: [str(old), str(new)]}
            )
            setattr(plan, name, new)
            plan.save(update_fields=[name])


def _set_plan(plan: FinancePlan, *, model: str, rate: Decimal, by) -> None:
    """The programme's cost model and rate (what its claims count with) follow a budget."""
    if plan.cost_model != model:
        audit.record(
            instance=plan,
            action="update",
            by=by,
            changes={"cost_model": [plan.cost_model, model]},
        )
        plan.cost_model = model
        plan.save()
    if plan.indirect_rate_percent != rate:
        audit.record(
            instance=plan,
            action="update",
            by=by,
            changes={"indirect_rate_percent": [str(plan.indirect_rate_percent), str(rate)]},
        )
        plan.indirect_rate_percent = rate
        plan.save()


def _has_approved(programme: Programme) -> bool:
    return BudgetVersion.objects.filter(
        programme=programme, status=BudgetVersion.Status.APPROVED
    ).exists()


def _draft_for(programme: Programme, *, by) -> BudgetVersion:
    """The draft to write into: the open one, or a new version (1, or a change request)."""
    current = (
        BudgetVersion.objects.select_for_update()
        .filter(programme=programme, status__in=BudgetVersion.OPEN)
        .first()
    )
    if current is not None:
        if not current.is_editable:
            raise ValidationError(
                _(
                    "Version %(n)s has been submitted and awaits its decision; it cannot be "
                    "changed until it is approved or rejected."
                )
                % {"n": current.number}
            )
        return current
    last = BudgetVersion.objects.filter(programme=programme).order_by("-number").first()
    draft = BudgetVersion.objects.create(
        programme=programme,
        number=last.number + 1 if last else 1,
        kind=(
            BudgetVersion.Kind.CHANGE if _has_approved(programme) else BudgetVersion.Kind.ORIGINAL
        ),
        status=BudgetVersion.Status.DRAFT,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    audit.record(instance=draft, action="create", by=by, changes={"number": draft.number})
    return draft


@transaction.atomic
def budget_set(
    *,
    programme: Programme,
    lines: list[BudgetInput],
    financing: list[FinancingInput],
    rate_percent: Decimal | None = None,
    cost_model: str | None = None,
    reason: str | None = None,
    staff_cost_method: str | None = None,
    uplift_percent: Decimal | None = None,
    by=None,
) -> BudgetVersion:
    """Write the budget and financing plan into the programme's draft version.

    Approved (and rejected) versions are never written: the draft is the open version, or
    a new one — version 1 (the original) for a programme without an approved budget, else a
    change request. A submitted version awaiting its decision is refused, as is a plan that
    does not add up, a rate outside the cost model's range, purchases under staff_plus_40,
    an unknown staff cost method or a negative uplift (those two are the programme's, not
    the version's, and take effect at once).
    Until a budget has been approved, the programme's cost model and rate follow the draft;
    after that they change only when a change request is approved.
    """
    rate = rate_of(programme) if rate_percent is None else rate_percent
    model = cost_model_of(programme) if cost_model is None else cost_model
    problems = budget.budget_problems(
        lines=_core_lines(lines),
        financing=_core_financing(financing),
        financiers=financier_shares(programme),
        rate_percent=rate,
        cost_model=model,
    )
    old_method, old_uplift = staff_cost_method_of(programme)
    method = old_method if staff_cost_method is None else staff_cost_method
    uplift = old_uplift if uplift_percent is None else uplift_percent
    messages = (budget_messages(problems) if problems else []) + _staff_method_problems(
        method, uplift
    )
    if messages:
        raise ValidationError(messages)
    _set_staff_method(plan_for(programme), method=method, uplift=uplift, by=by)
    draft = _draft_for(programme, by=by)
    if not _has_approved(programme):
        _set_plan(plan_for(programme), model=model, rate=rate, by=by)
    before = audit.snapshot(draft, ["cost_model", "rate_percent", "reason"])
    draft.cost_model, draft.rate_percent = model, rate
    if reason is not None:
        draft.reason = reason
    draft.save()
    draft.lines.all().delete()
    draft.financing.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=draft,
            year=x.year,
            organisation=x.organisation,
            category=x.category,
            amount=x.amount,
        )
        for x in lines
    )
    FinancingLine.objects.bulk_create(
        FinancingLine(version=draft, financier=x.financier, year=x.year, amount=x.amount)
        for x in financing
    )
    changes: dict = audit.diff(
        before, audit.snapshot(draft, ["cost_model", "rate_percent", "reason"])
    )
    changes.update({"budget_lines": len(lines), "financing_lines": len(financing)})
    audit.record(instance=draft, action="update", by=by, changes=changes)
    return draft


def _open(version: BudgetVersion) -> BudgetVersion:
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_open:
        raise ValidationError(
            _("Version %(n)s has already been decided (%(status)s); it cannot change.")
            % {"n": version.number, "status": version.get_status_display()}
        )
    return version


@transaction.atomic
def budget_version_submit(*, version: BudgetVersion, by=None) -> BudgetVersion:
    """Hand a draft to the programme manager for the decision; it can no longer be edited."""
    version = _open(version)
    if not version.is_editable:
        raise ValidationError(
            _("Version %(n)s has already been submitted.") % {"n": version.number}
        )
    if not version.lines.exists():
        raise ValidationError(_("Version %(n)s has no budget lines.") % {"n": version.number})
    version.status = BudgetVersion.Status.SUBMITTED
    version.save(update_fields=["status"])
    audit.record(
        instance=version, action="update", by=by, changes={"status": ["draft", "submitted"]}
    )
    return version


@transaction.atomic
def budget_version_decide(
    *,
    version: BudgetVersion,
    approve: bool,
    reference: str,
    decided: date | None,
    in_force_from: date | None = None,
    by=None,
) -> BudgetVersion:
    """Record the decision on an open version (draft or submitted).

    Approving needs the decision's reference and date and the day the version comes into
    force (inside the programme period); from then on the version never changes, and the
    programme's cost model and rate follow it. A change request needs its reason. Rejecting
    keeps the version, unchanged, for the history; its reference and date are optional.
    """
    version = _open(version)
    programme = version.programme
    problems = []
    if approve:
        if not reference.strip():
            problems.append(_("Decision reference: give the decision's reference number."))
        if decided is None:
            problems.append(_("Decision date: give the date of the decision."))
        if in_force_from is None:
            problems.append(_("In force from: give the day the budget comes into force."))
        elif not programme.start <= in_force_from <= programme.end:
            problems.append(
                _("In force from: %(day)s is outside the programme period (%(start)s–%(end)s).")
                % {
                    "day": short_date(in_force_from),
                    "start": short_date(programme.start),
                    "end": short_date(programme.end),
                }
            )
        if version.kind == BudgetVersion.Kind.CHANGE and not version.reason.strip():
            problems.append(_("A change request needs its reason before it can be approved."))
        if not version.lines.exists():
            problems.append(_("Version %(n)s has no budget lines.") % {"n": version.number})
    if problems:
        raise ValidationError(problems)
    before = version.status
    version.status = BudgetVersion.Status.APPROVED if approve else BudgetVersion.Status.REJECTED
    version.decision_reference = reference.strip()
    version.decision_date = decided
    version.in_force_from = in_force_from if approve else None
    version.save()
    audit.record(
        instance=version,
        action="update",
        by=by,
        changes={
            "status": [before, version.status],
            "decision_reference": version.decision_reference,
            "decision_date": str(decided or ""),
            "in_force_from": str(version.in_force_from or ""),
        },
    )
    if approve:
        _set_plan(plan_for(programme), model=version.cost_model, rate=version.rate_percent, by=by)
    return version


@dataclass
class PartnerInput:
    organisation: Organisation
    orgnr: str = ""
    dimension: str = ""
    object: str = ""
    accounts: str = ""


def _partner_problems(row: PartnerInput) -> list[str]:
    from dipps.companies import orgnr as orgnumbers

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
            _("%(partner)s: “%(orgnr)s” is not a valid organisation number (e.g. 556694-6058).")
            % {"partner": name, "orgnr": row.orgnr}
        )
    return out


@transaction.atomic
def partner_ledgers_set(*, programme: Programme, rows: list[PartnerInput], by=None) -> None:
    """Every partner's ledger settings and organisation number at once; all or nothing."""
    from dipps.companies import orgnr as orgnumbers

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
