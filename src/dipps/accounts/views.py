from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from dipps.companies.selectors import companies_visible_to, company_aggregates
from dipps.programmes.selectors import programmes_visible_to
from dipps.programmes.services import programme_decision_check

from .models import Role
from .roles import primary_role, represented_company_ids


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
    """Each role lands on what it works with."""
    role = primary_role(request.user)
    user = request.user
    context = {"role": role}
    if role == Role.COMPANY:
        context["companies"] = companies_visible_to(user).filter(
            id__in=represented_company_ids(user)
        )
        return render(request, "accounts/home_company.html", context)
    if role == Role.OBSERVER:
        programmes = list(programmes_visible_to(user))
        context["programmes"] = programmes
        context["aggregates"] = company_aggregates()
        return render(request, "accounts/home_observer.html", context)
    if role in (Role.MANAGER, Role.COACH, Role.FINANCE):
        programmes = list(programmes_visible_to(user).prefetch_related("financiers"))
        if role == Role.MANAGER:
            context["checks"] = [(p, programme_decision_check(p)) for p in programmes]
        context["programmes"] = programmes
        context["company_count"] = companies_visible_to(user).count()
        context["aggregates"] = company_aggregates()
        return render(request, f"accounts/home_{role}.html", context)
    return render(request, "accounts/home_none.html", context)
