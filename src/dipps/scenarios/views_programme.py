"""Monte Carlo for every firm of a programme, started as a background job (jobs.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dipps.accounts.roles import WRITERS
from dipps.core.jobs import start_job
from dipps.programmes.access import programme_view

from . import jobs


class ProgrammeMonteCarloForm(forms.Form):
    draws = forms.IntegerField(
        label=gettext_lazy("Draws"), min_value=1000, max_value=200_000, initial=100_000
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        min_value=0,
        max_value=2**31,
        initial=2025,
        help_text=gettext_lazy("The same seed gives exactly the same result."),
    )


@programme_view(*WRITERS)
@require_POST
def montecarlo_start(request, programme):
    """A Monte Carlo run, with the illustrative assumptions, for each firm's latest cost
    structure: a background job, whose page the person is taken to."""
    form = ProgrammeMonteCarloForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return redirect(f"{reverse('scenarios:programme')}?programme={programme.code}")
    job = start_job(
        kind=jobs.MONTECARLO,
        owner=request.user,
        params={"programme": programme.code, **form.cleaned_data},
        programme_code=programme.code,
    )
    messages.info(request, _("Each firm's run is saved with its cost structure."))
    return redirect("jobs:detail", job.pk)
