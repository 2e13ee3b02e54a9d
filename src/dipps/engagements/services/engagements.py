"""Writes for engagements (a company's path through the working method's stages)
and their action plans, each in one transaction, with audit history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.companies.services import eligibility_require
from dipps.core import audit

from .. import catalogue, rules
from ..messages import raise_for
from ..models import ActionItem, Engagement, EnvironmentTag, Stage, StageChange

# --- engagements and stages -------------------------------------------------


@transaction.atomic
def engagement_start(*, company, programme, coaches=(), by, on: date | None = None) -> Engagement:
    on = on or timezone.localdate()
    engagement, created = Engagement.objects.get_or_create(
        company=company, programme=programme, defaults={"started": on}
    )
    if coaches:
        engagement.coaches.add(*coaches)
    if created:
        StageChange.objects.create(
            engagement=engagement, to_stage=Stage.FIRST_CONTACT, on=on, by=audit.acting_user(by)
        )
        audit.record(
            instance=engagement, action="create", by=by, changes={"stage": "first_contact"}
        )
    return engagement


@transaction.atomic
def engagement_move(*, engagement: Engagement, stage: str, reason: str = "", by, on=None):
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    problem = rules.stage_problem(engagement.stage, stage, reason)
    if problem:
        raise_for([problem])
    before = engagement.stage
    engagement.stage = stage
    engagement.stage_reason = reason.strip() if stage in rules.NEEDS_REASON else ""
    engagement.save(update_fields=["stage", "stage_reason"])
    StageChange.objects.create(
        engagement=engagement,
        from_stage=before,
        to_stage=stage,
        reason=reason.strip(),
        on=on or timezone.localdate(),
        by=audit.acting_user(by),
    )
    audit.record(instance=engagement, action="update", by=by, changes={"stage": [before, stage]})
    return engagement


# --- action plan ------------------------------------------------------------

ITEM_FIELDS = [
    "goal",
    "dimensions",
    "intervention",
    "owner",
    "due",
    "status",
    "expected_effect",
    "expected_kwh_year",
    "expected_tonnes_year",
    "environment",
    "outcome",
    "new_or_improved_product",
    "new_or_improved_process",
    "organisational_or_marketing_change",
]


def _check_item(values: dict) -> None:
    errors = {}
    if values.get("intervention") not in catalogue.type_ids():
        errors["intervention"] = _("Choose an intervention type from the catalogue.")
    unknown = sorted(set(values.get("dimensions") or []) - catalogue.dimension_ids())
    if unknown:
        errors["dimensions"] = _("Unknown maturity dimension(s): %(ids)s.") % {
            "ids": ", ".join(unknown)
        }
    tags = list(values.get("environment") or [])
    if set(tags) - set(EnvironmentTag.values):
        errors["environment"] = _("Choose energy, material, emissions or none.")
    elif EnvironmentTag.NONE in tags and len(tags) > 1:
        errors["environment"] = _("“None” cannot be combined with energy, material or emissions.")
    elif len(set(tags)) != len(tags):
        errors["environment"] = _("Choose each environmental tag once.")
    for name in ("expected_kwh_year", "expected_tonnes_year"):
        if values.get(name) is not None and values[name] < 0:
            errors[name] = _("An expected saving cannot be negative.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_item_save(*, engagement: Engagement, values: dict, by, item=None) -> ActionItem:
    _check_item(values)
    creating = item is None
    if creating:
        eligibility_require(companies=[engagement.company], programme=engagement.programme)
    before = {} if creating else audit.snapshot(item, ITEM_FIELDS)
    item = item or ActionItem(engagement=engagement, created=timezone.localdate())
    for name in ITEM_FIELDS:
        if name in values:
            setattr(item, name, values[name])
    if item.status == ActionItem.Status.DONE and item.completed is None:
        item.completed = timezone.localdate()
    elif item.status != ActionItem.Status.DONE:
        item.completed = None
    item.save()
    after = audit.snapshot(item, ITEM_FIELDS)
    audit.record(
        instance=item,
        action="create" if creating else "update",
        by=by,
        changes=after if creating else audit.diff(before, after),
    )
    return item


def action_item_from_suggestion(
    *, company, programme, intervention_id: str, dimension_ids, title: str, by=None
) -> ActionItem:
    """An accepted maturity suggestion becomes a planned item of the company's engagement.

    Starts the engagement when there is none yet. Called by the maturity app.
    """
    with transaction.atomic():
        engagement = engagement_start(company=company, programme=programme, by=by)
        return action_item_save(
            engagement=engagement,
            values={
                "goal": title[:300],
                "dimensions": list(dimension_ids),
                "intervention": intervention_id,
                "owner": ActionItem.Owner.COACH,
                "status": ActionItem.Status.PLANNED,
            },
            by=by,
        )
