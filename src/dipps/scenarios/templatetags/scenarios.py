"""Template filters of the scenario planner."""

from decimal import Decimal, InvalidOperation

from django import template

from dipps.core.templatetags.dipps import pct

register = template.Library()


@register.filter
def pctshare(value, places: int = 1):
    """A share (0.15) as a percentage in the active locale (15,0 %); empty for None."""
    try:
        return pct(Decimal(str(value)) * 100, places)
    except (InvalidOperation, TypeError, ValueError):
        return ""
