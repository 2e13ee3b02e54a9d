from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


def _declaration_path(instance, filename: str) -> str:
    # The service names the file by a random token; the name the person gave it is kept
    # apart (`declaration_filename`) for the download.
    return f"deminimis/{instance.programme_id}/{filename}"


class DeMinimisCase(models.Model):
    """De minimis before support: one firm in one programme (its engagement there).

    The engagement lives above this app (engagements), so the case is tied to it by the
    same pair that identifies an engagement: programme and company. The steps, in order:
    the firm's declaration (signed by its representative or uploaded signed), the planned
    aid value, the ex-ante check against the ceiling and the aid giver's decision. Support
    (activities) may only be recorded under an approved case and draws down its amount.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("de minimis case status", "draft")
        DECLARED = "declared", pgettext_lazy("de minimis case status", "declared")
        CHECKED = "checked", pgettext_lazy("de minimis case status", "checked")
        APPROVED = "approved", pgettext_lazy("de minimis case status", "approved")
        REFUSED = "refused", pgettext_lazy("de minimis case status", "refused")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="deminimis_cases"
    )
    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="deminimis_cases"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    sector = models.CharField(_("sector (SNI)"), max_length=200, blank=True)
    # What the firm declared when it signed: earlier aid, members, sector (a snapshot, so the
    # signed text reads the same when the ledger changes later).
    declaration = models.JSONField(_("declaration"), default=dict, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signed by"),
    )
    declared_at = models.DateTimeField(_("signed"), null=True, blank=True)
    declaration_file = models.FileField(
        _("signed declaration"), upload_to=_declaration_path, max_length=300, blank=True
    )
    declaration_filename = models.CharField(_("file name"), max_length=255, blank=True)
    planned_hours = models.DecimalField(
        _("planned coach hours"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    planned_aid_sek = models.DecimalField(
        _("planned aid value (SEK)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The ex-ante check (deminimis.check) of the planned aid, as it came out.
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    check_on = models.DateField(_("checked for"), null=True, blank=True)
    check_regulation = models.CharField(_("regulation"), max_length=10, blank=True)
    check_window_start = models.DateField(null=True, blank=True)
    check_window_end = models.DateField(null=True, blank=True)
    check_planned_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    check_aid_in_window_eur = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )
    check_ceiling_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    check_headroom_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    check_allowed = models.BooleanField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("de minimis case")
        verbose_name_plural = _("de minimis cases")
        ordering = ["programme", "company"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "company"], name="one_deminimis_case")
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.programme.code}"


class CaseDecision(models.Model):
    """The aid giver's decision on a case. A raise of the approved amount is a new decision;
    the latest one (by date, then by entry) is the one in force."""

    case = models.ForeignKey(DeMinimisCase, on_delete=models.CASCADE, related_name="decisions")
    approved = models.BooleanField(pgettext_lazy("aid decision", "approved"))
    reference = models.CharField(_("decision reference"), max_length=100)
    decided = models.DateField(_("decision date"))
    approved_sek = models.DecimalField(
        _("approved aid (SEK)"), max_digits=14, decimal_places=2, default=0
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("de minimis decision")
        verbose_name_plural = _("de minimis decisions")
        ordering = ["decided", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_sek__gte=0), name="decision_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.decided} {self.reference}"
