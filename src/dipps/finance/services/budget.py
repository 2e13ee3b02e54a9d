"""Writes that set a programme's finances up: the budget and financing plan, the flat rate
and the partners' ledger settings.

Each service runs in one transaction and validates with the rules core (`finance/budget.py`);
a refusal is a `ValidationError` whose messages a person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import number
from dipps.programmes.models import Financier, Organisation, Programme

from .. import budget, ledger
from ..messages import budget_messages
from ..models import BudgetLine, FinancePlan, FinancingLine, PartnerLedger, StaffCostMethod
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


@transaction.atomic
def budget_set(
    *,
    programme: Programme,
    lines: list[BudgetInput],
    financing: list[FinancingInput],
    rate_percent: Decimal | None = None,
    cost_model: str | None = None,
    staff_cost_method: str | None = None,
    uplift_percent: Decimal | None = None,
    by=None,
) -> None:
    """Replace the programme's budget and financing plan; refuse one that does not add up,
    a rate outside the cost model's range, purchases under staff_plus_40, an unknown staff
    cost method or a negative uplift."""
    rate = rate_of(programme) if rate_percent is None else rate_percent
    model = cost_model_of(programme) if cost_model is None else cost_model
    old_method, old_uplift = staff_cost_method_of(programme)
    method = old_method if staff_cost_method is None else staff_cost_method
    uplift = old_uplift if uplift_percent is None else uplift_percent
    problems = budget.budget_problems(
        lines=_core_lines(lines),
        financing=_core_financing(financing),
        financiers=financier_shares(programme),
        rate_percent=rate,
        cost_model=model,
    )
    messages = budget_messages(problems) if problems else []
    if method not in StaffCostMethod.values:
        messages.append(
            _("Staff cost method: choose the unit cost per hour or the annual employment cost.")
        )
    if uplift < 0:
        messages.append(
            _("Yearly uplift of the unit cost: must be 0 %% or more, not %(value)s %%.")
            % {"value": number(uplift, 2)}
        )
    if messages:
        raise ValidationError(messages)
    plan = plan_for(programme)
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
            _("%(partner)s: “%(orgnr)s” is not a valid organisation number (e.g. 556694-6052).")
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
