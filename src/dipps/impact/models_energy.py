"""Energy, material and waste per firm and year (docs/impact.md, "Energy, material and
emissions"). The factors that turn them into kWh and CO2e are data, not rows here
(``impact/data/emission_factors.csv``, read by ``impact.emissions``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dipps.companies.models import Company

__all__ = ["Carrier", "EnergyYear", "EnergyUse", "MaterialUse"]


class Carrier(models.TextChoices):
    """The energy carriers of the factor file; each is entered in its own unit (UNITS)."""

    ELECTRICITY = "electricity", _("electricity")
    DISTRICT_HEATING = "district_heating", _("district heating")
    DIESEL = "diesel", _("diesel")
    PETROL = "petrol", _("petrol")
    HEATING_OIL = "heating_oil", _("heating oil")
    LPG = "lpg", _("LPG (gasol)")
    NATURAL_GAS = "natural_gas", _("natural gas")
    WOOD_PELLETS = "wood_pellets", _("wood pellets")


class EnergyYear(models.Model):
    """A firm's energy, material and waste in one calendar year."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="energy_years")
    year = models.PositiveSmallIntegerField(_("year"))
    price_per_kwh = models.DecimalField(
        _("energy price (kr/kWh)"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    waste_tonnes = models.DecimalField(
        _("waste (tonnes)"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    # Output in the firm's own unit (pieces, metres, tonnes of product), for material per
    # unit produced (docs/impact.md, "Effect indicators"); empty when not known.
    units_produced = models.DecimalField(
        _("units produced"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    heating_g_per_kwh = models.DecimalField(
        _("local district-heating factor (g CO2e/kWh)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    heating_source = models.CharField(_("source of the local factor"), max_length=200, blank=True)
    notes = models.TextField(pgettext_lazy("energy year", "notes"), blank=True)

    class Meta:
        ordering = ["company", "year"]
        constraints = [
            models.UniqueConstraint(fields=["company", "year"], name="impact_energy_year_once")
        ]
        verbose_name = _("energy year")
        verbose_name_plural = _("energy years")

    def __str__(self) -> str:
        return f"{self.company_id} {self.year}"


class EnergyUse(models.Model):
    energy_year = models.ForeignKey(EnergyYear, on_delete=models.CASCADE, related_name="uses")
    carrier = models.CharField(_("energy carrier"), max_length=20, choices=Carrier)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10)

    class Meta:
        ordering = ["energy_year", "carrier"]
        constraints = [
            models.UniqueConstraint(
                fields=["energy_year", "carrier"], name="impact_energy_use_once"
            )
        ]
        verbose_name = _("energy use")
        verbose_name_plural = _("energy use")

    def __str__(self) -> str:
        return f"{self.carrier} {self.quantity} {self.unit}"


class MaterialUse(models.Model):
    energy_year = models.ForeignKey(EnergyYear, on_delete=models.CASCADE, related_name="materials")
    material = models.CharField(_("main material"), max_length=80)
    tonnes = models.DecimalField(_("tonnes"), max_digits=12, decimal_places=3)

    class Meta:
        ordering = ["energy_year", "material"]
        constraints = [
            models.UniqueConstraint(
                fields=["energy_year", "material"], name="impact_material_use_once"
            )
        ]
        verbose_name = _("material use")
        verbose_name_plural = _("material use")

    def __str__(self) -> str:
        return f"{self.material} {self.tonnes} t"
