from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dipps.core import uploads
from dipps.core.uploads import UploadField

from . import municipalities
from .models import Contact, SizeClass, TargetGroup
from .selectors import CompanyFilters


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
