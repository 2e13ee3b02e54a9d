"""`{% deminimis_headroom company %}`: the firm's de minimis headroom, for any page.

Computes through the selector for the request's user, so a page that shows a
company can include it without knowing the rules: users for whom no role counts
for that firm (see `companies.selectors.roles_for_company`) get nothing.

Filters: `{{ day|regulation_name }}` names the regulation that applies to aid granted
on that day; `{{ entries|regulation_titles }}` lists the full titles of the regulations
that apply to the entries' grant dates (today's when there are none).
"""

from django import template

from .. import regulations
from ..selectors import headroom_or_none

register = template.Library()


@register.inclusion_tag("stateaid/_headroom_card.html", takes_context=True)
def deminimis_headroom(context, company):
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = user is not None and user.is_authenticated
    return {"headroom": headroom_or_none(user, company) if visible else None, "company": company}


@register.filter
def regulation_name(day) -> str:
    return regulations.name_on(day) if day else ""


@register.filter
def regulation_titles(entries) -> list[str]:
    return regulations.titles_for(e.granted for e in entries)
