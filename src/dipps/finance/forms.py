from django import forms
from django.utils.translation import gettext_lazy as _

from dipps.core import uploads
from dipps.core.uploads import UploadField

from .models import LedgerCategory


class SieUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Partner"))
    file = UploadField(kind=uploads.SIE, label=_("SIE 4 file"))
    accept_orgnr = forms.BooleanField(
        required=False,
        label=_("The file holds this partner's costs even though its organisation number differs"),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners


class CostEntryForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Partner"))
    category = forms.ChoiceField(label=_("Category"), choices=LedgerCategory.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount (SEK)"), max_digits=14, decimal_places=2)
    text = forms.CharField(label=_("Text"), max_length=200, required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners


class StaffCostsForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Employing partner"))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners


class ClaimForm(forms.Form):
    general = forms.CharField(
        label=_("General information"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    working_method = forms.CharField(
        label=_("Working method and organisation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    activities = forms.CharField(
        label=_("Activities"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, financiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        for row in financiers:
            self.fields[f"cofinancing_{row.financier_id}"] = forms.DecimalField(
                label=_("Co-financing received: %(name)s") % {"name": row.financier.name},
                max_digits=14,
                decimal_places=2,
                min_value=0,
                initial=row.amount,
            )

    def cofinancing(self) -> dict:
        return {
            int(k.removeprefix("cofinancing_")): v
            for k, v in self.cleaned_data.items()
            if k.startswith("cofinancing_")
        }
