from django.shortcuts import render

from dipps.accounts.roles import READERS, role_required

from .access import programme_view
from .selectors import programmes_visible_to
from .services import owner_cofinancing, programme_decision_check


@role_required(*READERS)
def programme_list(request):
    return render(
        request, "programmes/list.html", {"programmes": programmes_visible_to(request.user)}
    )


@programme_view(*READERS)
def programme_detail(request, programme):
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
