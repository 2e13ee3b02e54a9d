"""`{% may_record company as flag %}`: may the request's user record an activity for the firm?

For panels that other apps' pages include (the company page): the answer comes from
the roles that count for that firm, not from the user's role in some other programme.
"""

from django import template

from dipps.accounts.roles import WRITERS
from dipps.companies.selectors import roles_for_company

from .. import catalogue

register = template.Library()


@register.simple_tag(takes_context=True)
def may_record(context, company) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(roles_for_company(user, company) & set(WRITERS))


@register.filter
def activity_type(type_id: str) -> str:
    """An activity's type by its label in the page's language, never its stored code."""
    return catalogue.type_label(type_id)
