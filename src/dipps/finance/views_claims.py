"""Payment claims: open for a period, write the progress report, submit, PDF and export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FINANCE, role_required
from dipps.core.exporters import Table, file_name, file_stem, table_response
from dipps.core.pdf import pdf_response
from dipps.indicators.selectors import horizontal_display

from . import selectors, services, verification
from .claim_model import STAFF_PLUS_40
from .forms import ClaimForm
from .models import category_label, cost_model_label


@role_required(*FINANCE)
@require_POST
def claim_open(request, pk: int):
    period = selectors.period_get(request.user, pk)
    claim = services.claim_open(period=period, by=request.user)
    return redirect("finance:claim", pk=claim.pk)


def _context(claim):
    figures = services.claim_figures(claim)
    rows = [
        (category_label(k, figures.cost_model), period, cum, plan, pct)
        for k, period, cum, plan, pct in figures.rows()
    ]
    return {
        "claim": claim,
        "period": claim.period,
        "figures": figures,
        "rows": rows,
        "cost_model": cost_model_label(figures.cost_model),
        "flat_rate_for_all": figures.cost_model == STAFF_PLUS_40,
        "carries_final_report": selectors.is_last_claim(claim),
        # Snapshots from before issue 14 carry no horizontal criteria.
        "horizontal": (
            horizontal_display(figures.indicators["horizontal"])
            if "horizontal" in figures.indicators
            else None
        ),
    }


@role_required(*FINANCE)
def claim_detail(request, pk: int):
    claim = selectors.claim_get(request.user, pk)
    cofinancing = list(claim.cofinancing.select_related("financier"))
    initial = {name: getattr(claim, name) for name in services.TEXT_FIELDS}
    form = ClaimForm(request.POST or None, initial=initial, financiers=cofinancing)
    if request.method == "POST" and form.is_valid():
        texts = {name: form.cleaned_data[name] for name in services.TEXT_FIELDS}
        try:
            services.claim_update(
                claim=claim, texts=texts, cofinancing=form.cofinancing(), by=request.user
            )
            messages.success(request, _("The claim was saved."))
            return redirect("finance:claim", pk=claim.pk)
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
    return render(request, "finance/claim.html", {**_context(claim), "form": form})


@role_required(*FINANCE)
@require_POST
def claim_submit(request, pk: int):
    claim = selectors.claim_get(request.user, pk)
    try:
        services.claim_submit(claim=claim, by=request.user)
        messages.success(request, _("The claim was submitted and is now frozen."))
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    return redirect("finance:claim", pk=claim.pk)


@role_required(*FINANCE)
def claim_pdf(request, pk: int):
    claim = selectors.claim_get(request.user, pk)
    code, number = claim.period.programme.code, claim.period.number
    return pdf_response(
        "finance/claim_pdf.html",
        _context(claim),
        filename=file_name(_("payment claim"), code, number, ext="pdf"),
        request=request,
    )


@role_required(*FINANCE)
def claim_export(request, pk: int, fmt: str):
    claim = selectors.claim_get(request.user, pk)
    figures = services.claim_figures(claim)
    headers = [
        _("Cost category"),
        _("This period (SEK)"),
        _("Cumulative (SEK)"),
        _("Budget (SEK)"),
    ]
    rows = [(category_label(k, figures.cost_model), p, c, b) for k, p, c, b, _pct in figures.rows()]
    rows.append((_("Total"), figures.total, figures.cumulative_total, figures.budget_total))
    rows.append((_("Project income"), figures.income, figures.cumulative_income, None))
    rows.append(
        (
            _("Net eligible costs (total less project income)"),
            figures.net_total,
            figures.cumulative_net_total,
            None,
        )
    )
    rows += [
        (_("Co-financing received: %(name)s") % {"name": n}, a, None, None)
        for n, a in figures.cofinancing
    ]
    # In kind: financing of the same amount as the in-kind cost, per contributor.
    rows += [
        (
            _("In-kind contribution (%(kind)s): %(name)s")
            % {"kind": _("public") if c["public"] else _("private"), "name": c["name"]},
            c["amount"],
            None,
            None,
        )
        for c in figures.in_kind
    ]
    rows += [
        (_("In-kind financing, public"), figures.in_kind_public, None, None),
        (_("In-kind financing, private"), figures.in_kind_private, None, None),
    ]
    code, number = claim.period.programme.code, claim.period.number
    name = f"{_('Payment claim')} {code} {number}"
    return table_response(
        Table(name, headers, rows, file_stem=file_stem(_("payment claim"), code, number)), fmt
    )


@role_required(*FINANCE)
def claim_verification(request, pk: int, fmt: str):
    """Every ledger row behind the claim, in the order the funder's auditors read them."""
    claim = selectors.claim_get(request.user, pk)
    return table_response(verification.table(claim), fmt)
