from django.contrib import admin

from .models import ProgrammeSkill


@admin.register(ProgrammeSkill)
class ProgrammeSkillAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "programme")
    list_filter = ("programme",)
