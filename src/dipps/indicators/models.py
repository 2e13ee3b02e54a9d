from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorTarget(models.Model):
    """The target for one indicator in one programme (indicator codes: see `selectors.CODES`)."""

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
