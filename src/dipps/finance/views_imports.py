"""SIE import pages: upload, review (exclude rows), confirm or discard."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import FINANCE, role_required
from dipps.core import jobs, staging
from dipps.programmes.access import programme_view

from . import jobs as finance_jobs
from . import selectors, services
from .forms import SieUploadForm
from .messages import sie_warning
from .models import category_label
from .selectors import partners_of

PAGE_SIZE = 100
MB = 1024 * 1024


def sie_jobs(programme) -> list:
    """(job, label) for the programme's SIE files in the background, for the import pages."""
    return [(job, jobs.kind_label(job.kind)) for job in selectors.sie_jobs(programme)]


def _stage_in_background(request, programme, d):
    """Keep the file, queue the job that reads it, and send the person to the job's page."""
    upload = staging.stage(
        owner=request.user,
        purpose=finance_jobs.PURPOSE,
        filename=d["file"].name,
        data=d["file"].read(),
        replace=False,
    )
    job = jobs.start_job(
        kind=finance_jobs.STAGE,
        owner=request.user,
        params={
            "programme": programme.code,
            "organisation": d["organisation"].pk,
            "upload": upload,
            "accept_orgnr": bool(d["accept_orgnr"]),
        },
        programme_code=programme.code,
    )
    return redirect("jobs:detail", pk=job.pk)


@programme_view(*FINANCE)
def upload(request, programme):
    form = SieUploadForm(
        request.POST or None, request.FILES or None, partners=partners_of(programme)
    )
    context = {
        "programme": programme,
        "form": form,
        "sie_jobs": sie_jobs(programme),
        "inline_max_mb": settings.DIPPS_SIE_INLINE_MAX_MB,
    }
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        # A small file is read while the person waits; a large one by the worker.
        if d["file"].size > settings.DIPPS_SIE_INLINE_MAX_MB * MB:
            return _stage_in_background(request, programme, d)
        try:
            staged = services.sie_import_stage(
                programme=programme,
                organisation=d["organisation"],
                data=d["file"].read(),
                filename=d["file"].name,
                by=request.user,
                accept_orgnr=d["accept_orgnr"],
            )
        except services.OrgnrMismatch as e:
            context["orgnr_warning"] = e.messages[0]
        except ValidationError as e:
            context["errors"] = e.messages
        else:
            return redirect("finance:import_review", pk=staged.pk)
    return render(request, "finance/import_upload.html", context)


@role_required(*FINANCE)
def review(request, pk: int):
    sie_import = selectors.sie_import_get(request.user, pk)
    page = Paginator(selectors.import_rows(sie_import), PAGE_SIZE).get_page(request.GET.get("page"))
    summary = [
        {**r, "label": category_label(r["category"])} for r in selectors.import_summary(sie_import)
    ]
    return render(
        request,
        "finance/import_review.html",
        {
            "imp": sie_import,
            "page": page,
            "summary": summary,
            "warnings": [sie_warning(w) for w in sie_import.warnings],
        },
    )


def _ids(request) -> list[int]:
    return [int(x) for x in request.POST.getlist("rows") if x.isdigit()]


@role_required(*FINANCE)
@require_POST
def exclude(request, pk: int):
    sie_import = selectors.sie_import_get(request.user, pk)
    excluded = request.POST.get("action") != "include"
    try:
        n = services.sie_import_exclude(
            sie_import=sie_import, entry_ids=_ids(request), excluded=excluded, by=request.user
        )
        messages.success(
            request,
            (_("%(n)s rows excluded.") if excluded else _("%(n)s rows included.")) % {"n": n},
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("finance:import_review", pk=pk)


@role_required(*FINANCE)
@require_POST
def confirm(request, pk: int):
    sie_import = selectors.sie_import_get(request.user, pk)
    if sie_import.rows_new > settings.DIPPS_SIE_CONFIRM_INLINE_MAX_ROWS:
        job = jobs.start_job(
            kind=finance_jobs.CONFIRM,
            owner=request.user,
            params={"import": sie_import.pk},
            programme_code=sie_import.programme.code,
        )
        return redirect("jobs:detail", pk=job.pk)
    try:
        n = services.sie_import_confirm(sie_import=sie_import, by=request.user)
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
        return redirect("finance:import_review", pk=pk)
    messages.success(request, _("Import confirmed: %(n)s rows now count.") % {"n": n})
    return redirect("finance:overview", code=sie_import.programme.code)


@role_required(*FINANCE)
@require_POST
def discard(request, pk: int):
    sie_import = selectors.sie_import_get(request.user, pk)
    try:
        services.sie_import_discard(sie_import=sie_import, by=request.user)
        messages.success(request, _("The import was discarded; nothing from it counts."))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("finance:overview", code=sie_import.programme.code)
