"""Monte Carlo for every firm of a programme at once (a background job).

Each firm's latest cost structure gets the same run a person starts on its Monte Carlo page
(`services.montecarlo_run`): the same input document, the same factor model, draws and
seed, so each stored run reproduces exactly and its page, PDF and `dipps scenario
montecarlo` agree. One seed for all firms means all are simulated on the same factor
draws: one set of simulated years for the whole programme (as `portfolio` does).

Every run is computed first, with progress, and all are saved in one transaction: a job
killed half-way saves none, and a retry computes them again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dipps.core.progress import ProgressFn, counted, report

from . import risk, runs
from .models import RunKind, ScenarioRun
from .selectors import programme_cost_structures


def programme_montecarlo(
    *,
    user,
    programme,
    factor_model: risk.FactorModel,
    draws: int,
    seed: int,
    progress: ProgressFn | None = None,
) -> dict:
    """A run for each firm of `programme` whose cost structures `user` may run; the job's
    result: how many runs were saved and how many firms were left out (input the
    simulation refuses, e.g. no revenue at all)."""
    problems = risk.validate_factor_model(factor_model)
    if problems:
        raise ValidationError(problems)
    structures = list(programme_cost_structures(user, programme))
    made: list[ScenarioRun] = []
    for cs in counted(structures, progress, _("Simulating the firms")):
        base = cs.to_core()
        measures = [m.to_core() for m in cs.measures.all()]
        text = runs.montecarlo_input(base, measures, factor_model)
        outcome = runs.jsonio.run_montecarlo(text, draws=draws, seed=seed)
        if outcome.problems:
            continue
        made.append(
            ScenarioRun(
                cost_structure=cs,
                kind=RunKind.MONTECARLO,
                input_json=text,
                draws=draws,
                seed=seed,
                illustrative=factor_model.illustrative,
                assumptions=factor_model.source[:255],
                result_json=outcome.output or "",
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
        )
    report(progress, len(structures), len(structures), _("Saving"))
    with transaction.atomic():
        saved = ScenarioRun.objects.bulk_create(made)
    return {
        "programme": programme.code,
        "runs": len(saved),
        "left_out": len(structures) - len(saved),
    }
