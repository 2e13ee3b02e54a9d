"""Pages for the dated reference values: a programme's hourly rates, staff employment cost."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dipps.accounts.roles import FINANCE, MANAGERS, role_required
from dipps.programmes.access import programme_view
from dipps.stateaid.services import aid_rate_set

from . import selectors, services, time_selectors
from .forms import EmploymentCostForm, RateForm


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@programme_view(*MANAGERS)
def rates(request, programme):
    data = selectors.rates_of(programme)
    form = RateForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        extra = {} if d["kind"] == "aid" else {"role": d.get("role") or ""}
        setter = aid_rate_set if d["kind"] == "aid" else services.in_kind_rate_set
        try:
            setter(
                programme=programme,
                valid_from=d["valid_from"],
                hourly_rate_sek=d["hourly_rate_sek"],
                by=request.user,
                **extra,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Hourly rate saved."))
            return redirect("engagements:rates", code=programme.code)
    return render(request, "engagements/rates.html", {**data, "form": form})


def _year(request) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


@role_required(*FINANCE)
def employment_costs(request):
    """Salaries of the staff of the programmes where the user is a manager or finance officer."""
    year = _year(request)
    form = EmploymentCostForm(
        request.POST or None,
        initial={"year": year},
        people=time_selectors.staff_of_programmes(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            cost = services.employment_cost_set(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Employment cost saved."))
            return redirect(f"{request.path}?year={cost.year}")
    rows = time_selectors.employment_costs(request.user, year)
    context = {"form": form, "year": year, "rows": rows}
    return render(request, "engagements/employment_costs.html", context)
