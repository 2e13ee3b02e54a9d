from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """What an indicator is counted in (`catalogue.UNITS`: the same codes)."""

    ENTERPRISES = "enterprises", _("enterprises")
    PERSONS = "persons", _("persons")
    ATTENDANCES = "attendances", _("attendances")
    ACTIVITIES = "activities", pgettext_lazy("unit", "activities")
    HOURS = "hours", _("hours")
    SEK = "sek", _("SEK")
    EUR = "eur", _("euro")
    FTE = "fte", _("annual full-time equivalents")
    SCORE = "score", _("maturity score")
    MWH_YEAR = "mwh_year", _("MWh per year")
    TONNES_CO2E_YEAR = "tonnes_co2e_year", _("tonnes CO2e per year")
    NUMBER = "number", pgettext_lazy("unit", "number")


class IndicatorTarget(models.Model):
    """The target for one indicator in one programme (the indicator's code)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    code = models.CharField(_("indicator"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="one_target_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.code}: {self.target}"


class ProgrammeIndicator(models.Model):
    """One indicator of a programme's set, as in its funding decision: an ERDF common
    indicator (code from `catalogue`) or a programme-specific one. `measure` names the
    figure DIPPS computes it from (`selectors.MEASURES`); empty when it is reported from
    outside DIPPS. A programme without a set shows every computed figure."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="indicator_set"
    )
    code = models.CharField(_("code"), max_length=40)
    name_sv = models.CharField(_("name in Swedish"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit, default=Unit.NUMBER)
    measure = models.CharField(_("computed from"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("programme indicator")
        verbose_name_plural = _("programme indicators")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="one_indicator_per_code_in_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.code}"

    @property
    def name(self) -> str:
        return self.name_sv if (get_language() or "sv").startswith("sv") else self.name_en
