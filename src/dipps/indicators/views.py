"""The indicator page (aggregates only: observers may see it), its export, the targets and
the programme's indicator set.

Every page works inside one programme and checks the role held *there*
(`programme_view`): READERS for the figures, MANAGERS for the targets.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, READERS, has_role_in, role_required
from dipps.core import uploads
from dipps.core.exporters import Table, table_response
from dipps.core.tabular import TableError
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import catalogue, providers, services
from .forms import ImportForm, IndicatorForm, TargetsForm
from .imports import entry_for, read_indicator_set
from .models import IndicatorTarget, ProgrammeIndicator, Unit
from .selectors import (
    MEASURE,
    horizontal_criteria,
    horizontal_display,
    indicator_page,
    indicator_set,
)


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
    horizontal = horizontal_criteria(
        programme, date.fromisoformat(values["from"]), date.fromisoformat(values["to"]), values
    )
    context = {
        "programme": programme,
        "values": values,
        "rows": rows,
        "horizontal": horizontal_display(horizontal),
        "notes": providers.notes(values),
        "can_set_targets": has_role_in(request.user, programme.pk, MANAGERS),
    }
    return render(request, "indicators/page.html", context)


@programme_view(*READERS)
def export(request, programme, fmt: str):
    values, rows = _page(request, programme)
    headers = [
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Value in the period"),
        _("Cumulative to date"),
        _("Target"),
        _("Progress (%)"),
        _("Definition"),
    ]
    table_rows = [
        (
            r.indicator.code,
            str(r.indicator.label),
            str(Unit(r.indicator.unit).label),
            r.value,
            r.cumulative,
            r.target,
            r.percent,
            r.indicator.definition,
        )
        for r in rows
    ]
    name = _("indicators") + f" {programme.code} {values['from']} {values['to']}"
    return table_response(Table(name, headers, table_rows), fmt)


@programme_view(*MANAGERS)
def targets(request, programme):
    """The programme manager sets the indicator targets."""
    current = dict(
        IndicatorTarget.objects.filter(programme=programme).values_list("code", "target")
    )
    form = TargetsForm(request.POST or None, initial=current, indicators=indicator_set(programme))
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


@programme_view(*MANAGERS)
def indicator_set_page(request, programme):
    """The programme manager keeps the programme's indicator set: imports it from the
    funding decision's table, adds or changes one indicator, or removes one."""
    import_form, one_form = ImportForm(), IndicatorForm()
    problems: list[str] = []
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "import":
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                limits = uploads.limits_for(uploads.TABULAR)
                uploads.check_size(upload.size, upload.name, limits)
                entries, problems = read_indicator_set(upload.read(), upload.name, limits)
            except (TableError, uploads.OverLimit) as e:
                problems = [str(e)]
            if not problems:
                n = services.indicator_set_replace(
                    programme=programme, entries=entries, by=request.user
                )
                messages.success(
                    request, _("The indicator set was imported: %(n)s indicators.") % {"n": n}
                )
                return redirect("indicators:set", code=programme.code)
        else:
            problems = [" ".join(v) for v in import_form.errors.values()]
    elif action == "save":
        one_form = IndicatorForm(request.POST)
        if one_form.is_valid():
            entry, problems = entry_for(None, **one_form.cleaned_data)
            if entry is not None:
                services.indicator_save(programme=programme, entry=entry, by=request.user)
                messages.success(
                    request, _("The indicator %(code)s was saved.") % {"code": entry.code}
                )
                return redirect("indicators:set", code=programme.code)
        else:
            problems = [
                f"{one_form.fields[k].label}: {' '.join(v)}" for k, v in one_form.errors.items()
            ]
    elif action == "remove":
        services.indicator_remove(
            programme=programme, code=request.POST.get("code", ""), by=request.user
        )
        messages.success(request, _("The indicator was removed from the set."))
        return redirect("indicators:set", code=programme.code)
    chosen = list(ProgrammeIndicator.objects.filter(programme=programme))
    targets = dict(
        IndicatorTarget.objects.filter(programme=programme).values_list("code", "target")
    )
    rows = [
        {
            "indicator": ind,
            "unit": Unit(ind.unit).label,
            "measure": MEASURE[ind.measure].label if ind.measure in MEASURE else None,
            "target": targets.get(ind.code),
        }
        for ind in chosen
    ]
    context = {
        "programme": programme,
        "rows": rows,
        "import_form": import_form,
        "one_form": one_form,
        "problems": problems,
        "common": catalogue.common_indicators().values(),
    }
    return render(request, "indicators/set.html", context)
