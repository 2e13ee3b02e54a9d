"""Writes for programmes, each in one transaction, validated by the rules core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import RestrictedError
from django.utils.translation import gettext as _

from dipps.core import formatting

from . import decisions
from .models import Financier, Programme


def thresholds() -> decisions.Thresholds:
    return decisions.Thresholds(
        director_max_own_cofinancing=settings.DIPPS_DIRECTOR_MAX_OWN_COFINANCING_SEK,
        board_min_total_budget=settings.DIPPS_BOARD_MIN_TOTAL_BUDGET_SEK,
    )


def financing_messages(total_budget: Decimal, shares: list[decisions.Share]) -> list[str]:
    """The financing plan's problems as sentences a person can act on."""
    messages = []
    for key, v in decisions.financing_problems(total_budget, shares):
        if key == "no_financiers":
            messages.append(_("Add at least one financier."))
        elif key == "shares_not_100":
            messages.append(
                _("Financier shares sum to %(sum)s %%; they must sum to exactly 100 %%.")
                % {"sum": formatting.number(v["sum"], 3)}
            )
        elif key == "amounts_not_total":
            messages.append(
                _("Financier amounts sum to %(sum)s; they must equal the total budget %(total)s.")
                % {"sum": formatting.kr(v["sum"]), "total": formatting.kr(v["total"])}
            )
        elif key == "negative":
            messages.append(_("%(name)s: share and amount cannot be negative.") % v)
    return messages


@dataclass
class FinancierInput:
    name: str
    share_percent: Decimal
    amount: Decimal
    financier_type: str
    contribution: str = Financier.Contribution.CASH
    is_owner: bool = False
    decision_number: str = ""
    decision_date: date | None = None
    decided_amount: Decimal | None = None
    conditions: str = ""


@transaction.atomic
def programme_set_financiers(*, programme: Programme, financiers: list[FinancierInput]) -> None:
    """Replace the programme's financiers; refuse a plan that does not add up.

    A financier is matched by name and updated in place, so what points at it (the financing
    lines of every budget version, approved ones included, and the co-financing received in
    claims) is kept; only financiers no longer listed are removed, and one that finances a
    budget version is refused (its financing lines RESTRICT the delete).
    """
    shares = [decisions.Share(f.name, f.share_percent, f.amount) for f in financiers]
    messages = financing_messages(programme.total_budget, shares)
    if messages:
        raise ValidationError(messages)
    removed = programme.financiers.exclude(name__in=[f.name for f in financiers])
    try:
        with transaction.atomic():
            removed.delete()
    except RestrictedError as e:
        # Another app's rows that must keep the financier (a budget version's financing).
        names = sorted({o.financier.name for o in e.restricted_objects if hasattr(o, "financier")})
        raise ValidationError(
            [
                _("%(name)s finances an approved or planned budget and cannot be removed.")
                % {"name": n}
                for n in names
            ]
        ) from e
    for f in financiers:
        values = {**f.__dict__, "kind": Financier.kind_of(f.financier_type)}
        Financier.objects.update_or_create(
            programme=programme, name=values.pop("name"), defaults=values
        )


def owner_cofinancing(programme: Programme) -> Decimal:
    """The owner's own money in the programme (not a state appropriation it handles)."""
    return decisions.owner_cofinancing(
        [
            decisions.Funding(f.amount, f.financier_type, f.is_owner)
            for f in programme.financiers.all()
        ]
    )


@dataclass
class DecisionCheck:
    required: decisions.Decision
    body_label: str
    reason: str
    warnings: list[str]


def programme_decision_check(programme: Programme) -> DecisionCheck:
    limits = thresholds()
    required = decisions.required_decision(
        total_budget=programme.total_budget,
        owner_cofinancing=owner_cofinancing(programme),
        thresholds=limits,
    )
    reasons = {
        "total_budget_over_board_limit": _(
            "The total budget exceeds %(limit)s, so the regional development board must "
            "approve the programme before it starts."
        ),
        "own_cofinancing_within_director_limit": _(
            "The owner's own co-financing is at most %(director)s, so the regional director "
            "may decide."
        ),
        "own_cofinancing_over_director_limit": _(
            "The owner's own co-financing exceeds %(director)s, so the regional development "
            "board decides."
        ),
    }
    reason = reasons[required.reason] % {
        "limit": formatting.kr(limits.board_min_total_budget),
        "director": formatting.kr(limits.director_max_own_cofinancing),
    }
    problem_text = {
        "no_decision_recorded": _("No decision is recorded (body and date)."),
        "wrong_body": _("The recorded decision body does not match the delegation order."),
        "decided_after_start": _("The decision is dated after the programme started."),
    }
    warnings = [
        problem_text[p]
        for p in decisions.decision_problems(
            required=required,
            recorded_body=programme.decision_body,
            decision_date=programme.decision_date,
            start=programme.start,
        )
    ]
    label = Programme.DecisionBody(required.body.value).label
    return DecisionCheck(required, str(label), reason, warnings)
