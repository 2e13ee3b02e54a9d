"""The firm's skills map pages, the self-service link and an activity's skills
(docs/competence.md, "Skills map" and "From gap to plan to training")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dipps.accounts.roles import STAFF, WRITERS, role_required
from dipps.companies.selectors import roles_for_company
from dipps.programmes.selectors import programmes_visible_to

from . import links, selectors, services
from .catalogue import catalogue_for, levels, role_name, skill_name
from .forms import ActivitySkillsForm, LinkForm, RowFormSet, StartForm
from .models import SkillsMap


def _start_form(user, data=None) -> StartForm:
    return StartForm(
        data, programmes=programmes_visible_to(user, WRITERS), skills=catalogue_for(None)
    )


@role_required(*selectors.COMPETENCE_READERS)
def company(request, pk: int):
    firm, held = selectors.competence_company(request.user, pk)
    page = selectors.company_page(request.user, firm, held)
    labels = catalogue_for(page.latest.programme if page.latest else None)
    rows = []
    if page.latest is not None:
        rows = [(role_name(r.role), skill_name(r.skill, labels), r) for r in page.latest.rows.all()]
    context = {
        "company": firm,
        "page": page,
        "rows": rows,
        "levels": levels(),
        "start_form": _start_form(request.user) if page.can_write else None,
    }
    return render(request, "competence/company.html", context)


@role_required(*WRITERS)
@require_POST
def start(request, pk: int):
    firm, _held = selectors.competence_company(request.user, pk, WRITERS)
    form = _start_form(request.user, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a programme and who fills in the map."))
        return redirect("competence:company", pk=firm.pk)
    try:
        skills_map = services.map_start(
            company=firm,
            programme=form.cleaned_data["programme"],
            kind=form.cleaned_data["kind"],
            roles=form.cleaned_data["roles"],
            skills=form.cleaned_data["skills"],
            follow_up=form.cleaned_data["follow_up"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("competence:company", pk=firm.pk)
    if skills_map.kind == SkillsMap.Kind.SELF_SERVICE:
        return redirect("competence:link", pk=skills_map.pk)
    return redirect("competence:map", pk=skills_map.pk)


def _table(request, skills_map: SkillsMap, *, by):
    """The map's rows as one formset: (formset, labelled rows, errors, outcome) with outcome
    "", "saved", "submitted" or "invalid"; `errors` are the service's, naming each row."""
    labels = catalogue_for(skills_map.programme)
    rows = list(skills_map.rows.all())
    initial = [
        {"id": r.pk, "people": r.people, "current": r.current, "needed": r.needed} for r in rows
    ]
    formset = RowFormSet(request.POST or None, initial=initial, prefix="row")
    outcome, errors = "", []
    if request.method == "POST":
        if formset.is_valid():
            data = [
                services.RowInput(f.cleaned_data["id"], *(f.cleaned_data[k] for k in NUMBERS))
                for f in formset.forms
            ]
            try:
                services.map_save(
                    skills_map=skills_map, rows=data, submit="submit" in request.POST, by=by
                )
                outcome = "submitted" if "submit" in request.POST else "saved"
            except ValidationError as error:
                errors = error.messages
                outcome = "invalid"
        else:
            outcome = "invalid"
    labelled = [
        (role_name(r.role), skill_name(r.skill, labels), f)
        for r, f in zip(rows, formset.forms, strict=False)
    ]
    return formset, labelled, errors, outcome


NUMBERS = ("people", "current", "needed")


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    """The coach's table: one line per role × skill, three inputs each, in tab order."""
    skills_map = selectors.map_get(request.user, pk)
    formset, labelled, errors, outcome = _table(request, skills_map, by=request.user)
    if outcome in ("saved", "submitted"):
        messages.success(request, _("The skills map has been saved."))
        return redirect("competence:company", pk=skills_map.company_id)
    context = {
        "map": skills_map,
        "formset": formset,
        "rows": labelled,
        "errors": errors,
        "levels": levels(),
    }
    return render(request, "competence/map.html", context, status=400 if outcome else 200)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def link(request, pk: int):
    skills_map = selectors.map_get(request.user, pk)
    held = roles_for_company(request.user, skills_map.company)
    contacts = (
        skills_map.company.contacts.order_by("name")
        if held & set(STAFF)
        else skills_map.company.contacts.none()
    )
    form = LinkForm(request.POST or None, contacts=contacts)
    url = None
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"]
        try:
            token = services.link_create(
                skills_map=skills_map, contact=form.cleaned_data["contact"], by=request.user
            )
            url = request.build_absolute_uri(reverse("competence:self_service", args=[token]))
            if recipient:
                services.link_send(
                    skills_map=skills_map,
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
    return render(request, "competence/link.html", {"map": skills_map, "form": form, "url": url})


def self_service(request, token: str):
    """No login: the signed link is the key. Invalid links all get the same friendly page."""
    try:
        skills_map = links.read_token(token)
    except links.LinkInvalid:
        return render(request, "competence/link_invalid.html", status=404)
    if skills_map.submitted is not None:
        return render(request, "competence/self_service_done.html")
    formset, labelled, errors, outcome = _table(request, skills_map, by=None)
    if outcome == "submitted":
        return render(request, "competence/self_service_done.html")
    context = {
        "map": skills_map,
        "formset": formset,
        "rows": labelled,
        "errors": errors,
        "levels": levels(),
        "self_service": True,
        "saved": outcome == "saved",
    }
    return render(
        request, "competence/map.html", context, status=400 if outcome == "invalid" else 200
    )


@role_required(*WRITERS)
@require_POST
def plan(request, pk: int):
    """One ranked gap → one planned competence-plan item of the firm's engagement."""
    row = selectors.row_get(request.user, pk)
    try:
        services.gap_to_plan(row=row, by=request.user)
        messages.success(request, _("The gap has been added to the action plan."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("competence:company", pk=row.map.company_id)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def activity(request, pk: int):
    """The skills a training activity addresses; its attendees count as trained in them."""
    found = selectors.activity_get(request.user, pk)
    labels = catalogue_for(found.programme)
    current = list(found.competence_skills.values_list("skill", flat=True))
    form = ActivitySkillsForm(request.POST or None, skills=labels, initial={"skills": current})
    if request.method == "POST" and form.is_valid():
        services.activity_skills_set(
            activity=found, skills=form.cleaned_data["skills"], by=request.user
        )
        messages.success(request, _("The activity's skills have been saved."))
        return redirect("competence:activity", pk=found.pk)
    return render(request, "competence/activity.html", {"activity": found, "form": form})
