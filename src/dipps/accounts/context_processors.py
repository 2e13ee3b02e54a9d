from .roles import STAFF, primary_role, roles_of


def role(request):
    """`role`: the primary role (which landing page, which desk); `roles`: every role the
    user holds in some programme. Neither grants access: each page checks the role in
    the programme it is about. The menu comes from `site.context_processors.menu`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"role": None, "roles": set(), "staff_role": False}
    current = primary_role(user)
    return {"role": current, "roles": roles_of(user), "staff_role": current in STAFF}
