"""The questionnaire as a Django form built from a framework, and the small staff forms.

Field names are derived from question ids (`q:<id>`, `q:<id>:<row>`, and
`q:<id>:already` / `:planned` for grids). `to_answers` turns the cleaned form
into the answers JSON the scoring core reads; unanswered rows leave their
question out, so a draft may be partial and submission names what is missing.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from dipps.core.mail_forms import LinkMailForm

from .frameworks import LEVEL_MAX, Framework, Question
from .models import Stage
from .scoring import unanswered


def _ternary_labels():
    return {"yes": _("yes"), "partial": _("partly"), "no": _("no")}


def _levels(question: Question, language: str) -> list[tuple[str, str]]:
    if question.levels:
        return [(str(i), f"{i} – {t.get(language)}") for i, t in enumerate(question.levels)]
    return [(str(i), str(i)) for i in range(LEVEL_MAX + 1)]


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, framework: Framework, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.question_errors: dict[str, list[str]] = {}
        language = get_language() or "sv"
        answers = answers or {}
        for question in framework.questions.values():
            self._add(question, language, answers.get(question.id))

    def _add(self, q: Question, language: str, answer) -> None:
        name = f"q:{q.id}"
        label = q.text.get(language)
        help_text = q.help.get(language) if q.help else ""
        if q.type == "multi":
            choices = [(str(i), o.text.get(language)) for i, o in enumerate(q.options)]
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                help_text=help_text,
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[str(i) for i in answer] if isinstance(answer, list) else [],
            )
        elif q.type == "grid":
            rows = [(str(i), t.get(language)) for i, t in enumerate(q.rows)]
            answer = answer if isinstance(answer, dict) else {}
            for column, column_label in (
                ("already", _("already invested")),
                ("planned", pgettext("investment grid column", "planned")),
            ):
                self.fields[f"{name}:{column}"] = forms.MultipleChoiceField(
                    label=f"{label} – {column_label}",
                    help_text=help_text if column == "already" else "",
                    choices=rows,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[str(i) for i in answer.get(column, [])],
                )
        elif q.type == "band":
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                help_text=help_text,
                choices=_levels(q, language),
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=str(answer) if isinstance(answer, int) else None,
            )
        else:  # scale and ternary: one choice per row
            values = answer if isinstance(answer, list) else []
            scale = q.type == "scale"
            choices = _levels(q, language) if scale else list(_ternary_labels().items())
            for row, row_text in enumerate(q.rows):
                initial = values[row] if row < len(values) else None
                self.fields[f"{name}:{row}"] = forms.ChoiceField(
                    label=f"{row_text.get(language)}",
                    help_text=help_text if row == 0 else "",
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=str(initial) if initial is not None else None,
                )

    def to_answers(self) -> dict:
        data = self.cleaned_data
        answers: dict = {}
        for q in self.framework.questions.values():
            name = f"q:{q.id}"
            if q.type == "multi":
                answers[q.id] = sorted(int(v) for v in data.get(name) or [])
            elif q.type == "grid":
                answers[q.id] = {
                    column: sorted(int(v) for v in data.get(f"{name}:{column}") or [])
                    for column in ("already", "planned")
                }
            elif q.type == "band":
                if data.get(name) is not None:
                    answers[q.id] = data[name]
            else:
                values = [data.get(f"{name}:{row}") or None for row in range(len(q.rows))]
                if None not in values:
                    answers[q.id] = [int(v) for v in values] if q.type == "scale" else list(values)
        return answers

    def missing(self, answers: dict) -> list[str]:
        """Ids of questions that are not (fully) answered: the scoring core judges."""
        return unanswered(self.framework, answers)

    def sections(self):
        """Fields grouped by dimension and question, for the template."""
        language = get_language() or "sv"
        for dimension in self.framework.dimensions:
            questions = []
            for q in dimension.questions:
                names = [n for n in self.fields if n == f"q:{q.id}" or n.startswith(f"q:{q.id}:")]
                questions.append(
                    {
                        "id": q.id,
                        "type": q.type,
                        "text": q.text.get(language),
                        "help": q.help.get(language) if q.help else "",
                        "fields": [self[n] for n in names],
                        "errors": self.question_errors.get(q.id, []),
                    }
                )
            yield {
                "id": dimension.id,
                "title": dimension.title.get(language),
                "description": dimension.description.get(language) if dimension.description else "",
                "questions": questions,
            }

    def add_question_errors(self, problems) -> None:
        self.question_errors = {}
        for problem in problems:
            self.question_errors.setdefault(problem.question or "", []).append(problem.message)


def missing_message() -> str:
    return _("Answer this question (every row needs an answer).")


class StartForm(forms.Form):
    stage = forms.ChoiceField(
        label=pgettext_lazy("assessment stage", "Stage"), choices=Stage.choices
    )
    framework = forms.ChoiceField(label=gettext_lazy("Framework"), choices=())

    def __init__(self, *args, frameworks: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = frameworks


class LinkForm(LinkMailForm):
    """Make a self-service link and, if asked, e-mail it (core.mail_forms)."""
