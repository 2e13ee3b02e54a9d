"""The firm's impact page, and the ways to fill its productivity years (docs/impact.md)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dipps.accounts.roles import WRITERS, role_required
from dipps.companies import orgnr
from dipps.companies.models import Company

from . import productivity, selectors, services, value_added
from .forms import ReviewFormSet, SieForm, YearForm
from .models import ProductivityYear

IMPACT_READERS = selectors.IMPACT_READERS


@role_required(*IMPACT_READERS)
def company(request, pk: int):
    page = selectors.impact_page(request.user, pk)
    return render(request, "impact/company.html", {"page": page, "company": page.company})


def _saved_message(request, saved: services.Saved) -> None:
    messages.success(
        request,
        _("Saved: %(created)s new, %(updated)s changed and %(unchanged)s unchanged fiscal years.")
        % {"created": saved.created, "updated": saved.updated, "unchanged": saved.unchanged},
    )


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def enter(request, pk: int):
    """Type in one fiscal year from the annual report (or correct a stored one)."""
    firm, _held = selectors.impact_company(request.user, pk, WRITERS)
    initial: dict = {}
    year = request.GET.get("year", "")
    stored = (
        ProductivityYear.objects.filter(company=firm, fiscal_year=int(year)).first()
        if year.isdigit()
        else None
    )
    if stored is not None:
        initial = {name: getattr(stored, name) for name in ("fiscal_year", *services.FIGURES)}
    else:
        initial = {
            "fiscal_year": productivity.closed_before(timezone.localdate(), firm.fiscal_year_end)
        }
    form = YearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.productivity_save(
            company=firm,
            years=[form.figures()],
            source=ProductivityYear.Source.ANNUAL_REPORT,
            by=request.user,
        )
        _saved_message(request, saved)
        return redirect("impact:company", firm.pk)
    return render(request, "impact/enter.html", {"company": firm, "form": form})


def _review_initial(firm: Company, data: bytes, name: str) -> tuple[list[dict], str]:
    """The years of an SIE file as review rows, or an error message."""
    try:
        result = value_added.from_bytes(data, name)
    except value_added.ValueAddedError as error:
        return [], _("The SIE file cannot be used (line %(line)s): %(message)s") % {
            "line": error.line,
            "message": error.message,
        }
    if result.orgnr:
        try:
            number = orgnr.normalise(result.orgnr)
        except ValueError:
            number = ""
        if number and number != firm.orgnr:
            return [], _(
                "The SIE file is for organisation number %(file)s, not for this firm. "
                "Nothing was read."
            ) % {"file": orgnr.shown(number, is_sole_trader=None)}
    return [
        {
            "fiscal_year": y.end.year,
            "net_sales": y.net_sales,
            "personnel_costs": y.personnel_costs,
            "depreciation": y.depreciation,
            "operating_profit": y.operating_profit,
            "keep": True,
        }
        for y in sorted(result.years, key=lambda y: y.end)
    ], ""


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def sie(request, pk: int):
    """Upload the firm's SIE file → review every figure per year → save (all or nothing).

    The review is a form round-trip: nothing is stored until the reviewed figures are posted
    back with `confirm`; the file's name travels with them as the figures' source."""
    firm, _held = selectors.impact_company(request.user, pk, WRITERS)
    context: dict = {"company": firm}
    if request.method == "POST" and "confirm" in request.POST:
        source_name = request.POST.get("source_name", "")[:255]
        formset = ReviewFormSet(request.POST, prefix="year")
        if formset.is_valid():
            kept = [f for f in formset.forms if f.cleaned_data.get("keep")]
            years = [f.figures() for f in kept]
            if len({y.fiscal_year for y in years}) != len(years):
                formset_error = _("A fiscal year is given twice; keep it once.")
            elif not years:
                formset_error = _("No fiscal year is ticked; nothing was saved.")
            else:
                saved = services.productivity_save(
                    company=firm,
                    years=years,
                    source=ProductivityYear.Source.SIE,
                    source_name=source_name,
                    by=request.user,
                )
                _saved_message(request, saved)
                return redirect("impact:company", firm.pk)
            context["formset_error"] = formset_error
        context |= {"formset": formset, "source_name": source_name}
        return render(request, "impact/sie_review.html", context)
    form = SieForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        initial, error = _review_initial(firm, upload.read(), upload.name)
        if error:
            form.add_error("file", error)
        else:
            context |= {
                "formset": ReviewFormSet(initial=initial, prefix="year"),
                "source_name": upload.name,
            }
            return render(request, "impact/sie_review.html", context)
    context["form"] = form
    return render(request, "impact/sie_upload.html", context)
