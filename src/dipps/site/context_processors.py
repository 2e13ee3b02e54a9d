from dipps.accounts.roles import roles_of

from .nav import menu_for


def menu(request):
    """`menu`: the main menu for every role the user holds in some programme (the roles
    are cached on the user for the request, so this costs no second query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_for(roles_of(user))}
