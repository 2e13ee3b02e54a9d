"""Who may do what: role lookups and the view decorator.

A user's roles are cached on the user object for the request, so the
decorator, selectors and templates ask the database once.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import Membership, Role

STAFF = (Role.MANAGER, Role.COACH, Role.FINANCE)
# The order in which a landing page is chosen when a user has several roles.
PRECEDENCE = (Role.MANAGER, Role.FINANCE, Role.COACH, Role.OBSERVER, Role.COMPANY)


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_dipps_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("programme", "company"))
        user._dipps_memberships = cached
    return cached


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    roles = {m.role for m in memberships_of(user)}
    if user.is_superuser:
        roles.add(Role.MANAGER)
    return roles


def primary_role(user) -> str | None:
    roles = roles_of(user)
    return next((r for r in PRECEDENCE if r in roles), None)


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def represented_company_ids(user) -> set[int]:
    return {m.company_id for m in memberships_of(user) if m.role == Role.COMPANY}


def programmes_of(user):
    from dipps.programmes.models import Programme

    if user.is_authenticated and user.is_superuser:
        return Programme.objects.all()
    ids = [m.programme_id for m in memberships_of(user) if m.role != Role.COMPANY]
    return Programme.objects.filter(id__in=ids)


def role_required(*roles: str):
    """Anonymous users go to the login page; users without one of `roles` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator
