from django.contrib import admin

from .models import AuditEntry, ExchangeRate


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    # Named, because `valid_from` comes from the DatedRate base and would lead the form.
    fields = ["currency", "valid_from", "sek_per_unit", "source"]
    list_display = ["currency", "valid_from", "sek_per_unit", "source"]
    list_filter = ["currency"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "model", "object_id", "action"]
    list_filter = ["model", "action"]
    readonly_fields = ["at", "user", "model", "object_id", "action", "changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
