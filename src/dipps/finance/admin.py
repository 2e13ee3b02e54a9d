from django.contrib import admin

from .models import AccountMapping, FinancePlan, PartnerLedger, ReportingPeriod


@admin.register(FinancePlan)
class FinancePlanAdmin(admin.ModelAdmin):
    list_display = ["programme", "indirect_rate_percent"]


@admin.register(PartnerLedger)
class PartnerLedgerAdmin(admin.ModelAdmin):
    list_display = ["programme", "organisation", "dimension", "object", "accounts"]


@admin.register(AccountMapping)
class AccountMappingAdmin(admin.ModelAdmin):
    list_display = ["programme", "first", "last", "category"]
    list_filter = ["programme"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["programme", "number", "start", "end"]
