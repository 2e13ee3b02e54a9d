"""`{% deminimis_headroom company %}`: the firm's de minimis headroom, for any page.

Computes through the selector for the request's user, so a page that shows a
company can include it without knowing the rules: users who may not see the
ledger get nothing.
"""

from django import template

from dipps.accounts.roles import STAFF, has_role, represented_company_ids

from ..selectors import headroom_of

register = template.Library()


@register.inclusion_tag("stateaid/_headroom_card.html", takes_context=True)
def deminimis_headroom(context, company):
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = user is not None and (
        has_role(user, *STAFF) or company.pk in represented_company_ids(user)
    )
    return {"headroom": headroom_of(company) if visible else None, "company": company}
