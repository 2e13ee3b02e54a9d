"""The indicator page (aggregates only: observers may see it) and its export."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dipps.accounts.models import Role
from dipps.accounts.roles import role_required
from dipps.programmes.selectors import programme_get, programmes_visible_to
from dipps.reports.exporters import Table, table_response

from . import services
from .forms import TargetsForm
from .models import IndicatorTarget
from .selectors import READERS, indicator_page


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _page(request, code: str):
    return indicator_page(
        request.user, code, _day(request.GET.get("from")), _day(request.GET.get("to"))
    )


@role_required(*READERS)
def index(request):
    return render(
        request, "indicators/index.html", {"programmes": programmes_visible_to(request.user)}
    )


@role_required(*READERS)
def page(request, code: str):
    programme, values, rows = _page(request, code)
    return render(
        request,
        "indicators/page.html",
        {"programme": programme, "values": values, "rows": rows},
    )


@role_required(*READERS)
def export(request, code: str, fmt: str):
    programme, values, rows = _page(request, code)
    headers = [_("Code"), _("Indicator"), _("Value"), _("Target"), _("Progress (%)")]
    table_rows = [
        (r.indicator.code, str(r.indicator.label), r.value, r.target, r.percent) for r in rows
    ]
    name = _("indicators") + f" {programme.code} {values['from']} {values['to']}"
    return table_response(Table(name, headers, table_rows), fmt)


@role_required(Role.MANAGER)
def targets(request, code: str):
    """The programme manager sets the indicator targets."""
    programme = programme_get(request.user, code)
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
