from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from . import decisions
from .models import Financier, Organisation, Programme
from .services import financing_messages


class FinancierFormSet(forms.BaseInlineFormSet):
    """Refuse a financing plan whose shares or amounts do not add up."""

    def clean(self):
        super().clean()
        total = self.instance.total_budget
        if total is None:
            return
        shares = [
            decisions.Share(
                f.cleaned_data["name"], f.cleaned_data["share_percent"], f.cleaned_data["amount"]
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        messages = financing_messages(total, shares)
        if messages:
            raise ValidationError(messages)


class FinancierInline(admin.StackedInline):
    """Each financier with its type and decision; public or private follows from the type."""

    model = Financier
    formset = FinancierFormSet
    extra = 0
    fields = [
        ("name", "financier_type", "is_owner"),
        ("share_percent", "amount", "contribution"),
        ("decision_number", "decision_date", "decided_amount"),
        "conditions",
    ]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start", "end", "status", "total_budget"]
    search_fields = ["code", "name"]
    filter_horizontal = ["partners"]
    inlines = [FinancierInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    search_fields = ["name"]
