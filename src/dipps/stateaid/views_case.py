"""Pages of a de minimis case: open it, the declaration the representative signs, the plan,
the check and the decision. Who may do which step: docs/de-minimis.md."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.models import Role
from dipps.accounts.roles import FIRM_READERS, MANAGERS, WRITERS, role_required
from dipps.companies.selectors import company_for

from . import selectors_case, services_case
from .forms import CaseDecisionForm, CaseOpenForm, CasePlanForm, CaseUploadForm

COMPANY = (Role.COMPANY,)


def _messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@role_required(*WRITERS)
def case_new(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    programmes = selectors_case.programmes_to_open(request.user, company)
    form = CaseOpenForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            case = services_case.case_open(
                programme=form.cleaned_data["programme"], company=company, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De minimis case opened."))
            return redirect("stateaid:case", pk=case.pk)
    return render(request, "stateaid/case_new.html", {"form": form, "company": company})


@role_required(*FIRM_READERS)
def case(request, pk: int):
    case = selectors_case.case_for(request.user, pk, FIRM_READERS)
    roles = selectors_case.case_roles(request.user, case)
    context = selectors_case.case_detail(case)
    context.update(
        can_write=bool(roles & set(WRITERS)),
        can_decide=bool(roles & set(MANAGERS)),
        can_sign=Role.COMPANY in roles,
        Status=case.Status,
        plan_form=CasePlanForm(
            initial={"planned_hours": case.planned_hours, "planned_aid_sek": case.planned_aid_sek}
        ),
        upload_form=CaseUploadForm(),
        decision_form=CaseDecisionForm(
            initial={"decided": timezone.localdate(), "approved_sek": case.planned_aid_sek}
        ),
    )
    return render(request, "stateaid/case.html", context)


@role_required(*FIRM_READERS)
def case_declaration(request, pk: int):
    """The declaration as the representative reads and signs it."""
    case = selectors_case.case_for(request.user, pk, FIRM_READERS)
    roles = selectors_case.case_roles(request.user, case)
    context = selectors_case.case_detail(case)
    context["can_sign"] = Role.COMPANY in roles and case.status in (
        case.Status.DRAFT,
        case.Status.DECLARED,
    )
    return render(request, "stateaid/case_declaration.html", context)


@role_required(*COMPANY)
@require_POST
def case_sign(request, pk: int):
    case = selectors_case.case_for(request.user, pk, COMPANY)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the declaration before signing."))
        return redirect("stateaid:case_declaration", pk=case.pk)
    try:
        services_case.case_sign(case=case, by=request.user)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Declaration signed."))
    return redirect("stateaid:case", pk=case.pk)


@role_required(*WRITERS)
@require_POST
def case_upload(request, pk: int):
    case = selectors_case.case_for(request.user, pk, WRITERS)
    form = CaseUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("stateaid:case", pk=case.pk)
    try:
        services_case.case_upload(case=case, upload=form.cleaned_data["file"], by=request.user)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Signed declaration uploaded."))
    return redirect("stateaid:case", pk=case.pk)


@role_required(*FIRM_READERS)
def case_file(request, pk: int):
    case = selectors_case.case_for(request.user, pk, FIRM_READERS)
    if not case.declaration_file:
        raise Http404
    try:
        handle = case.declaration_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=case.declaration_filename or "declaration.pdf",
        content_type="application/pdf",
    )


@role_required(*WRITERS)
def case_plan(request, pk: int):
    case = selectors_case.case_for(request.user, pk, WRITERS)
    form = CasePlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_case.case_plan(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Planned aid saved."))
            return redirect("stateaid:case", pk=case.pk)
    return render(request, "stateaid/case_plan.html", {"form": form, "case": case})


@role_required(*WRITERS)
@require_POST
def case_check(request, pk: int):
    case = selectors_case.case_for(request.user, pk, WRITERS)
    try:
        case = services_case.case_check(case=case, by=request.user)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        if case.check_allowed:
            messages.success(request, _("Check done: the planned aid fits under the ceiling."))
        else:
            messages.warning(request, _("Check done: the planned aid does not fit."))
    return redirect("stateaid:case", pk=case.pk)


@role_required(*MANAGERS)
def case_decide(request, pk: int):
    case = selectors_case.case_for(request.user, pk, MANAGERS)
    form = CaseDecisionForm(
        request.POST or None,
        initial={"decided": timezone.localdate(), "approved_sek": case.planned_aid_sek},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_case.case_decide(
                case=case,
                approved=data["outcome"] == CaseDecisionForm.APPROVE,
                reference=data["reference"],
                decided=data["decided"],
                approved_sek=data["approved_sek"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("stateaid:case", pk=case.pk)
    return render(request, "stateaid/case_decide.html", {"form": form, "case": case})
