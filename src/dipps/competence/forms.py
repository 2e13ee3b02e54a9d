"""Forms of the competence pages: start a map, fill its table, link, activity skills."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dipps.core.mail_forms import LinkMailForm

from .catalogue import level_choices, role_choices
from .gaps import PEOPLE_MAX
from .models import SkillsMap


class StartForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Who fills in the map"), choices=SkillsMap.Kind.choices)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, required=False
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"), widget=forms.CheckboxSelectMultiple, required=False
    )
    follow_up = forms.BooleanField(
        label=_("Follow-up: start from the firm's latest map and show before and after"),
        required=False,
    )

    def __init__(self, *args, programmes, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["roles"].choices = role_choices()
        self.fields["skills"].choices = [(s.code, s.label) for s in skills.values()]


class RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    people = forms.IntegerField(label=_("people in the role"), min_value=0, max_value=PEOPLE_MAX)
    current = forms.TypedChoiceField(label=_("current level"), coerce=int)
    needed = forms.TypedChoiceField(label=_("needed level"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = level_choices()
        self.fields["current"].choices = choices
        self.fields["needed"].choices = choices
        self.fields["people"].widget.attrs.update({"inputmode": "numeric", "size": 4})


RowFormSet = forms.formset_factory(RowForm, extra=0)


class LinkForm(LinkMailForm):
    """Make a self-service link and, if asked, e-mail it (core.mail_forms)."""


class ActivitySkillsForm(forms.Form):
    skills = forms.MultipleChoiceField(
        label=_("Skills the activity addresses"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(s.code, s.label) for s in skills.values()]


class ProgrammeSkillForm(forms.Form):
    code = forms.SlugField(
        label=_("code"),
        max_length=40,
        help_text=_("Lower-case letters, digits and _, starting with a letter."),
    )
    name_sv = forms.CharField(label=_("name (Swedish)"), max_length=120)
    name_en = forms.CharField(label=_("name (English)"), max_length=120)
    description_sv = forms.CharField(label=_("description (Swedish)"), max_length=300)
    description_en = forms.CharField(label=_("description (English)"), max_length=300)
