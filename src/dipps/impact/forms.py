"""Forms of the impact pages: one fiscal year's figures, and an SIE file to read them from."""

from __future__ import annotations

from decimal import InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from dipps.companies.imports import parse_amount
from dipps.core import uploads

from .imports import amount_error
from .services import FIGURES, Figures


class AmountField(forms.DecimalField):
    """An amount in SEK as people write it: 1234567, 1 234 567,50 or 1234567.50."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return parse_amount(value.strip())
            except (InvalidOperation, ValueError):
                raise forms.ValidationError(
                    _("Expected an amount in SEK, e.g. 12500000 or 12 500 000,50."),
                    code="invalid",
                ) from None
        return super().to_python(value)


def _amount(label) -> forms.DecimalField:
    return AmountField(label=label, max_digits=14, decimal_places=2, localize=True)


class YearForm(forms.Form):
    """A fiscal year's figures from the accounts, as the annual report or SIE file gives them."""

    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"),
        min_value=1900,
        max_value=2100,
        help_text=_("Named by the year it ends in."),
    )
    net_sales = _amount(_("Net sales (SEK)"))
    personnel_costs = _amount(_("Personnel costs (SEK)"))
    depreciation = _amount(_("Depreciation and write-downs (SEK)"))
    operating_profit = _amount(_("Operating profit (SEK)"))

    def clean(self):
        data = super().clean()
        for name in FIGURES:
            value = data.get(name)
            if value is not None:
                problem = amount_error(name, value)
                if problem:
                    self.add_error(name, problem)
        return data

    def figures(self) -> Figures:
        data = self.cleaned_data
        return Figures(data["fiscal_year"], *(data[name] for name in FIGURES))


class ReviewForm(YearForm):
    """One year read from an SIE file, on the review page: kept unless unticked."""

    keep = forms.BooleanField(label=_("Save this year"), required=False, initial=True)


ReviewFormSet = forms.formset_factory(ReviewForm, extra=0, max_num=50, validate_max=True)


class SieForm(forms.Form):
    file = uploads.UploadField(kind=uploads.SIE, label=_("SIE file"))
