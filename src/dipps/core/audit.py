"""Audit history: record who changed what, in the same transaction as the change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEntry


def plain(value: Any) -> Any:
    """A value as the audit history stores it (JSON-safe: decimals and dates as text)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `instance`, as JSON-safe values."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: plain(getattr(instance, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def acting_user(by):
    """The user a record names: `by` when it is a signed-in user; None for a command,
    an import without a person, or an anonymous request."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def record(
    *,
    instance: models.Model,
    action: str,
    by=None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        user=acting_user(by),
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        action=action,
        changes=changes or {},
    )


def history_for(instance: models.Model):
    return AuditEntry.objects.filter(
        model=instance._meta.label_lower, object_id=str(instance.pk)
    ).select_related("user")
