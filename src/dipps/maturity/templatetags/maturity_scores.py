"""`score` and `signed_score`: exact maturity figures as shown, for templates that print
them directly (the start page's list, an assessment, the programme view)."""

from fractions import Fraction

from django import template

from dipps.maturity.present import score_text, signed_score_text

register = template.Library()


@register.filter
def score(value, places: int = 1) -> str:
    """An exact score (a Fraction) rounded by the one rule, in the active locale.

    Anything else (no scores yet, a missing attribute) prints nothing.
    """
    return score_text(value, int(places)) if isinstance(value, Fraction | int) else ""


@register.filter
def signed_score(value, places: int = 1) -> str:
    return signed_score_text(value, int(places)) if isinstance(value, Fraction | int) else ""
