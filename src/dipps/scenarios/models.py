"""Stored inputs of the scenario planner: cost structures, measures, runs and price history.

The calculations live in the pure core (``model``, ``risk``); these models only keep what a
person entered and what a run used, so that a report can be reproduced exactly later.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import model as core

AMOUNT = {"max_digits": 14, "decimal_places": 2, "default": Decimal(0)}
SHARE = {"max_digits": 6, "decimal_places": 4, "null": True, "blank": True}


class Source(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    SIE = "sie", _("filled from an SIE file")


class CostStructure(models.Model):
    """One year of a firm in SEK; foreign-currency amounts at the day's rate."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="cost_structures"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    revenue_sek = models.DecimalField(_("revenue in SEK"), **AMOUNT)
    revenue_eur = models.DecimalField(_("revenue in EUR (SEK value)"), **AMOUNT)
    revenue_usd = models.DecimalField(_("revenue in USD (SEK value)"), **AMOUNT)
    revenue_other = models.DecimalField(_("revenue in other currencies (SEK value)"), **AMOUNT)
    materials_sek = models.DecimalField(_("materials bought in SEK"), **AMOUNT)
    materials_eur = models.DecimalField(_("materials bought in EUR (SEK value)"), **AMOUNT)
    materials_usd = models.DecimalField(_("materials bought in USD (SEK value)"), **AMOUNT)
    materials_other = models.DecimalField(
        _("materials bought in other currencies (SEK value)"), **AMOUNT
    )
    electricity_kwh = models.DecimalField(_("electricity use (kWh)"), **AMOUNT)
    electricity_price = models.DecimalField(
        _("electricity price (SEK/kWh)"), max_digits=8, decimal_places=4, default=Decimal(0)
    )
    other_energy = models.DecimalField(_("other energy"), **AMOUNT)
    labour = models.DecimalField(_("labour incl. employer contributions"), **AMOUNT)
    other = models.DecimalField(_("other costs"), **AMOUNT)
    depreciation = models.DecimalField(_("depreciation"), **AMOUNT)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.MANUAL)
    source_file = models.CharField(_("source file"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cost structure")
        verbose_name_plural = _("cost structures")
        ordering = ["company__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["company", "year"], name="one_cost_structure_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}"

    def to_core(self) -> core.CostStructure:
        return core.CostStructure(
            revenue={c: getattr(self, f"revenue_{c.lower()}") for c in core.CURRENCIES},
            materials={c: getattr(self, f"materials_{c.lower()}") for c in core.CURRENCIES},
            electricity_kwh=self.electricity_kwh,
            electricity_price_sek_per_kwh=self.electricity_price,
            other_energy=self.other_energy,
            labour=self.labour,
            other=self.other,
            depreciation=self.depreciation,
        )


class MeasureType(models.TextChoices):
    ENERGY = "energy_efficiency", _("energy efficiency")
    AUTOMATION = "automation", _("automation")
    MATERIAL = "material_efficiency", _("material efficiency")


class Measure(models.Model):
    """A planned measure; shares are stored as fractions (0.15 = 15 %)."""

    cost_structure = models.ForeignKey(
        CostStructure, on_delete=models.CASCADE, related_name="measures"
    )
    type = models.CharField(_("type"), max_length=30, choices=MeasureType)
    name = models.CharField(_("description"), max_length=200)
    kwh_reduction = models.DecimalField(_("fewer kWh"), **SHARE)
    labour_reduction = models.DecimalField(_("less labour"), **SHARE)
    investment = models.DecimalField(
        _("investment"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    years = models.PositiveSmallIntegerField(_("written off over (years)"), null=True, blank=True)
    materials_reduction = models.DecimalField(_("less material"), **SHARE)
    # The measure outlives its plan item: removing the item only drops the link.
    action_item = models.ForeignKey(
        "engagements.ActionItem",
        verbose_name=_("action-plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scenario_measures",
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def to_core(self) -> core.Measure:
        if self.type == MeasureType.ENERGY:
            return core.EnergyEfficiency(self.kwh_reduction or 0, self.action_item_id)
        if self.type == MeasureType.AUTOMATION:
            return core.Automation(
                self.labour_reduction or 0,
                self.investment or 0,
                Decimal(self.years or 1),
                self.action_item_id,
            )
        return core.MaterialEfficiency(self.materials_reduction or 0, self.action_item_id)


class RunKind(models.TextChoices):
    STRESS = "stress", _("stress test")
    MONTECARLO = "montecarlo", _("Monte Carlo")


class ScenarioRun(models.Model):
    """A run, kept with its full input (in ``dipps scenario`` JSON) so it reproduces exactly.

    The input is a snapshot: editing the cost structure later does not change an old run.
    """

    cost_structure = models.ForeignKey(CostStructure, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(_("kind"), max_length=12, choices=RunKind)
    input_json = models.TextField(_("input"))
    draws = models.PositiveIntegerField(_("draws"), null=True, blank=True)
    seed = models.BigIntegerField(_("seed"), null=True, blank=True)
    illustrative = models.BooleanField(_("illustrative assumptions"), default=False)
    assumptions = models.CharField(_("assumptions"), max_length=255, blank=True)
    result_json = models.TextField(_("result"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.cost_structure}"


class PriceSeries(models.Model):
    """A historical price series (for example EUR/SEK or the SE2 spot price)."""

    name = models.CharField(_("series"), max_length=100, unique=True)
    factor = models.CharField(
        _("shock factor"),
        max_length=30,
        blank=True,
        choices=[(f, f) for f in core.FACTORS],
        help_text=_("The shock factor this series measures; empty when it is not used."),
    )

    class Meta:
        verbose_name = _("price series")
        verbose_name_plural = _("price series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PricePoint(models.Model):
    series = models.ForeignKey(PriceSeries, on_delete=models.CASCADE, related_name="points")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=6)

    class Meta:
        ordering = ["series", "date"]
        constraints = [models.UniqueConstraint(fields=["series", "date"], name="one_price_a_day")]

    def __str__(self) -> str:
        return f"{self.series_id} {self.date}: {self.value}"
