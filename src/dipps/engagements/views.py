from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dipps.accounts.roles import (
    FINANCE,
    FIRM_READERS,
    STAFF,
    WRITERS,
    holds_anywhere,
    role_required,
)
from dipps.companies.models import Company
from dipps.companies.selectors import companies_visible_to, company_for, roles_for_company
from dipps.core import formatting
from dipps.core.exporters import Table, table_response
from dipps.stateaid.selectors_case import drawdown_warnings

from . import rules, selectors, services, time_selectors
from .forms import (
    DAYS,
    ActionItemForm,
    ActivityEditForm,
    ActivityForm,
    StageForm,
    TimesheetFormSet,
)
from .models import ActionItem, Engagement, TimesheetEntry


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@role_required(*STAFF)
def desk(request):
    context = {
        "desk": selectors.coach_desk(request.user),
        "can_record": holds_anywhere(request.user, WRITERS),
    }
    return render(request, "engagements/desk.html", context)


@role_required(*FIRM_READERS)
def company(request, pk: int):
    company, engagements, events = selectors.company_timeline(request.user, pk)
    can_record = bool(roles_for_company(request.user, company) & set(WRITERS))
    context = {
        "company": company,
        "engagements": engagements,
        "events": events,
        "stage_form": StageForm(),
        "can_record": can_record,
        # Programmes where the user may start one: a writer there, no engagement there yet.
        "programmes": selectors.programmes_for(request.user, WRITERS).exclude(
            pk__in=Engagement.objects.filter(company=company).values("programme_id")
        )
        if can_record
        else [],
    }
    return render(request, "engagements/company.html", context)


@role_required(*WRITERS)
@require_POST
def start(request, pk: int):
    company = company_for(request.user, pk, WRITERS)
    programme = (
        selectors.programmes_for(request.user, WRITERS)
        .filter(pk=request.POST.get("programme"))
        .first()
    )
    if programme is None:
        messages.error(request, _("Choose a programme."))
    else:
        services.engagement_start(
            company=company, programme=programme, coaches=[request.user], by=request.user
        )
        messages.success(request, _("Engagement started."))
    return redirect("engagements:company", pk=company.pk)


@role_required(*WRITERS)
@require_POST
def stage(request, pk: int):
    engagement = selectors.engagement_get(request.user, pk, WRITERS)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            services.engagement_move(
                engagement=engagement,
                stage=form.cleaned_data["stage"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            messages.success(request, _("Stage changed."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return redirect("engagements:company", pk=engagement.company_id)


def _item_form(request, engagement, item=None):
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.action_item_save(
                engagement=engagement, values=values, by=request.user, item=item
            )
            messages.success(request, _("Action-plan item saved."))
            return redirect("engagements:company", pk=engagement.company_id)
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(
        request,
        "engagements/item_form.html",
        {"form": form, "engagement": engagement, "item": item},
    )


@role_required(*WRITERS)
def item_new(request, pk: int):
    return _item_form(request, selectors.engagement_get(request.user, pk, WRITERS))


@role_required(*WRITERS)
def item_edit(request, pk: int):
    item = selectors.item_get(request.user, pk, WRITERS)
    # A fresh instance: a failed save must not leave half-set fields on the shown object.
    return _item_form(request, item.engagement, ActionItem.objects.get(pk=item.pk))


def _activity_input(d: dict, coach_hours: dict, staff_hours=None) -> services.ActivityInput:
    """The service's input from a cleaned activity form (new or edit)."""
    if d["other_coach"] and d["other_hours"]:
        coach_hours[d["other_coach"]] = coach_hours.get(d["other_coach"], 0) + d["other_hours"]
    chosen = list(d["companies"])
    return services.ActivityInput(
        day=d["date"],
        type=d["type"],
        programme=d["programme"],
        companies=sorted(chosen, key=lambda c: c.pk),
        coach_hours=coach_hours,
        staff_hours=staff_hours,
        external_cost_sek=d["external_cost_sek"],
        women=d["participants_women"],
        men=d["participants_men"],
        other=d["participants_other"],
        participant_hours=d["participant_hours"],
        note=d["note"],
        spread=d["spread"],
        company_participants=dict(
            zip([c.pk for c in chosen], d["company_participants"], strict=False)
        ),
        items=list(d["items"]),
    )


def _activity_choices(user, activity=None) -> dict:
    """What an activity form may offer: the programmes where the user is a writer, the
    firms they see as one, the coaches of those programmes (and, when editing, the
    activity's own firms and coaches, so that saving it unchanged stays possible)."""
    companies = companies_visible_to(user, WRITERS)
    coaches = ()
    if activity is not None:
        current = [s.company_id for s in activity.shares.all()]
        companies = companies | Company.objects.filter(pk__in=current)
        coaches = [c.user for c in activity.coach_hours.all()]
    return {
        "programmes": selectors.programmes_for(user, WRITERS),
        "companies": companies.distinct().order_by("name"),
        "coaches": selectors.coaches_for(user, also=coaches),
    }


def _drawdown_warnings(request, data) -> None:
    """Warn the coach about firms that have used 90 % or more of their approved de minimis aid."""
    for company, draw in drawdown_warnings(data.programme, data.companies):
        messages.warning(
            request,
            _(
                "%(company)s has used %(pct)s of its approved de minimis aid (%(left)s left); "
                "support beyond the approved amount needs a new decision."
            )
            % {
                "company": company.name,
                "pct": formatting.percent(draw.used_percent),
                "left": formatting.kr(draw.left_sek),
            },
        )


@role_required(*WRITERS)
def activity_new(request):
    preselected = None
    if request.GET.get("company", "").isdigit():
        preselected = company_for(request.user, int(request.GET["company"]), WRITERS)
    choices = _activity_choices(request.user)
    form = ActivityForm(
        request.POST or None,
        initial={
            "companies": [preselected] if preselected else [],
            "programme": choices["programmes"].filter(status="active").first(),
        },
        items=selectors.items_for(request.user, [preselected.pk] if preselected else []),
        **choices,
    )
    if request.method == "POST" and form.is_valid():
        data = _activity_input(form.cleaned_data, {request.user: form.cleaned_data["hours"]})
        try:
            services.activity_record(data=data, by=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Activity recorded."))
            _drawdown_warnings(request, data)
            target = preselected or data.companies[0]
            return redirect("engagements:company", pk=target.pk)
    return render(request, "engagements/activity_form.html", {"form": form, "company": preselected})


def _edit_initial(activity) -> dict:
    shares = sorted(activity.shares.all(), key=lambda s: s.company_id)
    coaches = sorted(activity.coach_hours.all(), key=lambda c: (-c.hours, c.user_id))
    by_name = sorted(shares, key=lambda s: (s.company.name, s.company_id))
    initial = {
        "date": activity.date,
        "programme": activity.programme,
        "type": activity.type,
        "companies": [s.company for s in shares],
        "hours": coaches[0].hours if coaches else activity.staff_hours,
        "coach": coaches[0].user if coaches else None,
        "external_cost_sek": activity.external_cost_sek,
        "participants_women": activity.participants_women,
        "participants_men": activity.participants_men,
        "participants_other": activity.participants_other,
        "participant_hours": activity.participant_hours,
        "spread": activity.spread,
        "note": activity.note,
        "items": list(activity.items.all()),
    }
    if len(coaches) > 1:
        initial.update(other_coach=coaches[1].user, other_hours=coaches[1].hours)
    if activity.spread == activity.Spread.PARTICIPANTS:
        # In the order the form lists the companies (by name), as the help text says.
        initial["company_participants"] = ", ".join(str(s.participants) for s in by_name)
    return initial


@role_required(*WRITERS)
def activity_edit(request, pk: int):
    activity = selectors.activity_get(request.user, pk, WRITERS)
    if activity.coach_hours.count() > 2:
        messages.error(
            request, _("This activity has more than two coaches; it cannot be edited here.")
        )
        return redirect("engagements:company", pk=activity.shares.first().company_id)
    company_ids = [s.company_id for s in activity.shares.all()]
    form = ActivityEditForm(
        request.POST or None,
        initial=_edit_initial(activity),
        items=selectors.items_for(request.user, company_ids, activity),
        **_activity_choices(request.user, activity),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["coach"]:
            data = _activity_input(d, {d["coach"]: d["hours"]})
        else:
            data = _activity_input(d, {}, staff_hours=d["hours"])
        try:
            services.activity_update(activity=activity, data=data, by=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Activity saved; the de minimis aid was recalculated."))
            _drawdown_warnings(request, data)
            return redirect("engagements:company", pk=data.companies[0].pk)
    context = {
        "form": form,
        "activity": activity,
        "history": selectors.activity_history(request.user, activity),
    }
    return render(request, "engagements/activity_edit.html", context)


@role_required(*WRITERS)
def activity_delete(request, pk: int):
    activity = selectors.activity_get(request.user, pk, WRITERS)
    shares = list(activity.shares.all())
    if request.method == "POST":
        services.activity_delete(activity=activity, by=request.user)
        messages.success(request, _("Activity deleted; its de minimis aid was withdrawn."))
        if shares:
            return redirect("engagements:company", pk=shares[0].company_id)
        return redirect("engagements:desk")
    context = {"activity": activity, "shares": shares}
    return render(request, "engagements/activity_delete.html", context)


def _monday(request) -> date:
    day = parse_date(request.GET.get("week", "") or "") or timezone.localdate()
    return rules.week_start(day)


@role_required(*STAFF)
def timesheet(request):
    monday = _monday(request)
    programmes = selectors.programmes_for(request.user, STAFF)
    activities = time_selectors.activities_for_timesheet(request.user)
    kwargs = {"programmes": programmes, "activities": activities}
    days = [monday + timedelta(days=i) for i in range(7)]
    if request.method == "POST":
        formset = TimesheetFormSet(request.POST, form_kwargs=kwargs)
        if formset.is_valid():
            rows = [
                services.TimesheetRow(
                    programme=f.cleaned_data["programme"],
                    kind=TimesheetEntry.Kind.ACTIVITY
                    if f.cleaned_data["activity"]
                    else TimesheetEntry.Kind.ADMINISTRATION,
                    activity=f.cleaned_data["activity"],
                    hours=f.hours(),
                )
                for f in formset
                if f.cleaned_data.get("programme")
            ]
            try:
                services.timesheet_week_save(
                    user=request.user,
                    monday=monday,
                    rows=rows,
                    by=request.user,
                    programmes=programmes,
                )
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, _("Timesheet saved."))
                return redirect(f"{request.path}?week={monday.isoformat()}")
    else:
        grouped: dict = {}
        for e in time_selectors.week_entries(request.user, monday):
            row = grouped.setdefault(
                (e.programme_id, e.activity_id), {"programme": e.programme, "activity": e.activity}
            )
            row[DAYS[(e.day - monday).days]] = e.hours
        initial = (
            list(grouped.values()) + [{"programme": programmes.filter(status="active").first()}] * 2
        )
        formset = TimesheetFormSet(initial=initial, form_kwargs=kwargs)
    context = {
        "formset": formset,
        "monday": monday,
        "days": days,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
    }
    return render(request, "engagements/timesheet.html", context)


def _year(request) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


def month_headers():
    return [
        _("Person"),
        _("Month"),
        _("Hours"),
        _("Hourly rate (SEK)"),
        _("Staff cost (SEK)"),
    ]


@role_required(*STAFF)
def months(request):
    year = _year(request)
    context = {
        "rows": time_selectors.monthly_totals(request.user, year),
        "year": year,
        # The salaries page lists the staff of the programmes where the user handles money.
        "can_set_costs": holds_anywhere(request.user, FINANCE),
    }
    return render(request, "engagements/months.html", context)


@role_required(*STAFF)
def months_export(request, fmt: str):
    year = _year(request)
    rows = (
        [r["person"], r["month"], r["hours"], r["rate"], r["cost"]]
        for r in time_selectors.monthly_totals(request.user, year)
    )
    return table_response(
        Table(_("timesheet %(year)s") % {"year": year}, month_headers(), rows), fmt
    )
