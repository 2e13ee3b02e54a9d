"""Keep each assessment's exact scores once, as fraction strings, recomputed from its answers.

Before: the scores were floats rounded to 4 decimals in `scores` (a flat
{dimension: float}) and in `overall`, `d1`..`d8`. After: `scores` is
{"overall": "1195/28", "dimensions": {id: "75/2"}} (see maturity/figures.py)
and `overall`, `d1`..`d8` are sort keys derived from it (the nearest float).

The exact scores are recomputed with the scoring core from the stored answers.
Where that is impossible (a framework version no longer shipped, answers the
core refuses) the stored 4-decimal figures are kept as they are, as fractions,
so nothing is lost. Every peer key gets a reset entry in the peer log, so a
server that read the old sort keys re-reads them. Reversible: back to floats
rounded to 4 decimals.
"""

import uuid
from fractions import Fraction

from django.db import migrations, models
from django.db.models import Q

from dipps.maturity.frameworks import FrameworkError, load_framework
from dipps.maturity.scoring import answer_problems, score

COLUMNS = tuple(f"d{i}" for i in range(1, 9))
FIELDS = ["scores", "band", "overall", *COLUMNS]
BATCH = 2000


def _framework(framework_id, version, cache):
    key = (framework_id, version)
    if key not in cache:
        try:
            cache[key] = load_framework(framework_id, version)
        except FrameworkError:
            cache[key] = None
    return cache[key]


def _exact(assessment, framework):
    """(overall, dimensions, band) exactly from the answers, else from the stored figures."""
    answers = assessment.answers
    if framework is not None and isinstance(answers, dict):
        if not answer_problems(framework, answers):
            result = score(framework, answers, validated=True)
            return result.overall, result.dimensions, result.band
    if assessment.overall is None:
        return None
    old = assessment.scores if isinstance(assessment.scores, dict) else {}
    dimensions = {
        key: Fraction(str(value)) for key, value in old.items() if isinstance(value, int | float)
    }
    return Fraction(str(assessment.overall)), dimensions, assessment.band


def forward(apps, schema_editor):
    Assessment = apps.get_model("maturity", "Assessment")
    frameworks: dict = {}
    keys = set()
    batch = []
    rows = Assessment.objects.filter(Q(status="submitted") | Q(overall__isnull=False))
    for a in rows.order_by("pk").iterator(chunk_size=BATCH):
        if isinstance(a.scores, dict) and isinstance(a.scores.get("overall"), str):
            continue  # already exact
        framework = _framework(a.framework, a.framework_version, frameworks)
        exact = _exact(a, framework)
        if exact is None:
            continue
        overall, dimensions, band = exact
        a.scores = {"overall": str(overall), "dimensions": {k: str(v) for k, v in dimensions.items()}}
        a.band = band
        a.overall = float(overall)
        if framework is not None:
            values = [
                float(dimensions[d.id]) if d.id in dimensions else None
                for d in framework.dimensions
            ]
            values += [None] * (len(COLUMNS) - len(values))
            for name, value in zip(COLUMNS, values):
                setattr(a, name, value)
        batch.append(a)
        keys.add((a.framework, a.framework_version, a.stage))
        if len(batch) >= BATCH:
            Assessment.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        Assessment.objects.bulk_update(batch, FIELDS)
    _reset_peers(apps, keys)


def _reset_peers(apps, keys):
    PeerGeneration = apps.get_model("maturity", "PeerGeneration")
    PeerChange = apps.get_model("maturity", "PeerChange")
    for framework, version, stage in sorted(keys):
        key = {"framework": framework, "framework_version": version, "stage": stage}
        token = uuid.uuid4().hex
        PeerGeneration.objects.update_or_create(**key, defaults={"token": token})
        PeerChange.objects.create(**key, token=token, reset=True)


def backward(apps, schema_editor):
    Assessment = apps.get_model("maturity", "Assessment")
    keys = set()
    batch = []
    for a in Assessment.objects.filter(overall__isnull=False).order_by("pk").iterator(chunk_size=BATCH):
        stored = a.scores
        if not isinstance(stored, dict) or not isinstance(stored.get("overall"), str):
            continue
        a.overall = round(float(Fraction(stored["overall"])), 4)
        a.scores = {
            k: round(float(Fraction(v)), 4) for k, v in stored.get("dimensions", {}).items()
        }
        for name in COLUMNS:
            value = getattr(a, name)
            setattr(a, name, None if value is None else round(value, 4))
        batch.append(a)
        keys.add((a.framework, a.framework_version, a.stage))
        if len(batch) >= BATCH:
            Assessment.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        Assessment.objects.bulk_update(batch, FIELDS)
    _reset_peers(apps, keys)


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0002_peer_change_log"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="scores",
            field=models.JSONField(blank=True, default=dict, verbose_name="exact scores"),
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
