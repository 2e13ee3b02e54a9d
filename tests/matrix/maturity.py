from django.urls import reverse

from . import STAFF_ONLY, Case, expect

WRITERS_POST = expect(manager=302, coach=302, finance=403)
OWN_COMPANY = expect(company=200)
READERS = expect(observer=200)


def _world(w):
    """A submitted T0 and a draft T1 for the representative's company, a draft for the other."""
    from dipps.maturity import services
    from tests.maturity.builders import submitted

    if "submitted" in w.extra:
        return
    w.extra["submitted"] = submitted(w.company, w.programme, level=2)
    w.extra["draft"] = services.assessment_start(
        company=w.company, programme=w.programme, stage="t1"
    )
    w.extra["other_draft"] = services.assessment_start(
        company=w.other_company, programme=w.programme, stage="t0"
    )
    w.extra["token"] = services.link_create(assessment=w.extra["draft"])


def _url(name, key):
    return lambda w: reverse(name, args=[w.extra[key].pk])


CASES = [
    Case("maturity:index", lambda w: reverse("maturity:index"), READERS),
    Case(
        "maturity:company",
        lambda w: reverse("maturity:company", args=[w.company.pk]),
        OWN_COMPANY,
        setup=_world,
        label="own company",
    ),
    Case(
        "maturity:company",
        lambda w: reverse("maturity:company", args=[w.other_company.pk]),
        expect(company=404),
        setup=_world,
    ),
    Case(
        "maturity:report",
        lambda w: reverse("maturity:report", args=[w.company.pk]),
        OWN_COMPANY,
        setup=_world,
        label="own company",
    ),
    Case(
        "maturity:report",
        lambda w: reverse("maturity:report", args=[w.other_company.pk]),
        expect(company=404),
        setup=_world,
    ),
    Case(
        "maturity:start",
        lambda w: reverse("maturity:start", args=[w.other_company.pk]),
        WRITERS_POST,
        method="post",
        data=lambda w: {"programme": w.programme.pk, "stage": "t2", "framework": "dipps-dma-sme"},
    ),
    Case(
        "maturity:accept",
        lambda w: reverse("maturity:accept", args=[w.company.pk]),
        WRITERS_POST,
        method="post",
        data=lambda w: {"assessment": w.extra["submitted"].pk, "intervention": "energy_mapping"},
        setup=_world,
    ),
    Case("maturity:detail", _url("maturity:detail", "submitted"), OWN_COMPANY, setup=_world),
    Case(
        "maturity:detail",
        _url("maturity:detail", "other_draft"),
        expect(company=404),
        setup=_world,
        label="other company",
    ),
    Case(
        "maturity:answer",
        _url("maturity:answer", "draft"),
        expect(finance=403, company=200),
        setup=_world,
    ),
    Case(
        "maturity:answer",
        _url("maturity:answer", "other_draft"),
        expect(finance=403, company=404),
        setup=_world,
        label="other company",
    ),
    Case(
        "maturity:correct",
        _url("maturity:correct", "submitted"),
        WRITERS_POST,
        method="post",
        setup=_world,
    ),
    Case(
        "maturity:link",
        _url("maturity:link", "draft"),
        expect(finance=403),
        setup=_world,
    ),
    # The self-service link needs no account; a bad one reveals nothing, for everybody.
    Case(
        "maturity:self_service",
        lambda w: reverse("maturity:self_service", args=[w.extra["token"]]),
        expect(anonymous=200, company=200, observer=200),
        setup=_world,
    ),
    Case(
        "maturity:self_service",
        lambda w: reverse("maturity:self_service", args=["not-a-token"]),
        expect(anonymous=404, manager=404, coach=404, finance=404, company=404, observer=404),
        label="tampered",
    ),
    Case(
        "maturity:programme",
        lambda w: reverse("maturity:programme", args=[w.programme.code]),
        READERS,
        setup=_world,
    ),
    Case(
        "maturity:export",
        lambda w: reverse("maturity:export", args=[w.programme.code, "csv"]),
        STAFF_ONLY,
        setup=_world,
    ),
    Case(
        "maturity:export",
        lambda w: reverse("maturity:export", args=[w.programme.code, "xlsx"]) + "?pseudonymise=1",
        STAFF_ONLY,
        setup=_world,
        label="xlsx pseudonymised",
    ),
    Case(
        "maturity:export",
        lambda w: reverse("maturity:export", args=[w.programme.code, "pdf"]),
        expect(manager=404, coach=404, finance=404),
        label="unknown format",
    ),
]
