"""Filters for an indicator row of the JSON contract (`selectors.indicator_values`'
`indicators`), as stored in a payment claim's figures."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

from dipps.core import formatting

register = template.Library()


@register.filter
def indicator_name(row: dict) -> str:
    """The indicator's name in the page's language."""
    sv = (get_language() or "sv").startswith("sv")
    return row.get("name_sv" if sv else "name_en") or row.get("code", "")


@register.filter
def indicator_value(value) -> str:
    """A value of the contract (an integer, or a string with its decimals) for the page,
    with the decimals it was given; "–" when the figure is not computed."""
    if value is None:
        return "–"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return "–"
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return formatting.number(amount, places)
