"""Writes for indicators: the programme's targets (set by the programme manager)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.programmes.models import Programme

from .models import IndicatorTarget
from .selectors import INDICATORS


@transaction.atomic
def targets_set(*, programme: Programme, targets: dict[str, Decimal | None], by=None) -> int:
    """Set or clear (None) each indicator's target; refuse unknown codes and negative values.

    Returns the number of targets that changed.
    """
    labels = {i.code: i.label for i in INDICATORS}
    problems = [
        _("Unknown indicator “%(code)s”.") % {"code": code}
        for code in targets
        if code not in labels
    ]
    problems += [
        _("%(indicator)s: a target cannot be negative.") % {"indicator": labels[code]}
        for code, value in targets.items()
        if code in labels and value is not None and value < 0
    ]
    if problems:
        raise ValidationError(problems)
    current = {t.code: t for t in IndicatorTarget.objects.filter(programme=programme)}
    changed = 0
    for code, value in targets.items():
        existing = current.get(code)
        if value is None:
            if existing is not None:
                audit.record(
                    instance=existing,
                    action="delete",
                    by=by,
                    changes={"target": str(existing.target)},
                )
                existing.delete()
                changed += 1
        elif existing is None:
            target = IndicatorTarget.objects.create(programme=programme, code=code, target=value)
            audit.record(instance=target, action="create", by=by, changes={"target": str(value)})
            changed += 1
        elif existing.target != value:
            audit.record(
                instance=existing,
                action="update",
                by=by,
                changes={"target": [str(existing.target), str(value)]},
            )
            existing.target = value
            existing.save(update_fields=["target"])
            changed += 1
    return changed
