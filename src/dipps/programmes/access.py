"""Views inside one programme: resolve the programme and the user's role in it together.

In the spirit of healthchecks' `_get_check_for_user`: the programme comes from the
URL, is looked up among the programmes the user belongs to (404 otherwise, so a
code reveals nothing), and the role the user holds *in that programme* must be one
of the view's roles (403 otherwise). A role held in another programme never counts.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from dipps.accounts.roles import EVERY_ROLE, has_role_in, in_programmes, role_required

from .models import Programme


def programme_for(user, code: str, roles) -> Programme:
    """The programme `code`, if the user holds one of `roles` in it."""
    belonging = in_programmes(Programme.objects.select_related("owner"), user, EVERY_ROLE, "id")
    programme = get_object_or_404(belonging, code=code)
    if not has_role_in(user, programme.pk, roles):
        raise PermissionDenied
    return programme


def programme_view(*roles: str):
    """Decorate a view whose URL has `<code>`: it is called with the programme instead.

    Anonymous → login; no role of `roles` anywhere → 403; a programme the user does
    not belong to → 404; a role in this programme outside `roles` → 403.
    """

    def decorator(view):
        @role_required(*roles)
        @wraps(view)
        def wrapper(request, code: str, *args, **kwargs):
            programme = programme_for(request.user, code, roles)
            return view(request, programme, *args, **kwargs)

        return wrapper

    return decorator
