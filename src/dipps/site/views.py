"""The landing page: one per role, listing what the apps below hold for that role; and the
accessibility statement, open to everyone."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dipps.accounts.models import Role
from dipps.accounts.roles import primary_role
from dipps.companies.selectors import companies_visible_to, company_aggregates
from dipps.programmes.selectors import programmes_visible_to
from dipps.programmes.services import programme_decision_check

from . import desks


@login_required
def home(request):
    """Each user lands on the page of their primary role, and what it lists (programmes,
    counts, aggregates) comes only from the programmes where they hold *that* role: an
    observer here who is a finance officer elsewhere lands as finance officer and sees
    only the other programme's finances; an observer's aggregates are of the programmes
    they observe."""
    role = primary_role(request.user)
    user = request.user
    context = {"role": role}
    if role is None:
        return render(request, "site/home_none.html", context)
    if role == Role.COMPANY:
        context.update(desks.company(user))
        return render(request, "site/home_company.html", context)
    programmes = list(programmes_visible_to(user, (role,)).prefetch_related("financiers"))
    context["programmes"] = programmes
    if role in (Role.MANAGER, Role.OBSERVER):
        context["programme_aggregates"] = [(p, company_aggregates(p)) for p in programmes]
    if role == Role.MANAGER:
        context["checks"] = [(p, programme_decision_check(p)) for p in programmes]
        context.update(desks.manager(programmes))
    if role == Role.FINANCE:
        context.update(desks.finance(user, programmes))
    if role == Role.COACH:
        context["company_count"] = companies_visible_to(user, (role,)).count()
        context.update(desks.coach(user))
    return render(request, f"site/home_{role}.html", context)


# When the statement was last reviewed against the tests it describes (DIGG asks for the
# date of the latest assessment and of the latest update).
STATEMENT_REVIEWED = date(2026, 11, 29)


def accessibility(request):
    """The accessibility statement (tillgänglighetsredogörelse) that the law on accessibility
    of digital public services (2018:1937, 16 §) asks of a public body, in the structure of
    DIGG's model statement. Public: a person who cannot log in must be able to read it."""
    context = {
        "reviewed": STATEMENT_REVIEWED,
        "contact": settings.DIPPS_ACCESSIBILITY_CONTACT,
    }
    return render(request, "site/accessibility.html", context)
