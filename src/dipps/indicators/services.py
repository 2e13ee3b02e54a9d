"""Writes for indicators: the programme's indicator set and targets (programme manager)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core import audit
from dipps.programmes.models import Programme

from .imports import Entry
from .models import IndicatorTarget, ProgrammeIndicator
from .selectors import indicator_set


@transaction.atomic
def targets_set(*, programme: Programme, targets: dict[str, Decimal | None], by=None) -> int:
    """Set or clear (None) each indicator's target; refuse unknown codes and negative values.

    Returns the number of targets that changed.
    """
    labels = {i.code: i.label for i in indicator_set(programme)}
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
    return sum(_target_write(programme, code, value, by) for code, value in targets.items())


def _target_write(programme, code: str, value: Decimal | None, by) -> bool:
    existing = IndicatorTarget.objects.filter(programme=programme, code=code).first()
    if value is None:
        if existing is None:
            return False
        audit.record(
            instance=existing, action="delete", by=by, changes={"target": str(existing.target)}
        )
        existing.delete()
        return True
    if existing is None:
        target = IndicatorTarget.objects.create(programme=programme, code=code, target=value)
        audit.record(instance=target, action="create", by=by, changes={"target": str(value)})
        return True
    if existing.target == value:
        return False
    audit.record(
        instance=existing,
        action="update",
        by=by,
        changes={"target": [str(existing.target), str(value)]},
    )
    existing.target = value
    existing.save(update_fields=["target"])
    return True


FIELDS = ("name_sv", "name_en", "unit", "measure", "position")


def _indicator_write(programme, entry: Entry, position: int, by) -> ProgrammeIndicator:
    wanted = {
        "name_sv": entry.name_sv,
        "name_en": entry.name_en,
        "unit": entry.unit,
        "measure": entry.measure,
        "position": position,
    }
    row = ProgrammeIndicator.objects.filter(programme=programme, code=entry.code).first()
    if row is None:
        row = ProgrammeIndicator.objects.create(programme=programme, code=entry.code, **wanted)
        audit.record(instance=row, action="create", by=by, changes={"code": entry.code, **wanted})
        return row
    changes = {f: [getattr(row, f), v] for f, v in wanted.items() if getattr(row, f) != v}
    if changes:
        for f, v in wanted.items():
            setattr(row, f, v)
        row.save()
        audit.record(instance=row, action="update", by=by, changes=changes)
    return row


@transaction.atomic
def indicator_set_replace(*, programme: Programme, entries: list[Entry], by=None) -> int:
    """Make `entries` (read from the funding decision, in its order) the programme's
    indicator set, with their targets: indicators and targets not in it are removed.
    Returns the number of indicators in the set."""
    codes = [e.code for e in entries]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("An indicator is listed twice."))
    if not entries:
        raise ValidationError(_("The indicator set is empty."))
    for row in ProgrammeIndicator.objects.filter(programme=programme).exclude(code__in=codes):
        audit.record(instance=row, action="delete", by=by, changes={"code": row.code})
        row.delete()
    for stale in IndicatorTarget.objects.filter(programme=programme).exclude(code__in=codes):
        _target_write(programme, stale.code, None, by)
    for position, entry in enumerate(entries, 1):
        _indicator_write(programme, entry, position, by)
        _target_write(programme, entry.code, entry.target, by)
    return len(entries)


@transaction.atomic
def indicator_save(*, programme: Programme, entry: Entry, by=None) -> ProgrammeIndicator:
    """Add an indicator to the programme's set (at the end) or change one, with its target.
    A programme without a set starts one holding this indicator only."""
    row = ProgrammeIndicator.objects.filter(programme=programme, code=entry.code).first()
    if row is not None:
        position = row.position
    else:
        last = ProgrammeIndicator.objects.filter(programme=programme).order_by("-position").first()
        position = (last.position if last else 0) + 1
    saved = _indicator_write(programme, entry, position, by)
    _target_write(programme, entry.code, entry.target, by)
    return saved


@transaction.atomic
def indicator_remove(*, programme: Programme, code: str, by=None) -> bool:
    """Take an indicator (and its target) out of the programme's set."""
    row = ProgrammeIndicator.objects.filter(programme=programme, code=code).first()
    if row is None:
        return False
    audit.record(instance=row, action="delete", by=by, changes={"code": code})
    row.delete()
    _target_write(programme, code, None, by)
    return True
