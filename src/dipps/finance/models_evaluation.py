"""Evaluation plan and reports, and the final report that goes with the last claim.

Imported at the end of `models.py`, so Django finds these models with the app's others.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationPlan(models.Model):
    """Who evaluates the programme, what they ask, and which reports they deliver when."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="evaluation_plan"
    )
    evaluator_name = models.CharField(_("evaluator (contact person)"), max_length=200, blank=True)
    evaluator_organisation = models.CharField(
        _("evaluator (organisation)"), max_length=200, blank=True
    )
    procurement_reference = models.CharField(_("procurement reference"), max_length=100, blank=True)
    questions = models.JSONField(_("evaluation questions"), default=list, blank=True)
    # [{"period": 2, "title": "..."}], sorted by period (evaluation.planned_reports)
    planned_reports = models.JSONField(_("planned reports"), default=list, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation plan")
        verbose_name_plural = _("evaluation plans")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.evaluator_organisation}"


def _report_path(instance, filename: str) -> str:
    # The service names the file by a random token (`<hex>.pdf`); the name the person gave
    # it is kept apart (`filename`) for the download.
    return f"evaluation/{instance.programme_id}/{filename}"


class EvaluationReport(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="evaluation_reports"
    )
    period = models.ForeignKey(
        "ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_reports",
        verbose_name=_("reporting period"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary of findings"), blank=True)
    file = models.FileField(_("file"), upload_to=_report_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=4)  # evaluation.PDF or evaluation.DOCX
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.title


class FinalReport(models.Model):
    """The final report (slutrapport), carried by the programme's last payment claim.

    Editable while that claim is a draft; when it is submitted, the figures drawn from the
    data are kept in `snapshot`, so the report reads the same ever after.
    """

    claim = models.OneToOneField(
        "PaymentClaim", on_delete=models.PROTECT, related_name="final_report"
    )
    summary = models.TextField(_("summary"), blank=True)
    activities = models.TextField(_("activities and working method"), blank=True)
    results = models.TextField(_("results and effects"), blank=True)
    equality = models.TextField(_("equality between women and men"), blank=True)
    environment = models.TextField(_("environment and climate"), blank=True)
    non_discrimination = models.TextField(
        _("equal opportunities and non-discrimination"), blank=True
    )
    continuation = models.TextField(_("what continues after the project"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    snapshot = models.JSONField(default=dict, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self) -> str:
        return f"{self.claim}"
