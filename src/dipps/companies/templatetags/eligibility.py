"""`{% load eligibility %}{% eligibility_warning company %}`: the warning a support form
shows before anything is typed, when the firm may not be supported (companies/eligibility.py).

The services refuse the support in any case (`services.eligibility_require`); this only
says so early. Overrides count when the form's programme is known (`programme=`).
"""

from django import template

from ..selectors import eligibility_of, reason_text

register = template.Library()


@register.inclusion_tag("companies/_eligibility_warning.html")
def eligibility_warning(company, programme=None):
    result = eligibility_of(company, programme)
    return {"company": company, "reasons": [reason_text(r) for r in result.not_overridden]}
