"""The firm's pre-studies: list, create and edit, process steps with quotes, the one click
to the scenario planner, and the PDF for the firm's board and bank (docs/competence.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dipps.accounts.roles import FIRM_READERS, WRITERS, role_required
from dipps.companies.selectors import company_for
from dipps.core.exporters import file_name
from dipps.core.formatting import percent
from dipps.core.pdf import pdf_response

from . import selectors, services
from .forms import PreStudyForm, QuoteFormSet, StepForm


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _form_errors(form, error: ValidationError) -> None:
    """A service's errors on the form: on the field they name, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@role_required(*FIRM_READERS)
def company(request, pk: int):
    firm, studies = selectors.company_prestudies(request.user, pk)
    context = {
        "company": firm,
        "studies": studies,
        "can_edit": selectors.can_edit(request.user, firm),
    }
    return render(request, "automation/company.html", context)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def create(request, pk: int):
    firm = company_for(request.user, pk, WRITERS)
    programmes = selectors.programmes_for_new(request.user, firm)
    form = PreStudyForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            study = services.prestudy_save(
                company=firm,
                programme=form.cleaned_data["programme"],
                values=form.cleaned_data,
                by=request.user,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("automation:prestudy", study.pk)
    return render(request, "automation/prestudy_form.html", {"company": firm, "form": form})


@role_required(*FIRM_READERS)
def prestudy(request, pk: int):
    study = selectors.prestudy_get(request.user, pk)
    context = {
        "study": study,
        "company": study.company,
        "steps": [(step, step.payback()) for step in study.steps.all()],
        "can_edit": selectors.can_edit(request.user, study.company),
    }
    return render(request, "automation/prestudy.html", context)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    study = selectors.prestudy_get(request.user, pk, WRITERS)
    form = PreStudyForm(request.POST or None, instance=study)
    if request.method == "POST" and form.is_valid():
        try:
            services.prestudy_save(
                company=study.company,
                programme=study.programme,
                values=form.cleaned_data,
                by=request.user,
                prestudy=PreStudyForm.Meta.model.objects.get(pk=study.pk),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("automation:prestudy", study.pk)
    context = {"company": study.company, "form": form, "study": study}
    return render(request, "automation/prestudy_form.html", context)


def _step_form(request, study, step=None):
    initial = [
        {
            "supplier": q.supplier,
            "investment": q.investment,
            "annual_operating_cost": q.annual_operating_cost,
            "chosen": q.chosen,
        }
        for q in (step.quotes.all() if step else [])
    ]
    form = StepForm(request.POST or None, instance=step)
    quotes = QuoteFormSet(request.POST or None, initial=initial, prefix="quote")
    if request.method == "POST" and form.is_valid() and quotes.is_valid():
        entered = [q for q in (f.quote() for f in quotes.forms) if q is not None]
        try:
            services.step_save(
                prestudy=study,
                values=form.cleaned_data,
                quotes=entered,
                by=request.user,
                step=step,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The process step is saved."))
            return redirect("automation:prestudy", study.pk)
    context = {"company": study.company, "study": study, "form": form, "quotes": quotes}
    context["step"] = step
    return render(request, "automation/step_form.html", context)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def step_add(request, pk: int):
    study = selectors.prestudy_get(request.user, pk, WRITERS)
    return _step_form(request, study)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def step_edit(request, pk: int):
    step = selectors.step_get(request.user, pk, WRITERS)
    return _step_form(request, step.prestudy, step)


@role_required(*WRITERS)
@require_POST
def step_delete(request, pk: int):
    step = selectors.step_get(request.user, pk, WRITERS)
    study = step.prestudy
    services.step_delete(step=step, by=request.user)
    messages.success(request, _("The process step is removed."))
    return redirect("automation:prestudy", study.pk)


@role_required(*WRITERS)
@require_POST
def step_to_scenario(request, pk: int):
    """One click: the step becomes a plan item and an automation measure in the scenario."""
    step = selectors.step_get(request.user, pk, WRITERS)
    try:
        link = services.step_to_scenario(step=step, by=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("automation:prestudy", step.prestudy_id)
    if link.capped:
        messages.warning(
            request,
            _(
                "The hours saved are worth more than the firm's whole labour cost in the cost "
                "structure for %(year)s; the measure cuts labour by 100 %%. Check the hours "
                "saved and the hourly labour cost."
            )
            % {"year": link.cost_structure.year},
        )
    messages.success(
        request,
        _(
            "The step is in the action plan and in the scenario for %(year)s: labour "
            "%(share)s lower. The page shows how the firm's exposure changes."
        )
        % {"year": link.cost_structure.year, "share": percent(link.labour_reduction * 100)},
    )
    return redirect("scenarios:detail", link.cost_structure.pk)


@role_required(*FIRM_READERS)
def prestudy_pdf(request, pk: int):
    """In Swedish, for the firm's board and bank; `?lang=en` gives it in English."""
    study = selectors.prestudy_get(request.user, pk)
    language = request.GET.get("lang", "sv")[:2]
    if language not in ("sv", "en"):
        raise Http404("unknown language")
    with translation.override(language):
        context = {
            "study": study,
            "company": study.company,
            "steps": [(step, step.payback()) for step in study.steps.all()],
        }
        # The firm's id, not its number, names the file: a sole trader's number is personal.
        name = file_name(_("Automation pre-study"), study.company_id, study.pk, language, ext="pdf")
        return pdf_response("automation/prestudy_pdf.html", context, filename=name, request=request)
