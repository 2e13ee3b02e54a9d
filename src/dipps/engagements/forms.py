from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dipps.core.formatting import short_date

from . import catalogue
from .models import ActionItem, Activity, Attendee, EnvironmentTag, ParticipantRole, Stage
from .services import ITEM_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HOURS = dict(max_digits=6, decimal_places=2, min_value=Decimal(0))


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)
    type = forms.ChoiceField(label=_("Activity type"), choices=())
    companies = forms.ModelMultipleChoiceField(
        label=_("Companies"),
        queryset=None,
        help_text=_("Several companies for a group activity (hold Ctrl to choose more)."),
    )
    hours = forms.DecimalField(label=_("Your hours"), **HOURS)
    other_coach = CoachChoiceField(label=_("Second coach"), queryset=None, required=False)
    other_hours = forms.DecimalField(label=_("Second coach's hours"), required=False, **HOURS)
    external_cost_sek = forms.DecimalField(
        label=_("External consultant cost (SEK)"),
        max_digits=12,
        decimal_places=2,
        initial=0,
        min_value=Decimal(0),
    )
    participants_women = forms.IntegerField(label=_("Participants: women"), min_value=0, initial=0)
    participants_men = forms.IntegerField(label=_("Participants: men"), min_value=0, initial=0)
    participants_other = forms.IntegerField(
        label=_("Participants: other or not stated"), min_value=0, initial=0
    )
    participant_hours = forms.DecimalField(
        label=_("Participants' hours in total (in kind)"),
        initial=0,
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
    )
    spread = forms.ChoiceField(
        label=_("Spread hours and cost over the companies"), choices=Activity.Spread.choices
    )
    company_participants = forms.CharField(
        label=_("Participants per company (for spreading by participants)"),
        required=False,
        help_text=_("In the order of the chosen companies, separated by commas, e.g. 3, 1."),
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Action-plan items"), queryset=ActionItem.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, programmes, companies, items, coaches, **kwargs):
        """The choices come from the caller, scoped to what the user may write into."""
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["companies"].queryset = companies
        self.fields["items"].queryset = items
        self.fields["other_coach"].queryset = coaches
        self.fields["type"].choices = catalogue.type_choices()

    def clean_company_participants(self):
        text = self.cleaned_data["company_participants"].strip()
        if not text:
            return []
        try:
            counts = [int(x) for x in text.replace(";", ",").split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError(_("Give whole numbers separated by commas.")) from None
        if any(c < 0 for c in counts):
            raise forms.ValidationError(_("The number of participants cannot be negative."))
        return counts


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Reason (when pausing or declining)"), required=False, max_length=300
    )


class ActionItemForm(forms.ModelForm):
    dimensions = forms.MultipleChoiceField(
        label=_("Maturity dimensions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),  # the maturity pages' names, in the page's language (see __init__)
    )
    intervention = forms.ChoiceField(label=_("Intervention type"), choices=())
    environment = forms.MultipleChoiceField(
        label=_("Environmental tag"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=EnvironmentTag.choices,
        help_text=_(
            "What the item does for the green transition: energy, material and emissions may "
            "be combined; “none” stands alone. Leave empty when not yet assessed."
        ),
    )

    class Meta:
        model = ActionItem
        fields = ITEM_FIELDS  # what services.action_item_save takes
        widgets = {
            "due": DATE,
            "expected_effect": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = catalogue.type_choices()
        self.fields["dimensions"].choices = catalogue.dimension_choices()


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ActivityChoiceField(forms.ModelChoiceField):
    """An activity as a person knows it: its date, its type's name and the firms it was for
    ("2026-11-23 · Expertstöd · Åre Gjuteri AB"), never the type's catalogue id."""

    def label_from_instance(self, obj):
        parts = [short_date(obj.date), obj.type_label]
        names = sorted(share.company.name for share in obj.shares.all())
        if len(names) > 2:
            names = [*names[:2], gettext("%(count)s more") % {"count": len(names) - 2}]
        if names:
            parts.append(", ".join(names))
        return " · ".join(parts)


class TimesheetRowForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)
    activity = ActivityChoiceField(
        label=_("Activity (empty: programme administration)"), queryset=None, required=False
    )
    mon = forms.DecimalField(label=_("Mon"), required=False, max_digits=5, decimal_places=2)
    tue = forms.DecimalField(label=_("Tue"), required=False, max_digits=5, decimal_places=2)
    wed = forms.DecimalField(label=_("Wed"), required=False, max_digits=5, decimal_places=2)
    thu = forms.DecimalField(label=_("Thu"), required=False, max_digits=5, decimal_places=2)
    fri = forms.DecimalField(label=_("Fri"), required=False, max_digits=5, decimal_places=2)
    sat = forms.DecimalField(label=_("Sat"), required=False, max_digits=5, decimal_places=2)
    sun = forms.DecimalField(label=_("Sun"), required=False, max_digits=5, decimal_places=2)

    def __init__(self, *args, programmes, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["activity"].queryset = activities

    @property
    def day_fields(self):
        return [self[d] for d in DAYS]

    def hours(self) -> list[Decimal]:
        return [self.cleaned_data.get(d) or Decimal(0) for d in DAYS]

    def clean(self):
        data = super().clean()
        if any(data.get(d) for d in DAYS) and not data.get("programme"):
            self.add_error("programme", _("Choose the programme the hours belong to."))
        return data


TimesheetFormSet = forms.formset_factory(TimesheetRowForm, extra=0)


class ActivityEditForm(ActivityForm):
    """The recording form with the first coach chosen rather than the one editing.

    No coach: the hours are staff hours without a named coach (as imports record them).
    """

    coach = CoachChoiceField(
        label=_("Coach"),
        queryset=None,
        required=False,
        help_text=_("Empty: staff hours without a named coach (as imported)."),
    )
    field_order = ["date", "programme", "type", "companies", "coach", "hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = self.fields["other_coach"].queryset
        self.fields["hours"].label = _("Coach's hours")

    def clean(self):
        data = super().clean()
        if data.get("other_coach") and not data.get("coach"):
            self.add_error("coach", _("Choose the first coach before a second one."))
        if data.get("other_coach") and data.get("other_coach") == data.get("coach"):
            self.add_error("other_coach", _("The second coach is the same person as the first."))
        return data


class RateForm(forms.Form):
    KIND_CHOICES = [
        ("aid", _("Aid hourly rate (de minimis value of a coach hour)")),
        ("in_kind", _("In-kind hourly rate (value of participants' time)")),
    ]
    kind = forms.ChoiceField(label=_("Rate"), choices=KIND_CHOICES)
    role = forms.ChoiceField(
        label=_("Participant's role (in-kind rate only)"),
        choices=[("", _("any role"))] + list(ParticipantRole.choices),
        required=False,
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    # localize: a Swedish user types 925,50.
    hourly_rate_sek = forms.DecimalField(
        label=_("SEK per hour"), max_digits=10, decimal_places=2, localize=True
    )


class EmploymentCostForm(forms.Form):
    user = CoachChoiceField(label=_("Person"), queryset=None)
    year = forms.IntegerField(label=_("Year"))
    annual_gross_cost_sek = forms.DecimalField(
        label=_("Annual gross employment cost (SEK)"),
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("Salary, social security contributions and pension for the whole year."),
    )
    document = forms.CharField(
        label=_("Documented by"),
        max_length=200,
        required=False,
        help_text=_("E.g. the payroll statement or employment contract it is taken from."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


def contributor_choices(companies, organisations) -> list:
    """One list for both kinds of contributor: `c<pk>` a firm, `o<pk>` an organisation."""
    return [
        ("", "---------"),
        (_("Companies"), [(f"c{c.pk}", c.name) for c in companies]),
        (_("Organisations (public)"), [(f"o{o.pk}", o.name) for o in organisations]),
    ]


def contributor_from(value: str, companies, organisations):
    kind, number = value[:1], value[1:]
    pool = companies if kind == "c" else organisations if kind == "o" else []
    return next((x for x in pool if str(x.pk) == number), None)


class AttendeeForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=200)
    contributor = forms.ChoiceField(label=_("Comes from"), choices=())
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    hours = forms.DecimalField(label=_("Hours"), localize=True, **HOURS)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("not stated"))] + list(Attendee.Gender.choices),
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("not stated"))] + list(Attendee.AgeBand.choices),
        required=False,
    )
    confirmed = forms.ChoiceField(
        label=_("Presence confirmed"), choices=Attendee.Confirmation.choices, required=False
    )

    def __init__(self, *args, companies=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.companies, self.organisations = list(companies), list(organisations)
        self.fields["contributor"].choices = contributor_choices(self.companies, self.organisations)
        self.fields["hours"].widget.attrs.update(size=5)

    def clean_contributor(self):
        found = contributor_from(
            self.cleaned_data["contributor"], self.companies, self.organisations
        )
        if found is None:
            raise forms.ValidationError(_("Choose a company or organisation from the list."))
        return found


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3, can_delete=True)


class SignInForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    contributor = forms.ChoiceField(label=_("Your company or organisation"), choices=())

    def __init__(self, *args, companies=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.companies, self.organisations = list(companies), list(organisations)
        self.fields["contributor"].choices = contributor_choices(self.companies, self.organisations)

    def clean_contributor(self):
        found = contributor_from(
            self.cleaned_data["contributor"], self.companies, self.organisations
        )
        if found is None:
            raise forms.ValidationError(_("Choose your company or organisation from the list."))
        return found
