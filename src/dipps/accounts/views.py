from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from dipps.companies.selectors import companies_visible_to, company_aggregates
from dipps.programmes.selectors import programmes_visible_to
from dipps.programmes.services import programme_decision_check

from .models import Role
from .roles import primary_role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


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
        return render(request, "accounts/home_none.html", context)
    if role == Role.COMPANY:
        context["companies"] = companies_visible_to(user, (Role.COMPANY,))
        return render(request, "accounts/home_company.html", context)
    programmes = list(programmes_visible_to(user, (role,)).prefetch_related("financiers"))
    context["programmes"] = programmes
    if role in (Role.MANAGER, Role.OBSERVER):
        context["programme_aggregates"] = [(p, company_aggregates(p)) for p in programmes]
    if role == Role.MANAGER:
        context["checks"] = [(p, programme_decision_check(p)) for p in programmes]
    if role == Role.COACH:
        context["company_count"] = companies_visible_to(user, (role,)).count()
    return render(request, f"accounts/home_{role}.html", context)
