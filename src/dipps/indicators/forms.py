from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Unit
from .selectors import MEASURES


class TargetsForm(forms.Form):
    """One optional target per indicator of the programme's set; empty removes it."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            self.fields[ind.code] = forms.DecimalField(
                label=ind.label,
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                help_text=_("Leave empty for no target."),
            )

    def targets(self) -> dict:
        return {ind.code: self.cleaned_data.get(ind.code) for ind in self.indicators}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Indicator table from the funding decision (CSV or XLSX)"),
        help_text=_("Columns: code, target, and for the programme's own: name_sv, name_en, unit."),
    )


class IndicatorForm(forms.Form):
    """Add or change one indicator of the programme's set."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("An ERDF code such as RCO01, or the programme's own code."),
    )
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=300, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—"), *Unit.choices], required=False)
    measure = forms.ChoiceField(label=_("Computed from"), required=False)
    target = forms.CharField(label=_("Target"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", _("reported outside DIPPS"))] + measure_choices()
        self.fields["name_sv"].help_text = _("Empty: the name of the ERDF list.")


def measure_choices() -> list[tuple[str, str]]:
    """The computed figures by their labels; a breakdown ("… of which micro") is shown
    after the figure it breaks down, so that it can be told apart in a list."""
    choices, parent = [], ""
    for m in MEASURES:
        label = str(m.label)
        if label.startswith("…"):
            label = f"{parent} {label}"
        else:
            parent = label
        choices.append((m.code, label))
    return choices
