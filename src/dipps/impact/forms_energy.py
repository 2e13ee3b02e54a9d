from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models_energy import Carrier
from .services_energy import carrier_unit

MATERIAL_ROWS = 3


def _decimal(label, places=3, digits=14, **kw):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=digits, decimal_places=places, **kw
    )


class EnergyYearForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)
    price_per_kwh = _decimal(_("energy price (kr/kWh)"), places=4, digits=8)
    waste_tonnes = _decimal(_("waste (tonnes)"), digits=12)
    units_produced = _decimal(
        _("units produced"),
        places=2,
        help_text=_("In the firm's own unit (pieces, metres…): for material per unit produced."),
    )
    heating_g_per_kwh = _decimal(
        _("local district-heating factor (g CO2e/kWh)"), places=2, digits=8
    )
    heating_source = forms.CharField(
        label=_("source of the local factor"), required=False, max_length=200
    )
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for carrier in Carrier:
            self.fields[carrier.value] = _decimal(f"{carrier.label} ({carrier_unit(carrier)})")
        for n in range(1, MATERIAL_ROWS + 1):
            self.fields[f"material_{n}"] = forms.CharField(
                label=_("main material %(n)s") % {"n": n}, required=False, max_length=80
            )
            self.fields[f"material_{n}_tonnes"] = _decimal(
                _("tonnes of material %(n)s") % {"n": n}, digits=12
            )

    def carrier_fields(self):
        return [self[c.value] for c in Carrier]

    def material_fields(self):
        return [
            (self[f"material_{n}"], self[f"material_{n}_tonnes"])
            for n in range(1, MATERIAL_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, MATERIAL_ROWS + 1):
            name = (data.get(f"material_{n}") or "").strip()
            tonnes = data.get(f"material_{n}_tonnes")
            if name and tonnes is None:
                self.add_error(
                    f"material_{n}_tonnes", _("Enter the tonnes of %(m)s.") % {"m": name}
                )
            if tonnes is not None and not name:
                self.add_error(f"material_{n}", _("Name the material of these tonnes."))
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "uses": {c.value: data.get(c.value) for c in Carrier},
            "materials": [
                (data[f"material_{n}"].strip(), data[f"material_{n}_tonnes"])
                for n in range(1, MATERIAL_ROWS + 1)
                if (data.get(f"material_{n}") or "").strip()
            ],
            "price_per_kwh": data.get("price_per_kwh"),
            "waste_tonnes": data.get("waste_tonnes"),
            "units_produced": data.get("units_produced"),
            "heating_g_per_kwh": data.get("heating_g_per_kwh"),
            "heating_source": data.get("heating_source", ""),
            "notes": data.get("notes", ""),
        }

    @classmethod
    def initial_from(cls, energy_year) -> dict:
        initial = {
            "year": energy_year.year,
            "price_per_kwh": energy_year.price_per_kwh,
            "waste_tonnes": energy_year.waste_tonnes,
            "units_produced": energy_year.units_produced,
            "heating_g_per_kwh": energy_year.heating_g_per_kwh,
            "heating_source": energy_year.heating_source,
            "notes": energy_year.notes,
        }
        for use in energy_year.uses.all():
            initial[use.carrier] = use.quantity
        for n, material in enumerate(energy_year.materials.all()[:MATERIAL_ROWS], 1):
            initial[f"material_{n}"] = material.material
            initial[f"material_{n}_tonnes"] = material.tonnes
        return initial
