"""Admin for the working method.

The dated reference values (in-kind hourly rate, employment cost) are edited
here with the same checks as their pages, and every save is kept in the audit
history. The core objects are mostly read-only here: their writes keep rules
the admin cannot see (the de minimis check, the daily totals, the 24-hour
check, the stage history), so they are changed on the site's own pages.
"""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet

from dipps.core import audit
from dipps.stateaid.services import hourly_rate_problems

from .models import (
    ActionItem,
    Activity,
    ActivityCoach,
    ActivityCompany,
    EmploymentCost,
    Engagement,
    InKindRate,
    StageChange,
    TimesheetEntry,
)
from .services import employment_cost_problems


def jsonable(value):
    """A form value as the audit history stores it (a many-to-many choice as its ids)."""
    if isinstance(value, QuerySet | list | tuple):
        return sorted(audit.plain(v) for v in value)
    return audit.plain(value)


class AuditedAdmin(admin.ModelAdmin):
    """Keeps admin writes in the audit history, as the services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: jsonable(form.cleaned_data.get(name)) for name in form.changed_data}
        audit.record(
            instance=obj, action="update" if change else "create", by=request.user, changes=changes
        )

    def delete_model(self, request, obj):
        audit.record(instance=obj, action="delete", by=request.user, changes=audit.snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(
                instance=obj, action="delete", by=request.user, changes=audit.snapshot(obj)
            )
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InKindRateForm(forms.ModelForm):
    class Meta:
        model = InKindRate
        fields = ["programme", "role", "valid_from", "hourly_rate_sek"]

    def clean(self):
        data = super().clean()
        if data.get("programme") is not None:
            for field, message in hourly_rate_problems(
                programme=data["programme"],
                valid_from=data.get("valid_from"),
                rate=data.get("hourly_rate_sek"),
            ).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return data


@admin.register(InKindRate)
class InKindRateAdmin(AuditedAdmin):
    """In-kind values are computed from the rates when shown, so edits are safe."""

    form = InKindRateForm
    list_display = ["programme", "role", "valid_from", "hourly_rate_sek"]
    list_filter = ["programme", "role"]
    date_hierarchy = "valid_from"


class EmploymentCostForm(forms.ModelForm):
    class Meta:
        model = EmploymentCost
        fields = ["user", "year", "annual_gross_cost_sek", "document"]

    def clean(self):
        data = super().clean()
        for field, message in employment_cost_problems(
            year=data.get("year"), annual_gross_cost_sek=data.get("annual_gross_cost_sek")
        ).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


@admin.register(EmploymentCost)
class EmploymentCostAdmin(AuditedAdmin):
    """Staff cost is hours × cost / 1,720 computed when shown, so edits are safe."""

    form = EmploymentCostForm
    list_display = ["user", "year", "annual_gross_cost_sek", "document"]
    list_filter = ["year"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ["on", "from_stage", "to_stage", "reason", "by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Engagement)
class EngagementAdmin(AuditedAdmin):
    """Coaches and the start date may be edited; the stage may not.

    A stage move must leave a stage change (date, who, reason) and obey the
    move rules, which `services.engagement_move` does: so the stage is read-only
    here, and engagements are started on the company's page (which records the
    first stage), not added here.
    """

    list_display = ["company", "programme", "stage", "started"]
    list_filter = ["programme", "stage"]
    search_fields = ["company__name", "company__orgnr"]
    readonly_fields = ["company", "programme", "stage", "stage_reason"]
    fields = ["company", "programme", "stage", "stage_reason", "started", "coaches"]
    filter_horizontal = ["coaches"]
    inlines = [StageChangeInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyAdmin):
    """Read-only: `services.action_item_save` checks the catalogue ids and dimensions
    and keeps the completion date; edit items on the company's page."""

    list_display = ["goal", "engagement", "intervention", "owner", "status", "due", "completed"]
    list_filter = ["status", "owner", "intervention", "engagement__programme"]
    search_fields = ["goal", "engagement__company__name", "engagement__company__orgnr"]
    date_hierarchy = "created"


class ActivityCoachInline(admin.TabularInline):
    model = ActivityCoach
    extra = 0
    fields = ["user", "date", "hours"]
    readonly_fields = fields


class ActivityCompanyInline(admin.TabularInline):
    model = ActivityCompany
    extra = 0
    fields = [
        "company",
        "participants",
        "staff_hours",
        "external_cost_sek",
        "participant_hours",
        "aid_sek",
        "aid_eur",
    ]
    readonly_fields = fields


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    """Read-only: recording, changing or deleting an activity re-runs the de minimis
    check, grants or withdraws aid and keeps the daily totals in step
    (`services.activity_record/update/delete`); use the activity's pages."""

    list_display = [
        "date",
        "type",
        "programme",
        "staff_hours",
        "external_cost_sek",
        "participant_hours",
        "note",
    ]
    list_filter = ["programme", "type"]
    search_fields = ["note", "shares__company__name", "shares__company__orgnr"]
    date_hierarchy = "date"
    inlines = [ActivityCoachInline, ActivityCompanyInline]
    show_full_result_count = False  # millions of rows: no COUNT(*) on every list page


@admin.register(TimesheetEntry)
class TimesheetEntryAdmin(ReadOnlyAdmin):
    """Read-only: `services.timesheet_week_save` refuses a day over 24 hours per
    person, which a single-row edit here could not see; use the timesheet page."""

    list_display = ["day", "user", "programme", "kind", "activity", "hours"]
    list_filter = ["programme", "kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    date_hierarchy = "day"
    list_select_related = ["user", "programme", "activity"]
