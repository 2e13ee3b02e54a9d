from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import orgnr
from .models import (
    Company,
    Contact,
    EligibilityOverride,
    KeyFigures,
    Participation,
    RelatedEnterprise,
    SniCode,
)


class SniInline(admin.TabularInline):
    model = SniCode
    extra = 0


class FiguresInline(admin.TabularInline):
    model = KeyFigures
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class RelatedInline(admin.TabularInline):
    model = RelatedEnterprise
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


class EligibilityOverrideInline(admin.TabularInline):
    """Read-only: an override is recorded and removed on the company page, by a programme
    manager of that programme, with the audit history (`services.eligibility_override_set`)."""

    model = EligibilityOverride
    extra = 0
    fields = ["programme", "reasons", "motivation", "decided_by", "decided"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "orgnr_shown", "municipality_code", "target_group", "size_class"]
    list_filter = ["target_group", "size_class"]
    search_fields = ["name", "orgnr"]
    readonly_fields = ["target_group", "size_class", "primary_division"]
    inlines = [
        SniInline,
        FiguresInline,
        RelatedInline,
        ContactInline,
        ParticipationInline,
        EligibilityOverrideInline,
    ]

    @admin.display(description=_("organisation number"), ordering="orgnr")
    def orgnr_shown(self, company: Company) -> str:
        # A list: a sole trader's number masked, as everywhere (see orgnr.shown).
        return orgnr.shown(company.orgnr, is_sole_trader=company.is_sole_trader)
