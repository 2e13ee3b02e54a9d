"""Productivity per firm and fiscal year (docs/impact.md, "Productivity").

The four figures come from the firm's accounts; value added and value added per employee
are computed from them when read (`productivity.py`), never stored, so they cannot drift.
Staff is the register's: `companies.KeyFigures.headcount` of the same fiscal year.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import productivity

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class ProductivityYear(models.Model):
    class Source(models.TextChoices):
        SIE = "sie", _("SIE file")
        ANNUAL_REPORT = "annual_report", _("annual report, typed in")
        IMPORT = "import", pgettext_lazy("productivity source", "import file")

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="productivity_years"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    net_sales = models.DecimalField(_("net sales (SEK)"), **AMOUNT)
    personnel_costs = models.DecimalField(_("personnel costs (SEK)"), **AMOUNT)
    depreciation = models.DecimalField(_("depreciation and write-downs (SEK)"), **AMOUNT)
    operating_profit = models.DecimalField(_("operating profit (SEK)"), **AMOUNT)
    # Where the row's figures came from: the kind, the file's name (SIE, import) and when.
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    source_at = models.DateTimeField(_("entered"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["company", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "fiscal_year"], name="one_productivity_year_per_firm"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company_id} {self.fiscal_year}"

    @property
    def value_added(self) -> Decimal:
        return productivity.value_added(
            operating_profit=self.operating_profit,
            personnel_costs=self.personnel_costs,
            depreciation=self.depreciation,
        )


# The comparison group (docs/impact.md, "Comparison group"), and energy, material and waste
# (docs/impact.md, "Energy, material and emissions").
from .models_comparison import *  # noqa: E402, F403
from .models_energy import *  # noqa: E402, F403
