from django.contrib import admin

from .models import IndicatorTarget, ProgrammeIndicator


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "code", "target"]
    list_filter = ["programme"]


@admin.register(ProgrammeIndicator)
class ProgrammeIndicatorAdmin(admin.ModelAdmin):
    list_display = ["programme", "position", "code", "name_sv", "unit", "measure"]
    list_filter = ["programme"]
