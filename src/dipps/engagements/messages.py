"""Translated messages for the problem codes of `rules.py`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .rules import Problem


def text(problem: Problem) -> str:
    p = problem.params
    texts = {
        "outside_programme": lambda: (
            _(
                "The date lies outside the programme's period (%(start)s – %(end)s); choose a "
                "date within it or another programme."
            )
            % {"start": date_format(p["start"]), "end": date_format(p["end"])}
        ),
        "group_without_company": lambda: _(
            "A group activity needs at least one participating company; tick the companies "
            "that took part."
        ),
        "no_company": lambda: _("Choose the company (or companies) the activity was for."),
        "negative_hours": lambda: _("Hours cannot be negative."),
        "over_24": lambda: (
            _(
                "A person cannot work more than 24 hours in a day; with this activity it "
                "would be %(hours)s hours."
            )
            % {"hours": number_format(p["hours"], 2)}
        ),
        "negative_cost": lambda: _("The external cost cannot be negative."),
        "negative_participants": lambda: _("The number of participants cannot be negative."),
        "participants_over_24": lambda: (
            _("Participants' hours exceed 24 hours for each of the %(people)s participants.")
            % {"people": p["people"]}
        ),
        "day_over_24": lambda: (
            _("%(day)s adds up to %(hours)s hours; a day can hold at most 24 hours.")
            % {"day": date_format(p["day"]), "hours": number_format(p["hours"], 2)}
        ),
        "same_stage": lambda: _("The engagement is already at that stage."),
        "final_stage": lambda: _("A closed or declined engagement cannot change stage."),
        "reason_required": lambda: _("Give a reason when pausing or declining an engagement."),
        "unknown_stage": lambda: _("Unknown stage."),
        "backwards": lambda: _(
            "An engagement moves forward; to go back, pause it first and give a reason."
        ),
    }
    return texts[problem.code]()


def raise_for(problems: list[Problem]) -> None:
    if problems:
        errors: dict[str, list[ValidationError]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(
                ValidationError(text(problem), code=problem.code)
            )
        raise ValidationError(errors)
