from django.shortcuts import render

from dipps.accounts.models import Role
from dipps.accounts.roles import role_required

from .selectors import programme_get, programmes_visible_to
from .services import owner_cofinancing, programme_decision_check

PROGRAMME_READERS = (Role.MANAGER, Role.COACH, Role.FINANCE, Role.OBSERVER)


@role_required(*PROGRAMME_READERS)
def programme_list(request):
    return render(
        request, "programmes/list.html", {"programmes": programmes_visible_to(request.user)}
    )


@role_required(*PROGRAMME_READERS)
def programme_detail(request, code: str):
    programme = programme_get(request.user, code)
    # Link to the predecessor only where the user may open it (observers see one programme).
    predecessor_visible = (
        programme.predecessor_id is not None
        and programmes_visible_to(request.user).filter(pk=programme.predecessor_id).exists()
    )
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "predecessor_visible": predecessor_visible,
            "check": programme_decision_check(programme),
            "owner_cofinancing": owner_cofinancing(programme),
        },
    )
