from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DatedRateQuerySet(models.QuerySet):
    """Reads of a dated rate table. Filter to one series first (a currency, a
    programme), then ask for the rate of a day or of a span of days."""

    def value_on(self, day: date) -> Decimal | None:
        """The value of the rate in force on `day`, None when no rate starts on or before it."""
        return (
            self.filter(valid_from__lte=day)
            .order_by("-valid_from")
            .values_list(self.model.value_field, flat=True)
            .first()
        )

    def periods(self, start: date, end: date) -> list[tuple[date, date, Decimal]]:
        """The days `start`..`end` cut where the rate changes: (first day, last day, value).

        Days before the first rate belong to no period. Totals over a span multiply
        each period's sum by its value, in one query per period (or one filtered sum
        each), not one lookup per day.
        """
        rates = list(self.order_by("valid_from").values_list("valid_from", self.model.value_field))
        out = []
        for i, (valid_from, value) in enumerate(rates):
            until = rates[i + 1][0] - timedelta(days=1) if i + 1 < len(rates) else date.max
            lo, hi = max(valid_from, start), min(until, end)
            if lo <= hi:
                out.append((lo, hi, value))
        return out


class DatedRate(models.Model):
    """A value valid from a day until the next one of its series starts.

    The base of the user-maintained rate tables (exchange rates, the aid and
    in-kind hourly rates): a rate is never valid "until" a date, it is replaced
    by the next, so a table has no gaps and no overlaps by construction. A
    subclass adds the fields that name its series (`series_fields`: currency,
    programme), its value field (`value_field`), and a unique constraint on
    series + `valid_from`. Looked up through `objects` (`DatedRateQuerySet`);
    set through `dipps.core.rates.rate_set`, which keeps the audit history.
    """

    #: Names the fields that tell one series from another (a currency, a programme).
    series_fields: ClassVar[tuple[str, ...]] = ()
    #: Names the field that holds the rate's value.
    value_field: ClassVar[str] = ""

    valid_from = models.DateField(_("valid from"))

    objects = DatedRateQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    @property
    def value(self) -> Decimal:
        return getattr(self, self.value_field)


class ExchangeRate(DatedRate):
    """A dated rate: SEK per one unit of `currency`, valid from `valid_from`.

    Users maintain the table (admin); conversions pick the latest rate on or
    before the date in question.
    """

    series_fields = ("currency",)
    value_field = "sek_per_unit"

    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    sek_per_unit = models.DecimalField(_("SEK per unit"), max_digits=10, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta(DatedRate.Meta):
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


class Job(models.Model):
    """A piece of long work run by `dipps worker`, with its progress and its outcome.

    The queue itself is django-tasks' (`DBTaskResult`); this row is what a person sees: what
    runs, for whom, how far it has come, and the result or a clear error. See core/jobs.py.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job status", "queued")
        RUNNING = "running", pgettext_lazy("job status", "running")
        SUCCEEDED = "succeeded", pgettext_lazy("job status", "succeeded")
        FAILED = "failed", pgettext_lazy("job status", "failed")

    kind = models.CharField(_("kind"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    programme_code = models.CharField(_("programme"), max_length=50, blank=True, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="sv")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveBigIntegerField(_("steps done"), default=0)
    total = models.PositiveBigIntegerField(_("steps in all"), default=0)
    message = models.CharField(_("message"), max_length=200, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_result_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(pgettext_lazy("job", "started"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("job", "finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far the job has come, 0–100; None while the amount of work is unknown."""
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
