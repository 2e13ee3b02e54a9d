"""A user's API tokens: list, create (the token is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import TokenForm


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, created = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires=form.cleaned_data["expires"],
            )
            form = TokenForm()
        except ValidationError as e:
            for message in e.messages:
                form.add_error(None, message)
    context = {
        "form": form,
        "created": created,
        "tokens": selectors.tokens_of(request.user),
        "today": timezone.localdate(),
    }
    response = render(request, "api/tokens.html", context)
    if created:
        # The token is in this page only: no copy in a browser's or proxy's cache.
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_get(request.user, pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token was revoked: it no longer opens the API."))
    return redirect("api:tokens")
