from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExchangeRate(models.Model):
    """A dated rate: SEK per one unit of `currency`, valid from `valid_from`.

    Users maintain the table (admin); conversions pick the latest rate on or
    before the date in question.
    """

    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    valid_from = models.DateField(_("valid from"))
    sek_per_unit = models.DecimalField(_("SEK per unit"), max_digits=10, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="uniq_rate_per_day"),
            models.CheckConstraint(condition=models.Q(sek_per_unit__gt=0), name="rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.valid_from}: {self.sek_per_unit}"


class AuditEntry(models.Model):
    """Who changed what and when, for companies, assessments, activities and costs."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    model = models.CharField(_("model"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit history")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.model}#{self.object_id} {self.action}"


class StagedUpload(models.Model):
    """A checked upload kept between its preview and the person's confirmation.

    Kept in the database, not the session: the session row is read and written on every
    request, so a 20 MB file there would cost every page, and app servers share nothing
    but the database (a file under var/ would be on one server only). See core/staging.py.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    purpose = models.CharField(_("purpose"), max_length=50)
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("data"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("staged upload")
        verbose_name_plural = _("staged uploads")
        indexes = [models.Index(fields=["owner", "purpose"])]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.filename}"
