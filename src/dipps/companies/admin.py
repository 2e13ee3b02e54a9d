from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import orgnr
from .models import Company, Contact, KeyFigures, Participation, RelatedEnterprise, SniCode


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


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "orgnr_shown", "municipality_code", "target_group", "size_class"]
    list_filter = ["target_group", "size_class"]
    search_fields = ["name", "orgnr"]
    readonly_fields = ["target_group", "size_class", "primary_division"]
    inlines = [SniInline, FiguresInline, RelatedInline, ContactInline, ParticipationInline]

    @admin.display(description=_("organisation number"), ordering="orgnr")
    def orgnr_shown(self, company: Company) -> str:
        # A list: a sole trader's number masked, as everywhere (see orgnr.shown).
        return orgnr.shown(company.orgnr, is_sole_trader=company.is_sole_trader)
