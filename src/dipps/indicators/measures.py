"""The figures DIPPS computes (measures), and the indicators of a programme's set.

A measure has a code, a label, its place in the indicators' JSON and a unit; an indicator of
a programme's set names the measure it is computed from. Apps above indicators in the layer
order add their own measures with the figures behind them (`providers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import catalogue


@dataclass(frozen=True)
class Indicator:
    """A figure DIPPS computes (a measure): its code, label, place in the JSON and unit."""

    code: str
    label: object
    path: tuple[str, ...]  # where its value sits in the JSON
    places: int = 0  # decimals shown
    unit: str = "enterprises"
    about: object = ""  # what is counted and how (a lazy text); "": the ERDF list's
    signed: bool = False  # a change, shown with its sign (+1,4 / −0,3)

    def name_in(self, language: str) -> str:
        with translation.override(language):
            return str(self.label)

    def definition_in(self, language: str) -> str:
        return definition_of(self.code, self.code, language)

    @property
    def definition(self) -> str:
        return self.definition_in(translation.get_language() or "sv")


MEASURES = [
    Indicator("RCO01", _("Enterprises supported (RCO01)"), ("RCO01", "total")),
    Indicator("RCO01_micro", _("… of which micro"), ("RCO01", "micro")),
    Indicator("RCO01_small", _("… of which small"), ("RCO01", "small")),
    Indicator("RCO01_medium", _("… of which medium-sized"), ("RCO01", "medium")),
    Indicator("RCO01_large", _("… of which large"), ("RCO01", "large")),
    Indicator("RCO04", _("Enterprises with non-financial support (RCO04)"), ("RCO04",)),
    Indicator("RCR03", _("SMEs introducing product or process innovation (RCR03)"), ("RCR03",)),
    Indicator(
        "RCR04", _("SMEs introducing marketing or organisational innovation (RCR04)"), ("RCR04",)
    ),
    Indicator("persons", _("Participants (persons)"), ("persons", "total"), unit="persons"),
    Indicator("persons_women", _("… of which women"), ("persons", "women"), unit="persons"),
    Indicator("persons_men", _("… of which men"), ("persons", "men"), unit="persons"),
    Indicator(
        "persons_other",
        _("… of which other or not stated"),
        ("persons", "other"),
        unit="persons",
    ),
    Indicator(
        "persons_under_30", _("… of which under 30"), ("persons", "age", "under_30"), unit="persons"
    ),
    Indicator("persons_30_49", _("… of which 30–49"), ("persons", "age", "30_49"), unit="persons"),
    Indicator(
        "persons_50_plus",
        _("… of which 50 or older"),
        ("persons", "age", "50_plus"),
        unit="persons",
    ),
    Indicator(
        "attendances",
        _("Attendances (person and activity)"),
        ("attendances", "total"),
        unit="attendances",
    ),
    Indicator(
        "participants_women",
        _("Attendances by head count, women"),
        ("participants", "women"),
        unit="attendances",
    ),
    Indicator(
        "participants_men",
        _("Attendances by head count, men"),
        ("participants", "men"),
        unit="attendances",
    ),
    Indicator(
        "participants_other",
        _("Attendances by head count, other or not stated"),
        ("participants", "other"),
        unit="attendances",
    ),
    Indicator("activities", _("Activities"), ("activities",), unit="activities"),
    Indicator("staff_hours", _("Staff hours"), ("staff_hours",), 1, "hours"),
    Indicator("in_kind_hours", _("In-kind hours"), ("in_kind", "hours"), 1, "hours"),
    Indicator("in_kind_value", _("In-kind value (SEK)"), ("in_kind", "value_sek"), unit="sek"),
    Indicator("assessed_t0", _("Companies with a T0 assessment"), ("assessments", "t0")),
    Indicator(
        "assessed_t0_t1", _("Companies with T0 and T1 assessments"), ("assessments", "t0_and_t1")
    ),
    Indicator(
        "mean_gain",
        _("Mean maturity gain T0→T1"),
        ("assessments", "mean_gain"),
        1,
        "score",
        signed=True,
    ),
]
MEASURE = {m.code: m for m in MEASURES}


@dataclass(frozen=True)
class SetIndicator:
    """One indicator of a programme's set, with the measure it is computed from (if any)."""

    code: str
    names: tuple[str, str]  # Swedish, English
    unit: str
    measure: str

    @property
    def label(self) -> str:
        return self.name_in(translation.get_language() or "sv")

    @property
    def definition(self) -> str:
        return self.definition_in(translation.get_language() or "sv")

    def name_in(self, language: str) -> str:
        return self.names[0] if language.startswith("sv") else self.names[1]

    @property
    def path(self) -> tuple[str, ...] | None:
        m = MEASURE.get(self.measure)
        return m.path if m else None

    @property
    def places(self) -> int:
        m = MEASURE.get(self.measure)
        return m.places if m else 0

    @property
    def signed(self) -> bool:
        m = MEASURE.get(self.measure)
        return m.signed if m else False

    def definition_in(self, language: str) -> str:
        return definition_of(self.code, self.measure, language)


def definition_of(code: str, measure: str, language: str) -> str:
    """What an indicator counts: the ERDF list's definition of its code, else that of the
    measure it is computed from (a computed figure's own, or the list's for its code); ""
    when neither has one."""
    sv = language.startswith("sv")
    for key in (code, measure):
        common = catalogue.common_indicators().get(key)
        if common is not None and (common.definition_sv if sv else common.definition_en):
            return common.definition_sv if sv else common.definition_en
    m = MEASURE.get(measure)
    if m is not None and m.about:
        with translation.override(language):
            return str(m.about)
    return ""
