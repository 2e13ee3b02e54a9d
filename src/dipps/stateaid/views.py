from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FINANCE, FIRM_READERS, STAFF, WRITERS, role_required
from dipps.companies import orgnr
from dipps.companies.models import Company
from dipps.companies.selectors import companies_visible_to, company_for
from dipps.core.exporters import Table, file_name, file_stem, table_response
from dipps.core.job_files import owned_result, result_response
from dipps.core.jobs import start_job
from dipps.core.pdf import pdf_response
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import deminimis, jobs, regulations, selectors, selectors_case, services
from .forms import DeclaredAidForm, LinkForm, RegisterFilterForm

# Rows per page of the register: a page a person reads, not a dump (the export has all).
REGISTER_PAGE = 50


@role_required(*FIRM_READERS)
def company(request, pk: int):
    company, headroom, entries = selectors.company_ledger(request.user, pk)
    issuable = set(
        selectors.certificate_programmes(request.user, company).values_list("pk", flat=True)
    )
    context = {
        "company": company,
        "headroom": headroom,
        "entries": entries[:500],
        "can_write": selectors.may_write(request.user, company),
        "link_form": LinkForm(),
        "cases": [
            (c, selectors_case.drawdown_of(c))
            for c in selectors_case.cases_of(request.user, company).order_by("programme__code")
        ],
        "can_open_case": selectors_case.programmes_to_open(request.user, company).exists(),
        "programme_codes": sorted(
            {e.programme.code for e in entries if e.programme_id in issuable}
        ),
    }
    return render(request, "stateaid/company.html", context)


@role_required(*FIRM_READERS)
def headroom(request, pk: int):
    """The headroom card alone (an HTML fragment), e.g. for refreshing it in place.

    Rendered without the request: a fragment needs neither the menu nor the other
    context processors, which would cost more than the headroom itself.
    """
    card = render_to_string(
        "stateaid/_headroom_card.html", {"headroom": selectors.headroom_for(request.user, pk)}
    )
    return HttpResponse(card)


@role_required(*WRITERS)
def declare(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    form = DeclaredAidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.aid_declare(company=company, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Declared aid recorded."))
            return redirect("stateaid:company", pk=company.pk)
    return render(request, "stateaid/declare.html", {"form": form, "company": company})


@role_required(*WRITERS)
@require_POST
def link(request, pk: int):
    """Link two firms into one single undertaking: a write into both firms' ledgers, so the
    user must be a writer for both (the other is looked up among those firms only)."""
    company = company_for(request.user, pk, WRITERS)
    form = LinkForm(request.POST)
    other = None
    if form.is_valid():
        try:
            number = orgnr.normalise(form.cleaned_data["orgnr"])
            other = companies_visible_to(request.user, WRITERS).get(orgnr=number)
        except (ValueError, Company.DoesNotExist):
            messages.error(request, _("No company with that organisation number is registered."))
    if other is not None:
        try:
            services.undertaking_link(company=company, other=other, by=request.user)
            messages.success(request, _("Linked: their de minimis aid now counts together."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("stateaid:company", pk=company.pk)


@role_required(*WRITERS)
@require_POST
def unlink(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    services.undertaking_unlink(company=company, by=request.user)
    messages.success(
        request,
        _("%(name)s is no longer linked: its de minimis aid counts on its own from now on.")
        % {"name": company.name},
    )
    return redirect("stateaid:company", pk=company.pk)


@role_required(*FIRM_READERS)
def certificate(request, pk: int, code: str):
    data = selectors.certificate_data(request.user, pk, code)
    # The firm's id, not its number, names the file: a sole trader's number is personal.
    filename = file_name(_("de minimis certificate"), data["company"].pk, code, ext="pdf")
    return pdf_response("stateaid/certificate.html", data, filename=filename, request=request)


def register_headers():
    return [
        _("Date granted"),
        _("Company"),
        _("Organisation number"),
        _("Source"),
        _("Aid giver"),
        _("Programme"),
        _("Amount (SEK)"),
        _("Amount (EUR)"),
        _("SEK per EUR"),
        _("Reference"),
        _("Regulation"),
    ]


def reference_shown(reference: str) -> str:
    """A grant's reference in words: the programme's own grants are stored as
    `activity:<id>` (the key that withdraws them with their activity), shown as
    "aktivitet 93" / "activity 93"; a declared grant's reference is the user's text."""
    kind, _sep, number = reference.partition(":")
    if kind == "activity" and number.isdigit():
        return _("activity %(number)s") % {"number": number}
    return reference


def _register_rows(entries):
    for e in entries:
        yield [
            e.granted,
            e.company.name,
            orgnr.shown(e.company.orgnr, is_sole_trader=e.company.is_sole_trader),
            e.get_source_display(),
            e.giver,
            e.programme.code if e.programme_id else "",
            e.amount_sek,
            e.amount_eur,
            e.sek_per_eur,
            reference_shown(e.reference),
            regulations.name_on(e.granted),
        ]


@role_required(*STAFF)
def register(request):
    form = _register_form(request)
    entries = selectors.register_entries(request.user, **form.filters())
    page = Paginator(entries.order_by("-granted", "-id"), REGISTER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "rows": list(_register_rows(page)),
        "headers": register_headers(),
        # The central-register export is the programme manager's and finance's.
        "central_programmes": programmes_visible_to(request.user, FINANCE).order_by("code"),
        "certificate_programmes": programmes_visible_to(request.user, STAFF).order_by("code"),
    }
    return render(request, "stateaid/register.html", context)


def _register_form(request) -> RegisterFilterForm:
    return RegisterFilterForm(
        request.GET or None, programmes=programmes_visible_to(request.user, STAFF).order_by("code")
    )


@role_required(*STAFF)
def register_export(request, fmt: str):
    """The register as filtered on the page (all of it without filters), every page."""
    entries = selectors.register_entries(request.user, **_register_form(request).filters())
    table = Table(
        _("de minimis register"),
        register_headers(),
        _register_rows(entries.iterator(chunk_size=2000)),
    )
    return table_response(table, fmt)


# The central register of de minimis aid (2023/2831 art. 6): the columns are a contract,
# documented in docs/de-minimis.md; keep the order.
def central_register_headers():
    return [
        _("Organisation number"),
        _("Beneficiary"),
        _("Aid amount (EUR)"),
        _("Aid amount (SEK)"),
        _("Date granted"),
        _("Granting authority"),
        _("Aid instrument"),
        _("Regulation"),
        _("Sector code (SNI)"),
        _("SNI version"),
    ]


def _central_register_rows(entries):
    instrument = _("Subsidised services (coaching and consultancy)")
    for e in entries:
        codes = list(e.company.sni_codes.all())
        yield [
            orgnr.shown(e.company.orgnr, is_sole_trader=e.company.is_sole_trader),
            e.company.name,
            e.amount_eur,
            e.amount_sek,
            e.granted,
            e.programme.owner.name,
            instrument,
            deminimis.regulation_of(e.granted),
            codes[0].code if codes else "",
            codes[0].version if codes else "",
        ]


@programme_view(*FINANCE)
def central_register_export(request, programme, fmt: str):
    """The programme's grants for the central register: programme manager and finance."""
    table = Table(
        _("central register of de minimis aid"),
        central_register_headers(),
        _central_register_rows(
            selectors.central_register_entries(programme).iterator(chunk_size=2000)
        ),
        file_stem=file_stem(_("central register of de minimis aid"), programme.code),
    )
    return table_response(table, fmt)


@programme_view(*STAFF)
@require_POST
def certificates_start(request, programme):
    """All firms' certificates as one ZIP file, made by a background job: to its page."""
    job = start_job(
        kind=jobs.CERTIFICATES,
        owner=request.user,
        params={"programme": programme.code},
        programme_code=programme.code,
    )
    return redirect("jobs:detail", job.pk)


@programme_view(*STAFF)
def certificates_download(request, programme, job: int):
    """The ZIP file of a finished batch, for the person who started it only."""
    return result_response(
        owned_result(request.user, job, kind=jobs.CERTIFICATES, programme_code=programme.code)
    )
