from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import INDICATORS


class TargetsForm(forms.Form):
    """One optional target per indicator; an empty field removes the target."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for ind in INDICATORS:
            self.fields[ind.code] = forms.DecimalField(
                label=ind.label,
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                help_text=_("Leave empty for no target."),
            )

    def targets(self) -> dict:
        return {ind.code: self.cleaned_data.get(ind.code) for ind in INDICATORS}
