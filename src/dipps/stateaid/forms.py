from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

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
