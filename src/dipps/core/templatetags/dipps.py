"""Template filters for money, numbers and percentages in the active locale."""

from django import template

from dipps.core import formatting

register = template.Library()


@register.filter
def sek(value, places: int = 0):
    """`1234.5` -> `1 235 kr` (sv) / `1,235 kr` (en), never broken across lines; empty for None."""
    return formatting.kr_unbroken(value, places)


@register.filter
def num(value, places: int = 0):
    return formatting.number(value, places)


@register.filter
def pct(value, places: int = 1):
    return formatting.percent(value, places)


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
