"""A firm's energy, material and emissions page (docs/impact.md, "Energy, material and
emissions"). Programme manager and coach write; finance officer reads; the company's
representative reads their own firm's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FIRM_READERS, WRITERS, role_required
from dipps.companies.selectors import company_for, roles_for_company

from . import pictures
from .emissions import Method
from .forms_energy import EnergyYearForm
from .models_energy import Carrier
from .selectors_energy import energy_report, energy_years
from .services_energy import energy_year_save

METHOD_LABELS = {
    Method.MARKET: gettext_lazy("market-based (Nordic residual mix)"),
    Method.LOCATION: gettext_lazy("location-based (Nordic mix)"),
}


def _method(request) -> Method:
    try:
        return Method(request.GET.get("method", Method.MARKET))
    except ValueError:
        return Method.MARKET


def _page(request, company, form=None, status=200):
    method = _method(request)
    report = energy_report(request.user, company, method)
    can_edit = bool(roles_for_company(request.user, company) & set(WRITERS))
    if can_edit and form is None:
        edit_year = request.GET.get("year", "")
        existing = {str(ey.year): ey for ey in energy_years(company)}
        initial = EnergyYearForm.initial_from(existing[edit_year]) if edit_year in existing else {}
        form = EnergyYearForm(initial=initial)
    method_label = METHOD_LABELS[method]
    context = {
        "company": company,
        "report": report,
        "method": method,
        "method_label": method_label,
        "other_method": Method.LOCATION if method == Method.MARKET else Method.MARKET,
        "other_method_label": METHOD_LABELS[
            Method.LOCATION if method == Method.MARKET else Method.MARKET
        ],
        "chart": pictures.co2e_chart(report.years, method_label),
        "energy_chart": pictures.energy_chart(report.years),
        "can_edit": can_edit,
        "form": form if can_edit else None,
        "carrier_labels": dict(Carrier.choices),
    }
    return render(request, "impact/energy.html", context, status=status)


@role_required(*FIRM_READERS)
def energy(request, company_pk: int):
    company = company_for(request.user, company_pk, FIRM_READERS)
    return _page(request, company)


@role_required(*WRITERS)
@require_POST
def energy_save(request, company_pk: int):
    company = company_for(request.user, company_pk, WRITERS)
    form = EnergyYearForm(request.POST)
    if form.is_valid():
        try:
            energy_year_save(company=company, by=request.user, **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The energy and material figures were saved."))
            return redirect("impact:energy", company.pk)
    return _page(request, company, form, status=400)
