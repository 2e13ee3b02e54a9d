"""Dated rate tables: currency conversion, and the one way a dated rate is set.

Every rate table (exchange rates here, the aid hourly rate in stateaid, the
in-kind hourly rate in engagements) is a `DatedRate`: it is read with
`Model.objects.filter(<series>).value_on(day)` and written with `rate_set`,
which checks, upserts and keeps the audit history in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .models import DatedRate, ExchangeRate

R = TypeVar("R", bound=DatedRate)


class MissingRate(LookupError):
    pass


def rate_on(day: date, currency: str = "EUR") -> Decimal:
    """SEK per unit of `currency` valid on `day` (latest rate on or before it)."""
    rate = ExchangeRate.objects.filter(currency=currency).value_on(day)
    if rate is None:
        raise MissingRate(
            _("No %(currency)s rate on or before %(day)s. Add one under exchange rates.")
            % {"currency": currency, "day": day.isoformat()}
        )
    return rate


def sek_to(amount_sek: Decimal, day: date, currency: str = "EUR") -> Decimal:
    return (amount_sek / rate_on(day, currency)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@transaction.atomic
def rate_set(
    model: type[R],
    *,
    series: dict[str, Any],
    valid_from: date,
    value: Decimal,
    by,
    problems: Callable[[R | None], dict[str, str]] | None = None,
) -> R:
    """Set (or correct) the rate of one series (`series`: e.g. {"programme": p}) from a day.

    `problems(existing)` returns the domain's objections ({field: message}) to the
    change; `existing` is the rate already starting that day, if any, so a check
    can leave it out of its comparisons. Raises ValidationError and saves nothing
    when there are any. Setting the value a rate already has is no change: nothing
    is checked, written or recorded.
    """
    if set(series) != set(model.series_fields):
        raise TypeError(f"{model.__name__} series are named by {model.series_fields}")
    existing = model.objects.filter(valid_from=valid_from, **series).first()
    if existing is not None and existing.value == value:
        return existing
    errors = problems(existing) if problems else {}
    if errors:
        raise ValidationError(errors)
    rate, created = model.objects.update_or_create(
        valid_from=valid_from, **series, defaults={model.value_field: value}
    )
    before = existing.value if existing is not None else None
    audit.record(
        instance=rate,
        action="create" if created else "update",
        by=by,
        changes={model.value_field: [audit.plain(before), audit.plain(value)]},
    )
    return rate
