"""Forms of the pre-study pages: plain fields in reading order, so a coach can fill them in a
meeting with the keyboard alone (Tab from field to field, Enter saves)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PreStudy, ProcessStep
from .services import QuoteInput


class PreStudyForm(forms.ModelForm):
    programme = forms.ModelChoiceField(queryset=None, label=_("Programme"), empty_label=None)

    class Meta:
        model = PreStudy
        fields = ["title", "status", "hourly_labour_cost", "years", "discount_rate_percent"]
        fields += ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is None:
            del self.fields["programme"]
        else:
            self.fields["programme"].queryset = programmes
        self.fields["title"].widget.attrs["autofocus"] = True
        self.fields["years"].min_value = 1
        self.fields["years"].widget.attrs.update(min=1, max=100)


class StepForm(forms.ModelForm):
    class Meta:
        model = ProcessStep
        fields = [
            "name",
            "what_is_done",
            "cycle_time_seconds",
            "annual_volume",
            "manual_hours_per_year",
            "problems",
            "solution",
            "hours_saved_per_year",
            "other_annual_savings",
            "residual_value",
            "risks",
            "roles_changing",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("what_is_done", "problems", "risks", "roles_changing")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autofocus"] = True
        for name in ("manual_hours_per_year", "hours_saved_per_year", "other_annual_savings"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs["min"] = 0
        self.fields["residual_value"].widget.attrs["min"] = 0


class QuoteForm(forms.Form):
    supplier = forms.CharField(label=_("supplier"), max_length=200, required=False)
    investment = forms.DecimalField(
        label=_("investment (SEK)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    annual_operating_cost = forms.DecimalField(
        label=_("operating cost per year (SEK)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    chosen = forms.BooleanField(label=_("chosen"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("supplier") and data.get("investment") is None:
            self.add_error("investment", _("Give the quote's investment."))
        if not data.get("supplier") and (data.get("investment") is not None or data.get("chosen")):
            self.add_error("supplier", _("Name the supplier of this quote."))
        return data

    def quote(self) -> QuoteInput | None:
        data = self.cleaned_data
        if not data.get("supplier"):
            return None
        return QuoteInput(
            supplier=data["supplier"],
            investment=data["investment"],
            annual_operating_cost=data.get("annual_operating_cost") or 0,
            chosen=bool(data.get("chosen")),
        )


QuoteFormSet = forms.formset_factory(QuoteForm, extra=2, max_num=8, absolute_max=8)
