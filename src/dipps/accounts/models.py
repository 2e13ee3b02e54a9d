from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    MANAGER = "manager", _("programme manager")
    COACH = "coach", pgettext_lazy("user role", "coach")
    FINANCE = "finance", _("finance officer")
    COMPANY = "company", _("company representative")
    OBSERVER = "observer", _("observer")


class Membership(models.Model):
    """A user's one role in one programme.

    A role is per programme (a coach in DIPPS may be an observer of another
    programme), which a global Django group cannot express; hence this table.
    A company representative is bound to exactly one company.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("programme"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role)
    company = models.ForeignKey(
        "companies.Company",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("company"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_role_per_programme"),
            models.CheckConstraint(
                condition=(Q(role="company") & Q(company__isnull=False))
                | (~Q(role="company") & Q(company__isnull=True)),
                name="company_iff_company_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.programme.code})"
