"""The programme's skills views and their exports (docs/competence.md, "Programme skills
views"): aggregates only, for every role of the programme but the firms' representatives."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from dipps.accounts.roles import READERS
from dipps.core.exporters import Table, table_response
from dipps.engagements.models import Attendee
from dipps.programmes.access import programme_view

from . import selectors


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
