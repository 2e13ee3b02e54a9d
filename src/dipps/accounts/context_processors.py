from dipps.core.nav import menu_for

from .roles import STAFF, primary_role


def role(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"role": None, "staff_role": False, "menu": []}
    current = primary_role(user)
    return {"role": current, "staff_role": current in STAFF, "menu": menu_for(current)}
