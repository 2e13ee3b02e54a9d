from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "role", "company"]
    list_filter = ["programme", "role"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["company"]
