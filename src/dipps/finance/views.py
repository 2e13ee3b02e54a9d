"""Finance pages: overview, budget, ledger (for the programme manager and finance officer)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FINANCE, MANAGERS, has_role_in, role_required
from dipps.core.exporters import Table, table_response
from dipps.core.jobs import kind_label
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import selectors, services
from .evaluation import EVALUATION_THRESHOLD, evaluation_required
from .forms import CostEntryForm, StaffCostsForm
from .models import CostEntry, LedgerCategory, category_label, cost_model_label
from .selectors import partners_of

PAGE_SIZE = 50


@role_required(*FINANCE)
def index(request):
    """Only the programmes where the user holds a finance role: an observer elsewhere sees
    nothing of those programmes here."""
    programmes = programmes_visible_to(request.user, FINANCE)
    return render(request, "finance/index.html", {"programmes": programmes})


@programme_view(*FINANCE)
def overview(request, programme):
    data = selectors.overview(programme)
    rows = [(category_label(k, data.cost_model), b, a, p) for k, b, a, p in data.rows()]
    context = {
        "o": data,
        "rows": rows,
        "evaluation_required": evaluation_required(programme.total_budget),
        "evaluation_threshold": EVALUATION_THRESHOLD,
        "sie_jobs": [(job, kind_label(job.kind)) for job in selectors.sie_jobs(programme)],
    }
    return render(request, "finance/overview.html", context)


def _model_of(programme, version) -> str:
    return version.cost_model if version else selectors.cost_model_of(programme)


def _budget_rows(programme, version):
    totals, financing, rate = selectors.budget_table(programme, version)
    model = _model_of(programme, version)
    cost_rows = [
        (year, category_label(k, model), v)
        for year, cats in sorted(totals.by_year.items())
        for k, v in cats.items()
    ]
    financing_rows = [(f.year, f.financier.name, f.amount) for f in financing]
    return totals, cost_rows, financing_rows, rate


def _differences(version, base):
    return [
        (d.year, category_label(d.category), d.base, d.changed, d.change)
        for d in selectors.version_differences(version, base)
    ]


@programme_view(*FINANCE)
def budget_view(request, programme):
    version = selectors.version_shown(programme, request.GET.get("version"))
    in_force = selectors.version_in_force(programme, timezone.localdate())
    opened = selectors.open_version(programme)
    totals, cost_rows, financing_rows, rate = _budget_rows(programme, version)
    model = _model_of(programme, version)
    by_partner = [
        (name, [(category_label(k, model), v) for k, v in cats.items()])
        for name, cats in totals.by_partner.items()
    ]
    context = {
        "programme": programme,
        "version": version,
        "in_force": in_force,
        "open_version": opened,
        "versions": selectors.budget_versions(programme),
        # A version that is not in force is shown with what it changes against the one that is.
        "differences": (
            _differences(version, in_force)
            if version is not None and in_force is not None and version != in_force
            else []
        ),
        "may_decide": has_role_in(request.user, programme.pk, MANAGERS),
        "totals": totals,
        "by_year": [
            (year, [(category_label(k, model), v) for k, v in cats.items()], sum(cats.values()))
            for year, cats in sorted(totals.by_year.items())
        ],
        "by_partner": by_partner,
        "financing_rows": financing_rows,
        "rate": rate,
        "cost_model": cost_model_label(model),
        "problems": selectors.budget_check(programme, version),
    }
    return render(request, "finance/budget.html", context)


@programme_view(*FINANCE)
def budget_export(request, programme, fmt: str):
    version = selectors.version_shown(programme, request.GET.get("version"))
    _totals, cost_rows, financing_rows, _rate = _budget_rows(programme, version)
    rows = [(y, _("cost"), c, a) for y, c, a in cost_rows] + [
        (y, _("financing"), n, a) for y, n, a in financing_rows
    ]
    headers = [
        _("Year"),
        pgettext("budget row kind", "Kind"),
        _("Category or financier"),
        _("Amount (SEK)"),
    ]
    title = _("budget") + f" {programme.code}"
    if version is not None:
        title += " " + _("version %(n)s") % {"n": version.number}
    return table_response(Table(title, headers, rows), fmt)


def _ledger(request, programme):
    g = request.GET
    return selectors.ledger_entries(
        programme,
        category=g.get("category", ""),
        organisation=g.get("organisation", "") if g.get("organisation", "").isdigit() else "",
        source=g.get("source", ""),
    )


@programme_view(*FINANCE)
def ledger_view(request, programme):
    page = Paginator(_ledger(request, programme), PAGE_SIZE).get_page(request.GET.get("page"))
    form = CostEntryForm(partners=partners_of(programme))
    return render(
        request,
        "finance/ledger.html",
        {
            "programme": programme,
            "page": page,
            "form": form,
            "categories": LedgerCategory.choices,
            "sources": CostEntry.Source.choices,
            "partners": partners_of(programme),
            "staff_form": StaffCostsForm(
                partners=partners_of(programme), initial={"organisation": programme.owner_id}
            ),
        },
    )


@programme_view(*FINANCE)
def ledger_export(request, programme, fmt: str):
    headers = [
        _("Date"),
        _("Partner"),
        _("Cost category"),
        _("Account"),
        _("Voucher"),
        _("Text"),
        _("Amount (SEK)"),
        _("Source"),
        _("Excluded"),
        _("Claim"),
    ]
    rows = (
        (
            e.date,
            e.organisation.name,
            e.get_category_display(),
            e.account,
            f"{e.series} {e.number}".strip(),
            e.text,
            e.amount,
            e.get_source_display(),
            e.excluded,
            e.claim.period.number if e.claim_id else "",
        )
        for e in _ledger(request, programme).iterator(chunk_size=2000)
    )
    return table_response(Table(_("ledger") + f" {programme.code}", headers, rows), fmt)


@programme_view(*FINANCE)
@require_POST
def entry_add(request, programme):
    form = CostEntryForm(request.POST, partners=partners_of(programme))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.cost_entry_create(
                programme=programme,
                organisation=d["organisation"],
                category=d["category"],
                when=d["date"],
                amount=d["amount"],
                text=d["text"],
                by=request.user,
            )
            messages.success(
                request,
                _("The project income was added to the ledger.")
                if d["category"] == LedgerCategory.INCOME
                else _("The cost was added to the ledger."),
            )
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect("finance:ledger", code=programme.code)


@role_required(*FINANCE)
@require_POST
def entry_delete(request, pk: int):
    entry = selectors.entry_get(request.user, pk)
    try:
        services.cost_entry_delete(entry=entry, by=request.user)
        messages.success(request, _("The cost was removed."))
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    return redirect("finance:ledger", code=entry.programme.code)


@programme_view(*FINANCE)
@require_POST
def staff_costs(request, programme):
    """Bring the ledger's staff costs in step with the timesheets (idempotent)."""
    form = StaffCostsForm(request.POST, partners=partners_of(programme))
    if not form.is_valid():
        messages.error(request, _("Choose the partner that employs the staff."))
        return redirect("finance:ledger", code=programme.code)
    try:
        result = services.staff_costs_from_timesheets(
            programme=programme, organisation=form.cleaned_data["organisation"], by=request.user
        )
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return redirect("finance:ledger", code=programme.code)
    if result.changed:
        messages.success(
            request,
            _(
                "Staff costs from timesheets: %(created)s added, %(updated)s updated, "
                "%(removed)s removed, %(unchanged)s unchanged."
            )
            % result.__dict__,
        )
    else:
        messages.success(request, _("The staff costs are already in step with the timesheets."))
    for person, year in result.missing_costs:
        messages.warning(
            request,
            _(
                "%(person)s has hours in %(year)s but no documented employment cost for that "
                "year; enter it on the employment costs page, then fetch again."
            )
            % {"person": person, "year": year},
        )
    for person in result.missing_salaries:
        messages.warning(
            request,
            _(
                "%(person)s has hours but no salary record for the unit cost; enter their "
                "monthly salary on the staff salaries page, then fetch again."
            )
            % {"person": person},
        )
    return redirect("finance:ledger", code=programme.code)
