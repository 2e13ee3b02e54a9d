"""Pages for an activity's attendance list: record it, print it for signatures, sign in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dipps.accounts.roles import STAFF, WRITERS, role_required
from dipps.core.exporters import file_name
from dipps.core.pdf import pdf_response

from . import selectors, services, signin
from .forms import AttendeeFormSet, SignInForm


def _initial(attendees) -> list[dict]:
    return [
        {
            "id": a.pk,
            "name": a.name,
            "contributor": f"c{a.company_id}" if a.company_id else f"o{a.organisation_id}",
            "role": a.role,
            "hours": a.hours,
            "gender": a.gender,
            "age_band": a.age_band,
            "confirmed": a.confirmed,
        }
        for a in attendees
    ]


@role_required(*WRITERS)
def attendance(request, pk: int):
    activity = selectors.activity_get(request.user, pk, WRITERS)
    attendees = selectors.attendance_of(request.user, activity)
    companies, organisations = services.contributors_of(activity)
    kwargs = {"companies": companies, "organisations": organisations}
    formset = AttendeeFormSet(request.POST or None, initial=_initial(attendees), form_kwargs=kwargs)
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.AttendeeInput(
                pk=f.cleaned_data.get("id"),
                name=f.cleaned_data["name"],
                contributor=f.cleaned_data["contributor"],
                hours=f.cleaned_data["hours"],
                role=f.cleaned_data["role"],
                gender=f.cleaned_data.get("gender") or "",
                age_band=f.cleaned_data.get("age_band") or "",
                confirmed=f.cleaned_data.get("confirmed") or "",
            )
            for f in formset.forms
            if f.has_changed() or f.cleaned_data.get("id")
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.attendance_set(activity=activity, rows=rows, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance list saved."))
            return redirect("engagements:attendance", pk=activity.pk)
    link = request.build_absolute_uri(
        reverse("engagements:sign_in", args=[signin.make_token(activity)])
    )
    context = {
        "activity": activity,
        "attendees": attendees,
        "formset": formset,
        "sign_in_url": link,
        "sign_in_days": signin.max_age_seconds() // 86400,
    }
    return render(request, "engagements/attendance.html", context)


@role_required(*STAFF)
def attendance_pdf(request, pk: int):
    activity = selectors.activity_get(request.user, pk, STAFF)
    attendees = selectors.attendance_of(request.user, activity)
    companies, organisations = services.contributors_of(activity)
    context = {
        "activity": activity,
        "attendees": attendees,
        "companies": companies,
        "blank_rows": range(max(5, 15 - len(attendees))),
    }
    return pdf_response(
        "engagements/attendance_pdf.html",
        context,
        filename=file_name(
            _("attendance list"), activity.programme.code, activity.date.isoformat(), ext="pdf"
        ),
        request=request,
    )


def sign_in(request, token: str):
    """No login: the signed link is the key. Invalid links all get the same friendly page."""
    try:
        activity = signin.read_token(token)
    except signin.LinkInvalid:
        return render(request, "engagements/sign_in_invalid.html", status=404)
    companies, organisations = services.contributors_of(activity)
    form = SignInForm(request.POST or None, companies=companies, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_sign_in(
                activity=activity,
                name=form.cleaned_data["name"],
                contributor=form.cleaned_data["contributor"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return render(request, "engagements/sign_in_done.html", {"activity": activity})
    return render(request, "engagements/sign_in.html", {"activity": activity, "form": form})
