"""Reads for maturity, always scoped to the asking user.

An assessment belongs to a programme: its staff see it (a role held in another
programme never counts); a company representative sees their own company's, in
whichever programme (others are 404, as if they did not exist); an observer sees
no company's assessment, only the programme aggregates (`programme_overview`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from dipps.accounts.models import Role
from dipps.accounts.roles import (
    FIRM_READERS,
    STAFF,
    in_programmes,
    represented_company_ids,
    roles_in,
)
from dipps.companies.selectors import company_for, roles_for_company

from .benchmark import PeerGroup, peer_benchmark
from .followup import Method, comparable, t0_after_support
from .frameworks import DEFAULT_FRAMEWORK, Framework, load_framework, load_interventions
from .models import AcceptedSuggestion, Assessment, Stage, Status
from .scoring import Suggestion, suggest
from .signals import first_support_days


def assessments_visible_to(user, roles=FIRM_READERS) -> QuerySet[Assessment]:
    """Assessments of the programmes where the user holds one of `roles`, and, when
    `roles` include the representative, every assessment of the firm they represent."""
    qs = in_programmes(Assessment.objects.all(), user, [r for r in roles if r != Role.COMPANY])
    if Role.COMPANY in roles and not user.is_superuser:
        qs = qs | Assessment.objects.filter(company_id__in=represented_company_ids(user))
    return qs


def assessment_roles(user, assessment: Assessment) -> set[str]:
    """The roles that count for one assessment: the one held in its programme (a
    representative's only for their own firm), and the representative's for their firm."""
    held = roles_in(user, assessment.programme_id) - {Role.COMPANY}
    if assessment.company_id in represented_company_ids(user):
        held.add(Role.COMPANY)
    return held


def assessment_get(user, pk: int, roles=FIRM_READERS) -> Assessment:
    """One assessment if one of `roles` counts for it: 404 if the user may not see it at
    all (nothing is revealed), 403 if they see it with another role."""
    assessment = get_object_or_404(
        assessments_visible_to(user).select_related("company", "programme", "supersedes"), pk=pk
    )
    if not assessment_roles(user, assessment) & set(roles):
        raise PermissionDenied
    return assessment


@dataclass
class DimensionRow:
    id: str
    title: str
    values: list[Fraction | None]  # exact, one per compared stage
    gain: Fraction | None = None


@dataclass
class Results:
    company: object
    framework: Framework | None
    frameworks: list[str]
    history: list[Assessment]
    drafts: list[Assessment]
    current: dict[str, Assessment]  # stage -> newest submitted version
    latest: Assessment | None
    compared: list[Assessment] = field(default_factory=list)  # T0 and the latest later stage
    rows: list[DimensionRow] = field(default_factory=list)
    overall_gain: Fraction | None = None
    version_notice: bool = False
    # Flags (followup.py): the day of the first support when the T0 came after it, and
    # a T1 or T2 with no T0 of this framework to compare with.
    t0_after_support: date | None = None
    without_t0: bool = False
    peers: list[PeerGroup] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    accepted: set[str] = field(default_factory=set)

    @property
    def strongest(self) -> list[DimensionRow]:
        return self._ranked()[-2:][::-1]

    @property
    def weakest(self) -> list[DimensionRow]:
        return self._ranked()[:2]

    def _ranked(self) -> list[DimensionRow]:
        scored = [r for r in self.rows if r.values and r.values[-1] is not None]
        return sorted(scored, key=lambda r: (r.values[-1], r.id))

    @property
    def band_title(self) -> str:
        if self.latest is None or self.framework is None:
            return ""
        return band_title(self.framework, self.latest.band)


def band_title(framework: Framework, band_id: str) -> str:
    language = get_language() or "sv"
    return next((b.title.get(language) for b in framework.bands if b.id == band_id), band_id)


def company_results(user, company_pk: int, framework_id: str | None = None) -> Results:
    """A firm's results from the assessments the user may see: those of the programmes
    where they are staff, or all of their own firm's."""
    company = company_for(user, company_pk, FIRM_READERS)
    everything = list(
        assessments_visible_to(user)
        .filter(company=company)
        .defer("answers")  # the results never show answers; they are the biggest column
        .order_by("stage", "-version", "-started")
    )
    frameworks = sorted({a.framework for a in everything})
    chosen = framework_id if framework_id in frameworks else None
    chosen = chosen or (DEFAULT_FRAMEWORK if DEFAULT_FRAMEWORK in frameworks else None)
    chosen = chosen or (frameworks[0] if frameworks else None)
    mine = [a for a in everything if a.framework == chosen]
    submitted = [a for a in mine if a.status == Status.SUBMITTED]
    current: dict[str, Assessment] = {}
    for a in sorted(submitted, key=lambda a: (a.is_current, a.submitted)):
        current[a.stage] = a  # the current (else newest) version wins
    latest = None
    for stage in (Stage.T2, Stage.T1, Stage.T0):
        if stage in current:
            latest = current[stage]
            break
    results = Results(
        company=company,
        framework=None,
        frameworks=frameworks,
        history=submitted,
        drafts=[a for a in mine if a.status == Status.DRAFT],
        current=current,
        latest=latest,
    )
    if latest is None:
        return results
    framework = load_framework(latest.framework, latest.framework_version)
    results.framework = framework
    compared = [current[Stage.T0]] if Stage.T0 in current and latest.stage != Stage.T0 else []
    results.compared = [*compared, latest]
    paired = len(results.compared) == 2 and comparable(*(method(a) for a in results.compared))
    results.version_notice = len(results.compared) == 2 and not paired
    results.without_t0 = Stage.T0 not in current and latest.stage != Stage.T0
    if Stage.T0 in current:
        t0 = current[Stage.T0]
        first = first_support_days(t0.programme_id, [company.pk]).get(company.pk)
        if t0_after_support(timezone.localdate(t0.submitted), first):
            results.t0_after_support = first
    language = get_language() or "sv"
    exact = [a.exact for a in results.compared]
    for dimension in framework.dimensions:
        values = [s.dimensions.get(dimension.id) if s is not None else None for s in exact]
        row = DimensionRow(dimension.id, dimension.title.get(language), values)
        if paired and None not in values:
            row.gain = values[1] - values[0]
        results.rows.append(row)
    if paired and exact[0] is not None and exact[1] is not None:
        results.overall_gain = exact[1].overall - exact[0].overall
    own = [a for a in everything if a.is_current and a.status == Status.SUBMITTED]
    results.peers = peer_benchmark(latest, framework, own=own)
    scores = exact[-1].dimensions if exact[-1] is not None else {}
    results.suggestions = suggest(framework, scores, load_interventions(), limit=5)
    # Accepted in the programme of the assessment the suggestions come from (and where
    # accepting writes), not in another programme the user may not see.
    results.accepted = set(
        AcceptedSuggestion.objects.filter(
            company=company, programme_id=latest.programme_id
        ).values_list("intervention", flat=True)
    )
    return results


def method(assessment: Assessment) -> Method:
    """The framework and version an assessment was answered with (for `comparable`)."""
    return Method(assessment.framework, assessment.framework_version)


def company_contacts(user, company):
    """Contacts to invite: only the firm's staff see people's names and e-mail addresses."""
    if not roles_for_company(user, company) & set(STAFF):
        return company.contacts.none()
    return company.contacts.order_by("name")
