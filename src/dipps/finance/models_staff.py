"""The staff salary records behind the handbook's unit cost per hour (docs/finance.md,
"Staff costs")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StaffSalary(models.Model):
    """A person's ordinary full-time monthly salary in their first month in the programme.

    Tillväxtverket's handbook (Handbok för EU-projekt 2021–2027, "Personalkostnader –
    enhetskostnad per timme"): salary × 12 / 1,720 is the person's unit cost per hour for the
    whole project, raised every twelve months (`claim_model.unit_cost`). Project-related
    supplements count; taxable benefits never do.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="staff_salaries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="staff_salaries",
        verbose_name=_("person"),
    )
    first_month = models.DateField(_("first month in the project"))
    monthly_salary_sek = models.DecimalField(
        _("monthly salary (SEK)"), max_digits=12, decimal_places=2
    )
    document = models.CharField(_("documented by"), max_length=200)

    class Meta:
        verbose_name = _("staff salary")
        verbose_name_plural = _("staff salaries")
        ordering = ["user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_salary_per_person"),
            models.CheckConstraint(
                condition=Q(first_month__day=1), name="salary_first_month_is_first_day"
            ),
            models.CheckConstraint(condition=Q(monthly_salary_sek__gt=0), name="salary_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.first_month:%Y-%m}: {self.monthly_salary_sek}"
