"""Cost structures, measures and the SIE fill-in. Runs and reports are in ``views_runs``.

Who may do what, decided for the company a cost structure belongs to (the roles held in
the programmes it takes part in): the programme manager and the coach edit and run; the
finance officer reads; a company representative reads their own company's cost structures
and runs (read-only, so that the coach and the firm look at the same numbers); an observer
sees only the programme aggregate.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FIRM_READERS, WRITERS, holds_anywhere, role_required
from dipps.companies.selectors import companies_visible_to
from dipps.core import audit
from dipps.finance.sie import SieError, parse_bytes

from . import services
from .forms import CostStructureForm, MeasureForm, NewCostStructureForm, SieUploadForm
from .selectors import (
    action_items_for,
    can_edit,
    cost_structure_get,
    cost_structures_visible_to,
)
from .sie_mapping import LINES, map_sie

LINE_LABELS = {
    "revenue": gettext_lazy("Revenue"),
    "materials": gettext_lazy("Materials"),
    "electricity": gettext_lazy("Electricity"),
    "other_energy": gettext_lazy("Other energy"),
    "labour": gettext_lazy("Labour"),
    "depreciation": gettext_lazy("Depreciation"),
    "other": gettext_lazy("Other costs"),
}


@role_required(*FIRM_READERS)
def index(request):
    structures = cost_structures_visible_to(request.user).order_by("company__name", "-year")
    # The buttons lead to pages that offer only the firms where the user writes.
    context = {"structures": structures, "can_edit": holds_anywhere(request.user, WRITERS)}
    return render(request, "scenarios/index.html", context)


def _save(request, form, company, source="manual", source_file=""):
    try:
        return services.cost_structure_save(
            company=company,
            year=form.cleaned_data["year"],
            figures=form.figures(),
            notes=form.cleaned_data.get("notes", ""),
            source=source,
            source_file=source_file,
            by=request.user,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@role_required(*WRITERS)
def create(request):
    companies = companies_visible_to(request.user, WRITERS)
    form = NewCostStructureForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, form.cleaned_data["company"])
        if saved:
            messages.success(request, _("The cost structure was saved."))
            return redirect("scenarios:detail", saved.pk)
    return render(request, "scenarios/edit.html", {"form": form})


def _detail_context(request, cs, measure_form=None):
    editor = can_edit(request.user, cs.company)
    if measure_form is None and editor:
        measure_form = MeasureForm(items=action_items_for(request.user, cs.company))
    return {
        "cs": cs,
        "base": cs.to_core(),
        "measures": cs.measures.all(),
        "runs": cs.runs.all()[:20],
        "can_edit": editor,
        "measure_form": measure_form,
    }


@role_required(*FIRM_READERS)
def detail(request, pk: int):
    cs = cost_structure_get(request.user, pk, FIRM_READERS)
    return render(request, "scenarios/detail.html", _detail_context(request, cs))


@role_required(*WRITERS)
def edit(request, pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    form = CostStructureForm(request.POST or None, instance=cs)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["year"] != cs.year:
            form.add_error("year", _("The year cannot be changed; create a new cost structure."))
        elif _save(request, form, cs.company, cs.source, cs.source_file):
            messages.success(request, _("The cost structure was saved."))
            return redirect("scenarios:detail", cs.pk)
    return render(request, "scenarios/edit.html", {"form": form, "cs": cs})


@role_required(*WRITERS)
@require_POST
def measure_add(request, pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    form = MeasureForm(request.POST, items=action_items_for(request.user, cs.company))
    if form.is_valid():
        try:
            services.measure_add(cost_structure=cs, data=form.values(), by=request.user)
            messages.success(request, _("The measure was added."))
            return redirect("scenarios:detail", cs.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "scenarios/detail.html", _detail_context(request, cs, form), status=400)


def _history(measure):
    """Audit entries with each changed field by its label (shares as stored: 0.15 = 15 %)."""
    labels = {f.attname: f.verbose_name for f in measure._meta.concrete_fields}
    return [
        (
            entry,
            [(labels.get(k, k), pair[0], pair[1]) for k, pair in entry.changes.items()]
            if entry.action == "update"
            else [],
        )
        for entry in audit.history_for(measure)
    ]


@role_required(*WRITERS)
def measure_edit(request, pk: int, measure_pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    measure = get_object_or_404(cs.measures, pk=measure_pk)
    items = action_items_for(request.user, cs.company)
    form = MeasureForm(request.POST or None, instance=measure, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(measure=measure, data=form.values(), by=request.user)
            messages.success(request, _("The measure was saved."))
            return redirect("scenarios:detail", cs.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    status = 400 if request.method == "POST" else 200
    context = {"cs": cs, "measure": measure, "form": form, "history": _history(measure)}
    return render(request, "scenarios/measure_edit.html", context, status=status)


@role_required(*WRITERS)
@require_POST
def measure_delete(request, pk: int, measure_pk: int):
    cs = cost_structure_get(request.user, pk, WRITERS)
    measure = get_object_or_404(cs.measures, pk=measure_pk)
    services.measure_delete(measure=measure, by=request.user)
    messages.success(request, _("The measure was removed."))
    return redirect("scenarios:detail", cs.pk)


def _sie_preview(mapping, company, filename):
    initial = {
        "company": company,
        "year": mapping.year,
        "revenue_sek": mapping.amount("revenue"),
        "materials_sek": mapping.amount("materials"),
        "electricity_kwh": mapping.electricity_kwh,
        "electricity_price": mapping.electricity_price,
        "other_energy": mapping.amount("other_energy"),
        "labour": mapping.amount("labour"),
        "other": mapping.amount("other"),
        "depreciation": mapping.amount("depreciation"),
        "notes": _("Filled from %(file)s (fiscal year %(start)s – %(end)s).")
        % {"file": filename, "start": mapping.start, "end": mapping.end},
    }
    lines = [(LINE_LABELS[name], mapping.lines[name]) for name in LINES]
    return initial, lines


@role_required(*WRITERS)
def sie_fill(request):
    """Step 1: upload; step 2: every mapped figure in an editable form. Nothing is saved yet."""
    companies = companies_visible_to(request.user, WRITERS)
    upload = SieUploadForm(request.POST or None, request.FILES or None, companies=companies)
    context = {"upload": upload}
    if request.method == "POST" and upload.is_valid():
        company = upload.cleaned_data["company"]
        f = upload.cleaned_data["file"]
        try:
            sie = parse_bytes(f.read(), f.name)
        except SieError as exc:
            context["file_error"] = _("The file could not be read as SIE: %(error)s") % {
                "error": exc
            }
            return render(request, "scenarios/sie.html", context)
        mapping = map_sie(sie, upload.cleaned_data["year_index"])
        if mapping.empty:
            context["file_error"] = _(
                "The file has no result balances (#RES) or transactions for the chosen year."
            )
            return render(request, "scenarios/sie.html", context)
        initial, lines = _sie_preview(mapping, company, f.name)
        context.update(
            form=NewCostStructureForm(initial=initial, companies=companies),
            mapping=mapping,
            lines=lines,
            filename=f.name,
            negative=[LINE_LABELS[n] for n in mapping.negative_lines],
            orgnr_mismatch=bool(mapping.orgnr) and mapping.orgnr != company.orgnr,
        )
    return render(request, "scenarios/sie.html", context)


@role_required(*WRITERS)
@require_POST
def sie_confirm(request):
    companies = companies_visible_to(request.user, WRITERS)
    form = NewCostStructureForm(request.POST, companies=companies)
    filename = request.POST.get("source_file", "")[:255]
    if form.is_valid():
        saved = _save(request, form, form.cleaned_data["company"], "sie", filename)
        if saved:
            messages.success(request, _("The cost structure was saved from the SIE file."))
            return redirect("scenarios:detail", saved.pk)
    context = {"upload": None, "form": form, "filename": filename}
    return render(request, "scenarios/sie.html", context, status=400)
