from decimal import Decimal

from django.urls import reverse

from . import Case, expect

FIRM_READERS = expect(company=200)  # staff, and a representative for their own company
WRITERS = expect(finance=403)  # programme manager and coach
# Pages that offer only the firms where the user writes: coach_rep (coach in OTHER) and the
# outsider (manager of SIMMITT) get them for their own programme's firms, none of DIPPS'
# (tests/scenarios/test_mixed_roles.py).
WRITERS_ANYWHERE = expect(finance=403, coach_rep=200, outsider=200)
# A firm of OTHER: refused to the world's users; coach_rep coaches there, observer_finance
# is its finance officer (reads, does not edit).
OTHER_FIRM_READERS = expect(
    manager=404, coach=404, finance=404, company=404, observer_finance=200, coach_rep=200
)
OTHER_FIRM_WRITERS = expect(
    manager=404, coach=404, finance=403, company=403, observer_finance=403, coach_rep=200
)


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


def _fresh_measure(world):
    """A new measure of the firm's cost structure in world.extra["measure"]."""
    from dipps.scenarios import services

    _setup(world)
    world.extra["measure"] = services.measure_add(
        cost_structure=world.extra["cs"],
        data={"type": "energy_efficiency", "name": "LED", "kwh_reduction": Decimal("0.1")},
        by=None,
    )


def _other_programme(w):
    """A cost structure and a run of a firm of OTHER (see `add_mixed_users`)."""
    from dipps.programmes.models import Programme
    from dipps.scenarios import services
    from dipps.scenarios.model import Shock
    from tests.factories import ORGNRS, make_company

    firm = make_company(
        "Ånge Plåt AB", orgnr=ORGNRS[1], programme=Programme.objects.get(code="OTHER")
    )
    figures = {"revenue_sek": Decimal(1000), "labour": Decimal(400)}
    cs = services.cost_structure_save(company=firm, year=2024, figures=figures, by=None)
    w.extra["other_programme_cs"] = cs
    w.extra["other_programme_run"] = services.stress_run(
        cost_structure=cs, shocks={"wages": Shock({"wage": "0.04"})}, by=None
    )


def _new_cost_structure(w):
    """A complete form for the world's other company, a new year each time it is asked."""
    from dipps.scenarios.services import COST_FIELDS

    w.extra["posted"] = w.extra.get("posted", 0) + 1
    data = {name: "0" for name in COST_FIELDS}
    return {
        **data,
        "company": w.other_company.pk,
        "year": 2000 + w.extra["posted"],
        "revenue_sek": "1000",
    }


def _cs(w, key="cs"):
    return w.extra[key].pk


CASES = [
    # An index of the cost structures of the user's firms: observer_finance and the
    # outsider see their own programme's firms (none of DIPPS: test_mixed_roles.py).
    Case(
        "scenarios:index",
        lambda w: reverse("scenarios:index"),
        expect(company=200, observer_finance=200, outsider=200),
    ),
    Case("scenarios:create", lambda w: reverse("scenarios:create"), WRITERS_ANYWHERE),
    # A DIPPS firm, posted by a user who writes only elsewhere: not among the choices.
    Case(
        "scenarios:create",
        lambda w: reverse("scenarios:create"),
        expect(manager=302, coach=302, finance=403, coach_rep=200, outsider=200),
        method="post",
        data=_new_cost_structure,
        label="firm of this programme",
    ),
    Case("scenarios:sie_fill", lambda w: reverse("scenarios:sie_fill"), WRITERS_ANYWHERE),
    Case(
        "scenarios:sie_confirm",
        lambda w: reverse("scenarios:sie_confirm"),
        # Nothing filled in: the form comes back with its errors.
        expect(manager=400, coach=400, finance=403, coach_rep=400, outsider=400),
        method="post",
    ),
    Case(
        "scenarios:sie_confirm",
        lambda w: reverse("scenarios:sie_confirm"),
        expect(manager=302, coach=302, finance=403, coach_rep=400, outsider=400),
        method="post",
        data=_new_cost_structure,
        label="firm of this programme",
    ),
    Case(
        "scenarios:detail",
        lambda w: reverse("scenarios:detail", args=[_cs(w)]),
        FIRM_READERS,
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
        "scenarios:detail",
        lambda w: reverse("scenarios:detail", args=[_cs(w, "other_programme_cs")]),
        OTHER_FIRM_READERS,
        setup=_other_programme,
        label="firm of another programme",
    ),
    Case(
        "scenarios:edit", lambda w: reverse("scenarios:edit", args=[_cs(w)]), WRITERS, setup=_setup
    ),
    Case(
        "scenarios:edit",
        lambda w: reverse("scenarios:edit", args=[_cs(w, "other_programme_cs")]),
        OTHER_FIRM_WRITERS,
        setup=_other_programme,
        label="firm of another programme",
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
        WRITERS,
        setup=_setup,
    ),
    Case(
        "scenarios:measure_edit",
        lambda w: reverse(
            "scenarios:measure_edit", args=[_cs(w, "other_cs"), w.extra["other_measure"].pk]
        ),
        WRITERS,
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
        # Each user removes a measure of their own: the coach's right is tested, not hidden
        # behind a 404 for the measure the manager removed before.
        expect(manager=302, coach=302, finance=403),
        method="post",
        setup=_fresh_measure,
        fresh=True,
    ),
    Case(
        "scenarios:stress",
        lambda w: reverse("scenarios:stress", args=[_cs(w)]),
        WRITERS,
        setup=_setup,
    ),
    Case(
        "scenarios:stress",
        lambda w: reverse("scenarios:stress", args=[_cs(w, "other_cs")]),
        WRITERS,
        setup=_setup,
        label="other company",
    ),
    Case(
        "scenarios:stress",
        lambda w: reverse("scenarios:stress", args=[_cs(w, "other_programme_cs")]),
        OTHER_FIRM_WRITERS,
        setup=_other_programme,
        label="firm of another programme",
    ),
    Case(
        "scenarios:montecarlo",
        lambda w: reverse("scenarios:montecarlo", args=[_cs(w)]),
        WRITERS,
        setup=_setup,
    ),
    Case(
        "scenarios:run",
        lambda w: reverse("scenarios:run", args=[w.extra["cs_run"].pk]),
        FIRM_READERS,
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
        "scenarios:run",
        lambda w: reverse("scenarios:run", args=[w.extra["other_programme_run"].pk]),
        OTHER_FIRM_READERS,
        setup=_other_programme,
        label="firm of another programme",
    ),
    Case(
        "scenarios:run_pdf",
        lambda w: reverse("scenarios:run_pdf", args=[w.extra["cs_run"].pk]),
        FIRM_READERS,
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
        FIRM_READERS,
        setup=_setup,
    ),
    Case(
        "scenarios:run_export",
        lambda w: reverse("scenarios:run_export", args=[w.extra["other_cs_run"].pk, "xlsx"]),
        expect(company=404),
        setup=_setup,
        label="other company",
    ),
    # Without a code the page shows the user's first programme: coach_rep's is OTHER,
    # the outsider's SIMMITT. Asked for DIPPS, the role held in DIPPS decides.
    Case(
        "scenarios:programme",
        lambda w: reverse("scenarios:programme"),
        expect(observer=200, coach_rep=200, outsider=200),
        label="first programme",
    ),
    Case(
        "scenarios:programme",
        lambda w: reverse("scenarios:programme") + f"?programme={w.programme.code}",
        expect(observer=200),
    ),
    Case(
        "scenarios:programme_export",
        lambda w: reverse("scenarios:programme_export", args=["csv"]),
        expect(observer=200, coach_rep=200, outsider=200),
        label="first programme",
    ),
    Case(
        "scenarios:programme_export",
        lambda w: (
            reverse("scenarios:programme_export", args=["xlsx"]) + f"?programme={w.programme.code}"
        ),
        expect(observer=200),
    ),
    # Market prices are shared by every programme: a programme manager or coach of any
    # programme keeps them (coach_rep coaches OTHER, the outsider manages SIMMITT).
    Case(
        "scenarios:series",
        lambda w: reverse("scenarios:series"),
        WRITERS_ANYWHERE,
    ),
    Case(
        "scenarios:series_confirm",
        lambda w: reverse("scenarios:series_confirm"),
        # Nothing stashed: back to the upload page.
        expect(manager=302, coach=302, finance=403, coach_rep=302, outsider=302),
        method="post",
    ),
    Case(
        "scenarios:series_factor",
        lambda w: reverse("scenarios:series_factor", args=[w.extra["series"].pk]),
        expect(manager=302, coach=302, finance=403, coach_rep=302, outsider=302),
        method="post",
        setup=_setup,
    ),
]

# Monte Carlo for every firm of the programme: a background job, started by its programme
# manager and coaches (each firm's run is a write, as on the firm's own page).
CASES += [
    Case(
        "scenarios:programme_montecarlo",
        lambda w: reverse("scenarios:programme_montecarlo", args=[w.programme.code]),
        expect(manager=302, coach=302, finance=403),
        method="post",
        data=lambda w: {"draws": 1000, "seed": 1},
    ),
]
