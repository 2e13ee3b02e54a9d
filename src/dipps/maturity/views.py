from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    FIRM_READERS,
    READERS,
    STAFF,
    WRITERS,
    has_role_in,
    holds_anywhere,
    role_required,
)
from dipps.companies.selectors import companies_visible_to, company_for, roles_for_company
from dipps.core.exporters import file_name, table_response
from dipps.core.job_files import owned_result, result_response
from dipps.core.jobs import start_job
from dipps.core.pdf import pdf_response
from dipps.programmes.access import programme_view
from dipps.programmes.selectors import programmes_visible_to

from . import jobs, links, overview, selectors, services
from .forms import LinkForm, QuestionnaireForm, StartForm, missing_message
from .frameworks import DEFAULT_FRAMEWORK, available_frameworks, load_framework
from .models import AnsweredBy, Stage, Status
from .present import framework_name, history_rows, results_context


def _framework_choices():
    language = get_language() or "sv"
    return [
        (fid, load_framework(fid).title.get(language))
        for fid in sorted({fid for fid, _v in available_frameworks()})
    ]


@role_required(*READERS)
def index(request):
    """The user's programmes; for staff, a firm search and the latest assessments, each
    from the programmes where they are staff."""
    q = request.GET.get("q", "").strip()
    context = {"programmes": programmes_visible_to(request.user), "recent": [], "q": q}
    if holds_anywhere(request.user, STAFF):
        context["found"] = (
            companies_visible_to(request.user, STAFF).filter(name__icontains=q)[:20] if q else []
        )
        context["recent"] = (
            selectors.assessments_visible_to(request.user, STAFF)
            .select_related("company", "programme")
            .order_by("-started")[:50]
        )
    return render(request, "maturity/index.html", context)


@role_required(*FIRM_READERS)
def company(request, pk: int):
    results = selectors.company_results(request.user, pk, request.GET.get("framework"))
    # Start in a programme where the user writes; accept into the latest one's programme.
    can_write = bool(roles_for_company(request.user, results.company) & set(WRITERS))
    latest = results.latest
    can_accept = latest is not None and has_role_in(request.user, latest.programme_id, WRITERS)
    context = {
        **results_context(results),
        "history": history_rows(results),
        "framework_links": [(fid, framework_name(fid)) for fid in results.frameworks],
        "can_write": can_write,
        "can_accept": can_accept,
        "stage_choices": Stage.choices if can_write else [],
        "framework_choices": _framework_choices() if can_write else [],
        "programmes": programmes_visible_to(request.user, WRITERS) if can_write else [],
    }
    return render(request, "maturity/company.html", context)


@role_required(*FIRM_READERS)
def report(request, pk: int):
    results = selectors.company_results(request.user, pk, request.GET.get("framework"))
    context = results_context(results, ident="report-radar")
    return pdf_response(
        "maturity/report.html",
        context,
        filename=file_name(_("maturity report"), results.company.pk, get_language(), ext="pdf"),
        request=request,
    )


@role_required(*WRITERS)
@require_POST
def start(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    form = StartForm(request.POST, frameworks=_framework_choices())
    writable = programmes_visible_to(request.user, WRITERS)
    programme = writable.filter(pk=request.POST.get("programme")).first()
    if not form.is_valid() or programme is None:
        messages.error(request, _("Choose a programme, a stage and a framework."))
        return redirect("maturity:company", pk=company.pk)
    try:
        assessment = services.assessment_start(
            company=company,
            programme=programme,
            stage=form.cleaned_data["stage"],
            framework=form.cleaned_data["framework"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("maturity:company", pk=company.pk)
    return redirect("maturity:detail", pk=assessment.pk)


@role_required(*FIRM_READERS)
def detail(request, pk: int):
    assessment = selectors.assessment_get(request.user, pk, FIRM_READERS)
    framework = load_framework(assessment.framework, assessment.framework_version)
    form = QuestionnaireForm(framework=framework, answers=assessment.answers)
    for field in form.fields.values():
        field.disabled = True
    context = {
        "assessment": assessment,
        "framework_title": framework.title.get(get_language() or "sv"),
        "band": selectors.band_title(framework, assessment.band) if assessment.band else "",
        "form": form,
        "can_write": has_role_in(request.user, assessment.programme_id, WRITERS),
        "can_answer": assessment.is_draft,
    }
    return render(request, "maturity/detail.html", context)


def _questionnaire(request, assessment, *, contact=None, by=None, answered_by=None):
    """Shared by logged-in answering and the self-service link: save or submit."""
    framework = load_framework(assessment.framework, assessment.framework_version)
    if request.method != "POST":
        return QuestionnaireForm(framework=framework, answers=assessment.answers), None
    form = QuestionnaireForm(request.POST, framework=framework)
    form.is_valid()  # every field is optional; this only parses the choices
    answers = form.to_answers()
    if request.POST.get("action") == "submit":
        missing = form.missing(answers)
        if missing:
            services.assessment_save_draft(
                assessment=assessment,
                answers=answers,
                by=by,
                contact=contact,
                answered_by=answered_by,
            )
            form.question_errors = {qid: [missing_message()] for qid in missing}
            return form, "invalid"
        try:
            services.assessment_submit(
                assessment=assessment,
                answers=answers,
                by=by,
                contact=contact,
                answered_by=answered_by,
            )
        except services.AssessmentInvalid as error:
            form.add_question_errors(error.problems)
            return form, "invalid"
        return form, "submitted"
    services.assessment_save_draft(
        assessment=assessment, answers=answers, by=by, contact=contact, answered_by=answered_by
    )
    return form, "saved"


@role_required(*WRITERS, Role.COMPANY)
def answer(request, pk: int):
    """A draft is filled in by the programme's writers or by the firm's representative."""
    assessment = selectors.assessment_get(request.user, pk, (*WRITERS, Role.COMPANY))
    if not assessment.is_draft:
        messages.info(request, _("This assessment is submitted; correct it to make a new version."))
        return redirect("maturity:detail", pk=assessment.pk)
    coach = has_role_in(request.user, assessment.programme_id, WRITERS)
    answered_by = AnsweredBy.COACH if coach else AnsweredBy.COMPANY
    form, outcome = _questionnaire(request, assessment, by=request.user, answered_by=answered_by)
    if outcome == "submitted":
        messages.success(request, _("The assessment has been submitted."))
        return redirect("maturity:company", pk=assessment.company_id)
    if outcome == "saved":
        messages.success(request, _("Your answers have been saved."))
        return redirect("maturity:answer", pk=assessment.pk)
    return render(
        request,
        "maturity/answer.html",
        {"assessment": assessment, "form": form, "invalid": outcome == "invalid"},
    )


@role_required(*WRITERS)
@require_POST
def correct(request, pk: int):
    assessment = selectors.assessment_get(request.user, pk, WRITERS)
    try:
        correction = services.assessment_correct(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("maturity:detail", pk=assessment.pk)
    return redirect("maturity:answer", pk=correction.pk)


@role_required(*WRITERS)
def link(request, pk: int):
    assessment = selectors.assessment_get(request.user, pk, WRITERS)
    contacts = selectors.company_contacts(request.user, assessment.company)
    form = LinkForm(request.POST or None, contacts=contacts)
    url = None
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        recipient = form.cleaned_data["recipient"]
        try:
            token = services.link_create(assessment=assessment, contact=contact, by=request.user)
            url = request.build_absolute_uri(reverse("maturity:self_service", args=[token]))
            if recipient:
                services.link_send(
                    assessment=assessment,
                    url=url,
                    to=recipient,
                    name=form.recipient_name(),
                    language=form.cleaned_data["language"],
                    by=request.user,
                )
                messages.success(
                    request, _("The link has been sent to %(email)s.") % {"email": recipient}
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request, "maturity/link.html", {"assessment": assessment, "form": form, "url": url}
    )


def self_service(request, token: str):
    """No login: the signed link is the key. Invalid links all get the same friendly page."""
    try:
        assessment = links.read_token(token, allow_submitted=True)
    except links.LinkInvalid:
        return render(request, "maturity/link_invalid.html", status=404)
    if assessment.status == Status.SUBMITTED:
        return render(request, "maturity/self_service_done.html")
    contact = assessment.invited_contact
    form, outcome = _questionnaire(
        request, assessment, contact=contact, answered_by=AnsweredBy.COMPANY
    )
    if outcome == "submitted":
        return render(request, "maturity/self_service_done.html")
    context = {
        "assessment": assessment,
        "form": form,
        "invalid": outcome == "invalid",
        "saved": outcome == "saved",
        "self_service": True,
    }
    return render(request, "maturity/answer.html", context)


@role_required(*WRITERS)
@require_POST
def accept(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    # The suggestion goes into the action plan of the assessment's programme: a writer there.
    assessment = (
        selectors.assessments_visible_to(request.user, WRITERS)
        .filter(pk=request.POST.get("assessment"), company=company, status=Status.SUBMITTED)
        .first()
    )
    if assessment is None:
        messages.error(request, _("Choose a submitted assessment."))
        return redirect("maturity:company", pk=company.pk)
    try:
        services.suggestion_accept(
            company=company,
            programme=assessment.programme,
            intervention_id=request.POST.get("intervention", ""),
            assessment=assessment,
            by=request.user,
        )
        messages.success(request, _("The suggestion has been added to the action plan."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("maturity:company", pk=company.pk)


@programme_view(*READERS)
def programme(request, prog):
    data = overview.programme_overview(prog, request.GET.get("framework") or DEFAULT_FRAMEWORK)
    context = {
        "programme": prog,
        "overview": data,
        "can_export": has_role_in(request.user, prog.pk, STAFF),
        "frameworks": _framework_choices(),
    }
    return render(request, "maturity/programme.html", context)


@programme_view(*STAFF)
def export(request, prog, fmt: str):
    """Names and answers of every assessment: for the programme's staff, not its observers."""
    table = overview.assessments_table(
        prog,
        request.GET.get("framework") or DEFAULT_FRAMEWORK,
        pseudonymise=request.GET.get("pseudonymise") == "1",
    )
    return table_response(table, fmt)


@programme_view(*STAFF)
@require_POST
def reports_start(request, prog):
    """All firms' reports as one ZIP file, made by a background job: to its page."""
    job = start_job(
        kind=jobs.REPORTS,
        owner=request.user,
        params={"programme": prog.code},
        programme_code=prog.code,
    )
    return redirect("jobs:detail", job.pk)


@programme_view(*STAFF)
def reports_download(request, prog, job: int):
    """The ZIP file of a finished batch, for the person who started it only."""
    return result_response(
        owned_result(request.user, job, kind=jobs.REPORTS, programme_code=prog.code)
    )
