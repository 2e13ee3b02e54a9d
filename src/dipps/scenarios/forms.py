"""Forms of the scenario planner. Shares and changes are entered in per cent (15 = 15 %)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import numpy as np
from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from dipps.core import uploads
from dipps.core.uploads import UploadField
from dipps.engagements.models import ActionItem

from . import risk
from .models import CostStructure, Measure, MeasureType, PriceSeries
from .services import COST_FIELDS

HUNDRED = Decimal(100)
FACTOR_LABELS = {
    "fx.EUR": _("EUR in SEK"),
    "fx.USD": _("USD in SEK"),
    "fx.other": _("other currencies in SEK"),
    "price.materials": _("material prices"),
    "price.electricity": _("electricity price"),
    "price.other_energy": _("other energy prices"),
    "wage": _("wages"),
    "price.other": _("other costs"),
}
PRESET_LABELS = {
    "krona": _("stronger krona: EUR, USD and other currencies −10 %"),
    "electricity": _("electricity ×2"),
    "wages": _("wages +4 %"),
    "bad_year": _("a bad year"),
}
NOT_NEGATIVE = _("Cannot be negative: enter 0 or more (an amount in SEK for the year).")


class CostStructureForm(forms.ModelForm):
    class Meta:
        model = CostStructure
        fields = ["year", *COST_FIELDS, "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].validators.append(MinValueValidator(1990))
        for name in COST_FIELDS:
            field = self.fields[name]
            field.min_value = Decimal(0)
            field.validators.append(MinValueValidator(Decimal(0), message=NOT_NEGATIVE))
            field.widget.attrs.update({"min": "0", "inputmode": "decimal"})
        self.fields["electricity_kwh"].validators[-1].message = _(
            "Electricity use cannot be negative: enter the kWh used in the year (0 or more)."
        )

    def figures(self) -> dict[str, Decimal]:
        return {name: self.cleaned_data[name] for name in COST_FIELDS}


class NewCostStructureForm(CostStructureForm):
    company = forms.ModelChoiceField(label=_("Company"), queryset=None)

    class Meta(CostStructureForm.Meta):
        fields = ["company", *CostStructureForm.Meta.fields]

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.order_fields(["company", "year"])


class SieUploadForm(forms.Form):
    company = forms.ModelChoiceField(label=_("Company"), queryset=None)
    file = UploadField(kind=uploads.SIE, label=_("SIE file (type 1–4)"))
    year_index = forms.TypedChoiceField(
        label=_("Fiscal year"),
        coerce=int,
        choices=[(0, _("current year (0)")), (-1, _("previous year (−1)"))],
        initial=0,
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies


class MeasureForm(forms.ModelForm):
    kwh_pct = forms.DecimalField(
        label=_("Fewer kWh (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    labour_pct = forms.DecimalField(
        label=_("Less labour (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    materials_pct = forms.DecimalField(
        label=_("Less material (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )

    class Meta:
        model = Measure
        fields = [
            "type",
            "name",
            "kwh_pct",
            "labour_pct",
            "investment",
            "years",
            "materials_pct",
            "action_item",
        ]

    def __init__(self, *args, items=None, **kwargs):
        """``items``: the plan items the measure may be linked to (the same company's)."""
        super().__init__(*args, **kwargs)
        field = self.fields["action_item"]
        field.queryset = items if items is not None else ActionItem.objects.none()
        field.label_from_instance = lambda item: f"{item.goal} ({item.get_status_display()})"
        field.empty_label = _("(not linked)")
        if self.instance.pk:
            # The model keeps shares (0.15); the form shows per cent (15).
            for pct, share in (
                ("kwh_pct", "kwh_reduction"),
                ("labour_pct", "labour_reduction"),
                ("materials_pct", "materials_reduction"),
            ):
                value = getattr(self.instance, share)
                if value is not None:
                    self.initial[pct] = Decimal(format((value * HUNDRED).normalize(), "f"))

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        needed = {
            MeasureType.ENERGY: ["kwh_pct"],
            MeasureType.AUTOMATION: ["labour_pct", "investment", "years"],
            MeasureType.MATERIAL: ["materials_pct"],
        }.get(kind, [])
        for name in needed:
            if data.get(name) in (None, ""):
                self.add_error(name, _("Required for this type of measure."))
        if data.get("investment") is not None and data["investment"] < 0:
            self.add_error("investment", _("The investment cannot be negative."))
        if kind == MeasureType.AUTOMATION and data.get("years") == 0:
            self.add_error("years", _("Write the investment off over at least 1 year."))
        return data

    def values(self) -> dict[str, object]:
        d = self.cleaned_data
        kind = d["type"]

        def share(name):
            return d[name] / HUNDRED if d.get(name) is not None else None

        return {
            "type": kind,
            "name": d["name"],
            "kwh_reduction": share("kwh_pct") if kind == MeasureType.ENERGY else None,
            "labour_reduction": share("labour_pct") if kind == MeasureType.AUTOMATION else None,
            "investment": d.get("investment") if kind == MeasureType.AUTOMATION else None,
            "years": d.get("years") if kind == MeasureType.AUTOMATION else None,
            "materials_reduction": share("materials_pct") if kind == MeasureType.MATERIAL else None,
            "action_item": d.get("action_item"),
        }


DISTRIBUTIONS = [("normal", _("normal")), ("triangular", _("triangular"))]
_SEPARATORS = re.compile(r"[\s;]+")


def _number_text(v: float) -> str:
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _matrix_text(matrix) -> str:
    return "\n".join(" ".join(_number_text(v) for v in row) for row in matrix)


class MonteCarloForm(forms.Form):
    draws = forms.IntegerField(label=_("Draws"), min_value=1000, max_value=200_000, initial=100_000)
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2**31,
        initial=2025,
        help_text=_("The same seed gives exactly the same result."),
    )
    correlation = forms.CharField(
        label=_("Correlation matrix (one row per line, in the order of the table above)"),
        widget=forms.Textarea(attrs={"rows": 9, "cols": 60, "spellcheck": "false"}),
    )
    use_nearest = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, model: risk.FactorModel = risk.DEFAULT_FACTORS, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_model = model
        self.nearest = None
        for name, m in zip(model.factors, model.marginals, strict=True):
            if isinstance(m, risk.Normal):
                a, b, c, kind = m.mean, m.sd, None, "normal"
            else:
                a, b, c, kind = m.low, m.mode, m.high, "triangular"
            self.fields[f"{name}-kind"] = forms.ChoiceField(
                label=_("distribution"), choices=DISTRIBUTIONS, initial=kind
            )
            for key, value, label in (
                ("a", a, _("mean or low (%)")),
                ("b", b, _("sd or mode (%)")),
                ("c", c, _("high (%), triangular only")),
            ):
                self.fields[f"{name}-{key}"] = forms.DecimalField(
                    label=label,
                    required=key == "a" or key == "b",
                    decimal_places=4,
                    initial=None if value is None else round(Decimal(repr(value)) * HUNDRED, 4),
                )
        self.fields["correlation"].initial = _matrix_text(model.correlation)

    def factor_rows(self):
        return [
            (
                name,
                FACTOR_LABELS[name],
                self[f"{name}-kind"],
                self[f"{name}-a"],
                self[f"{name}-b"],
                self[f"{name}-c"],
            )
            for name in self.base_model.factors
        ]

    def clean_correlation(self):
        text = self.cleaned_data["correlation"]
        rows = []
        try:
            for line in text.strip().splitlines():
                if line.strip():
                    rows.append(
                        [
                            float(Decimal(v.replace(",", ".")))
                            for v in _SEPARATORS.split(line.strip())
                        ]
                    )
        except (InvalidOperation, ValueError) as exc:
            raise forms.ValidationError(
                _("Write numbers such as 0.5 or -0,2, separated by spaces or semicolons.")
            ) from exc
        k = len(self.base_model.factors)
        if len(rows) != k or any(len(r) != k for r in rows):
            raise forms.ValidationError(
                _("Expected %(k)s rows of %(k)s numbers, one per factor.") % {"k": k}
            )
        return np.array(rows)

    def clean(self):
        data = super().clean()
        marginals = []
        for name in self.base_model.factors:
            kind, a, b, c = (data.get(f"{name}-{x}") for x in ("kind", "a", "b", "c"))
            if a is None or b is None:
                continue
            if kind == "normal":
                if b < 0:
                    self.add_error(f"{name}-b", _("The standard deviation cannot be negative."))
                elif a < -100:
                    self.add_error(
                        f"{name}-a",
                        _("A price cannot be negative, so the mean cannot be below −100 %."),
                    )
                marginals.append(risk.Normal(float(a / HUNDRED), float(b / HUNDRED)))
            else:
                if c is None or not (a <= b <= c and a < c):
                    self.add_error(
                        f"{name}-c",
                        _("A triangular distribution needs low ≤ mode ≤ high and low < high."),
                    )
                    continue
                if a < -100:
                    self.add_error(
                        f"{name}-a",
                        _("A price cannot be negative, so the low cannot be below −100 %."),
                    )
                marginals.append(
                    risk.Triangular(float(a / HUNDRED), float(b / HUNDRED), float(c / HUNDRED))
                )
        matrix = data.get("correlation")
        if matrix is not None and len(marginals) == len(self.base_model.factors):
            check = risk.check_correlation(matrix, self.base_model.factors)
            if not check.ok:
                if data.get("use_nearest") and check.nearest is not None:
                    matrix = check.nearest
                else:
                    self.nearest = check.nearest
                    self.add_error("correlation", check.problems)
            unchanged = tuple(marginals) == tuple(self.base_model.marginals) and np.allclose(
                matrix, self.base_model.correlation
            )
            data["model"] = risk.FactorModel(
                self.base_model.factors,
                tuple(marginals),
                matrix,
                illustrative=self.base_model.illustrative and unchanged,
                source=str(
                    self.base_model.source
                    if unchanged
                    else _("distributions and correlations set by hand")
                ),
            )
        return data

    def nearest_text(self) -> str:
        return _matrix_text(self.nearest) if self.nearest is not None else ""


class EstimateForm(forms.Form):
    horizon_days = forms.IntegerField(
        label=_("Horizon (days)"), min_value=1, max_value=3650, initial=365
    )


class HistoryUploadForm(forms.Form):
    file = UploadField(
        kind=uploads.TABULAR, label=_("File (CSV or XLSX) with columns date, series, value")
    )


class SeriesFactorForm(forms.ModelForm):
    class Meta:
        model = PriceSeries
        fields = ["factor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The factors by name, in the page's language (the model's choices are the codes).
        self.fields["factor"].choices = [("", "---------"), *FACTOR_LABELS.items()]
