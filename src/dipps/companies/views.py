import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FIRM_READERS, MANAGERS, STAFF, WRITERS, role_required
from dipps.core import staging
from dipps.core.audit import history_for
from dipps.core.exporters import Table, table_response
from dipps.core.jobs import start_job
from dipps.core.tabular import TableError
from dipps.programmes.models import Programme
from dipps.programmes.selectors import programmes_visible_to

from . import jobs, municipalities, orgnr
from .forms import (
    CompanyFilterForm,
    ContactForm,
    EligibilityOverrideForm,
    FiscalYearEndForm,
    ImportUploadForm,
    KeyFiguresForm,
    LeadershipForm,
    RelatedForm,
)
from .imports import read_companies
from .models import Company, KeyFigures, SniCode
from .selectors import (
    company_for,
    company_get,
    company_list,
    eligibility_panel,
    import_refusals,
    roles_for_company,
)
from .services import (
    contact_delete,
    contact_save,
    eligibility_override_remove,
    eligibility_override_set,
    fiscal_year_end_set,
    key_figures_save,
    leadership_set,
    related_remove,
    related_save,
)
from .services_import import PURPOSE, companies_import_file, runs_as_job
from .sme_register import sme_years

PAGE_SIZE = 25
SESSION_KEY = PURPOSE  # the session key and the staged upload's purpose
ROWS_KEY = "company_import_rows"
PREVIEW_ROWS = 500


def _filtered(request):
    programmes = programmes_visible_to(request.user, STAFF)
    form = CompanyFilterForm(request.GET or None, programmes=programmes)
    qs = company_list(request.user, form.filters()).prefetch_related(
        Prefetch("sni_codes", queryset=SniCode.objects.order_by("position"))
    )
    return form, qs


@role_required(*STAFF)
def company_list_view(request):
    form, qs = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for company in page:
        company.municipality_name = municipalities.name(company.municipality_code)
    return render(
        request,
        "companies/list.html",
        {
            "form": form,
            "page": page,
            "service_divisions": _ranges(settings.DIPPS_SERVICE_DIVISIONS),
        },
    )


def _ranges(numbers: list[int]) -> str:
    """[49, 50, 51, 52, 62, 63, 82] -> "49–52, 62–63, 82"."""
    parts: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if parts and n == parts[-1][1] + 1:
            parts[-1] = (parts[-1][0], n)
        else:
            parts.append((n, n))
    return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in parts)


@role_required(*STAFF)
def company_export(request, fmt: str):
    _form, qs = _filtered(request)
    headers = [
        _("Organisation number"),
        _("Name"),
        _("SNI"),
        _("Municipality"),
        _("Target group"),
        _("Size class"),
    ]
    rows = (
        [
            orgnr.shown(c.orgnr, is_sole_trader=c.is_sole_trader),
            c.name,
            " ".join(f"{s.code} ({s.version})" for s in c.sni_codes.all()),
            municipalities.name(c.municipality_code),
            c.get_target_group_display(),
            c.get_size_class_display(),
        ]
        for c in qs
    )
    return table_response(Table(_("companies"), headers, rows), fmt)


# Other apps add a section to the company page by shipping one of these
# templates; the page shows those that exist, so companies never imports them.
COMPANY_PANELS = (
    "maturity/_company_panel.html",
    "engagements/_company_panel.html",
    "stateaid/_headroom.html",
    "scenarios/_company_panel.html",
    "impact/_energy_panel.html",
    "competence/_company_panel.html",
)


@functools.cache
def company_panels() -> tuple[str, ...]:
    found = []
    for name in COMPANY_PANELS:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)


@role_required(*FIRM_READERS)
def company_detail(request, pk: int):
    company = company_get(request.user, pk)
    held = roles_for_company(request.user, company)
    context = {
        "company": company,
        # The one page where staff see a sole trader's full number (see orgnr.shown).
        "orgnr_display": orgnr.shown(
            company.orgnr,
            is_sole_trader=company.is_sole_trader,
            full=bool(held & set(STAFF)),
        ),
        "municipality": municipalities.lookup(company.municipality_code),
        "sme_years": sme_years(company)[::-1],  # newest first, with why its status
        "sni_codes": company.sni_codes.all(),
    }
    context["can_edit"] = bool(held & set(WRITERS))
    context["panels"] = company_panels()
    if held & set(STAFF):
        context["history"] = history_for(company)[:20]
        panel = eligibility_panel(request.user, company)
        context["eligibility"] = panel
        if panel.manageable and not panel.eligibility.eligible:
            context["override_form"] = EligibilityOverrideForm(programmes=panel.manageable)
    return render(request, "companies/detail.html", context)


@role_required(*MANAGERS)
@require_POST
def eligibility_override(request, pk: int):
    """Record a programme manager's override, for a programme where the user manages."""
    company = company_for(request.user, pk, MANAGERS)
    panel = eligibility_panel(request.user, company)
    form = EligibilityOverrideForm(request.POST, programmes=panel.manageable)
    if form.is_valid():
        try:
            eligibility_override_set(
                company=company,
                programme=form.programmes[form.cleaned_data["programme"]],
                motivation=form.cleaned_data["motivation"],
                by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The override was recorded."))
    else:
        for name, errors in form.errors.items():
            for message in errors:
                label = form.fields[name].label if name in form.fields else ""
                messages.error(request, f"{label}: {message}" if label else message)
    return redirect("companies:detail", pk=company.pk)


@role_required(*MANAGERS)
@require_POST
def eligibility_override_delete(request, pk: int, override_pk: int):
    company = company_for(request.user, pk, MANAGERS)
    panel = eligibility_panel(request.user, company)
    override = get_object_or_404(
        company.eligibility_overrides, pk=override_pk, programme__in=panel.manageable
    )
    eligibility_override_remove(override=override, by=request.user)
    messages.success(request, _("The override was removed."))
    return redirect("companies:detail", pk=company.pk)


# The register is shared by every programme, and a new firm belongs to none until a
# row names one, so the import asks for a programme manager's or coach's role in SOME
# programme; every row that touches a programme or an existing firm is then checked
# against the roles held there (`import_refusals`), and the file is refused as a whole.
@role_required(*WRITERS)
def company_import(request):
    """Step 1: upload and preview. Nothing is saved until the user confirms."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        known = set(Programme.objects.values_list("code", flat=True))
        try:
            parsed = read_companies(data, upload.name, known_programmes=known)
        except TableError as exc:
            context["file_error"] = str(exc)
            return render(request, "companies/import.html", context)
        _refuse_rows(request.user, parsed)
        context["parsed"] = parsed
        if not parsed.errors:
            # Any file the upload policy accepts is staged: no second limit, no empty form.
            request.session[SESSION_KEY] = staging.stage(
                owner=request.user, purpose=SESSION_KEY, filename=upload.name, data=data
            )
            request.session[ROWS_KEY] = len(parsed.rows)
            context["as_job"] = runs_as_job(len(parsed.rows))
            shown = parsed.rows[:PREVIEW_ROWS]
            existing = set(
                KeyFigures.objects.filter(company__orgnr__in={r.orgnr for r in shown}).values_list(
                    "company__orgnr", flat=True
                )
            )
            context["preview"] = [(r, r.orgnr in existing) for r in shown]
            context["preview_more"] = len(parsed.rows) - len(shown)
    return render(request, "companies/import.html", context)


def _refuse_rows(user, parsed) -> None:
    """Add the rows the user may not apply to the file's errors, in row order."""
    refused = import_refusals(user, parsed.rows)
    if refused:
        parsed.errors = sorted([*parsed.errors, *refused], key=lambda e: e.row)


@role_required(*WRITERS)  # as company_import, whose rows are checked again here
@require_POST
def company_import_confirm(request):
    rows = request.session.pop(ROWS_KEY, 0)
    if isinstance(rows, int) and runs_as_job(rows):
        # A large file: checked and saved by a background job, which keeps the staged file
        # until its rows are saved (a killed job can be retried on the same file).
        pk = request.session.pop(SESSION_KEY, None)
        if staging.read(owner=request.user, purpose=SESSION_KEY, pk=pk) is None:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("companies:import")
        job = start_job(kind=jobs.IMPORT, owner=request.user, params={"staged": pk})
        return redirect("jobs:detail", job.pk)
    staged = staging.take(
        owner=request.user, purpose=SESSION_KEY, pk=request.session.pop(SESSION_KEY, None)
    )
    if not staged:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("companies:import")
    filename, data = staged
    outcome = companies_import_file(owner=request.user, filename=filename, data=data)
    if outcome.result is None:
        messages.error(request, _("The file has errors; nothing was imported."))
        return redirect("companies:import")
    result = outcome.result
    messages.success(
        request,
        _(
            "Imported: %(created)s new companies, %(updated)s updated; key figures: "
            "%(fc)s new, %(fu)s updated."
        )
        % {
            "created": result.companies_created,
            "updated": result.companies_updated,
            "fc": result.figures_created,
            "fu": result.figures_updated,
        },
    )
    return redirect("companies:list")


@role_required(*WRITERS)
def contact_edit(request, pk: int, contact_pk: int | None = None):
    company = company_for(request.user, pk, WRITERS)
    contact = get_object_or_404(company.contacts, pk=contact_pk) if contact_pk else None
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact_save(company=company, contact=contact, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The contact was saved."))
        return redirect("companies:detail", pk=company.pk)
    return render(
        request,
        "companies/contact_form.html",
        {"company": company, "form": form, "contact": contact},
    )


@role_required(*WRITERS)
@require_POST
def contact_remove(request, pk: int, contact_pk: int):
    company = company_for(request.user, pk, WRITERS)
    contact_delete(contact=get_object_or_404(company.contacts, pk=contact_pk), by=request.user)
    messages.success(request, _("The contact was removed."))
    return redirect("companies:detail", pk=company.pk)


@role_required(*WRITERS)
def company_sme(request, pk: int):
    """The SME data of the firm's years: its fiscal year end, a year's figures with public
    control and a change of ownership, and the year's partner and linked enterprises. Each
    form posts here with its `action`; every save re-derives the stored statuses."""
    company = company_for(request.user, pk, WRITERS)
    action = request.POST.get("action") if request.method == "POST" else None
    # A copy: a bound ModelForm writes even refused values onto its instance.
    fiscal_form = FiscalYearEndForm(
        request.POST if action == "fiscal" else None,
        instance=Company.objects.get(pk=company.pk),
        prefix="fiscal",
    )
    year = request.GET.get("year") or request.POST.get("figures-fiscal_year")
    existing = company.key_figures.filter(fiscal_year=year).first() if str(year).isdigit() else None
    figures_form = KeyFiguresForm(
        request.POST if action == "figures" else None, instance=existing, prefix="figures"
    )
    related_form = RelatedForm(request.POST if action == "related" else None, prefix="related")
    leadership_form = LeadershipForm(
        request.POST if action == "leadership" else None,
        instance=Company.objects.get(pk=company.pk),
        prefix="leadership",
    )
    saved = False
    try:
        if action == "fiscal" and fiscal_form.is_valid():
            fiscal_year_end_set(
                company=company,
                value=fiscal_form.cleaned_data["fiscal_year_end"],
                by=request.user,
            )
            saved = True
        elif action == "figures" and figures_form.is_valid():
            data = figures_form.cleaned_data
            key_figures_save(
                company=company, fiscal_year=data["fiscal_year"], values=data, by=request.user
            )
            saved = True
        elif action == "leadership" and leadership_form.is_valid():
            leadership_set(company=company, values=leadership_form.cleaned_data, by=request.user)
            saved = True
        elif action == "related" and related_form.is_valid():
            related_save(company=company, values=related_form.cleaned_data, by=request.user)
            saved = True
        elif action == "remove":
            related = get_object_or_404(company.related, pk=request.POST.get("related"))
            related_remove(related=related, by=request.user)
            saved = True
    except ValidationError as error:
        form = {
            "fiscal": fiscal_form,
            "figures": figures_form,
            "leadership": leadership_form,
        }.get(action, related_form)
        form.add_error(None, error)
    if saved:
        messages.success(request, _("The SME data was saved and the status recomputed."))
        return redirect("companies:sme", pk=company.pk)
    context = {
        "company": company,
        "fiscal_form": fiscal_form,
        "figures_form": figures_form,
        "related_form": related_form,
        "leadership_form": leadership_form,
        "sme_years": sme_years(company)[::-1],
    }
    return render(request, "companies/sme.html", context)
