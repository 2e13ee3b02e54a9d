"""The programme's skills views and their exports (docs/competence.md, "Programme skills
views"): aggregates only, for every role of the programme but the firms' representatives."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dipps.accounts.roles import MANAGERS, READERS, has_role_in
from dipps.core.exporters import Table, table_response
from dipps.engagements.models import Attendee
from dipps.programmes.access import programme_view

from . import selectors, services
from .catalogue import catalogue_for
from .forms import ProgrammeSkillForm


def _gender_labels() -> list[str]:
    return [*(str(g.label) for g in Attendee.Gender), _("not stated")]


def _age_labels() -> list[str]:
    return [*(str(a.label) for a in Attendee.AgeBand), _("not stated")]


@programme_view(*READERS)
def programme(request, prog):
    page = selectors.programme_page(prog)
    context = {
        "programme": prog,
        "page": page,
        "gender_labels": _gender_labels(),
        "age_labels": _age_labels(),
        "can_manage": has_role_in(request.user, prog.pk, MANAGERS),
    }
    return render(request, "competence/programme.html", context)


@programme_view(*READERS)
def gaps_export(request, prog, fmt: str):
    page = selectors.programme_page(prog)
    headers = [_("Skill"), _("people × gap"), _("people with a gap"), _("firms with a gap")]
    rows = [[name, t.priority, t.people, t.firms] for name, t in page.gaps]
    return table_response(Table(_("skills gaps"), headers, rows), fmt)


@programme_view(*READERS)
def trained_export(request, prog, fmt: str):
    page = selectors.programme_page(prog)
    headers = [_("Skill"), _("people trained"), *_gender_labels(), *_age_labels()]
    rows = [[t.skill, t.people, *t.by_gender.values(), *t.by_age.values()] for t in page.trained]
    return table_response(Table(_("people trained by skill"), headers, rows), fmt)


@programme_view(*MANAGERS)
def skills(request, prog):
    """The programme's catalogue: the shipped skills and the programme's own; add one."""
    form = ProgrammeSkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_skill_add(programme=prog, values=form.cleaned_data, by=request.user)
            messages.success(request, _("The skill has been added."))
            return redirect("competence:skills", code=prog.code)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field, message)
    context = {"programme": prog, "skills": catalogue_for(prog).values(), "form": form}
    return render(request, "competence/skills.html", context, status=400 if form.errors else 200)
