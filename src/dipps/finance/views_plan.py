"""Editing the plan in the browser: budget and financing (a draft version, submitted by the
finance officer, decided by the programme manager), partner ledger settings, reporting
periods (programme manager and finance officer). Each page posts all its rows
to one service, which saves everything or nothing."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FINANCE, MANAGERS, STAFF
from dipps.programmes.access import programme_view

from . import selectors, services
from .forms_plan import (
    BudgetLineFormSet,
    FinancingLineFormSet,
    PartnerLedgerFormSet,
    PeriodFormSet,
    RateForm,
    SalaryFormSet,
    VersionDecisionForm,
    errors_of,
    kept,
)
from .models import BudgetVersion, PartnerLedger, ReportingPeriod, category_label
from .views import partners_of


def _budget_forms(programme, base, data=None):
    """The forms of the budget edit page, filled from `base`: the open draft, or (for a new
    change request) a copy of the version in force."""
    partners, financiers = partners_of(programme), programme.financiers.all()
    # A posted form is read as posted: rows compared with a copied initial row would turn an
    # emptied row into a required one.
    rows_from = base if data is None else None
    lines = rows_from.lines.order_by("year", "organisation__name", "category") if rows_from else []
    financing = rows_from.financing.order_by("year", "financier") if rows_from else []
    method, uplift = selectors.staff_cost_method_of(programme)
    return (
        RateForm(
            data,
            initial={
                "rate_percent": base.rate_percent if base else selectors.rate_of(programme),
                "cost_model": base.cost_model if base else selectors.cost_model_of(programme),
                "reason": base.reason if base and base.is_open else "",
                "staff_cost_method": method,
                "uplift_percent": uplift,
            },
        ),
        BudgetLineFormSet(
            data,
            prefix="lines",
            form_kwargs={"partners": partners},
            initial=[
                {
                    "year": b.year,
                    "organisation": b.organisation_id,
                    "category": b.category,
                    "amount": b.amount,
                }
                for b in lines
            ],
        ),
        FinancingLineFormSet(
            data,
            prefix="financing",
            form_kwargs={"financiers": financiers},
            initial=[
                {"year": f.year, "financier": f.financier_id, "amount": f.amount} for f in financing
            ],
        ),
    )


@programme_view(*FINANCE)
def budget_edit(request, programme):
    opened = selectors.open_version(programme)
    in_force = selectors.version_in_force(programme, timezone.localdate())
    if opened is not None and not opened.is_editable:
        messages.warning(
            request,
            _(
                "Version %(n)s has been submitted and awaits its decision; it cannot be "
                "changed until it is approved or rejected."
            )
            % {"n": opened.number},
        )
        return redirect("finance:budget", code=programme.code)
    rate, lines, financing = _budget_forms(programme, opened or in_force, request.POST or None)
    problems = []
    if request.method == "POST":
        if rate.is_valid() and lines.is_valid() and financing.is_valid():
            try:
                draft = services.budget_set(
                    programme=programme,
                    lines=[
                        services.BudgetInput(
                            d["year"], d["organisation"], d["category"], d["amount"]
                        )
                        for d in kept(lines)
                    ],
                    financing=[
                        services.FinancingInput(d["financier"], d["year"], d["amount"])
                        for d in kept(financing)
                    ],
                    rate_percent=rate.cleaned_data["rate_percent"],
                    cost_model=rate.cleaned_data["cost_model"] or None,
                    reason=rate.cleaned_data["reason"],
                    staff_cost_method=rate.cleaned_data["staff_cost_method"] or None,
                    uplift_percent=rate.cleaned_data["uplift_percent"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("Version %(n)s of the budget and financing plan was saved as a draft.")
                    % {"n": draft.number},
                )
                return redirect(
                    reverse("finance:budget", args=[programme.code]) + f"?version={draft.number}"
                )
            except ValidationError as e:
                problems = e.messages
        else:
            problems = [f"{rate.fields[k].label}: {' '.join(v)}" for k, v in rate.errors.items()]
            problems += errors_of(lines, financing)
    return render(
        request,
        "finance/budget_edit.html",
        {
            "programme": programme,
            "open_version": opened,
            "in_force": in_force,
            "rate": rate,
            "lines": lines,
            "financing": financing,
            "problems": problems,
        },
    )


def _version(programme, number: int) -> BudgetVersion:
    return get_object_or_404(BudgetVersion, programme=programme, number=number)


@programme_view(*FINANCE)
@require_POST
def budget_version_submit(request, programme, number: int):
    """The finance officer hands the draft to the programme manager for the decision."""
    version = _version(programme, number)
    try:
        services.budget_version_submit(version=version, by=request.user)
        messages.success(
            request, _("Version %(n)s was submitted for decision.") % {"n": version.number}
        )
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    return redirect(reverse("finance:budget", args=[programme.code]) + f"?version={number}")


@programme_view(*MANAGERS)
def budget_version_decide(request, programme, number: int):
    """The programme manager records the decision on an open version: approved or rejected."""
    version = _version(programme, number)
    form = VersionDecisionForm(request.POST or None)
    problems = []
    if not version.is_open:
        problems = [
            _("Version %(n)s has already been decided (%(status)s); it cannot change.")
            % {"n": version.number, "status": version.get_status_display()}
        ]
    elif request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.budget_version_decide(
                    version=version,
                    approve=d["decision"] == VersionDecisionForm.APPROVE,
                    reference=d["reference"],
                    decided=d["decision_date"],
                    in_force_from=d["in_force_from"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("The decision on version %(n)s was recorded.") % {"n": version.number},
                )
                return redirect(
                    reverse("finance:budget", args=[programme.code]) + f"?version={number}"
                )
            except ValidationError as e:
                problems = e.messages
        else:
            problems = [f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()]
    return render(
        request,
        "finance/budget_decide.html",
        {
            "programme": programme,
            "version": version,
            "form": form,
            "problems": problems,
            "differences": [
                (d.year, category_label(d.category), d.base, d.changed, d.change)
                for d in selectors.version_differences(
                    version, selectors.version_in_force(programme, timezone.localdate())
                )
            ],
        },
    )


@programme_view(*FINANCE)
def partners_edit(request, programme):
    partners = list(partners_of(programme).order_by("name"))
    current = {p.organisation_id: p for p in PartnerLedger.objects.filter(programme=programme)}
    initial = []
    for org in partners:
        s = current.get(org.pk)
        initial.append(
            {
                "organisation": org.pk,
                "orgnr": org.orgnr,
                "dimension": s.dimension if s else "6",
                "object": s.object if s else "",
                "accounts": s.accounts if s else "",
            }
        )
    formset = PartnerLedgerFormSet(request.POST or None, prefix="partners", initial=initial)
    problems = []
    if request.method == "POST":
        by_pk = {o.pk: o for o in partners}
        if formset.is_valid():
            rows = [
                services.PartnerInput(
                    by_pk[d["organisation"]], d["orgnr"], d["dimension"], d["object"], d["accounts"]
                )
                for d in kept(formset)
                if d["organisation"] in by_pk
            ]
            try:
                services.partner_ledgers_set(programme=programme, rows=rows, by=request.user)
                messages.success(request, _("The partners' ledger settings were saved."))
                return redirect("finance:partners", code=programme.code)
            except ValidationError as e:
                problems = e.messages
        else:
            problems = errors_of(formset)
    names = [o.name for o in partners]
    return render(
        request,
        "finance/partners_edit.html",
        {
            "programme": programme,
            "formset": formset,
            "rows": list(zip(names, formset.forms, strict=False)),
            "problems": problems,
        },
    )


@programme_view(*FINANCE)
def periods_edit(request, programme):
    existing = ReportingPeriod.objects.filter(programme=programme).order_by("number")
    formset = PeriodFormSet(
        request.POST or None,
        prefix="periods",
        initial=[{"start": p.start, "end": p.end} for p in existing],
    )
    problems = []
    if request.method == "POST":
        if formset.is_valid():
            try:
                services.reporting_periods_set(
                    programme=programme,
                    periods=[(d["start"], d["end"]) for d in kept(formset)],
                    by=request.user,
                )
                messages.success(request, _("The reporting periods were saved."))
                return redirect("finance:periods", code=programme.code)
            except ValidationError as e:
                problems = e.messages
        else:
            problems = errors_of(formset)
    return render(
        request,
        "finance/periods_edit.html",
        {"programme": programme, "formset": formset, "problems": problems},
    )


def _salary_users(programme):
    """Who may get a salary record: the programme's own people, and those who already have one."""
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__programme=programme, memberships__role__in=STAFF)
            | Q(staff_salaries__programme=programme)
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@programme_view(*FINANCE)
def salaries_edit(request, programme):
    """The monthly salaries behind the handbook's unit cost per hour (finance officer)."""
    existing = selectors.staff_salaries(programme)
    formset = SalaryFormSet(
        request.POST or None,
        prefix="salaries",
        form_kwargs={"users": _salary_users(programme)},
        initial=[
            {
                "user": s.user_id,
                "first_month": s.first_month,
                "monthly_salary_sek": s.monthly_salary_sek,
                "document": s.document,
            }
            for s in existing
        ],
    )
    problems = []
    if request.method == "POST":
        if formset.is_valid():
            try:
                services.staff_salaries_set(
                    programme=programme,
                    rows=[
                        services.SalaryInput(
                            d["user"], d["first_month"], d["monthly_salary_sek"], d["document"]
                        )
                        for d in kept(formset)
                    ],
                    by=request.user,
                )
                messages.success(request, _("The staff salaries were saved."))
                return redirect("finance:salaries", code=programme.code)
            except ValidationError as e:
                problems = e.messages
        else:
            problems = errors_of(formset)
    method, uplift = selectors.staff_cost_method_of(programme)
    return render(
        request,
        "finance/salaries_edit.html",
        {
            "programme": programme,
            "formset": formset,
            "problems": problems,
            "unit_cost": method == "unit_cost",
            "uplift": uplift,
        },
    )
