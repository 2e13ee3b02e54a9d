"""Currency conversion with the user-maintained, dated rate table."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import ExchangeRate


class MissingRate(LookupError):
    pass


def rate_on(day: date, currency: str = "EUR") -> Decimal:
    """SEK per unit of `currency` valid on `day` (latest rate on or before it)."""
    rate = (
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=day)
        .order_by("-valid_from")
        .values_list("sek_per_unit", flat=True)
        .first()
    )
    if rate is None:
        raise MissingRate(
            _("No %(currency)s rate on or before %(day)s. Add one under exchange rates.")
            % {"currency": currency, "day": day.isoformat()}
        )
    return rate


def sek_to(amount_sek: Decimal, day: date, currency: str = "EUR") -> Decimal:
    return (amount_sek / rate_on(day, currency)).quantize(Decimal("0.01"), ROUND_HALF_UP)
