from django.contrib import admin

from .models import IndicatorTarget


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["programme", "code", "target"]
    list_filter = ["programme"]
