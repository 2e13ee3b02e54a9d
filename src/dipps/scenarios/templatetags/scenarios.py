"""Template filters of the scenario planner."""

from decimal import Decimal, InvalidOperation

from django import template

from dipps.core.templatetags.dipps import pct, pp
from dipps.scenarios.forms import FACTOR_LABELS
from dipps.scenarios.presenters import company_summary

register = template.Library()


@register.filter
def pctshare(value, places: int = 1):
    """A share (0.15) as a percentage in the active locale (15,0 %); empty for None."""
    try:
        return pct(Decimal(str(value)) * 100, places)
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def ppshare(value, places: int = 1):
    """A difference of two shares (−0.015) in percentage points: −1,5 p.e.; empty for None."""
    try:
        return pp(Decimal(str(value)) * 100, places)
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.simple_tag
def scenario_summary(user, company):
    """The company page's scenario summary (None when the user may not see it)."""
    return company_summary(user, company)


@register.filter
def factor_label(factor: str) -> str:
    return str(FACTOR_LABELS.get(factor, factor))
