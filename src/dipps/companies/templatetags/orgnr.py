"""`{% load orgnr %}{{ company|orgnr_shown }}`: the template side of `companies.orgnr.shown`.

No template prints an organisation number any other way (a test reads every
template to hold that). The filter always gives the masked form for a sole
trader; the one page allowed the full number (a firm's own page seen by staff)
decides that in its view and passes the result in.
"""

from django import template

from dipps.companies import orgnr as numbers

register = template.Library()


@register.filter
def orgnr_shown(value) -> str:
    """A company (anything with `orgnr` and `is_sole_trader`) or a bare number.

    A bare number, such as the one read from an uploaded file, is judged by its
    digits alone: a personal identity number is masked.
    """
    if value is None or value == "":
        return ""
    if hasattr(value, "orgnr"):
        return numbers.shown(value.orgnr, is_sole_trader=getattr(value, "is_sole_trader", None))
    return numbers.shown(str(value), is_sole_trader=None)
