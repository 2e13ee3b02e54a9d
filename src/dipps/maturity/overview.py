"""Programme-level reads: aggregates (what an observer may see) and the assessment export.

Aggregates name no company. Gains T0 → T1 count only companies whose two
current assessments used the same framework version, because a method change
is not progress; the others are counted and reported as excluded.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from dipps.companies.orgnr import shown as orgnr_shown
from dipps.core.exporters import Table

from .figures import Scores, from_store, rounded
from .followup import Method, comparable, t0_after_support
from .frameworks import DEFAULT_FRAMEWORK, FrameworkError, load_framework
from .models import Assessment, Stage, Status
from .signals import first_support_days


@dataclass
class Overview:
    programme: object
    framework: object
    assessed_t0: int = 0
    bands: list[tuple[str, str, int]] = field(default_factory=list)  # id, title, count
    pairs: int = 0
    excluded_pairs: int = 0
    mean_gain: Fraction | None = None  # exact, rounded only when shown
    dimension_gains: list[tuple[str, Fraction | None]] = field(default_factory=list)
    stages: dict[str, int] = field(default_factory=dict)


def programme_overview(programme, framework_id: str = DEFAULT_FRAMEWORK) -> Overview:
    framework = load_framework(framework_id)
    language = get_language() or "sv"
    current = Assessment.objects.filter(
        programme=programme, framework=framework.id, is_current=True
    )
    overview = Overview(programme, framework)
    overview.stages = dict(Counter(current.values_list("stage", flat=True)))
    t0 = {
        company: (version, band, from_store(stored))
        for company, version, band, stored in current.filter(stage=Stage.T0).values_list(
            "company_id", "framework_version", "band", "scores"
        )
    }
    overview.assessed_t0 = len(t0)
    counts = Counter(band for _v, band, _s in t0.values())
    overview.bands = [(b.id, b.title.get(language), counts.get(b.id, 0)) for b in framework.bands]
    gains: list[Fraction] = []
    per_dimension: dict[str, list[Fraction]] = {d.id: [] for d in framework.dimensions}
    for company, version, stored in current.filter(stage=Stage.T1).values_list(
        "company_id", "framework_version", "scores"
    ):
        if company not in t0:
            continue
        before_version, _band, before = t0[company]
        if not comparable(Method(framework.id, before_version), Method(framework.id, version)):
            overview.excluded_pairs += 1
            continue
        after = from_store(stored)
        if before is None or after is None:
            continue
        gains.append(after.overall - before.overall)
        for dimension, values in per_dimension.items():
            if dimension in after.dimensions and dimension in before.dimensions:
                values.append(after.dimensions[dimension] - before.dimensions[dimension])
    overview.pairs = len(gains)
    overview.mean_gain = _mean(gains)
    overview.dimension_gains = [
        (d.title.get(language), _mean(per_dimension[d.id])) for d in framework.dimensions
    ]
    return overview


def _mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def pseudonym(company_id: int) -> str:
    """A stable pseudonym: the same company always gets the same one, unguessable without
    the SECRET_KEY (HMAC-SHA256 of the company id)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"maturity-company:{company_id}".encode(), hashlib.sha256
    )
    return "F-" + digest.hexdigest()[:10].upper()


def _cell(question, answer) -> str:
    """One question's answer as a compact cell: option or row indices, levels or words."""
    if answer is None:
        return ""
    if question.type == "grid":
        already = ",".join(str(i) for i in answer.get("already", []))
        planned = ",".join(str(i) for i in answer.get("planned", []))
        return f"already:{already}|planned:{planned}"
    if isinstance(answer, list):
        return ",".join(str(v) for v in answer)
    return str(answer)


def _shown(scores: Scores | None, framework) -> tuple[Decimal | None, list[Decimal | None]]:
    """The overall and dimension scores as every page shows them (the one rounding rule)."""
    if scores is None:
        return None, [None for _d in framework.dimensions]
    dimensions = [scores.dimensions.get(d.id) for d in framework.dimensions]
    return rounded(scores.overall), [None if v is None else rounded(v) for v in dimensions]


def assessments_table(programme, framework_id: str, *, pseudonymise: bool) -> Table:
    """Every assessment of the programme in one framework: one row each, with every version."""
    try:
        framework = load_framework(framework_id)
    except FrameworkError:
        framework = load_framework(DEFAULT_FRAMEWORK)
    headers = [
        _("assessment"),
        _("company"),
        _("organisation number"),
        pgettext("assessment stage", "stage"),
        _("framework"),
        _("framework version"),
        _("version"),
        _("supersedes"),
        _("current"),
        _("status"),
        _("answered by"),
        pgettext("assessment started", "started"),
        _("submitted"),
        _("overall score"),
        _("band"),
        _("T0 after first support"),
        _("without T0"),
    ]
    headers += [d.id for d in framework.dimensions]
    questions = list(framework.questions.values())
    headers += [q.id for q in questions]
    rows = []
    qs = (
        Assessment.objects.filter(programme=programme, framework=framework.id)
        .select_related("company")
        .order_by("company__name", "company_id", "stage", "version")
    )
    first_support = first_support_days(programme.pk, qs.values_list("company_id", flat=True))
    # Firms with a submitted T0 in this framework (a T1 or T2 without one is flagged).
    with_t0 = set(
        qs.filter(stage=Stage.T0, status=Status.SUBMITTED).values_list("company_id", flat=True)
    )
    yes = pgettext("flag in an export", "yes")
    for a in qs.iterator(chunk_size=2000):
        late = (
            a.stage == Stage.T0
            and a.submitted is not None
            and t0_after_support(timezone.localdate(a.submitted), first_support.get(a.company_id))
        )
        orphan = a.stage != Stage.T0 and a.company_id not in with_t0
        company = pseudonym(a.company_id) if pseudonymise else a.company.name
        number = (
            ""
            if pseudonymise
            else orgnr_shown(a.company.orgnr, is_sole_trader=a.company.is_sole_trader)
        )
        overall, dimensions = _shown(a.exact, framework)
        row = [
            a.pk,
            company,
            number,
            a.get_stage_display(),
            a.framework,
            a.framework_version,
            a.version,
            a.supersedes_id,
            a.is_current,
            a.get_status_display(),
            a.get_answered_by_display(),
            a.started,
            a.submitted,
            overall,
            a.band,
            yes if late else "",
            yes if orphan else "",
            *dimensions,
        ]
        row += [_cell(q, a.answers.get(q.id)) for q in questions]
        rows.append(row)
    suffix = "-" + _("pseudonymised") if pseudonymise else ""
    name = f"{programme.code}-{framework.id}{suffix}"
    return Table(name, headers, rows)
