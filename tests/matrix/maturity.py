from django.urls import reverse

from . import STAFF_ONLY, Case, expect, job_results

WRITERS_POST = expect(manager=302, coach=302, finance=403)
OWN_COMPANY = expect(company=200)
READERS = expect(observer=200)
# Another programme's object: refused to the world's staff; open to observer_finance
# (finance officer there) and coach_rep (coach there) by the role held THERE.
OTHER_PROGRAMME = expect(
    manager=404,
    coach=404,
    finance=404,
    company=404,
    observer_finance=200,
    coach_rep=200,
)


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


def _other_programme(w):
    """OTHER (see `add_mixed_users`): a firm of its own with a draft, and a draft T0 of
    the world's company there, which its representative sees as their firm's."""
    from dipps.maturity import services
    from dipps.programmes.models import Programme
    from tests.factories import ORGNRS, make_company

    other = Programme.objects.get(code="OTHER")
    w.extra["other_firm"] = make_company("Ånge Plåt AB", orgnr=ORGNRS[1], programme=other)
    w.extra["other_firm_draft"] = services.assessment_start(
        company=w.extra["other_firm"], programme=other, stage="t0"
    )
    w.extra["company_in_other"] = services.assessment_start(
        company=w.company, programme=other, stage="t0"
    )


def _url(name, key):
    return lambda w: reverse(name, args=[w.extra[key].pk])


CASES = [
    # An index: the outsider and coach_rep see the programmes where they hold a role
    # (SIMMITT, OTHER) and that programme's latest assessments, none of the world's.
    Case(
        "maturity:index",
        lambda w: reverse("maturity:index"),
        expect(observer=200, outsider=200, coach_rep=200),
    ),
    Case(
        "maturity:company",
        lambda w: reverse("maturity:company", args=[w.company.pk]),
        OWN_COMPANY,
        setup=_world,
        label="own company",
    ),
    # coach_rep represents world.company here and coaches in OTHER: neither counts
    # for other_company, a firm of DIPPS only.
    Case(
        "maturity:company",
        lambda w: reverse("maturity:company", args=[w.other_company.pk]),
        expect(company=404),
        setup=_world,
    ),
    Case(
        "maturity:company",
        lambda w: reverse("maturity:company", args=[w.extra["other_firm"].pk]),
        expect(
            manager=404, coach=404, finance=404, company=404, coach_rep=200, observer_finance=200
        ),
        setup=_other_programme,
        label="firm of another programme",
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
        "maturity:detail",
        _url("maturity:detail", "other_firm_draft"),
        OTHER_PROGRAMME,
        setup=_other_programme,
        label="another programme",
    ),
    # The world's company assessed in OTHER: its representative sees it as their firm's;
    # the world's staff do not (their roles are in DIPPS, the assessment is OTHER's).
    Case(
        "maturity:detail",
        _url("maturity:detail", "company_in_other"),
        expect(manager=404, coach=404, finance=404, company=200, observer_finance=200),
        setup=_other_programme,
        label="own company in another programme",
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
    # A finance officer in OTHER does not answer there: refused, not 404.
    Case(
        "maturity:answer",
        _url("maturity:answer", "other_firm_draft"),
        expect(
            manager=404, coach=404, finance=403, company=404, observer_finance=403, coach_rep=200
        ),
        setup=_other_programme,
        label="another programme",
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
    Case(
        "maturity:link",
        _url("maturity:link", "other_firm_draft"),
        expect(manager=404, coach=404, finance=403, company=403, coach_rep=200),
        setup=_other_programme,
        label="another programme",
    ),
    # The self-service link needs no account (the token is the key, whoever holds it);
    # a bad one reveals nothing, for everybody.
    Case(
        "maturity:self_service",
        lambda w: reverse("maturity:self_service", args=[w.extra["token"]]),
        expect(anonymous=200, company=200, observer=200, outsider=200),
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
    # observer_finance is finance officer in OTHER only: the names stay closed here.
    Case(
        "maturity:export",
        lambda w: reverse("maturity:export", args=[w.programme.code, "csv"]),
        STAFF_ONLY,
        setup=_world,
    ),
    Case(
        "maturity:export",
        lambda w: reverse("maturity:export", args=["OTHER", "csv"]),
        expect(
            manager=404, coach=404, finance=404, company=403, observer_finance=200, coach_rep=200
        ),
        setup=_other_programme,
        label="another programme",
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

# All firms' reports as one ZIP file: started by the programme's staff, downloaded by
# whoever started it (tests/matrix/job_results.py).
CASES += [
    Case(
        "maturity:reports_start",
        lambda w: reverse("maturity:reports_start", args=[w.programme.code]),
        job_results.STAFF_POST,
        method="post",
    ),
    Case(
        "maturity:reports_download",
        job_results.download("maturity:reports_download", "maturity.reports_zip"),
        job_results.OWNER_ONLY,
        setup=job_results.finished_job("maturity.reports_zip"),
    ),
    Case(
        "maturity:reports_download",
        lambda w: reverse("maturity:reports_download", args=[w.programme.code, 999999]),
        expect(manager=404, coach=404, finance=404),
        label="no such job",
    ),
]
