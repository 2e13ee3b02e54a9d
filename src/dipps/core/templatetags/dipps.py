"""Template filters for money, numbers and percentages in the active locale."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def sek(value, places: int = 0):
    """`1234.5` -> `1 235 kr` (sv) / `1,235 kr` (en); empty for None."""
    amount = _decimal(value)
    if amount is None:
        return ""
    quant = Decimal(1).scaleb(-int(places))
    amount = amount.quantize(quant, ROUND_HALF_UP)
    text = _("%(amount)s kr") % {
        "amount": number_format(amount, decimal_pos=int(places), force_grouping=True)
    }
    # Never break a line inside an amount or between it and "kr".
    return text.replace(" ", "\u00a0")


@register.filter
def num(value, places: int = 0):
    amount = _decimal(value)
    if amount is None:
        return ""
    amount = amount.quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)
    return number_format(amount, decimal_pos=int(places), force_grouping=True)


@register.filter
def pct(value, places: int = 1):
    formatted = num(value, places)
    return f"{formatted}\u00a0%" if formatted else ""


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"
