from django import forms
from django.utils.translation import gettext_lazy as _

from dipps.core import uploads
from dipps.core.formatting import short_date
from dipps.core.uploads import UploadField


def _area(label, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        help_text=help_text,
    )


class EvaluationPlanForm(forms.Form):
    evaluator_organisation = forms.CharField(
        label=_("Evaluator (organisation)"), max_length=200, required=False
    )
    evaluator_name = forms.CharField(
        label=_("Evaluator (contact person)"), max_length=200, required=False
    )
    procurement_reference = forms.CharField(
        label=_("Procurement reference"), max_length=100, required=False
    )
    questions = _area(_("Evaluation questions"), 5, _("One question a line."))
    planned_reports = _area(
        _("Planned reports"),
        4,
        _("One report a line: the reporting period's number, then the title (“4 Midterm report”)."),
    )


class EvaluationReportForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200)
    period = forms.ModelChoiceField(queryset=None, label=_("Reporting period"), required=False)
    summary = _area(_("Summary of findings"), 4)
    file = UploadField(kind=uploads.DOCUMENT, label=_("File (PDF or DOCX)"))

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = lambda p: (
            f"{p.number}: {short_date(p.start)}–{short_date(p.end)}"
        )


class FinalReportForm(forms.Form):
    summary = _area(_("Summary"))
    activities = _area(_("Activities and working method"))
    results = _area(_("Results and effects"))
    equality = _area(_("Equality between women and men"))
    environment = _area(_("Environment and climate"))
    non_discrimination = _area(_("Equal opportunities and non-discrimination"))
    continuation = _area(_("What continues after the project"))
    lessons = _area(_("Lessons learned"))
