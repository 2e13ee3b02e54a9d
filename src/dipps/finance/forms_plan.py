"""Forms for what the programme manager and finance officer plan: budget, financing,
partner ledger settings and reporting periods. The forms check types; the rules that
make a plan add up live in `budget.py` and run in the services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CostCategory, CostModel, StaffCostMethod

YEAR = dict(min_value=2000, max_value=2100)
AMOUNT = dict(max_digits=14, decimal_places=2)


class RateForm(forms.Form):
    """The model and its rate; the range per model is checked by the service (one message)."""

    cost_model = forms.ChoiceField(label=_("Cost model"), choices=CostModel.choices, required=False)
    rate_percent = forms.DecimalField(
        label=_("Flat rate, per cent of direct staff costs"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
    )
    staff_cost_method = forms.ChoiceField(
        label=_("Staff cost method"),
        choices=StaffCostMethod.choices,
        required=False,
        help_text=_(
            "The handbook's unit cost: each person's monthly salary in their first project "
            "month × 12 / 1,720, raised every twelve months. The alternative: each year's "
            "annual gross employment cost / 1,720."
        ),
    )
    uplift_percent = forms.DecimalField(
        label=_("Yearly uplift of the unit cost, per cent"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Tillväxtverket's handbook says 2.4 per cent for now."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a change request (ändringsansökan): what changes and why."),
    )


class VersionDecisionForm(forms.Form):
    """The funder's decision on a budget version, recorded by the programme manager."""

    APPROVE, REJECT = "approve", "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("approved")), (REJECT, _("rejected"))],
        widget=forms.RadioSelect,
    )
    reference = forms.CharField(label=_("Decision reference"), max_length=100, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    in_force_from = forms.DateField(
        label=_("In force from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the approved budget applies from (claims ending on or after it)."),
    )


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Partner"))
    category = forms.ChoiceField(label=_("Cost category"), choices=CostCategory.choices)
    amount = forms.DecimalField(label=_("Amount (SEK)"), **AMOUNT)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners


class FinancingLineForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    financier = forms.ModelChoiceField(queryset=None, label=_("Financier"))
    amount = forms.DecimalField(label=_("Amount (SEK)"), **AMOUNT)

    def __init__(self, *args, financiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["financier"].queryset = financiers


class PartnerLedgerForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    orgnr = forms.CharField(label=_("Organisation number"), max_length=13, required=False)
    dimension = forms.CharField(label=_("Dimension"), max_length=10, required=False)
    object = forms.CharField(label=_("Object"), max_length=40, required=False)
    accounts = forms.CharField(
        label=_("Account list"),
        max_length=400,
        required=False,
        help_text=_("Used when no object is given, e.g. “7010 7510 6540-6559”."),
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))


class SalaryForm(forms.Form):
    """One person's salary record; the rules (one per person, inside the programme) are the
    service's."""

    user = forms.ModelChoiceField(queryset=None, label=_("Person"))
    first_month = forms.DateField(
        label=_("First month in the project"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(format="%Y-%m", attrs={"type": "month", "placeholder": "YYYY-MM"}),
        error_messages={"invalid": _("Give a month as YYYY-MM, e.g. 2024-03.")},
    )
    monthly_salary_sek = forms.DecimalField(
        label=_("Monthly salary (SEK)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_(
            "Ordinary full-time monthly salary in the first project month, project-related "
            "supplements included; never taxable benefits."
        ),
    )
    document = forms.CharField(
        label=_("Documented by"),
        max_length=200,
        help_text=_("E.g. employment contract of 2024-02-15, payslip for March 2024."),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3, can_delete=True)
FinancingLineFormSet = forms.formset_factory(FinancingLineForm, extra=3, can_delete=True)
PartnerLedgerFormSet = forms.formset_factory(PartnerLedgerForm, extra=0)
PeriodFormSet = forms.formset_factory(PeriodForm, extra=2, can_delete=True)
SalaryFormSet = forms.formset_factory(SalaryForm, extra=2, can_delete=True)


def kept(formset) -> list[dict]:
    """The filled-in rows of a valid formset that are not marked for deletion."""
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def errors_of(*formsets) -> list[str]:
    """Every field error as 'row n, field: message', so a person can find it."""
    out = []
    for fs in formsets:
        out.extend(str(e) for e in fs.non_form_errors())
        for i, form in enumerate(fs.forms, 1):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                for e in errors:
                    out.append(
                        _("Row %(n)s, %(field)s: %(error)s")
                        % {"n": i, "field": label or name, "error": e}
                    )
    return out
