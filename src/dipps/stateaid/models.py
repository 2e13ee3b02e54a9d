from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dipps.core.models import DatedRate


class SingleUndertaking(models.Model):
    """Enterprises that count as one for de minimis (art. 2(2) of 2023/2831).

    A company without a membership is a single undertaking on its own.
    """

    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("single undertaking")
        verbose_name_plural = _("single undertakings")

    def __str__(self) -> str:
        return self.name


class UndertakingMember(models.Model):
    undertaking = models.ForeignKey(
        SingleUndertaking, on_delete=models.CASCADE, related_name="members"
    )
    company = models.OneToOneField(
        "companies.Company", on_delete=models.CASCADE, related_name="undertaking_member"
    )

    class Meta:
        verbose_name = _("member of a single undertaking")
        verbose_name_plural = _("members of single undertakings")

    def __str__(self) -> str:
        return f"{self.company} ∈ {self.undertaking}"


class AidRate(DatedRate):
    """The programme's aid value of one coach hour (SEK), valid from a date."""

    series_fields = ("programme",)
    value_field = "hourly_rate_sek"

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="aid_rates"
    )
    hourly_rate_sek = models.DecimalField(
        _("aid hourly rate (SEK)"), max_digits=10, decimal_places=2
    )

    class Meta(DatedRate.Meta):
        verbose_name = _("aid hourly rate")
        verbose_name_plural = _("aid hourly rates")
        ordering = ["programme", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "valid_from"], name="uniq_aid_rate_day"),
            models.CheckConstraint(
                condition=models.Q(hourly_rate_sek__gte=0), name="aid_rate_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.valid_from}: {self.hourly_rate_sek}"


class AidEntry(models.Model):
    """One grant of de minimis aid to a company: ours (an activity share) or declared."""

    class Source(models.TextChoices):
        PROGRAMME = "programme", _("support from this programme")
        DECLARED = "declared", _("declared by the firm (other giver)")

    class Currency(models.TextChoices):
        SEK = "SEK", "SEK"
        EUR = "EUR", "EUR"

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="aid_entries"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source)
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aid_entries",
    )
    giver = models.CharField(_("aid giver"), max_length=200)
    granted = models.DateField(_("date granted"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default="SEK")
    amount_sek = models.DecimalField(_("amount (SEK)"), max_digits=14, decimal_places=2)
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    sek_per_eur = models.DecimalField(_("SEK per EUR"), max_digits=10, decimal_places=4)
    # "activity:<activity id>" for programme aid, so a deleted activity takes its aid along.
    reference = models.CharField(_("reference"), max_length=60, blank=True, db_index=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("de minimis aid")
        verbose_name_plural = _("de minimis aid")
        ordering = ["-granted", "-id"]
        indexes = [models.Index(fields=["company", "granted"], name="aid_company_granted")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_sek__gte=0, amount_eur__gte=0), name="aid_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.granted} {self.amount_eur} EUR"
