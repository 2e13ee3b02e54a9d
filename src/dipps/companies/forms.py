from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dipps.core import uploads
from dipps.core.uploads import UploadField

from . import municipalities
from .models import Company, Contact, KeyFigures, RelatedEnterprise, SizeClass, TargetGroup
from .selectors import CompanyFilters
from .services import related_problems


def _municipality_choices():
    region = [
        m
        for m in municipalities.all_municipalities()
        if municipalities.in_region(m.code, settings.DIPPS_REGION_COUNTIES)
    ]
    return [("", _("All"))] + [(m.code, f"{m.name} ({m.code})") for m in region]


class CompanyFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"), required=False, choices=_municipality_choices
    )
    division = forms.IntegerField(
        label=_("SNI division"), required=False, min_value=1, max_value=99
    )
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", _("All"))] + SizeClass.choices
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All"))] + TargetGroup.choices
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All"))] + [(p.code, p.code) for p in programmes]

    def filters(self) -> CompanyFilters:
        if not self.is_valid():
            return CompanyFilters()
        d = self.cleaned_data
        return CompanyFilters(
            q=d["q"].strip(),
            municipality=d["municipality"],
            division=d["division"],
            size_class=d["size_class"],
            target_group=d["target_group"],
            programme=d["programme"],
        )


class ImportUploadForm(forms.Form):
    file = UploadField(kind=uploads.TABULAR, label=_("File (CSV or XLSX)"))


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "gender", "legal_basis"]
        help_texts = {
            "gender": _("Optional; used only for the EU's participant statistics."),
            "legal_basis": _("Why the programme may keep this person's details (GDPR art. 6)."),
        }


class EligibilityOverrideForm(forms.Form):
    """A programme manager's override: for which programme, and why."""

    programme = forms.ChoiceField(label=_("Programme"))
    motivation = forms.CharField(
        label=_("Reason for the override"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why the programme may support the firm although the reasons above speak "
            "against it, e.g. that the excluded activity is kept apart (2023/2831 art. 1(2))."
        ),
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {p.code: p for p in programmes}
        self.fields["programme"].choices = [(p.code, str(p)) for p in programmes]


class FiscalYearEndForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["fiscal_year_end"]
        help_texts = {
            "fiscal_year_end": _(
                "The last day of the company's fiscal year, MM-DD: 12-31 for a calendar year, "
                "e.g. 06-30 or 04-30 for a broken fiscal year. A fiscal year is named by the "
                "year it ends in."
            )
        }


class LeadershipForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["ceo_gender", "chair_gender"]
        help_texts = {
            "ceo_gender": _(
                "Reported only as counts in the programme's horizontal criteria, never by name."
            ),
        }


class KeyFiguresForm(forms.ModelForm):
    class Meta:
        model = KeyFigures
        fields = [
            "fiscal_year",
            "headcount",
            "turnover_sek",
            "balance_sheet_sek",
            "public_control_percent",
            "ownership_changed",
            "women_share_percent",
        ]
        help_texts = {
            "women_share_percent": _(
                "Optional: the share of women among the employees this year, where known "
                "(horizontal criteria in the progress report)."
            ),
            "public_control_percent": _(
                "Capital or votes held by public bodies; at least 25 % makes the company "
                "large at once (Recommendation 2003/361, annex art. 3(4))."
            ),
            "ownership_changed": _(
                "A merger or acquisition this year: the SME status follows this year's "
                "figures at once, without the two-year rule."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].min_value = 1900
        self.fields["fiscal_year"].max_value = 2100


class RelatedForm(forms.ModelForm):
    class Meta:
        model = RelatedEnterprise
        fields = [
            "fiscal_year",
            "relation",
            "name",
            "orgnr",
            "share_percent",
            "exempt_investor",
            "headcount",
            "turnover_sek",
            "balance_sheet_sek",
        ]
        help_texts = {
            "share_percent": _("Partner: 25–50 %, counted pro rata; linked: over 50 %, in full."),
            "exempt_investor": _(
                "A public investment corporation, venture capital company, business angel, "
                "university or regional development fund (e.g. Almi Invest, Norrlandsfonden) "
                "holding at most 50 %: its figures are not added (annex art. 3(2))."
            ),
        }

    def clean(self):
        data = super().clean()
        if data.get("relation") and data.get("share_percent") is not None:
            for name, message in related_problems(
                relation=data["relation"],
                share_percent=data["share_percent"],
                exempt_investor=data.get("exempt_investor", False),
            ).items():
                self.add_error(name, message)
        return data
