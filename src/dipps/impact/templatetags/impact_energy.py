from decimal import Decimal

from django import template

from dipps.core.formatting import number

from ..emissions import Method
from ..models_energy import Carrier
from ..selectors_energy import energy_years, year_report

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


@register.simple_tag
def energy_summary(company):
    """The firm's latest year of energy figures, market-based, for the company page."""
    latest = energy_years(company).order_by("-year").first()
    return year_report(latest, Method.MARKET) if latest else None
