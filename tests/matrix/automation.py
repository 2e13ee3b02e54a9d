from decimal import Decimal

from django.urls import reverse

from . import Case, expect

FIRM_READERS = expect(company=200)  # staff, and a representative for their own company
WRITERS = expect(finance=403)  # programme manager and coach
READERS = expect(observer=200)  # the pipeline: aggregates, never a representative


def _study(world, company, key):
    from dipps.automation import services

    study = services.prestudy_save(
        company=company,
        programme=world.programme,
        values={
            "title": "Palletering",
            "status": "prestudy",
            "hourly_labour_cost": Decimal(420),
            "years": 7,
            "discount_rate_percent": Decimal(6),
        },
        by=None,
    )
    world.extra[key] = study
    return study


def _step(world, study):
    from dipps.automation import services

    return services.step_save(
        prestudy=study,
        values={"name": "Palletering", "solution": "cobot", "hours_saved_per_year": Decimal(800)},
        quotes=[services.QuoteInput("Robotbolaget AB", Decimal(900000), Decimal(20000), True)],
        by=None,
    )


def _setup(world):
    from dipps.scenarios import services as scenarios
    from tests.factories import approve_cases

    if "study" in world.extra:
        return
    approve_cases(world.programme)
    world.extra["step"] = _step(world, _study(world, world.company, "study"))
    world.extra["other_step"] = _step(world, _study(world, world.other_company, "other_study"))
    figures = {"revenue_sek": Decimal(10_000_000), "labour": Decimal(4_000_000)}
    scenarios.cost_structure_save(company=world.company, year=2024, figures=figures, by=None)


def _fresh_step(world):
    _setup(world)
    world.extra["step"] = _step(world, world.extra["study"])


def _url(name, key):
    return lambda w: reverse(f"automation:{name}", args=[w.extra[key].pk])


CASES = [
    Case(
        "automation:company",
        lambda w: reverse("automation:company", args=[w.company.pk]),
        FIRM_READERS,
    ),
    Case(
        "automation:company",
        lambda w: reverse("automation:company", args=[w.other_company.pk]),
        expect(company=404),
        label="other company",
    ),
    Case(
        "automation:create",
        lambda w: reverse("automation:create", args=[w.company.pk]),
        WRITERS,
    ),
    Case(
        "automation:create",
        lambda w: reverse("automation:create", args=[w.company.pk]),
        # Nothing filled in: the form comes back with its errors.
        expect(finance=403),
        method="post",
        label="empty form",
    ),
    Case("automation:prestudy", _url("prestudy", "study"), FIRM_READERS, setup=_setup),
    Case(
        "automation:prestudy",
        _url("prestudy", "other_study"),
        expect(company=404),
        setup=_setup,
        label="other company",
    ),
    Case("automation:edit", _url("edit", "study"), WRITERS, setup=_setup),
    Case("automation:step_add", _url("step_add", "study"), WRITERS, setup=_setup),
    Case("automation:prestudy_pdf", _url("prestudy_pdf", "study"), FIRM_READERS, setup=_setup),
    Case(
        "automation:prestudy_pdf",
        _url("prestudy_pdf", "other_study"),
        expect(company=404),
        setup=_setup,
        label="other company",
    ),
    Case("automation:step_edit", _url("step_edit", "step"), WRITERS, setup=_setup),
    Case(
        "automation:step_edit",
        _url("step_edit", "other_step"),
        expect(finance=403),
        setup=_setup,
        label="other company",
    ),
    Case(
        "automation:step_delete",
        _url("step_delete", "step"),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_fresh_step,
        fresh=True,
    ),
    Case(
        "automation:step_to_scenario",
        _url("step_to_scenario", "step"),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_setup,
    ),
    Case(
        "automation:pipeline",
        lambda w: reverse("automation:pipeline", args=[w.programme.code]),
        READERS,
        setup=_setup,
    ),
    Case(
        "automation:pipeline_export",
        lambda w: reverse("automation:pipeline_export", args=[w.programme.code, "csv"]),
        READERS,
        setup=_setup,
    ),
    Case(
        "automation:pipeline_export",
        lambda w: reverse("automation:pipeline_export", args=[w.programme.code, "xlsx"]),
        READERS,
        setup=_setup,
        label="xlsx",
    ),
]
