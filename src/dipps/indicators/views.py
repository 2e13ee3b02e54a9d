"""The indicator page (aggregates only: observers may see it), its export, and the targets.

Every page works inside one programme and checks the role held *there*
(`programme_view`): READERS for the figures, MANAGERS for the targets.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, READERS, has_role_in, role_required
from dipps.core.exporters import Table, table_response
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import services
from .forms import TargetsForm
from .models import IndicatorTarget
from .selectors import indicator_page


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _page(request, programme):
    return indicator_page(programme, _day(request.GET.get("from")), _day(request.GET.get("to")))


@role_required(*READERS)
def index(request):
    return render(
        request, "indicators/index.html", {"programmes": programmes_visible_to(request.user)}
    )


@programme_view(*READERS)
def page(request, programme):
    values, rows = _page(request, programme)
    context = {
        "programme": programme,
        "values": values,
        "rows": rows,
        "can_set_targets": has_role_in(request.user, programme.pk, MANAGERS),
    }
    return render(request, "indicators/page.html", context)


@programme_view(*READERS)
def export(request, programme, fmt: str):
    values, rows = _page(request, programme)
    headers = [_("Code"), _("Indicator"), _("Value"), _("Target"), _("Progress (%)")]
    table_rows = [
        (r.indicator.code, str(r.indicator.label), r.value, r.target, r.percent) for r in rows
    ]
    name = _("indicators") + f" {programme.code} {values['from']} {values['to']}"
    return table_response(Table(name, headers, table_rows), fmt)


@programme_view(*MANAGERS)
def targets(request, programme):
    """The programme manager sets the indicator targets."""
    current = dict(
        IndicatorTarget.objects.filter(programme=programme).values_list("code", "target")
    )
    form = TargetsForm(request.POST or None, initial=current)
    problems = []
    if request.method == "POST":
        if form.is_valid():
            try:
                services.targets_set(programme=programme, targets=form.targets(), by=request.user)
                messages.success(request, _("The indicator targets were saved."))
                return redirect("indicators:page", code=programme.code)
            except ValidationError as e:
                problems = e.messages
        else:
            problems = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()]
    return render(
        request,
        "indicators/targets.html",
        {"programme": programme, "form": form, "problems": problems},
    )
