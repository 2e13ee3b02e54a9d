"""The comparison group: firms the programme did not support, with their key figures per
fiscal year (docs/impact.md, "Comparison group").

A comparison group belongs to a programme: the region buys an extract of firms like the ones
it supports, for that programme's evaluation. No personal data is kept: a sole trader's
number (a personal identity number) is refused at import, and the name is optional.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import productivity

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class ComparisonFirm(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="comparison_firms"
    )
    orgnr = models.CharField(_("organisation number"), max_length=10)
    name = models.CharField(_("name"), max_length=200, blank=True)
    # The SNI 2007 code as given (digits), and its division, on which firms are matched.
    sni_code = models.CharField(_("SNI code"), max_length=8, blank=True)
    division = models.PositiveSmallIntegerField(_("SNI division"), null=True, blank=True)
    municipality_code = models.CharField(_("municipality"), max_length=4, blank=True)

    class Meta:
        ordering = ["programme", "orgnr"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "orgnr"], name="one_comparison_firm_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.orgnr}"


class ComparisonYear(models.Model):
    firm = models.ForeignKey(ComparisonFirm, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    net_sales = models.DecimalField(_("net sales (SEK)"), **AMOUNT)
    personnel_costs = models.DecimalField(_("personnel costs (SEK)"), **AMOUNT)
    operating_profit = models.DecimalField(_("operating profit (SEK)"), **AMOUNT)
    depreciation = models.DecimalField(_("depreciation and write-downs (SEK)"), **AMOUNT)
    # Staff in annual work units or headcount, as the extract gives it (fractional).
    employees = models.DecimalField(_("employees"), max_digits=8, decimal_places=2)
    # Provenance: the import file, when and by whom (None: the command line or the demo).
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source_at = models.DateTimeField(_("imported"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["firm", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["firm", "fiscal_year"], name="one_comparison_year_per_firm"
            )
        ]

    def __str__(self) -> str:
        return f"{self.firm_id} {self.fiscal_year}"

    @property
    def value_added(self) -> Decimal:
        return productivity.value_added(
            operating_profit=self.operating_profit,
            personnel_costs=self.personnel_costs,
            depreciation=self.depreciation,
        )


SEK = {"max_digits": 14, "decimal_places": 2}


class DidEstimate(models.Model):
    """A difference-in-differences estimate of the programme computed as a background job,
    with as many bootstrap draws as asked for (the page computes one with 2,000 each time).

    Kept with its draws and seed, so the figures are reproducible from the same data; a
    later import of figures or comparison firms does not change a kept estimate.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="did_estimates"
    )
    draws = models.PositiveIntegerField(_("draws"))
    seed = models.BigIntegerField(_("seed"))
    treated = models.PositiveIntegerField(_("supported firms"))
    comparison = models.PositiveIntegerField(_("comparison firms"))
    dropped = models.PositiveIntegerField(_("firms left out"))
    treated_change = models.DecimalField(_("change of the supported firms"), **SEK)
    comparison_change = models.DecimalField(_("change of the comparison firms"), **SEK)
    att = models.DecimalField(_("estimated effect"), **SEK)
    ci_low = models.DecimalField(_("interval, low end"), **SEK)
    ci_high = models.DecimalField(_("interval, high end"), **SEK)
    computed_at = models.DateTimeField(_("computed"), auto_now_add=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("difference-in-differences estimate")
        verbose_name_plural = _("difference-in-differences estimates")
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.att} ({self.draws})"

    @property
    def ci95(self) -> tuple[Decimal, Decimal]:
        return (self.ci_low, self.ci_high)


__all__ = ["ComparisonFirm", "ComparisonYear", "DidEstimate"]
