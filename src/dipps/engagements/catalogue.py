"""The intervention catalogue (owned by maturity), seen from the working method."""

from __future__ import annotations

from django.utils.translation import get_language

from dipps.maturity.frameworks import DEFAULT_FRAMEWORK, load_framework, load_interventions

# Activity types that usually gather several firms; recording one without a
# company gets its own message.
GROUP_TYPES = frozenset({"network_meeting", "training", "study_visit", "workshop"})
# The maturity dimensions an action item may name (dma-sme and SIRI ids are also allowed).
DIMENSIONS = ("strategy", "readiness", "human", "data", "automation", "green")


def type_ids() -> set[str]:
    return {i.id for i in load_interventions()}


def type_choices() -> list[tuple[str, str]]:
    language = get_language() or "sv"
    return [(i.id, i.title.get(language)) for i in load_interventions()]


def type_label(type_id: str) -> str:
    return dict(type_choices()).get(type_id, type_id)


def dimension_choices() -> list[tuple[str, str]]:
    """The action plan's dimensions named as the maturity pages name them: the default
    framework's titles in the active language ("Digital affärsstrategi", …)."""
    language = get_language() or "sv"
    titles = {d.id: d.title.get(language) for d in load_framework(DEFAULT_FRAMEWORK).dimensions}
    return [(d, titles.get(d, d)) for d in DIMENSIONS]


def dimension_ids() -> set[str]:
    ids = set(DIMENSIONS)
    for intervention in load_interventions():
        ids.update(intervention.dimensions)
    return ids
