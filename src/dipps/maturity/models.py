"""Assessments and accepted suggestions.

An assessment stores the answers (JSON, as the scoring core reads them) and,
once submitted, its exact scores once (`scores`, see `figures.py`), from which
every shown figure is derived with one rounding rule. The plain float columns
`overall` and `d1`..`d8` are sort keys derived from that store, so that the
peer benchmark sorts and counts plain numbers; they are never shown.
A submitted assessment is never edited: a correction is a new version that
`supersedes` it, and only the newest submitted version of a chain is
`is_current` (the one peers and results use).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .figures import Scores, from_store


class Stage(models.TextChoices):
    T0 = "t0", _("T0 – before support")
    T1 = "t1", _("T1 – after support")
    T2 = "t2", _("T2 – later follow-up")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class AnsweredBy(models.TextChoices):
    COACH = "coach", _("coach-led")
    COMPANY = "company", _("the company itself")


class Assessment(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("company"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("programme"),
    )
    stage = models.CharField(
        pgettext_lazy("assessment stage", "stage"), max_length=2, choices=Stage
    )
    framework = models.CharField(_("framework"), max_length=40)
    framework_version = models.PositiveSmallIntegerField(_("framework version"))
    answered_by = models.CharField(
        _("answered by"), max_length=10, choices=AnsweredBy, default=AnsweredBy.COACH
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by user"),
    )
    contact = models.ForeignKey(
        "companies.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by contact"),
    )
    started = models.DateTimeField(
        pgettext_lazy("assessment started", "started"), default=timezone.now
    )
    submitted = models.DateTimeField(_("submitted"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    is_current = models.BooleanField(_("current"), default=False)
    # The exact scores, once: {"overall": "1195/28", "dimensions": {id: "75/2"}} (figures.py).
    scores = models.JSONField(_("exact scores"), default=dict, blank=True)
    band = models.CharField(_("band"), max_length=30, blank=True)
    # Sort keys derived from `scores` (figures.sort_keys) for the peer arrays; never shown.
    overall = models.FloatField(_("overall score"), null=True, blank=True)
    d1 = models.FloatField(null=True, blank=True)
    d2 = models.FloatField(null=True, blank=True)
    d3 = models.FloatField(null=True, blank=True)
    d4 = models.FloatField(null=True, blank=True)
    d5 = models.FloatField(null=True, blank=True)
    d6 = models.FloatField(null=True, blank=True)
    d7 = models.FloatField(null=True, blank=True)
    d8 = models.FloatField(null=True, blank=True)
    # Peer-group keys copied from the company at submission, so benchmarks need no join.
    division = models.PositiveSmallIntegerField(null=True, blank=True)
    size_class = models.CharField(max_length=10, blank=True)
    in_region = models.BooleanField(default=False)
    invited_contact = models.ForeignKey(
        "companies.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited contact"),
    )
    invited = models.DateTimeField(_("link created"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["company", "stage", "-version"]
        indexes = [
            models.Index(
                fields=["framework", "framework_version", "stage", "is_current"],
                name="maturity_peers",
            ),
            models.Index(fields=["company", "stage"], name="maturity_company_stage"),
            models.Index(fields=["programme", "stage", "is_current"], name="maturity_programme"),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.get_stage_display()} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def exact(self) -> Scores | None:
        """The exact scores (None before submission): what every page shows, rounded once."""
        return from_store(self.scores)


class AcceptedSuggestion(models.Model):
    """A suggested intervention the coach accepted into the company's action plan."""

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="accepted_suggestions"
    )
    programme = models.ForeignKey("programmes.Programme", on_delete=models.PROTECT)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intervention = models.CharField(_("intervention"), max_length=60)
    dimensions = models.JSONField(_("dimensions"), default=list)
    title = models.CharField(_("title"), max_length=300)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("accepted"), default=timezone.now)
    #: The working-method action item made from it, when that app took it over.
    action_item_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("accepted suggestion")
        verbose_name_plural = _("accepted suggestions")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "programme", "intervention"], name="one_accepted_intervention"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PeerGeneration(models.Model):
    """One row per framework version and stage: the lock that orders peer changes.

    Every change to the set of current assessments first updates this row (which
    holds a row lock until commit) and then appends a `PeerChange`, so changes
    of one key commit in the order of their ids and a server that has read up
    to id N can never later see a change with a smaller id appear.
    """

    framework = models.CharField(max_length=40)
    framework_version = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=2, choices=Stage)
    token = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "framework_version", "stage"], name="one_peer_generation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework} v{self.framework_version} {self.stage}"


class PeerChange(models.Model):
    """The log of changes to the peers of a framework version and stage.

    Each app server keeps sorted peer arrays in memory and applies these changes
    to them (an insertion and a removal each) instead of re-reading 100,000 rows
    after every submission. `reset` (bulk loads, deletions) makes servers
    re-read everything. The random token guards against a restored or
    rolled-back database reusing an id a server has already seen.
    """

    framework = models.CharField(max_length=40)
    framework_version = models.PositiveSmallIntegerField()
    stage = models.CharField(max_length=2, choices=Stage)
    token = models.CharField(max_length=32)
    # Plain ids, not foreign keys: the log must outlive a deleted assessment.
    added = models.BigIntegerField(null=True, blank=True)
    removed = models.BigIntegerField(null=True, blank=True)
    reset = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["framework", "framework_version", "stage", "id"], name="peer_log")
        ]

    def __str__(self) -> str:
        return f"{self.framework} v{self.framework_version} {self.stage} #{self.pk}"
