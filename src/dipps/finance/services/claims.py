"""Reporting periods and payment claims (ansökan om utbetalning).

A claim covers one reporting period: the period's counted costs per category, the flat
rate, in-kind contributions, project income (deducted: net eligible costs =
max(total − income, 0), `claim_model.net_eligible`), co-financing received, cumulative
figures against the budget version in force on the period's last day
(`selectors.version_in_force`; the claim names it), indicator values and the progress
report's text. Submitting freezes it: its figures are kept as a snapshot and its costs
are tied to it, so they cannot change and no new cost may be booked in its period
(corrections go into the next claim).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.core.formatting import short_date
from dipps.engagements.selectors import hours_without_attendance, in_kind_contributions
from dipps.indicators.selectors import horizontal_criteria, indicator_values
from dipps.programmes.models import Programme

from .. import budget, claim_model
from ..models import (
    CofinancingReceived,
    CostEntry,
    PaymentClaim,
    ReportingPeriod,
)
from ..selectors import cost_model_of, counted, rate_of, version_in_force, version_totals

TEXT_FIELDS = ("general", "working_method", "activities", "results")


@transaction.atomic
def reporting_periods_set(*, programme: Programme, periods: list[tuple[date, date]], by=None):
    """Set the reporting plan: consecutive periods inside the programme, numbered from 1.

    Periods beyond the new list are removed. A claimed period keeps its dates, and a
    period with a claim (draft or submitted) cannot be removed.
    """
    periods = sorted(periods)
    problems = []
    for i, (start, end) in enumerate(periods, 1):
        if end < start:
            problems.append(_("Period %(n)s ends before it starts.") % {"n": i})
        if start < programme.start or end > programme.end:
            problems.append(
                _("Period %(n)s (%(start)s–%(end)s) is outside the programme period.")
                % {"n": i, "start": short_date(start), "end": short_date(end)}
            )
        if i > 1 and start <= periods[i - 2][1]:
            problems.append(_("Period %(n)s overlaps the period before it.") % {"n": i})
    existing = {
        p.number: p
        for p in ReportingPeriod.objects.filter(programme=programme).select_related("claim")
    }
    for number, current in sorted(existing.items()):
        claim = getattr(current, "claim", None)
        wanted = periods[number - 1] if number <= len(periods) else None
        if claim is None or wanted == (current.start, current.end):
            continue
        if wanted is None:
            problems.append(
                _("Period %(n)s has a payment claim and cannot be removed.") % {"n": number}
            )
        elif claim.is_locked:
            problems.append(
                _("Period %(n)s (%(start)s–%(end)s) has been claimed; its dates cannot change.")
                % {"n": number, "start": short_date(current.start), "end": short_date(current.end)}
            )
    if problems:
        raise ValidationError(problems)
    for number, current in existing.items():
        if number > len(periods):
            current.delete()
    for i, (start, end) in enumerate(periods, 1):
        current = existing.get(i)
        if current is None:
            ReportingPeriod.objects.create(programme=programme, number=i, start=start, end=end)
        elif (current.start, current.end) != (start, end):
            current.start, current.end = start, end
            current.save()
    audit.record(
        instance=programme, action="update", by=by, changes={"reporting_periods": len(periods)}
    )


@dataclass
class ClaimFigures:
    costs: dict[str, Decimal]  # every category of budget.ORDER for the period
    total: Decimal
    cumulative: dict[str, Decimal]  # up to the period's end
    cumulative_total: Decimal
    budget: dict[str, Decimal]
    budget_total: Decimal
    cofinancing: list[tuple[str, Decimal]]
    rate_percent: Decimal
    entries: int
    indicators: dict
    # Snapshots from before issue 12 had one model, the 15 % one, and no ineligible costs.
    cost_model: str = budget.DEFAULT_COST_MODEL
    not_eligible: Decimal = Decimal("0.00")  # purchases booked under staff_plus_40
    # Project income (positive), in the period and up to its end; snapshots from before it
    # was modelled had none.
    income: Decimal = Decimal("0.00")
    cumulative_income: Decimal = Decimal("0.00")

    @property
    def net_total(self) -> Decimal:
        """The period's eligible costs less its income, never below 0 (the claim core's rule)."""
        return claim_model.net_eligible(self.total, self.income)

    @property
    def cumulative_net_total(self) -> Decimal:
        return claim_model.net_eligible(self.cumulative_total, self.cumulative_income)

    # In kind (issue 12): per contributor {name, public, hours, persons, amount}; the period's
    # in-kind cost is financed by the same amount in kind, public and private apart.
    in_kind: list[dict] = field(default_factory=list)
    in_kind_public: Decimal = Decimal("0.00")
    in_kind_private: Decimal = Decimal("0.00")
    # Activities of the period with participants' hours but no attendance list: not claimable.
    unlisted_activities: int = 0
    unlisted_hours: Decimal = Decimal("0.00")
    # The budget version compared with: the one in force on the period's last day.
    budget_version: int | None = None
    budget_decision: str = ""
    budget_decision_date: date | None = None

    def to_json(self) -> dict:
        def s(d):
            return {k: str(v) for k, v in d.items()}

        return {
            "costs": s(self.costs),
            "total": str(self.total),
            "cumulative": s(self.cumulative),
            "cumulative_total": str(self.cumulative_total),
            "budget": s(self.budget),
            "budget_total": str(self.budget_total),
            "cofinancing": [[n, str(a)] for n, a in self.cofinancing],
            "rate_percent": str(self.rate_percent),
            "entries": self.entries,
            "indicators": self.indicators,
            "cost_model": self.cost_model,
            "not_eligible": str(self.not_eligible),
            "income": str(self.income),
            "cumulative_income": str(self.cumulative_income),
            "in_kind": [
                {**c, "hours": _text(c["hours"]), "amount": str(c["amount"])} for c in self.in_kind
            ],
            "in_kind_public": str(self.in_kind_public),
            "in_kind_private": str(self.in_kind_private),
            "unlisted_activities": self.unlisted_activities,
            "unlisted_hours": str(self.unlisted_hours),
            "budget_version": self.budget_version,
            "budget_decision": self.budget_decision,
            "budget_decision_date": (
                self.budget_decision_date.isoformat() if self.budget_decision_date else None
            ),
        }

    @classmethod
    def from_json(cls, data: dict) -> ClaimFigures:
        def d(m):
            return {k: Decimal(v) for k, v in m.items()}

        return cls(
            costs=d(data["costs"]),
            total=Decimal(data["total"]),
            cumulative=d(data["cumulative"]),
            cumulative_total=Decimal(data["cumulative_total"]),
            budget=d(data["budget"]),
            budget_total=Decimal(data["budget_total"]),
            cofinancing=[(n, Decimal(a)) for n, a in data["cofinancing"]],
            rate_percent=Decimal(data["rate_percent"]),
            entries=data["entries"],
            indicators=data["indicators"],
            cost_model=data.get("cost_model", budget.DEFAULT_COST_MODEL),
            not_eligible=Decimal(data.get("not_eligible", "0.00")),
            income=Decimal(data.get("income", "0.00")),
            cumulative_income=Decimal(data.get("cumulative_income", "0.00")),
            in_kind=[
                {**c, "hours": _dec(c["hours"]), "amount": Decimal(c["amount"])}
                for c in data.get("in_kind", [])
            ],
            in_kind_public=Decimal(data.get("in_kind_public", "0.00")),
            in_kind_private=Decimal(data.get("in_kind_private", "0.00")),
            unlisted_activities=data.get("unlisted_activities", 0),
            unlisted_hours=Decimal(data.get("unlisted_hours", "0.00")),
            budget_version=data.get("budget_version"),
            budget_decision=data.get("budget_decision", ""),
            budget_decision_date=(
                date.fromisoformat(data["budget_decision_date"])
                if data.get("budget_decision_date")
                else None
            ),
        )

    @property
    def in_kind_financing(self) -> Decimal:
        """The in-kind financing: equal to the in-kind cost, by construction."""
        return self.in_kind_public + self.in_kind_private

    def rows(self):
        """(category, period, cumulative, budget, share of budget used in %) per category."""
        for key in self.costs:
            b = self.budget.get(key, Decimal(0))
            c = self.cumulative.get(key, Decimal(0))
            yield key, self.costs[key], c, b, (c * 100 / b if b else None)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def in_kind_of(programme: Programme, start: date, end: date, ledger) -> tuple[list[dict], Decimal]:
    """In-kind contributions of `start`..`end`: from the attendance lists (per firm or
    organisation, hours × the rate of each person's role on the activity's date; see
    engagements/in_kind.py) and, entered by hand in the ledger (category in_kind, e.g.
    premises), per partner. Firms are private contributors, organisations public.
    Returns the rows and their total (the in-kind cost and the in-kind financing)."""
    rows = [
        {
            "name": c.name,
            "public": c.public,
            "hours": budget.money(c.hours),
            "persons": c.person_count,
            "amount": c.amount,
        }
        for c in in_kind_contributions(programme, start, end)
    ]
    booked = (
        ledger.filter(category=budget.Category.IN_KIND)
        .values_list("organisation__name")
        .annotate(s=Sum("amount"))
        .order_by("organisation__name")
    )
    rows += [
        {"name": name, "public": True, "hours": None, "persons": None, "amount": budget.money(s)}
        for name, s in booked
    ]
    return rows, budget.money(sum((r["amount"] for r in rows), Decimal(0)))


def _by_category(qs) -> dict[str, Decimal]:
    return dict(qs.values_list("category").annotate(s=Sum("amount")).order_by())


def period_entries(claim: PaymentClaim):
    """The costs a claim covers: tied to it once submitted; before that, the period's."""
    period = claim.period
    if claim.is_locked:
        return CostEntry.objects.filter(claim=claim, excluded=False)
    return counted(period.programme).filter(
        date__range=(period.start, period.end), claim__isnull=True
    )


def claim_figures_live(claim: PaymentClaim) -> ClaimFigures:
    period = claim.period
    programme = period.programme
    rate = rate_of(programme)
    model = cost_model_of(programme)
    entries = period_entries(claim)
    booked = _by_category(entries)
    # In kind: the attendance lists' value and the in-kind rows of the ledger (in_kind_of).
    in_kind, booked[budget.Category.IN_KIND] = in_kind_of(
        programme, period.start, period.end, entries
    )
    costs = budget.with_flat_rate(booked, rate, model)
    so_far = counted(programme).filter(date__lte=period.end)
    booked_so_far = _by_category(so_far)
    booked_so_far[budget.Category.IN_KIND] = in_kind_of(
        programme, programme.start, period.end, so_far
    )[1]
    cumulative = budget.with_flat_rate(booked_so_far, rate, model)
    unlisted = hours_without_attendance(programme, period.start, period.end)
    version = version_in_force(programme, period.end)
    totals = version_totals(version)
    plan = totals.by_category or budget.with_flat_rate({}, rate, model)
    return ClaimFigures(
        costs=costs,
        total=budget.total(costs),
        cumulative=cumulative,
        cumulative_total=budget.total(cumulative),
        budget=plan,
        budget_total=budget.total(plan),
        cofinancing=[
            (c.financier.name, c.amount)
            for c in claim.cofinancing.select_related("financier").order_by("financier__name")
        ],
        rate_percent=rate,
        entries=entries.count(),
        indicators=_indicators(programme, period.start, period.end),
        cost_model=model,
        not_eligible=budget.not_eligible(booked, model),
        income=budget.money(booked.get(budget.INCOME, Decimal(0))),
        cumulative_income=budget.money(booked_so_far.get(budget.INCOME, Decimal(0))),
        in_kind=in_kind,
        in_kind_public=budget.money(sum((r["amount"] for r in in_kind if r["public"]), Decimal(0))),
        in_kind_private=budget.money(
            sum((r["amount"] for r in in_kind if not r["public"]), Decimal(0))
        ),
        unlisted_activities=unlisted[0],
        unlisted_hours=unlisted[1],
        budget_version=version.number if version else None,
        budget_decision=version.decision_reference if version else "",
        budget_decision_date=version.decision_date if version else None,
    )


def _indicators(programme, start: date, end: date) -> dict:
    """The period's indicator values with its horizontal criteria under `horizontal`
    (kept in the snapshot, so a submitted claim shows the figures it was sent with)."""
    values = indicator_values(programme, start, end)
    values["horizontal"] = horizontal_criteria(programme, start, end, values)
    return values


def claim_figures(claim: PaymentClaim) -> ClaimFigures:
    if claim.is_locked and claim.snapshot:
        return ClaimFigures.from_json(claim.snapshot)
    return claim_figures_live(claim)


def _editable(claim: PaymentClaim) -> None:
    if claim.is_locked:
        raise ValidationError(
            _("This claim has been submitted and is frozen; put corrections in the next claim.")
        )


@transaction.atomic
def claim_open(*, period: ReportingPeriod, by=None) -> PaymentClaim:
    claim, created = PaymentClaim.objects.get_or_create(period=period)
    if created:
        for financier in period.programme.financiers.all():
            CofinancingReceived.objects.create(claim=claim, financier=financier)
        audit.record(instance=claim, action="create", by=by)
    return claim


@transaction.atomic
def claim_update(
    *, claim: PaymentClaim, texts: dict[str, str], cofinancing: dict[int, Decimal], by=None
) -> None:
    """Write the progress report's text and the co-financing received per financier."""
    _editable(claim)
    before = audit.snapshot(claim, list(TEXT_FIELDS))
    for name in TEXT_FIELDS:
        if name in texts:
            setattr(claim, name, texts[name])
    claim.save()
    for row in claim.cofinancing.all():
        if row.financier_id in cofinancing:
            amount = cofinancing[row.financier_id]
            if amount < 0:
                raise ValidationError(_("Co-financing received cannot be negative."))
            row.amount = budget.money(amount)
            row.save()
    changes = audit.diff(before, audit.snapshot(claim, list(TEXT_FIELDS)))
    changes["cofinancing"] = {str(k): str(v) for k, v in cofinancing.items()}
    audit.record(instance=claim, action="update", by=by, changes=changes)


@transaction.atomic
def claim_submit(*, claim: PaymentClaim, by=None, when: datetime | None = None) -> PaymentClaim:
    claim = PaymentClaim.objects.select_for_update().get(pk=claim.pk)
    _editable(claim)
    period = claim.period
    earlier = PaymentClaim.objects.filter(
        period__programme=period.programme,
        period__start__lt=period.start,
        status=PaymentClaim.Status.DRAFT,
    ).select_related("period")
    problems = [
        _("Submit the claim for period %(n)s first.") % {"n": c.period.number} for c in earlier
    ]
    pending = CostEntry.objects.filter(
        programme=period.programme,
        state=CostEntry.State.PENDING,
        date__range=(period.start, period.end),
    ).count()
    if pending:
        problems.append(
            _(
                "%(n)s imported rows dated in this period are still in review; confirm or "
                "discard that import first."
            )
            % {"n": pending}
        )
    if problems:
        raise ValidationError(problems)
    period_entries(claim).update(claim=claim)
    claim.status = PaymentClaim.Status.SUBMITTED
    claim.submitted = when or timezone.now()
    claim.submitted_by = by if by is not None and by.is_authenticated else None
    # Figures computed after the costs were tied to the claim, then frozen.
    claim.snapshot = claim_figures_live(claim).to_json()
    claim.save()
    # The last claim's final report keeps its figures too (issue 12, item 8).
    from .evaluation import final_report_freeze

    final_report_freeze(claim)
    audit.record(instance=claim, action="update", by=by, changes={"status": ["draft", "submitted"]})
    return claim
