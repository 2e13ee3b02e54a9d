"""Automation pre-studies (förstudier): a firm's candidate process steps, with supplier quotes.

A pre-study belongs to one firm and the programme whose coach made it. Each process step is a
candidate for automation: what is done today, how much manual time it takes, the proposed
solution, the quotes and what it would save. The figures feed ``payback`` (the contract's
calculation); one click turns a step into an action-plan item and a scenario measure, which
the step then links to.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import payback

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Status(models.TextChoices):
    PRESTUDY = "prestudy", _("pre-study")
    DECIDED = "decided", pgettext_lazy("automation pre-study status", "decided")
    INSTALLED = "installed", pgettext_lazy("automation pre-study status", "installed")


class Solution(models.TextChoices):
    ROBOT = "robot", _("industrial robot")
    COBOT = "cobot", _("collaborative robot (cobot)")
    VISION = "vision", _("machine vision")
    AGV = "agv", _("automated guided vehicle (AGV)")
    SOFTWARE = "software", _("software automation")


class PreStudy(models.Model):
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="automation_prestudies"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="automation_prestudies"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PRESTUDY)
    hourly_labour_cost = models.DecimalField(
        _("hourly labour cost incl. employer contributions (SEK)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("What an hour of the staff doing the steps costs the firm, in SEK."),
    )
    years = models.PositiveSmallIntegerField(
        _("economic life (years)"), default=7, help_text=_("Whole years, 1 to 100.")
    )
    discount_rate_percent = models.DecimalField(
        _("discount rate (%)"), max_digits=6, decimal_places=2, default=Decimal(6)
    )
    summary = models.TextField(_("summary"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("automation pre-study")
        verbose_name_plural = _("automation pre-studies")
        ordering = ["company__name", "-created", "-id"]

    def __str__(self) -> str:
        return f"{self.company} – {self.title}"


class ProcessStep(models.Model):
    """One candidate step of the pre-study and what automating it would change."""

    prestudy = models.ForeignKey(PreStudy, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("process step"), max_length=200)
    what_is_done = models.TextField(_("what is done today"), blank=True)
    cycle_time_seconds = models.DecimalField(
        _("cycle time (seconds)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    annual_volume = models.PositiveIntegerField(_("annual volume (pieces)"), null=True, blank=True)
    manual_hours_per_year = models.DecimalField(
        _("manual hours per year"), max_digits=10, decimal_places=1, default=Decimal(0)
    )
    problems = models.TextField(_("quality or safety problems"), blank=True)
    solution = models.CharField(_("proposed solution"), max_length=12, choices=Solution)
    hours_saved_per_year = models.DecimalField(
        _("hours saved per year"), max_digits=10, decimal_places=1, default=Decimal(0)
    )
    other_annual_savings = models.DecimalField(
        _("other savings per year (SEK)"), default=Decimal(0), **AMOUNT
    )
    residual_value = models.DecimalField(_("residual value (SEK)"), default=Decimal(0), **AMOUNT)
    risks = models.TextField(_("risks"), blank=True)
    roles_changing = models.TextField(_("roles that change"), blank=True)
    # Set by the one-click step: the plan item and the scenario measure made from this step.
    action_item = models.ForeignKey(
        "engagements.ActionItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="automation_steps",
    )
    measure = models.ForeignKey(
        "scenarios.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="automation_steps",
    )

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["prestudy", "id"]

    def __str__(self) -> str:
        return self.name

    def chosen_quote(self) -> Quote | None:
        # Over the prefetched quotes when there are some: a list page asks for every step.
        return next((q for q in self.quotes.all() if q.chosen), None)

    def investment(self) -> payback.Investment | None:
        """The pure core's input, from the chosen quote; None while no quote is chosen."""
        quote = self.chosen_quote()
        if quote is None:
            return None
        study = self.prestudy
        return payback.Investment(
            investment=quote.investment,
            hours_saved_per_year=self.hours_saved_per_year,
            hourly_labour_cost=study.hourly_labour_cost,
            years=study.years,
            discount_rate_percent=study.discount_rate_percent,
            annual_operating_cost=quote.annual_operating_cost,
            other_annual_savings=self.other_annual_savings,
            residual_value=self.residual_value,
        )

    def payback(self) -> payback.Payback | None:
        inv = self.investment()
        if inv is None or payback.validate(inv):
            return None
        return payback.result(inv)


class Quote(models.Model):
    """A supplier's offer for a step; one per step is chosen and counts in the calculation."""

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.CharField(_("supplier"), max_length=200)
    investment = models.DecimalField(_("investment (SEK)"), **AMOUNT)
    annual_operating_cost = models.DecimalField(
        _("operating cost per year (SEK)"), default=Decimal(0), **AMOUNT
    )
    chosen = models.BooleanField(_("chosen"), default=False)

    class Meta:
        verbose_name = _("supplier quote")
        verbose_name_plural = _("supplier quotes")
        ordering = ["step", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["step"], condition=models.Q(chosen=True), name="one_chosen_quote_a_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.investment}"
