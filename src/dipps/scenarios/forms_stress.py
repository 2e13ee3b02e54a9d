"""The stress-test form: named shocks to tick, and any number of the user's own shocks.

The user's own shocks are a formset of rows (name and a change in per cent per factor).
Rows are added with a plain submit button that re-renders the page with one more row, and left
out with a tick box, so the page needs no JavaScript.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from .forms import FACTOR_LABELS
from .model import FACTORS, Shock

HUNDRED = Decimal(100)
MAX_CUSTOM = 10
BELOW_MINUS_100 = _(
    "A price cannot be negative, so a change cannot be below −100 %: "
    "enter −100 or more (for example −10 for a fall of 10 %)."
)


def field_name(factor: str) -> str:
    # "fx.EUR" -> "fx_EUR": a dot in a field name breaks template look-ups.
    return factor.replace(".", "_")


class CustomShockForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in FACTORS:
            self.fields[field_name(factor)] = forms.DecimalField(
                label=_("%(factor)s, change in %%") % {"factor": FACTOR_LABELS[factor]},
                required=False,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )

    def factor_fields(self):
        return [self[field_name(f)] for f in FACTORS]

    def changes(self) -> dict[str, Decimal]:
        data = getattr(self, "cleaned_data", {})
        return {
            f: data[field_name(f)] / HUNDRED
            for f in FACTORS
            if data.get(field_name(f)) not in (None, Decimal(0))
        }

    def clean(self):
        data = super().clean()
        for factor in FACTORS:
            change = data.get(field_name(factor))
            if change is not None and change < -100:
                self.add_error(field_name(factor), BELOW_MINUS_100)
        has_change = any(data.get(field_name(f)) not in (None, Decimal(0)) for f in FACTORS)
        name = (data.get("name") or "").strip()
        data["name"] = name
        if has_change and not name:
            self.add_error("name", _("Give this shock a name."))
        elif name and not has_change:
            self.add_error(
                "name",
                _("Enter at least one change for “%(name)s”, or clear its name.") % {"name": name},
            )
        return data


class BaseCustomShockFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Leave this shock out")

    def kept(self):
        return [f for f in self.forms if not (self.can_delete and self._should_delete_form(f))]

    def clean(self):
        seen: set[str] = set()
        for form in self.kept():
            name = form.cleaned_data.get("name") if hasattr(form, "cleaned_data") else None
            if not name:
                continue
            if name in seen:
                raise forms.ValidationError(
                    _("Two of your shocks are called “%(name)s”: give each its own name.")
                    % {"name": name}
                )
            seen.add(name)

    def shocks(self) -> dict[str, Shock]:
        out = {}
        for form in self.kept():
            changes = form.changes()
            if changes:
                out[form.cleaned_data["name"]] = Shock(changes)
        return out

    def rows(self) -> list[dict]:
        """What was typed in the rows that are kept, unvalidated: to re-render with a new row."""
        return [
            {name: form[name].value() for name in form.fields if name != "DELETE"}
            for form in self.forms
            if not (self.can_delete and form["DELETE"].value())
        ]


CustomShockFormSet = formset_factory(
    CustomShockForm,
    formset=BaseCustomShockFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_CUSTOM,
    validate_max=True,
)


class StressForm(forms.Form):
    presets = forms.MultipleChoiceField(
        label=_("Named shocks"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )

    def __init__(self, data=None, *, preset_labels, initial=None, custom_rows=None):
        super().__init__(data, initial=initial)
        self.fields["presets"].choices = list(preset_labels.items())
        self.preset_labels = preset_labels
        if data is not None and "custom-TOTAL_FORMS" not in data:
            # Named shocks alone (a script, an old bookmark): no rows rather than an error.
            data = data.copy()
            data.update({"custom-TOTAL_FORMS": "0", "custom-INITIAL_FORMS": "0"})
        self.custom = CustomShockFormSet(data, prefix="custom", initial=custom_rows)

    def with_another_row(self) -> StressForm:
        """An unbound copy of what was typed, with one more empty row (up to the maximum)."""
        rows = self.custom.rows()
        again = StressForm(
            preset_labels=self.preset_labels,
            initial={"presets": self["presets"].value()},
            custom_rows=rows,
        )
        again.custom.extra = 1 if len(rows) < MAX_CUSTOM else 0
        return again

    def is_valid(self) -> bool:
        custom_ok = self.custom.is_valid()
        return super().is_valid() and custom_ok

    def clean(self):
        data = super().clean()
        if not self.custom.is_valid():
            return data  # the rows carry their own messages
        custom = self.custom.shocks()
        chosen = {str(self.preset_labels[k]) for k in data.get("presets", [])}
        for name in custom:
            if name in chosen:
                raise forms.ValidationError(
                    _("“%(name)s” is already the name of a named shock: give yours another name.")
                    % {"name": name}
                )
        if not data.get("presets") and not custom:
            raise forms.ValidationError(_("Choose at least one named shock or describe your own."))
        return data

    def shocks(self, presets) -> dict[str, Shock]:
        out = {str(self.preset_labels[k]): Shock(presets[k]) for k in self.cleaned_data["presets"]}
        out.update(self.custom.shocks())
        return out
