from dipps.core.nav import menu_for

from .roles import STAFF, primary_role, roles_of


def role(request):
    """`role`: the primary role (which landing page, which desk); `roles`: every role the
    user holds in some programme, which decides the menu. Neither grants access: each
    page checks the role in the programme it is about."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"role": None, "roles": set(), "staff_role": False, "menu": []}
    current = primary_role(user)
    held = roles_of(user)
    return {
        "role": current,
        "roles": held,
        "staff_role": current in STAFF,
        "menu": menu_for(held),
    }
