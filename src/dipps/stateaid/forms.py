from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dipps.core.uploads import DOCUMENT, UploadField

from .models import AidEntry


class DeclaredAidForm(forms.Form):
    giver = forms.CharField(label=_("Aid giver"), max_length=200)
    granted = forms.DateField(
        label=_("Date granted"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=Decimal(0)
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=AidEntry.Currency.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class LinkForm(forms.Form):
    orgnr = forms.CharField(
        label=_("Organisation number of the linked enterprise"),
        max_length=13,
        help_text=_("The enterprise must be in the company register."),
    )


class CaseOpenForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class CasePlanForm(forms.Form):
    planned_hours = forms.DecimalField(
        label=_("Planned coach hours"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("Valued at the programme's aid hourly rate of today."),
    )
    external_cost_sek = forms.DecimalField(
        label=_("Planned external costs (SEK)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    planned_aid_sek = forms.DecimalField(
        label=_("Or the planned aid value (SEK)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        help_text=_("When entered, it is used instead of hours and costs."),
    )

    def clean(self):
        data = super().clean()
        if data.get("planned_hours") is None and data.get("planned_aid_sek") is None:
            raise forms.ValidationError(
                _("Enter the planned coach hours or the planned aid value.")
            )
        return data


class CaseUploadForm(forms.Form):
    file = UploadField(label=_("Signed declaration (PDF)"), kind=DOCUMENT)


class CaseDecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve the aid")), (REFUSE, _("Refuse the aid"))],
        widget=forms.RadioSelect,
        initial=APPROVE,
    )
    reference = forms.CharField(label=_("Decision reference (diary number)"), max_length=100)
    decided = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    approved_sek = forms.DecimalField(
        label=_("Approved aid (SEK)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RegisterFilterForm(forms.Form):
    """The de minimis register's filters, read from the query string (a GET form)."""

    q = forms.CharField(
        label=_("Company"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All"))] + AidEntry.Source.choices
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    year = forms.IntegerField(
        label=pgettext_lazy("year granted", "Year"), required=False, min_value=1990, max_value=2100
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All"))] + [(p.code, p.code) for p in programmes]

    def filters(self) -> dict:
        """Keyword arguments for `selectors.register_entries` (none when the input is bad)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"].strip(),
            "source": d["source"],
            "programme": d["programme"],
            "year": d["year"],
        }
