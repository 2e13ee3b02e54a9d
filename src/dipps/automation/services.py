"""Writes of the automation pre-studies, each in one transaction with the audit history.

``step_to_scenario`` is the one click of docs/competence.md: a process step becomes an
action-plan item of the firm's engagement and an automation measure in its latest cost
structure, so that the scenario planner shows how the investment changes the exposure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.engagements import services as engagements
from dipps.engagements.models import ActionItem
from dipps.scenarios import services as scenarios
from dipps.scenarios.models import CostStructure, MeasureType

from . import payback
from .models import PreStudy, ProcessStep, Quote, Solution

PRESTUDY_FIELDS = ("title", "status", "hourly_labour_cost", "years", "discount_rate_percent")
PRESTUDY_FIELDS += ("summary",)
STEP_FIELDS = (
    "name",
    "what_is_done",
    "cycle_time_seconds",
    "annual_volume",
    "manual_hours_per_year",
    "problems",
    "solution",
    "hours_saved_per_year",
    "other_annual_savings",
    "residual_value",
    "risks",
    "roles_changing",
)
QUOTE_FIELDS = ("supplier", "investment", "annual_operating_cost", "chosen")

# The catalogue's intervention type that fits each solution (maturity/data/interventions.json):
# robots, cobots and AGVs are piloted as a robot cell, vision as a vision pilot; software
# automation starts from the digital capture of the production data it works on.
INTERVENTION = {
    Solution.ROBOT: "robot_cell_pilot",
    Solution.COBOT: "robot_cell_pilot",
    Solution.AGV: "robot_cell_pilot",
    Solution.VISION: "ai_vision_pilot",
    Solution.SOFTWARE: "production_data_capture",
}
SHARE = Decimal("0.0001")


def _check_prestudy(values: Mapping[str, object]) -> None:
    errors = {}
    years = values.get("years")
    if not isinstance(years, int) or not 1 <= years <= payback.MAX_YEARS:
        errors["years"] = _("Give the economic life in whole years, from 1 to 100.")
    for name in ("hourly_labour_cost", "discount_rate_percent"):
        value = values.get(name)
        if not isinstance(value, Decimal) or value < 0:
            errors[name] = _("Give a number of 0 or more.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def prestudy_save(
    *, company, programme, values: Mapping[str, object], by, prestudy: PreStudy | None = None
) -> PreStudy:
    """Create a pre-study of `company` in `programme`, or change `prestudy`."""
    _check_prestudy(values)
    creating = prestudy is None
    before = {} if creating else audit.snapshot(prestudy, PRESTUDY_FIELDS)
    if prestudy is None:
        prestudy = PreStudy(company=company, programme=programme, created_by=audit.acting_user(by))
    for name in PRESTUDY_FIELDS:
        if name in values:
            setattr(prestudy, name, values[name])
    prestudy.save()
    after = audit.snapshot(prestudy, PRESTUDY_FIELDS)
    audit.record(
        instance=prestudy,
        action="create" if creating else "update",
        by=by,
        changes=after if creating else audit.diff(before, after),
    )
    return prestudy


@dataclass(frozen=True)
class QuoteInput:
    supplier: str
    investment: Decimal
    annual_operating_cost: Decimal = Decimal(0)
    chosen: bool = False


def _check_quotes(quotes: Sequence[QuoteInput]) -> None:
    chosen = [q for q in quotes if q.chosen]
    if len(chosen) > 1:
        raise ValidationError({"quotes": _("Choose one quote only.")})
    if quotes and not chosen:
        raise ValidationError({"quotes": _("Choose the quote that the calculation uses.")})
    for q in quotes:
        if q.investment < 0 or q.annual_operating_cost < 0:
            raise ValidationError({"quotes": _("A quote's amounts cannot be negative.")})


def _quote_text(quote: Quote | QuoteInput) -> str:
    """A quote as the audit history keeps it; the chosen one is starred."""
    return (
        f"{quote.supplier}: {Decimal(quote.investment):.2f} + "
        f"{Decimal(quote.annual_operating_cost):.2f}/y{' *' if quote.chosen else ''}"
    )


@transaction.atomic
def step_save(
    *,
    prestudy: PreStudy,
    values: Mapping[str, object],
    quotes: Sequence[QuoteInput],
    by,
    step: ProcessStep | None = None,
) -> ProcessStep:
    """Create or change a process step and replace its quotes (all or nothing)."""
    _check_quotes(quotes)
    for name in ("manual_hours_per_year", "hours_saved_per_year", "other_annual_savings"):
        value = values.get(name)
        if isinstance(value, Decimal) and value < 0:
            raise ValidationError({name: _("Give a number of 0 or more.")})
    creating = step is None
    before = {} if creating else audit.snapshot(step, STEP_FIELDS)
    if step is not None:
        before["quotes"] = [_quote_text(q) for q in step.quotes.order_by("id")]
    step = step or ProcessStep(prestudy=prestudy)
    for name in STEP_FIELDS:
        if name in values:
            setattr(step, name, values[name])
    step.save()
    step.quotes.all().delete()
    Quote.objects.bulk_create(
        Quote(
            step=step,
            supplier=q.supplier,
            investment=q.investment,
            annual_operating_cost=q.annual_operating_cost,
            chosen=q.chosen,
        )
        for q in quotes
    )
    after = audit.snapshot(step, STEP_FIELDS)
    after["quotes"] = [_quote_text(q) for q in quotes]
    changes = after if creating else audit.diff(before, after)
    if changes:
        audit.record(
            instance=step, action="create" if creating else "update", by=by, changes=changes
        )
    return step


@transaction.atomic
def step_delete(*, step: ProcessStep, by) -> None:
    audit.record(instance=step, action="delete", by=by, changes=audit.snapshot(step, STEP_FIELDS))
    step.delete()


@dataclass(frozen=True)
class ScenarioLink:
    """What the one click made: the measure, its plan item and the share of labour it cuts;
    `capped` when the hours saved are worth more than the structure's whole labour cost."""

    cost_structure: CostStructure
    labour_reduction: Decimal
    capped: bool


def labour_share(step: ProcessStep, cost_structure: CostStructure) -> tuple[Decimal, bool]:
    """hours saved × hourly labour cost / the structure's labour cost, as a fraction; capped at
    1 (all of the labour), with the flag set, when the hours are worth more than that."""
    if cost_structure.labour <= 0:
        raise ValidationError(
            _(
                "The cost structure for %(year)s has no labour cost, so the share of labour "
                "saved cannot be computed. Enter the labour cost in the cost structure first."
            )
            % {"year": cost_structure.year}
        )
    saved = step.hours_saved_per_year * step.prestudy.hourly_labour_cost
    share = (saved / cost_structure.labour).quantize(SHARE, rounding=ROUND_HALF_UP)
    return (Decimal(1), True) if share > 1 else (share, False)


@transaction.atomic
def step_to_scenario(*, step: ProcessStep, by) -> ScenarioLink:
    """The step becomes (or updates) an action-plan item and an automation measure.

    Idempotent: a second click updates the item and the measure made by the first (the item
    only if it still exists), so a changed quote or hour count reaches the scenario.
    """
    study = step.prestudy
    quote = step.chosen_quote()
    if quote is None:
        raise ValidationError(_("Choose a supplier quote for the step first."))
    cost_structure = CostStructure.objects.filter(company=study.company).order_by("-year").first()
    if cost_structure is None:
        raise ValidationError(
            _("The firm has no cost structure yet. Enter one in the scenario planner first.")
        )
    share, capped = labour_share(step, cost_structure)
    item = step.action_item
    goal = f"{step.get_solution_display()}: {step.name}"[:300]
    if item is None:
        item = engagements.action_item_from_suggestion(
            company=study.company,
            programme=study.programme,
            intervention_id=INTERVENTION[Solution(step.solution)],
            dimension_ids=["automation"],
            title=goal,
            by=by,
        )
    else:
        item = engagements.action_item_save(
            engagement=item.engagement,
            item=item,
            values={"goal": goal, "intervention": INTERVENTION[Solution(step.solution)]},
            by=by,
        )
    data = {
        "type": MeasureType.AUTOMATION,
        "name": goal[:200],
        "labour_reduction": share,
        "investment": quote.investment,
        "years": study.years,
        "action_item": item,
    }
    measure = step.measure
    if measure is not None and measure.cost_structure_id == cost_structure.pk:
        measure = scenarios.measure_update(measure=measure, data=data, by=by)
    else:
        measure = scenarios.measure_add(cost_structure=cost_structure, data=data, by=by)
    step.action_item, step.measure = item, measure
    step.save(update_fields=["action_item", "measure"])
    audit.record(
        instance=step,
        action="update",
        by=by,
        changes={"action_item": item.pk, "measure": measure.pk, "labour_reduction": str(share)},
    )
    return ScenarioLink(cost_structure, share, capped)


def item_status(step: ProcessStep) -> str | None:
    """The plan item's status label, for the step's row; None when it has none."""
    item: ActionItem | None = step.action_item
    return None if item is None else str(item.get_status_display())
