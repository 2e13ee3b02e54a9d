from decimal import Decimal

from django import template

from dipps.core.formatting import number

from ..models_energy import Carrier

register = template.Library()


@register.filter
def carrier_label(code: str) -> str:
    """The label of a stored carrier code in the page's language."""
    try:
        return str(Carrier(code).label)
    except ValueError:
        return ""


@register.filter
def tonnes(kg) -> str:
    """kg → tonnes with two decimals, formatted for the page's language."""
    return "" if kg is None else number(Decimal(kg) / 1000, 2)
