from decimal import Decimal

from django.urls import reverse

from . import Case, expect

READERS = expect(company=200)  # staff, and a representative for their own company
EDITORS = expect(finance=403)  # programme manager and coach


def _setup(world):
    from dipps.scenarios import services
    from dipps.scenarios.model import Shock
    from dipps.scenarios.models import PriceSeries

    if "cs" in world.extra:
        return
    figures = {"revenue_sek": Decimal(1000), "labour": Decimal(400)}
    for key, company in (("cs", world.company), ("other_cs", world.other_company)):
        cs = services.cost_structure_save(company=company, year=2024, figures=figures, by=None)
        world.extra[key] = cs
        world.extra[f"{key}_run"] = services.stress_run(
            cost_structure=cs, shocks={"wages": Shock({"wage": "0.04"})}, by=None
        )
    world.extra["measure"] = services.measure_add(
        cost_structure=world.extra["cs"],
        data={"type": "energy_efficiency", "name": "LED", "kwh_reduction": Decimal("0.1")},
        by=None,
    )
    for key, cs_key in (("kept_measure", "cs"), ("other_measure", "other_cs")):
        world.extra[key] = services.measure_add(
            cost_structure=world.extra[cs_key],
            data={"type": "material_efficiency", "name": "Spill", "materials_reduction": "0.05"},
            by=None,
        )
    world.extra["series"] = PriceSeries.objects.create(name="fx.EUR", factor="fx.EUR")


def _cs(w, key="cs"):
    return w.extra[key].pk


CASES = [
    Case("scenarios:index", lambda w: reverse("scenarios:index"), READERS),
    Case("scenarios:create", lambda w: reverse("scenarios:create"), EDITORS),
    Case("scenarios:sie_fill", lambda w: reverse("scenarios:sie_fill"), EDITORS),
    Case(
        "scenarios:sie_confirm",
        lambda w: reverse("scenarios:sie_confirm"),
        # Nothing filled in: the form comes back with its errors.
        expect(manager=400, coach=400, finance=403),
        method="post",
    ),
    Case(
        "scenarios:detail",
        lambda w: reverse("scenarios:detail", args=[_cs(w)]),
        READERS,
        setup=_setup,
        label="own company",
    ),
    Case(
        "scenarios:detail",
        lambda w: reverse("scenarios:detail", args=[_cs(w, "other_cs")]),
        expect(company=404),
        setup=_setup,
    ),
    Case(
        "scenarios:edit", lambda w: reverse("scenarios:edit", args=[_cs(w)]), EDITORS, setup=_setup
    ),
    Case(
        "scenarios:measure_add",
        lambda w: reverse("scenarios:measure_add", args=[_cs(w)]),
        expect(manager=400, coach=400, finance=403),
        method="post",
        setup=_setup,
    ),
    Case(
        "scenarios:measure_edit",
        lambda w: reverse("scenarios:measure_edit", args=[_cs(w), w.extra["kept_measure"].pk]),
        EDITORS,
        setup=_setup,
    ),
    Case(
        "scenarios:measure_edit",
        lambda w: reverse(
            "scenarios:measure_edit", args=[_cs(w, "other_cs"), w.extra["other_measure"].pk]
        ),
        EDITORS,
        setup=_setup,
        label="other company",
    ),
    Case(
        "scenarios:measure_edit",
        # A measure of another cost structure under this one's address: not found.
        lambda w: reverse("scenarios:measure_edit", args=[_cs(w), w.extra["other_measure"].pk]),
        expect(company=403, manager=404, coach=404, finance=403),
        setup=_setup,
        label="mismatched cost structure",
    ),
    Case(
        "scenarios:measure_delete",
        lambda w: reverse("scenarios:measure_delete", args=[_cs(w), w.extra["measure"].pk]),
        # The manager removes it; for the coach, who comes next, it is gone.
        expect(manager=302, coach=404, finance=403),
        method="post",
        setup=_setup,
    ),
    Case(
        "scenarios:stress",
        lambda w: reverse("scenarios:stress", args=[_cs(w)]),
        EDITORS,
        setup=_setup,
    ),
    Case(
        "scenarios:stress",
        lambda w: reverse("scenarios:stress", args=[_cs(w, "other_cs")]),
        EDITORS,
        setup=_setup,
        label="other company",
    ),
    Case(
        "scenarios:montecarlo",
        lambda w: reverse("scenarios:montecarlo", args=[_cs(w)]),
        EDITORS,
        setup=_setup,
    ),
    Case(
        "scenarios:run",
        lambda w: reverse("scenarios:run", args=[w.extra["cs_run"].pk]),
        READERS,
        setup=_setup,
        label="own company",
    ),
    Case(
        "scenarios:run",
        lambda w: reverse("scenarios:run", args=[w.extra["other_cs_run"].pk]),
        expect(company=404),
        setup=_setup,
    ),
    Case(
        "scenarios:run_pdf",
        lambda w: reverse("scenarios:run_pdf", args=[w.extra["cs_run"].pk]),
        READERS,
        setup=_setup,
    ),
    Case(
        "scenarios:run_pdf",
        lambda w: reverse("scenarios:run_pdf", args=[w.extra["other_cs_run"].pk]),
        expect(company=404),
        setup=_setup,
        label="other company",
    ),
    Case(
        "scenarios:run_export",
        lambda w: reverse("scenarios:run_export", args=[w.extra["cs_run"].pk, "csv"]),
        READERS,
        setup=_setup,
    ),
    Case(
        "scenarios:run_export",
        lambda w: reverse("scenarios:run_export", args=[w.extra["other_cs_run"].pk, "xlsx"]),
        expect(company=404),
        setup=_setup,
        label="other company",
    ),
    Case("scenarios:programme", lambda w: reverse("scenarios:programme"), expect(observer=200)),
    Case(
        "scenarios:programme_export",
        lambda w: reverse("scenarios:programme_export", args=["csv"]),
        expect(observer=200),
    ),
    Case("scenarios:series", lambda w: reverse("scenarios:series"), EDITORS),
    Case(
        "scenarios:series_confirm",
        lambda w: reverse("scenarios:series_confirm"),
        # Nothing stashed: back to the upload page.
        expect(manager=302, coach=302, finance=403),
        method="post",
    ),
    Case(
        "scenarios:series_factor",
        lambda w: reverse("scenarios:series_factor", args=[w.extra["series"].pk]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_setup,
    ),
]
