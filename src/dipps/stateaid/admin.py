"""Admin for the de minimis register's reference data.

Aid hourly rates and single undertakings are edited here with the same checks
as the site and kept in the audit history. Aid entries are never changed
here: programme aid belongs to its activity (it is granted and withdrawn with
it), and declared aid is added through `services.aid_declare`, which converts
the amount at the day's exchange rate; a wrong declaration is deleted and
declared again.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from dipps.core import audit

from . import services
from .models import AidEntry, AidRate, SingleUndertaking, UndertakingMember


class AidRateForm(forms.ModelForm):
    class Meta:
        model = AidRate
        fields = ["programme", "valid_from", "hourly_rate_sek"]

    def clean(self):
        data = super().clean()
        if data.get("programme") is not None:
            old = self.instance if self.instance.pk else None
            problems = services.aid_rate_problems(
                programme=data["programme"],
                valid_from=data.get("valid_from"),
                rate=data.get("hourly_rate_sek"),
                exclude_pk=old.pk if old else None,
                old_from=old.valid_from if old else None,
            )
            for field, message in problems.items():
                if field not in self.errors:
                    self.add_error(field, message)
        return data


@admin.register(AidRate)
class AidRateAdmin(admin.ModelAdmin):
    """A rate that would govern days with aid already granted is refused (the ledger
    keeps each grant at its day's rate). Deleting is not offered here for the same
    reason: it would re-price the days the rate governed."""

    form = AidRateForm
    list_display = ["programme", "valid_from", "hourly_rate_sek"]
    list_filter = ["programme"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {n: audit.plain(form.cleaned_data.get(n)) for n in form.changed_data}
        audit.record(
            instance=obj, action="update" if change else "create", by=request.user, changes=changes
        )


class MemberInline(admin.TabularInline):
    model = UndertakingMember
    extra = 1
    autocomplete_fields = ["company"]


@admin.register(SingleUndertaking)
class SingleUndertakingAdmin(admin.ModelAdmin):
    """Linking is a fact about the firms, not a grant: it is recorded even when the
    linked firms' aid together exceeds the ceiling (the headroom then shows it),
    exactly as `services.undertaking_link` does."""

    list_display = ["name", "member_count"]
    search_fields = ["name", "members__company__name", "members__company__orgnr"]
    inlines = [MemberInline]

    @admin.display(description="#")
    def member_count(self, obj):
        return obj.members.count()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit.record(
            instance=form.instance,
            action="update" if change else "create",
            by=request.user,
            changes={"members": sorted(form.instance.members.values_list("company_id", flat=True))},
        )

    def delete_model(self, request, obj):
        audit.record(instance=obj, action="delete", by=request.user, changes=audit.snapshot(obj))
        super().delete_model(request, obj)


class DeclaredAidForm(forms.ModelForm):
    amount = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0)

    class Meta:
        model = AidEntry
        fields = ["company", "giver", "granted", "currency", "amount", "note"]

    def clean(self):
        data = super().clean()
        if data.get("granted"):
            try:
                services.eur_rate_on(data["granted"])
            except ValidationError as exc:
                self.add_error("granted", exc)
        return data


@admin.register(AidEntry)
class AidEntryAdmin(admin.ModelAdmin):
    """Add declared aid (through the service); view everything; delete declared aid only."""

    form = DeclaredAidForm
    list_display = ["granted", "company", "source", "giver", "amount_sek", "amount_eur"]
    list_filter = ["source", "programme"]
    search_fields = ["company__name", "company__orgnr", "giver", "reference"]
    date_hierarchy = "granted"
    autocomplete_fields = ["company"]
    list_select_related = ["company"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["company", "giver", "granted", "currency", "amount", "note"]
        return [f.name for f in AidEntry._meta.concrete_fields if f.name != "id"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.source == AidEntry.Source.DECLARED

    def delete_queryset(self, request, queryset):
        for obj in queryset.filter(source=AidEntry.Source.DECLARED):
            self.delete_model(request, obj)

    def delete_model(self, request, obj):
        audit.record(instance=obj, action="delete", by=request.user, changes=audit.snapshot(obj))
        super().delete_model(request, obj)

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        entry = services.aid_declare(
            company=d["company"],
            giver=d["giver"],
            amount=d["amount"],
            currency=d["currency"],
            granted=d["granted"],
            note=d.get("note", ""),
            by=request.user,
        )
        # The admin logs and redirects with `obj`: make it the saved entry.
        for f in AidEntry._meta.concrete_fields:
            setattr(obj, f.attname, getattr(entry, f.attname))
        obj._state.adding = False
