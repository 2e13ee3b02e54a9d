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


@register.filter
def signed(value, places: int = 1):
    """A change with its sign and a real minus: `+1,4`, `−15,7`."""
    return formatting.signed(value, places)


@register.filter
def signed_sek(value, places: int = 0):
    """A change of an amount: `+12 500 kr`, `−3 400 kr`."""
    return formatting.signed_kr(value, places)


@register.filter
def signed_pct(value, places: int = 1):
    return formatting.signed_percent(value, places)


@register.filter
def pp(value, places: int = 1):
    """A difference of two percentages: `−1,5 p.e.` (sv) / `−1.5 pp` (en)."""
    return formatting.points(value, places)


@register.filter
def score(value, places: int = 1):
    return formatting.score(value, places)


@register.simple_tag
def year_span(first, last):
    return formatting.year_span(first, last)


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
